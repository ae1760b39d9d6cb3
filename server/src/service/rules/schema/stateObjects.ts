/**
 * The objects of a document's states that the ASL schema describes: each state itself and the
 * configuration objects inside it (`Retry` and `Catch` entries, `ItemBatcher`, `ItemReader` and its
 * `ReaderConfig`, `Credentials`, `ProcessorConfig`, ...), each with its object schema. The states of
 * nested scopes are states of their own, not objects of their parent.
 *
 * Several rules read this list; it is built once per document.
 */
import type { AslDocument, JsonNode, State } from '../../../asl/model';
import { resolveSchema, stateSchema, type JsonSchema } from '../../../asl/schema';
import { isIntrinsicFunction } from './substitutions';

export interface SchemaObject {
  node: JsonNode;
  /** The object schema, `$ref` resolved. */
  schema: JsonSchema;
  /** The state the object belongs to. */
  state: State;
}

const objectsByDocument = new WeakMap<AslDocument, readonly SchemaObject[]>();

export function schemaObjects(doc: AslDocument): readonly SchemaObject[] {
  let objects = objectsByDocument.get(doc);
  if (!objects) {
    const list: SchemaObject[] = [];
    for (const state of doc.states) {
      const schema = stateSchema(state.type);
      if (schema && state.node.type === 'object') collect(state.node, schema, state, list);
    }
    objects = list;
    objectsByDocument.set(doc, objects);
  }
  return objects;
}

function collect(node: JsonNode, schema: JsonSchema, state: State, out: SchemaObject[]): void {
  out.push({ node, schema, state });
  for (const property of node.children ?? []) {
    const key = property.children?.[0]?.value as string | undefined;
    const value = property.children?.[1];
    const field = key === undefined ? undefined : schema.properties?.[key];
    // What CloudFormation computes is not ASL until then.
    if (!field || !value || isIntrinsicFunction(value)) continue;
    const fieldSchema = resolveSchema(field);
    if (value.type === 'object' && isObjectSchema(fieldSchema)) {
      collect(value, fieldSchema, state, out);
    } else if (value.type === 'array' && fieldSchema.items) {
      const items = resolveSchema(fieldSchema.items);
      if (!isObjectSchema(items)) continue;
      for (const item of value.children ?? []) {
        if (item.type === 'object') collect(item, items, state, out);
      }
    }
  }
}

/** An object schema with named fields (not `States`, whose fields are state names). */
function isObjectSchema(schema: JsonSchema): boolean {
  return schema.type === 'object' && schema.properties !== undefined;
}
