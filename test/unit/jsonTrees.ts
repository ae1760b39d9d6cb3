/** Comparing JSON trees in tests: the first difference, with where it is. */
import type { Node as JsonNode } from 'jsonc-parser';

/** The first difference between two trees, or undefined when they are the same. */
export function treeDifference(expected: JsonNode, actual: JsonNode, where = '$'): string | undefined {
  const keys = (node: JsonNode) => Object.keys(node).sort().join(',');
  if (keys(expected) !== keys(actual)) return `${where}: fields ${keys(actual)}, expected ${keys(expected)}`;
  for (const key of Object.keys(expected) as (keyof JsonNode)[]) {
    if (key === 'parent' || key === 'children') continue;
    if (!Object.is(expected[key], actual[key])) return `${where}: ${key} ${String(actual[key])}, expected ${String(expected[key])}`;
  }
  const expectedChildren = expected.children ?? [];
  const actualChildren = actual.children ?? [];
  if (expectedChildren.length !== actualChildren.length) return `${where}: ${actualChildren.length} children, expected ${expectedChildren.length}`;
  for (let i = 0; i < expectedChildren.length; i++) {
    if (actualChildren[i].parent !== actual) return `${where}/${i}: parent is not its container`;
    const difference = treeDifference(expectedChildren[i], actualChildren[i], `${where}/${i}`);
    if (difference) return difference;
  }
  return undefined;
}
