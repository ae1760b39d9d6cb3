/**
 * `invalid-resource`: a `Resource` (of a Task state, a Map's `ItemReader` or `ResultWriter`) that is
 * not an ARN. AWS accepts `arn:<partition>:<service>:<region>:<account>:<resource>`, e.g.
 * `arn:aws:states:::lambda:invoke` (region and account empty for service integrations),
 * `arn:aws:lambda:us-east-1:123456789012:function:Name[:alias]` or
 * `arn:aws:states:us-east-1:123456789012:activity:Name`, in every partition (`aws`, `aws-cn`,
 * `aws-us-gov`, ...). A string with a `${...}` substitution is left alone: it becomes an ARN on
 * deployment.
 */
import { getPropertyValue } from '../../../asl/jsonNode';
import { spanOf, type Rule } from '../../rule';
import { schemaObjectsOf } from './stateObjects';
import { hasSubstitution } from './substitutions';

const ARN = /^arn:(aws(?:-[a-z]+)*):([a-z0-9-]+):([a-z0-9-]*):([0-9]*):(.+)$/;
/** `function:<name>` with an optional version or alias; names and aliases use `[A-Za-z0-9_-]`. */
const LAMBDA_FUNCTION = /^function:[A-Za-z0-9_-]{1,64}(?::(\$LATEST|[A-Za-z0-9_-]+))?$/;
/** A `${` whose closing brace never comes. */
const UNCLOSED_SUBSTITUTION = /\$\{[^}]*$/;

export const invalidResourceRule: Rule = {
  name: 'invalid-resource',
  codes: ['invalid-resource'],
  checkState(state, { doc, report }) {
    for (const object of schemaObjectsOf(doc, state)) {
      if (!object.schema.properties?.Resource) continue;
      const node = getPropertyValue(object.node, 'Resource');
      if (node?.type !== 'string') continue;
      const problem = resourceProblem(node.value as string);
      if (problem) report('invalid-resource', { ...spanOf(node), ...problem });
    }
  },
};

function resourceProblem(resource: string): { message: string; data: Record<string, unknown> } | undefined {
  if (UNCLOSED_SUBSTITUTION.test(resource)) {
    const fixed = `${resource}}`;
    return {
      message: `\`${resource}\` has a \`\${\` substitution that is never closed; did you mean \`${fixed}\`?`,
      data: { resource, suggestions: [fixed] },
    };
  }
  if (hasSubstitution(resource)) return undefined;
  const arn = ARN.exec(resource);
  if (!arn) {
    return {
      message: `\`${resource}\` is not an ARN: a \`Resource\` has the form \`arn:<partition>:<service>:<region>:<account>:<resource>\`, e.g. \`arn:aws:states:::lambda:invoke\`.`,
      data: { resource },
    };
  }
  const [, , service, , , rest] = arn;
  if (service === 'lambda' && rest.startsWith('function:') && !LAMBDA_FUNCTION.test(rest)) {
    return {
      message: `\`${resource}\` is not a valid Lambda function ARN: it ends in \`function:<name>\`, optionally followed by \`:$LATEST\`, a version number or an alias (letters, digits, \`-\` and \`_\`).`,
      data: { resource },
    };
  }
  return undefined;
}
