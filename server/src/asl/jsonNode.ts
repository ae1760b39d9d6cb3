/** Small, allocation-free helpers over `jsonc-parser` nodes. */
import type { Node as JsonNode } from 'jsonc-parser';

/** The property node (`key: value`) of `key` in an object node, the last one when repeated (as JSON.parse does). */
export function getProperty(object: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!object || object.type !== 'object' || !object.children) return undefined;
  let found: JsonNode | undefined;
  for (const property of object.children) {
    const keyNode = property.children?.[0];
    if (keyNode && keyNode.value === key) found = property;
  }
  return found;
}

/** The value node of `key` in an object node. */
export function getPropertyValue(object: JsonNode | undefined, key: string): JsonNode | undefined {
  return getProperty(object, key)?.children?.[1];
}

/** The key node of a property node. */
export function keyOf(property: JsonNode): JsonNode {
  return property.children![0];
}

/** The value node of a property node (undefined while the user is still typing `"key": `). */
export function valueOf(property: JsonNode): JsonNode | undefined {
  return property.children?.[1];
}

export function stringValue(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

/**
 * The properties of an object node, as [key, value node, property node]. (A list rather than a
 * generator: rules go through the properties of every state on every validation.)
 */
export function properties(object: JsonNode | undefined): [string, JsonNode | undefined, JsonNode][] {
  const found: [string, JsonNode | undefined, JsonNode][] = [];
  if (!object || object.type !== 'object' || !object.children) return found;
  for (const property of object.children) {
    const keyNode = property.children?.[0];
    if (!keyNode) continue;
    found.push([keyNode.value as string, property.children?.[1], property]);
  }
  return found;
}

/** The plain JavaScript value of a node (the last value wins for repeated keys, as JSON.parse does). */
export function toValue(node: JsonNode | undefined): unknown {
  if (!node) return undefined;
  switch (node.type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const keyNode = property.children?.[0];
        if (!keyNode) continue;
        result[keyNode.value as string] = toValue(property.children?.[1]);
      }
      return result;
    }
    case 'array':
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}

/** Follows location segments from `node`. */
export function findNode(node: JsonNode | undefined, path: readonly (string | number)[]): JsonNode | undefined {
  let current = node;
  for (const segment of path) {
    if (!current) return undefined;
    if (typeof segment === 'number') {
      current = current.type === 'array' ? current.children?.[segment] : undefined;
    } else {
      current = getPropertyValue(current, segment);
    }
  }
  return current;
}
