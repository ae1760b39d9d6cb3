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
import {
  ASL_SCHEMA,
  JSONATA_PATTERN,
  STATE_SCHEMA,
  isJsonataExpression,
  resolveSchema,
  type JsonSchema,
} from '../../../asl/schema';
import { spanOf, type Problem, type Rule } from '../../rule';
import type { RuleCode } from '../../ruleCodes';
import { closest, didYouMean } from '../../suggest';
import { NodeLocator, keySpan, nodeAnchor, type Location } from './locate';
import { actualValue, capitalize, expectedValue, orList, quoted } from './phrases';
import { schemaObjects, type SchemaObject } from './stateObjects';
import { hasSubstitution, isWholeSubstitution, withinIntrinsicFunction } from './substitutions';

// Compiled once, when the module loads: compiling is the expensive part, while validating even a
// definition of thousands of states then takes a few milliseconds. `verbose` gives each error its
// schema (for titles and descriptions) and its value (for the message).
const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
const validateAsl = ajv.compile(ASL_SCHEMA);

interface Finding {
  code: RuleCode;
  problem: Problem;
  /** Problems with the same place key are about the same thing: only the most specific is kept. */
  place: string;
  /** Lower is more specific. */
  rank: number;
}

export const schemaValidationRule: Rule = {
  name: 'schema-validation',
  codes: ['unknown-field', 'missing-field', 'invalid-type', 'invalid-value'],
  check({ doc, report }) {
    if (!doc.root) return;
    const findings = new Map<string, Finding>();
    const keep = (finding: Finding | undefined) => {
      if (!finding) return;
      const existing = findings.get(finding.place);
      if (!existing || finding.rank < existing.rank) findings.set(finding.place, finding);
    };

    if (!validateAsl(plainValue(doc))) {
      const context = new ErrorContext(doc.root, doc.states, doc.stateMachine?.queryLanguage ?? 'JSONPath');
      for (const error of validateAsl.errors ?? []) keep(translate(error, context));
    }
    for (const object of schemaObjects(doc)) {
      if (object.state.queryLanguage === 'JSONPath') jsonataInJsonPathObject(object, keep);
    }

    const sorted = [...findings.values()].sort((a, b) => a.problem.offset - b.problem.offset);
    for (const finding of sorted) report(finding.code, finding.problem);
  },
};

/**
 * The document as plain JavaScript values. The native `JSON.parse` is several times faster than
 * rebuilding the values from the tree, and agrees with it (the last of repeated keys wins) whenever
 * the text is valid JSON; half-typed text takes the tree's best effort.
 */
function plainValue(doc: AslDocument): unknown {
  if (doc.syntaxErrors.length === 0) {
    try {
      return JSON.parse(doc.text);
    } catch {
      // Text the tolerant parser accepted but `JSON.parse` does not, e.g. a byte order mark.
    }
  }
  return toValue(doc.root);
}

/** What translating an error needs beyond the error: the text's nodes and the states. */
class ErrorContext {
  readonly locator: NodeLocator;
  private statesByPointer?: Map<string, State>;

  constructor(
    root: JsonNode,
    private readonly states: readonly State[],
    private readonly documentLanguage: QueryLanguage,
  ) {
    this.locator = new NodeLocator(root);
  }

  /** The query language in force at a location: that of the innermost state around it. */
  queryLanguageAt(segments: readonly string[]): QueryLanguage {
    this.statesByPointer ??= new Map(this.states.map((state) => [pointerOf(state.path), state]));
    for (let length = segments.length; length > 0; length--) {
      const state = this.statesByPointer.get(pointerOf(segments.slice(0, length)));
      if (state) return state.queryLanguage;
    }
    return this.documentLanguage;
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
  const candidates = fieldsFor(schema, context.queryLanguageAt(location.segments)).filter((name) => !Object.hasOwn(object, name));
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
  const queryLanguage = context.queryLanguageAt(location.segments);
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
