/**
 * The objects of a state that the ASL schema describes: the state itself and the configuration
 * objects inside it (`Retry` and `Catch` entries, `ItemBatcher`, `ItemReader` and its `ReaderConfig`,
 * `Credentials`, `ProcessorConfig`, ...), each with its object schema. The states of nested scopes
 * are not included: they are states of their own.
 */
import { properties } from '../../../asl/jsonNode';
import type { JsonNode, State } from '../../../asl/model';
import { resolveSchema, stateSchema, type JsonSchema } from '../../../asl/schema';

export interface SchemaObject {
  node: JsonNode;
  /** The object schema, `$ref` resolved. */
  schema: JsonSchema;
  /** The name of the field holding the object (the state's name for the state itself). */
  name: string;
}

export function* stateObjects(state: State): Generator<SchemaObject> {
  const schema = stateSchema(state.type);
  if (!schema || state.node.type !== 'object') return;
  yield* objectsFrom({ node: state.node, schema, name: state.name });
}

function* objectsFrom(object: SchemaObject): Generator<SchemaObject> {
  yield object;
  for (const [key, value] of properties(object.node)) {
    const field = object.schema.properties?.[key];
    if (!field || !value) continue;
    const schema = resolveSchema(field);
    if (isObjectSchema(schema) && value.type === 'object') {
      yield* objectsFrom({ node: value, schema, name: key });
    } else if (schema.items && value.type === 'array') {
      const items = resolveSchema(schema.items);
      if (!isObjectSchema(items)) continue;
      for (const item of value.children ?? []) {
        if (item.type === 'object') yield* objectsFrom({ node: item, schema: items, name: key });
      }
    }
  }
}

/** An object schema with named fields (not `States`, whose fields are state names). */
function isObjectSchema(schema: JsonSchema): boolean {
  return schema.type === 'object' && schema.properties !== undefined;
}
