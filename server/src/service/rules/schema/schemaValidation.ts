/**
 * `unknown-field`, `missing-field`, `invalid-type`, `invalid-value`: the definition checked against
 * the ASL JSON schema (`schemas/asl.schema.json`).
 *
 * The validator's errors are translated here, one by one, into messages about the ASL object at
 * hand ("A Task state requires `Resource`."); no validator wording reaches the user. The schema
 * picks a state's fields by its `Type` with `if`/`then`, so a state whose `Type` is missing or
 * wrong is only told about its `Type`, and the `if`/`then` plumbing itself is never reported.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { getPropertyValue, toValue } from '../../../asl/jsonNode';
import type { AslDocument, JsonNode, QueryLanguage, State } from '../../../asl/model';
import { isStrictJson } from '../../../asl/parse';
import {
  ASL_SCHEMA,
  JSONATA_PATTERN,
  STATE_SCHEMA,
  isJsonataExpression,
  resolveSchema,
  type JsonSchema,
} from '../../../asl/schema';
import { spanOf, type Problem, type Rule, type RuleContext } from '../../rule';
import { stateFacts } from '../../stateFacts';
import type { RuleCode } from '../../ruleCodes';
import { closest, didYouMean } from '../../suggest';
import { NodeLocator, keySpan, nodeAnchor, type Location } from './locate';
import { actualValue, capitalize, expectedValue, orList, quoted } from './phrases';
import { schemaObjectsOf, type SchemaObject } from './stateObjects';
import { hasSubstitution, isWholeSubstitution, withinIntrinsicFunction } from './substitutions';

// Compiled once, when the module loads: compiling is the expensive part, while validating even a
// definition of thousands of states then takes a few milliseconds. `verbose` gives each error its
// schema (for titles and descriptions) and its value (for the message).
const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
const validateAsl = ajv.compile(ASL_SCHEMA);
/** The state dispatcher of the same compiled schema: each state is validated on its own. */
const validateState = ajv.getSchema(`${ASL_SCHEMA.$id}#/definitions/State`)!;

interface Finding {
  code: RuleCode;
  problem: Problem;
  /** Problems with the same place key are about the same thing: only the most specific is kept. */
  place: string;
  /** Lower is more specific. */
  rank: number;
}

/**
 * The state machine's own fields are checked with the whole document; each state on its own,
 * without the states nested in it (their `States` objects are validated empty), which are states
 * of their own. The validator's errors in a state are the same as those a validation of the whole
 * document gives there: the schema of a state does not depend on where the state is.
 */
export const schemaValidationRule: Rule = {
  name: 'schema-validation',
  codes: ['unknown-field', 'missing-field', 'invalid-type', 'invalid-value'],
  textOrder: true,
  checkState(state, { doc, report }) {
    const findings = new Findings();
    const facts = stateFacts(doc, state);
    // A state that a JSON parser drops (an earlier one of the same name) is not what AWS validates.
    if (facts.kept && !validateState(stateValue(doc, state))) {
      const context = new ErrorContext(state.node, state.path.map(String), facts.queryLanguage, state.nameNode.parent);
      for (const error of validateState.errors ?? []) findings.keep(translate(error, context));
    }
    if (state.queryLanguage === 'JSONPath') {
      for (const object of schemaObjectsOf(doc, state)) jsonataInJsonPathObject(object, findings.keep);
    }
    findings.reportTo(report);
  },
  check({ doc, report }) {
    if (!doc.root) return;
    const findings = new Findings();
    if (!validateAsl(machineValue(doc, doc.root))) {
      const context = new ErrorContext(doc.root, [], doc.stateMachine?.queryLanguage ?? 'JSONPath');
      for (const error of validateAsl.errors ?? []) findings.keep(translate(error, context));
    }
    findings.reportTo(report);
  },
};

class Findings {
  private readonly byPlace = new Map<string, Finding>();

  readonly keep = (finding: Finding | undefined): void => {
    if (!finding) return;
    const existing = this.byPlace.get(finding.place);
    if (!existing || finding.rank < existing.rank) this.byPlace.set(finding.place, finding);
  };

  reportTo(report: RuleContext['report']): void {
    for (const finding of this.byPlace.values()) report(finding.code, finding.problem);
  }
}

