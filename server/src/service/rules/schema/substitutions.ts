/**
 * Values that deployment tools replace before AWS sees the definition: `${...}` substitutions
 * (CloudFormation `DefinitionSubstitutions`, SAM, CDK, Terraform templates) inside strings, and
 * CloudFormation intrinsic functions (`{"Ref": ...}`, `{"Fn::GetAtt": [...]}`) in place of a value.
 * Wherever the replaced value could be valid, such a value is never an error.
 */
import type { JsonNode } from '../../../asl/model';

/** A string holding at least one complete `${...}` substitution. */
export function hasSubstitution(value: string): boolean {
  return /\$\{[^}]*\}/.test(value);
}

/** A string that is exactly one substitution: it may become a value of any JSON type. */
export function isWholeSubstitution(value: string): boolean {
  return /^\$\{[^}]*\}$/.test(value);
}

const INTRINSIC_FUNCTION = /^(Ref|Condition|Fn::[A-Za-z0-9]+)$/;

/** An object with a single field `Ref` or `Fn::<name>`: CloudFormation computes its value. */
export function isIntrinsicFunction(node: JsonNode): boolean {
  if (node.type !== 'object' || node.children?.length !== 1) return false;
  const key = node.children[0].children?.[0]?.value;
  return typeof key === 'string' && INTRINSIC_FUNCTION.test(key);
}

/** Whether the node is, or is inside, a CloudFormation intrinsic function. */
export function withinIntrinsicFunction(node: JsonNode | undefined): boolean {
  for (let current = node; current; current = current.parent) {
    if (isIntrinsicFunction(current)) return true;
  }
  return false;
}
