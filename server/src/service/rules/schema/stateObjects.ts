/**
 * The objects of a document's states that the ASL schema describes: each state itself and the
 * configuration objects inside it (`Retry` and `Catch` entries, `ItemBatcher`, `ItemReader` and its
 * `ReaderConfig`, `Credentials`, `ProcessorConfig`, ...), each with its object schema. The states of
 * nested scopes are states of their own, not objects of their parent.
 *
 * Several rules read these objects; they are found once per state and document.
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

/** By document, then state: versions of a document may share their states (see `updateAsl`). */
const objectsByDocument = new WeakMap<AslDocument, WeakMap<State, readonly SchemaObject[]>>();

/** The objects of one state, in document order (the state first). */
export function schemaObjectsOf(doc: AslDocument, state: State): readonly SchemaObject[] {
  let byState = objectsByDocument.get(doc);
  if (!byState) objectsByDocument.set(doc, (byState = new WeakMap()));
  let objects = byState.get(state);
  if (!objects) {
    const found: SchemaObject[] = [];
    const schema = stateSchema(state.type);
    if (schema && state.node.type === 'object') collect(state.node, schema, state, found);
    byState.set(state, (objects = found));
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