/**
 * Whether the document's values are read as `JSON.parse` reads them. The native parser is several
 * times faster than rebuilding values from the tree, and agrees with it (the last of repeated keys
 * wins) whenever the text is valid JSON; half-typed text takes the tree's best effort.
 */
function readsAsJson(doc: AslDocument): boolean {
  let json = jsonDocuments.get(doc);
  if (json === undefined) {
    json = doc.syntaxErrors.length === 0 && (isStrictJson(doc) || parsesAsJson(doc.text));
    jsonDocuments.set(doc, json);
  }
  return json;
}

const jsonDocuments = new WeakMap<AslDocument, boolean>();

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    // Text the tolerant parser accepted but `JSON.parse` does not, e.g. a byte order mark.
    return false;
  }
}

function valueOfNode(doc: AslDocument, node: JsonNode): unknown {
  return readsAsJson(doc) ? JSON.parse(doc.text.slice(node.offset, node.offset + node.length)) : toValue(node);
}

/**
 * How many states of a document are read one by one before the whole document is read at once:
 * after an edit, only the states it changed are validated again, but a first validation reads
 * them all, and one `JSON.parse` of the whole text is faster than one per state.
 */
const STATES_READ_ONE_BY_ONE = 32;

const valuesByDocument = new WeakMap<AslDocument, { read: number; states?: Map<State, unknown> }>();

/** A state as plain values, with the `States` of the scopes nested in it empty. */
function stateValue(doc: AslDocument, state: State): unknown {
  let values = valuesByDocument.get(doc);
  if (!values) valuesByDocument.set(doc, (values = { read: 0 }));
  if (!values.states && ++values.read > STATES_READ_ONE_BY_ONE && readsAsJson(doc)) values.states = stateValues(doc);
  if (values.states) return values.states.get(state);
  const value = valueOfNode(doc, state.node);
  for (const scope of state.children) emptyStates(value, scope.path.slice(state.path.length));
  return value;
}

/** Every state a JSON parser keeps (see `StateFacts.kept`), from one parse of the whole text. */
function stateValues(doc: AslDocument): Map<State, unknown> {
  const root: unknown = JSON.parse(doc.text);
  const values = new Map<State, unknown>();
  for (const state of doc.states) values.set(state, valueAt(root, state.path));
  // Only now, since the states' values are the very objects of the document's value.
  for (const scope of doc.scopes) if (scope.owner) emptyStates(root, scope.path);
  return values;
}

/** Empties the `States` of the scope at `path` (from `value`), when it is an object. */
function emptyStates(value: unknown, path: readonly (string | number)[]): void {
  const scope = valueAt(value, path);
  if (isPlainObject(scope) && isPlainObject(scope.States)) scope.States = {};
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const segment of path) current = (current as Record<string | number, unknown> | undefined)?.[segment];
  return current;
}

