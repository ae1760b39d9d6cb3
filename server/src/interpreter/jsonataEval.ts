/**
 * JSONata evaluation as Step Functions runs it: jsonata 2.0.6 with `$states` and the execution's
 * variables bound, AWS's added functions (`$partition`, `$range`, `$hash`, `$random`, `$uuid`,
 * `$parse`), and every failure reported as `States.QueryEvaluationError`.
 */
import jsonata from 'jsonata';
import type { Json, JsonObject, RandomSource } from './types';
import { QUERY_EVALUATION } from './errors';
import { INTRINSICS, seeded, uuid } from './intrinsics';
import { typeName } from './json';

/** A failure while evaluating a field; the engine adds the state's name to the cause. */
export class FieldError extends Error {
  constructor(
    readonly error: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** `{% expr %}` → `expr`; undefined for a string that is not a JSONata expression. */
export function expressionOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('{%') || !value.endsWith('%}') || value.length < 4) return undefined;
  return value.slice(2, -2).trim();
}

export interface JsonataScope {
  /** `$states`: input, result, errorOutput, context. */
  states: JsonObject;
  variables: Readonly<JsonObject>;
  random: RandomSource;
  /** The execution clock, for `$now()` and `$millis()`. */
  now(): number;
}

const compiled = new Map<string, jsonata.Expression>();

function compile(expression: string, field: string): jsonata.Expression {
  let expr = compiled.get(expression);
  if (!expr) {
    try {
      expr = jsonata(expression);
    } catch (error) {
      throw new FieldError(QUERY_EVALUATION, `The JSONata expression '${expression}' specified for the field '${field}' is not valid: ${jsonataMessage(error)}`);
    }
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(expression, expr);
  }
  return expr;
}

function jsonataMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { code?: string; message?: string; position?: number; token?: string };
    const message = e.message ?? String(error);
    return e.code ? `${message} (${e.code}${e.position !== undefined ? ` at position ${e.position}` : ''})` : message;
  }
  return String(error);
}

function awsFunctions(scope: JsonataScope): Record<string, unknown> {
  const intrinsicEnv = { random: scope.random, resolvePath: () => null };
  const call = (name: string, args: Json[]) => {
    try {
      return INTRINSICS[name](args, intrinsicEnv);
    } catch (error) {
      throw { code: 'D3050', message: (error as Error).message.replace(/^States\.IntrinsicFailure: /, '') };
    }
  };
  return {
    partition: (array: Json, size: Json) => call('States.ArrayPartition', [toPlain(array), size]),
    // AWS's `$range` returns a JSONata sequence, so a one-element range is unwrapped to its element.
    range: (start: Json, end: Json, step: Json) => Object.assign(call('States.ArrayRange', [start, end, step]) as Json[], { sequence: true }),
    hash: (value: Json, algorithm: Json) => call('States.Hash', [value, algorithm]),
    random: (seed?: Json) => (typeof seed === 'number' ? seeded(seed) : scope.random).next(),
    uuid: () => uuid(scope.random),
    parse: (text: Json) => {
      if (typeof text !== 'string') throw { code: 'D3050', message: `$parse expects a string but got ${typeName(text)}` };
      try {
        return JSON.parse(text);
      } catch (error) {
        throw { code: 'D3050', message: `$parse: ${(error as Error).message}` };
      }
    },
    now: () => new Date(scope.now()).toISOString(),
    millis: () => scope.now(),
  };
}

/** A JSONata result as plain JSON: sequences become arrays; functions are rejected by the caller. */
function toPlain(value: unknown): Json {
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const item of value) {
      const plain = toPlain(item);
      if (plain !== undefined) out.push(plain);
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      const plain = toPlain(item);
      if (plain !== undefined) out[key] = plain;
    }
    return out;
  }
  return value as Json;
}

function containsFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object') return false;
  if ((value as { _jsonata_lambda?: boolean })._jsonata_lambda || (value as { _jsonata_function?: boolean })._jsonata_function) return true;
  if (Array.isArray(value)) return value.some(containsFunction);
  return Object.values(value).some(containsFunction);
}

/**
 * Evaluates one expression. `field` names the field in messages (e.g. `Output/result`).
 * A result of `undefined` is returned as is; callers decide whether that is an error.
 */
export async function evaluateJsonata(expression: string, field: string, scope: JsonataScope): Promise<Json | undefined> {
  const expr = compile(expression, field);
  const bindings: Record<string, unknown> = { ...scope.variables, ...awsFunctions(scope), states: scope.states };
  let result: unknown;
  try {
    result = await expr.evaluate(undefined, bindings);
  } catch (error) {
    throw new FieldError(QUERY_EVALUATION, `The JSONata expression '${expression}' specified for the field '${field}' threw an error during evaluation. ${jsonataMessage(error)}`);
  }
  if (result === undefined) return undefined;
  if (containsFunction(result)) {
    throw new FieldError(QUERY_EVALUATION, `The JSONata expression '${expression}' specified for the field '${field}' returned an unsupported result type.`);
  }
  if (typeof result === 'number' && !Number.isFinite(result)) {
    throw new FieldError(QUERY_EVALUATION, `The JSONata expression '${expression}' specified for the field '${field}' returned a number that is not finite: ${result}`);
  }
  return toPlain(result);
}

/**
 * Evaluates a JSONata-mode template: `{% %}` strings anywhere inside objects and arrays are replaced by
 * their values; everything else is literal. An expression that returns nothing is an error.
 */
export async function evaluateTemplate(template: Json, field: string, scope: JsonataScope): Promise<Json> {
  const expression = expressionOf(template);
  if (expression !== undefined) {
    const value = await evaluateJsonata(expression, field, scope);
    if (value === undefined) {
      throw new FieldError(QUERY_EVALUATION, `The JSONata expression '${expression}' specified for the field '${field}' returned nothing (undefined).`);
    }
    return value;
  }
  if (Array.isArray(template)) {
    if (!template.some(hasExpression)) return template;
    const out: Json[] = [];
    for (let i = 0; i < template.length; i++) out.push(await evaluateTemplate(template[i], `${field}[${i}]`, scope));
    return out;
  }
  if (template !== null && typeof template === 'object') {
    if (!hasExpression(template)) return template;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(template)) out[key] = await evaluateTemplate(value, `${field}/${key}`, scope);
    return out;
  }
  return template;
}

const expressionCache = new WeakMap<object, boolean>();

/** Whether a template holds any `{% %}` string (cached per template object). */
export function hasExpression(template: Json): boolean {
  if (typeof template === 'string') return expressionOf(template) !== undefined;
  if (template === null || typeof template !== 'object') return false;
  let known = expressionCache.get(template);
  if (known === undefined) {
    known = Array.isArray(template) ? template.some(hasExpression) : Object.values(template).some(hasExpression);
    expressionCache.set(template, known);
  }
  return known;
}
