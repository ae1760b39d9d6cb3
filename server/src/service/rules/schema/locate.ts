/**
 * From the JSON pointers a schema validator reports (`/States/Wait/Seconds`) back to the nodes of the
 * text. Lookups are memoised per object, so mapping many problems in a document with thousands of
 * states stays linear instead of rescanning the `States` object for each problem.
 */
import type { JsonNode } from '../../../asl/model';
import type { TextSpan } from '../../../asl/model';

/** Where a pointer leads: the value node, and the property node when the value is an object field. */
export interface Location {
  value: JsonNode;
  /** The `key: value` property node, for an object field. */
  property?: JsonNode;
  /** The pointer's segments. */
  segments: string[];
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export class NodeLocator {
  private readonly propertiesByObject = new Map<JsonNode, Map<string, JsonNode>>();

  /** Pointers lead from `root`, which is at `rootSegments` in the document, the value of `rootProperty` if any. */
  constructor(
    private readonly root: JsonNode,
    private readonly rootSegments: readonly string[] = [],
    private readonly rootProperty?: JsonNode,
  ) {}

  /** The node a pointer leads to, with the segments of its location in the document. */
  locate(pointer: string): Location | undefined {
    const relative = pointerSegments(pointer);
    let value: JsonNode | undefined = this.root;
    let property = this.rootProperty;
    for (const segment of relative) {
      if (value.type === 'object') {
        property = this.propertiesOf(value).get(segment);
        value = property?.children?.[1];
      } else if (value.type === 'array') {
        property = undefined;
        value = value.children?.[Number(segment)];
      } else {
        value = undefined;
      }
      if (!value) return undefined;
    }
    return { value, property, segments: [...this.rootSegments, ...relative] };
  }

  /** The property node of `key` in an object node (the last one, for a repeated key). */
  property(object: JsonNode, key: string): JsonNode | undefined {
    return object.type === 'object' ? this.propertiesOf(object).get(key) : undefined;
  }

  private propertiesOf(object: JsonNode): Map<string, JsonNode> {
    let properties = this.propertiesByObject.get(object);
    if (!properties) {
      properties = new Map();
      for (const property of object.children ?? []) {
        const key = property.children?.[0];
        if (key?.type === 'string') properties.set(key.value as string, property);
      }
      this.propertiesByObject.set(object, properties);
    }
    return properties;
  }
}

/** The key node of a property node. */
export function keySpan(property: JsonNode): TextSpan {
  const key = property.children![0];
  return { offset: key.offset, length: key.length };
}

/**
 * Where to point at an object as a whole: the key that names it (a state's name, `ItemProcessor`),
 * or, for the document root and array items, its opening brace.
 */
export function nodeAnchor(node: JsonNode): TextSpan {
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  if (key && key !== node) return { offset: key.offset, length: key.length };
  return { offset: node.offset, length: 1 };
}
