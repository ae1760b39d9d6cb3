/**
 * The ASL JSON schema (`schemas/asl.schema.json`) and what the editor features read from it: the
 * fields of each kind of ASL object with their descriptions, the query language a field belongs to,
 * deprecated fields and groups of fields that exclude each other. The schema is the one place these
 * facts live; this module only looks them up.
 */
import schemaJson from '../../../schemas/asl.schema.json';
import type { QueryLanguage, StateType } from './model';

/** The subset of JSON Schema draft-07 the ASL schema uses, plus its `x-` annotations. */
export interface JsonSchema {
  $id?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  definitions?: Record<string, JsonSchema>;
  /** The only query language whose states accept this field. */
  'x-query-language'?: QueryLanguage;
  /** The field that replaces this deprecated one. */
  'x-replaced-by'?: string;
  /** Groups of fields of which at most one may appear in the object. */
  'x-mutually-exclusive'?: string[][];
  /** Groups of fields of which exactly one must appear in the object. */
  'x-one-required'?: string[][];
}

export const ASL_SCHEMA: JsonSchema = schemaJson as JsonSchema;

const DEFINITIONS = ASL_SCHEMA.definitions!;

/** The kinds of ASL objects, each described by one object schema. */
export type AslObjectKind =
  | 'StateMachine'
  | StateType
  | 'Branch'
  | 'ItemProcessor'
  | 'Iterator'
  | 'ProcessorConfig'
  | 'ItemReader'
  | 'ReaderConfig'
  | 'ItemBatcher'
  | 'ResultWriter'
  | 'Credentials'
  | 'Retrier'
  | 'Catcher';

const OBJECT_SCHEMAS: Record<AslObjectKind, JsonSchema> = {
  StateMachine: ASL_SCHEMA,
  Task: DEFINITIONS.TaskState,
  Pass: DEFINITIONS.PassState,
  Choice: DEFINITIONS.ChoiceState,
  Wait: DEFINITIONS.WaitState,
  Succeed: DEFINITIONS.SucceedState,
  Fail: DEFINITIONS.FailState,
  Parallel: DEFINITIONS.ParallelState,
  Map: DEFINITIONS.MapState,
  Branch: DEFINITIONS.Branch,
  ItemProcessor: DEFINITIONS.ItemProcessor,
  Iterator: DEFINITIONS.Iterator,
  ProcessorConfig: DEFINITIONS.ProcessorConfig,
  ItemReader: DEFINITIONS.ItemReader,
  ReaderConfig: DEFINITIONS.ReaderConfig,
  ItemBatcher: DEFINITIONS.ItemBatcher,
  ResultWriter: DEFINITIONS.ResultWriter,
  Credentials: DEFINITIONS.Credentials,
  Retrier: DEFINITIONS.Retrier,
  Catcher: DEFINITIONS.Catcher,
};

/** The schema of the `State` dispatcher (any state, whatever its type). */
export const STATE_SCHEMA: JsonSchema = DEFINITIONS.State;
/** The schema of a state's `Type`. */
export const STATE_TYPE_SCHEMA: JsonSchema = DEFINITIONS.Type;

/** The pattern a string must match to be a JSONata expression (`{% ... %}`). */
export const JSONATA_PATTERN: string = DEFINITIONS.JSONataExpression.pattern!;
const JSONATA_EXPRESSION = new RegExp(JSONATA_PATTERN);

export function isJsonataExpression(value: unknown): value is string {
  return typeof value === 'string' && JSONATA_EXPRESSION.test(value);
}

/** The object schema of a kind of ASL object. */
export function objectSchema(kind: AslObjectKind): JsonSchema {
  return OBJECT_SCHEMAS[kind];
}

/** The object schema of a state type, or undefined for a string that is not one. */
export function stateSchema(type: string | undefined): JsonSchema | undefined {
  return type !== undefined && STATE_TYPE_SCHEMA.enum!.includes(type) ? OBJECT_SCHEMAS[type as StateType] : undefined;
}

/**
 * A schema with its local `$ref` followed: the referenced schema's keywords, overridden by the
 * referring schema's own (which is how a field refines a shared definition, e.g. its description).
 */
export function resolveSchema(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  let resolved = resolvedCache.get(schema);
  if (!resolved) {
    const { $ref: ref, ...own } = schema;
    resolved = { ...resolveSchema(definitionAt(ref!)), ...own };
    resolvedCache.set(schema, resolved);
  }
  return resolved;
}

const resolvedCache = new WeakMap<JsonSchema, JsonSchema>();

function definitionAt(ref: string): JsonSchema {
  const prefix = '#/definitions/';
  const definition = ref.startsWith(prefix) ? DEFINITIONS[ref.slice(prefix.length)] : undefined;
  if (!definition) throw new Error(`The ASL schema has no definition ${ref}`);
  return definition;
}

export interface FieldInfo {
  name: string;
  /** Markdown. */
  description: string;
  required: boolean;
  /** Set when only states of this query language accept the field. */
  queryLanguage?: QueryLanguage;
  /** Set when the field is deprecated: the field that replaces it. */
  replacedBy?: string;
  /** The field's schema, `$ref` resolved. */
  schema: JsonSchema;
}

const fieldCache = new Map<AslObjectKind, readonly FieldInfo[]>();

/** The fields an ASL object of this kind may have, in schema order. */
export function fieldsOf(kind: AslObjectKind): readonly FieldInfo[] {
  let fields = fieldCache.get(kind);
  if (!fields) {
    const object = OBJECT_SCHEMAS[kind];
    const required = new Set(object.required ?? []);
    fields = Object.entries(object.properties ?? {}).map(([name, property]) => {
      const schema = resolveSchema(property);
      return {
        name,
        description: schema.description ?? '',
        required: required.has(name),
        queryLanguage: schema['x-query-language'],
        replacedBy: schema['x-replaced-by'],
        schema,
      };
    });
    fieldCache.set(kind, fields);
  }
  return fields;
}

/** One field of a kind of ASL object. */
export function fieldInfo(kind: AslObjectKind, name: string): FieldInfo | undefined {
  return fieldsOf(kind).find((field) => field.name === name);
}

/** The description of a state type, for hovers on `"Type": "..."`. */
export function stateTypeDescription(type: StateType): string {
  return OBJECT_SCHEMAS[type].description ?? '';
}