/** The state machine's fields as plain values, with `States` empty when it is an object. */
function machineValue(doc: AslDocument, root: JsonNode): unknown {
  if (root.type !== 'object') return valueOfNode(doc, root);
  const json = readsAsJson(doc);
  const machine: Record<string, unknown> = {};
  for (const property of root.children ?? []) {
    const key = property.children?.[0]?.value as string | undefined;
    if (key === undefined) continue;
    const node = property.children?.[1];
    let value: unknown;
    if (key === 'States' && node?.type === 'object') value = {};
    else value = node && json ? valueOfNode(doc, node) : toValue(node);
    // As `JSON.parse` does, a key is an own property whatever its name (`__proto__` too).
    if (json) Object.defineProperty(machine, key, { value, writable: true, enumerable: true, configurable: true });
    else machine[key] = value;
  }
  return machine;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What translating an error needs beyond the error: the text's nodes and the query language there. */
class ErrorContext {
  readonly locator: NodeLocator;

  constructor(
    /** The value validated: a state, or the state machine. */
    node: JsonNode,
    /** The location of `node` in the document. */
    segments: readonly string[],
    /** The query language in force: the state's, or the state machine's for its own fields. */
    readonly queryLanguage: QueryLanguage,
    /** The property whose value `node` is (a state's `"Name": {...}`). */
    property?: JsonNode,
  ) {
    this.locator = new NodeLocator(node, segments, property);
  }
}

function pointerOf(path: readonly (string | number)[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function translate(error: ErrorObject, context: ErrorContext): Finding | undefined {
  const location = context.locator.locate(error.instancePath);
  // CloudFormation computes intrinsic functions: what they hold is not ASL.
  if (!location || withinIntrinsicFunction(location.value)) return undefined;
  const schema = error.parentSchema as JsonSchema;
  switch (error.keyword) {
    case 'required':
      return missingField(location, schema, (error.params as { missingProperty: string }).missingProperty);
    case 'additionalProperties':
      return unknownField(
        location,
        schema,
        (error.params as { additionalProperty: string }).additionalProperty,
        error.data as Record<string, unknown>,
        context,
      );
    case 'type':
      return invalidType(location, schema, error.data, context);
    case 'pattern':
      // Every pattern of the schema says "a string here must be a JSONata expression".
      return schema.pattern === JSONATA_PATTERN ? invalidType(location, schema, error.data, context) : undefined;
    case 'enum':
      return notAllowed(location, schema, error.data);
    case 'minimum':
    case 'maximum':
    case 'minItems':
      return outOfRange(location, schema, error.keyword, (error.params as { limit: number }).limit, error.data);
    default:
      // `if` only says that a `then` failed; the `then`'s own errors say what is wrong.
      return undefined;
  }
}

function missingField(location: Location, schema: JsonSchema, field: string): Finding {
  const owner = schema === STATE_SCHEMA ? `state \`${lastSegment(location)}\`` : schema.title ?? 'this object';
  return {
    code: 'missing-field',
    place: `required:${pointerOf(location.segments)}/${field}`,
    rank: 0,
    problem: {
      ...nodeAnchor(location.value),
      message: `${capitalize(owner)} requires \`${field}\`.`,
      data: { field },
    },
  };
}

function unknownField(
  location: Location,
  schema: JsonSchema,
  field: string,
  object: Record<string, unknown>,
  context: ErrorContext,
): Finding | undefined {
  const property = context.locator.property(location.value, field);
  if (!property) return undefined;
  const candidates = fieldsFor(schema, context.queryLanguage).filter((name) => !Object.hasOwn(object, name));
  const suggestions = closest(field, candidates);
  return {
    code: 'unknown-field',
    place: `additional:${pointerOf(location.segments)}/${field}`,
    rank: 0,
    problem: {
      ...keySpan(property),
      message: `\`${field}\` is not a field of ${schema.title ?? 'this object'}${didYouMean(suggestions) || '.'}`,
      data: { field, suggestions },
    },
  };
}

const fieldsByLanguage = new Map<JsonSchema, Record<QueryLanguage, string[]>>();

/** The fields of an object schema that states of a query language may use. */
function fieldsFor(schema: JsonSchema, queryLanguage: QueryLanguage): string[] {
  let fields = fieldsByLanguage.get(schema);
  if (!fields) {
    const usableIn = (language: QueryLanguage) =>
      Object.entries(schema.properties ?? {})
        .filter(([, fieldSchema]) => (resolveSchema(fieldSchema)['x-query-language'] ?? language) === language)
        .map(([name]) => name);
    fields = { JSONPath: usableIn('JSONPath'), JSONata: usableIn('JSONata') };
    fieldsByLanguage.set(schema, fields);
  }
  return fields[queryLanguage];
}

function invalidType(location: Location, schema: JsonSchema, value: unknown, context: ErrorContext): Finding | undefined {
  // A whole-string substitution may be replaced by a value of any type before deployment.
  if (typeof value === 'string' && isWholeSubstitution(value)) return undefined;
  const queryLanguage = context.queryLanguage;
  return {
    code: 'invalid-type',
    place: `value:${pointerOf(location.segments)}`,
    // The state dispatcher's own type error reads best ("State `X` must be an object").
    rank: schema === STATE_SCHEMA ? 0 : 1,
    problem: {
      ...spanOf(location.value),
      message: `${subjectOf(location)} must be ${expectedValue(schema, queryLanguage)}, not ${actualValue(value)}.`,
      data: { field: fieldName(location) },
    },
  };
}

function notAllowed(location: Location, schema: JsonSchema, value: unknown): Finding | undefined {
  if (typeof value !== 'string') return undefined; // The type error says it better.
  if (hasSubstitution(value)) return undefined;
  const allowed = (schema.enum ?? []).map(String);
  const suggestions = closest(value, allowed);
  const noun = schema.title ?? `valid \`${fieldName(location)}\``;
  const hint = suggestions.length > 0 ? didYouMean(suggestions) : `: use ${orList(quoted(allowed))}.`;
  return {
    code: 'invalid-value',
    place: `value:${pointerOf(location.segments)}`,
    rank: 2,
    problem: {
      ...spanOf(location.value),
      message: `\`${value}\` is not ${article(noun)} ${noun}${hint}`,
      data: { field: fieldName(location), value, suggestions, allowed },
    },
  };
}

function outOfRange(location: Location, schema: JsonSchema, keyword: string, limit: number, value: unknown): Finding {
  const integer = schema.type === 'integer' || (Array.isArray(schema.type) && schema.type.includes('integer'));
  let requirement: string;
  if (keyword === 'minItems') requirement = limit === 1 ? 'must not be empty' : `must have at least ${limit} items`;
  else if (keyword === 'maximum') requirement = `must be at most ${limit}`;
  else if (integer && limit === 1) requirement = 'must be a positive integer';
  else if (integer && limit === 0) requirement = 'must be a non-negative integer';
  else requirement = `must be at least ${limit}`;
  const actual = keyword === 'minItems' ? '' : `, not ${actualValue(value)}`;
  return {
    code: 'invalid-value',
    place: `value:${pointerOf(location.segments)}`,
    rank: 3,
    problem: {
      ...spanOf(location.value),
      message: `${subjectOf(location)} ${requirement}${actual}.`,
      data: { field: fieldName(location), limit },
    },
  };
}

/**
 * Numeric fields of JSONata states accept `{% ... %}`; in a JSONPath state such a string is just a
 * string where a number belongs, and AWS rejects the definition.
 */
function jsonataInJsonPathObject(object: SchemaObject, keep: (finding: Finding) => void): void {
  for (const [key, schema] of jsonataValuedFields(object.schema)) {
    const value = getPropertyValue(object.node, key);
    if (!value || !isJsonataExpression(value.value)) continue;
    keep({
      code: 'invalid-type',
      place: `value-in-jsonpath:${value.offset}`,
      rank: 1,
      problem: {
        ...spanOf(value),
        message: `\`${key}\` must be ${expectedValue(schema, 'JSONPath')}, not a string: JSONata expressions \`{% ... %}\` are only evaluated in JSONata states.`,
        data: { field: key },
      },
    });
  }
}

const jsonataValuedByObject = new Map<JsonSchema, [string, JsonSchema][]>();

/**
 * The fields of an object schema that both query languages have and that take a string only as a
 * JSONata expression. (Fields only JSONata states have are the `query-language-field` rule's concern.)
 */
function jsonataValuedFields(object: JsonSchema): [string, JsonSchema][] {
  let fields = jsonataValuedByObject.get(object);
  if (!fields) {
    fields = Object.entries(object.properties ?? {})
      .map(([name, field]): [string, JsonSchema] => [name, resolveSchema(field)])
      .filter(([, schema]) => schema.pattern === JSONATA_PATTERN && schema['x-query-language'] !== 'JSONata');
    jsonataValuedByObject.set(object, fields);
  }
  return fields;
}

function lastSegment(location: Location): string {
  return location.segments[location.segments.length - 1] ?? '';
}

/** The field a value belongs to: its key, or for an array item the array's key. */
function fieldName(location: Location): string {
  const segments = location.segments;
  const index = location.property || segments.length < 2 ? segments.length - 1 : segments.length - 2;
  return segments[index] ?? '';
}

/** "`TimeoutSeconds`", "State `Wait`", "Item 1 of `ErrorEquals`", "The state machine". */
function subjectOf(location: Location): string {
  const segments = location.segments;
  if (segments.length === 0) return 'The state machine';
  const last = segments[segments.length - 1];
  if (location.property) {
    return segments[segments.length - 2] === 'States' ? `State \`${last}\`` : `\`${last}\``;
  }
  return `Item ${Number(last) + 1} of \`${segments[segments.length - 2]}\``;
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}
