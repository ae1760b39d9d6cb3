/**
 * JSONPath evaluation as Step Functions does it (Jayway JsonPath semantics): definite paths select one
 * value or fail, indefinite paths (wildcards, slices, unions, filters, deep scans) select an array,
 * empty when nothing matches. Reference paths (`ResultPath`) write through a copy of the path.
 */
import type { Json, JsonObject } from './types';
import { isObject } from './json';

export type PathRoot = { kind: 'input' } | { kind: 'context' } | { kind: 'variable'; name: string };

export type FilterOperand = { kind: 'path'; segments: Segment[] } | { kind: 'literal'; value: Json };
export type FilterExpr =
  | { kind: 'exists'; operand: FilterOperand }
  | { kind: 'compare'; op: '==' | '!=' | '<' | '<=' | '>' | '>='; left: FilterOperand; right: FilterOperand }
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr };

export type Segment =
  | { kind: 'property'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'slice'; start?: number; end?: number; step?: number }
  | { kind: 'union'; members: (string | number)[] }
  | { kind: 'descendant'; name?: string }
  | { kind: 'filter'; test: FilterExpr };

export interface CompiledPath {
  text: string;
  root: PathRoot;
  segments: Segment[];
  /** Selects at most one value (no wildcard, slice, union, filter or deep scan). */
  definite: boolean;
}

/** Returned by `selectPath` when a definite path selects nothing. */
export const MISSING: unique symbol = Symbol('missing');
export type Selected = Json | typeof MISSING;

export function isDefinite(segments: readonly Segment[]): boolean {
  return segments.every((s) => s.kind === 'property' || s.kind === 'index');
}

/** The value a path selects from `root`: one value, an array of matches, or MISSING. */
export function selectPath(path: CompiledPath, root: Json): Selected {
  return path.definite ? selectDefinite(path.segments, root) : selectAll(path.segments, root);
}

export function selectDefinite(segments: readonly Segment[], root: Json): Selected {
  let current: Json = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === 'property') {
      if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, segment.name)) return MISSING;
      current = current[segment.name];
    } else if (segment.kind === 'index') {
      if (!Array.isArray(current)) return MISSING;
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      if (index < 0 || index >= current.length) return MISSING;
      current = current[index];
    } else {
      return MISSING;
    }
  }
  return current;
}

function selectAll(segments: readonly Segment[], root: Json): Json[] {
  let current: Json[] = [root];
  for (const segment of segments) {
    const next: Json[] = [];
    for (const value of current) step(segment, value, next);
    current = next;
  }
  return current;
}

function step(segment: Segment, value: Json, out: Json[]): void {
  switch (segment.kind) {
    case 'property':
      if (isObject(value) && Object.prototype.hasOwnProperty.call(value, segment.name)) out.push(value[segment.name]);
      return;
    case 'index':
      if (Array.isArray(value)) {
        const index = segment.index < 0 ? value.length + segment.index : segment.index;
        if (index >= 0 && index < value.length) out.push(value[index]);
      }
      return;
    case 'wildcard':
      if (Array.isArray(value)) out.push(...value);
      else if (isObject(value)) out.push(...Object.values(value));
      return;
    case 'slice':
      if (Array.isArray(value)) sliceInto(value, segment, out);
      return;
    case 'union':
      for (const member of segment.members) {
        step(typeof member === 'number' ? { kind: 'index', index: member } : { kind: 'property', name: member }, value, out);
      }
      return;
    case 'descendant':
      descend(value, segment.name, out);
      return;
    case 'filter':
      if (Array.isArray(value)) {
        for (const item of value) if (testFilter(segment.test, item)) out.push(item);
      } else if (isObject(value)) {
        for (const item of Object.values(value)) if (testFilter(segment.test, item)) out.push(item);
      }
      return;
  }
}

function sliceInto(array: Json[], slice: { start?: number; end?: number; step?: number }, out: Json[]): void {
  const length = array.length;
  const stepBy = slice.step ?? 1;
  if (stepBy <= 0) return;
  const clamp = (n: number) => (n < 0 ? Math.max(0, length + n) : Math.min(n, length));
  const start = slice.start === undefined ? 0 : clamp(slice.start);
  const end = slice.end === undefined ? length : clamp(slice.end);
  for (let i = start; i < end; i += stepBy) out.push(array[i]);
}

function descend(value: Json, name: string | undefined, out: Json[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (name === undefined) out.push(item);
      descend(item, name, out);
    }
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (name === undefined || key === name) out.push(item);
      descend(item, name, out);
    }
  }
}

function operandValue(operand: FilterOperand, item: Json): Selected {
  return operand.kind === 'literal' ? operand.value : selectDefinite(operand.segments, item);
}

function testFilter(expr: FilterExpr, item: Json): boolean {
  switch (expr.kind) {
    case 'exists':
      return operandValue(expr.operand, item) !== MISSING;
    case 'and':
      return testFilter(expr.left, item) && testFilter(expr.right, item);
    case 'or':
      return testFilter(expr.left, item) || testFilter(expr.right, item);
    case 'not':
      return !testFilter(expr.expr, item);
    case 'compare': {
      const left = operandValue(expr.left, item);
      const right = operandValue(expr.right, item);
      if (left === MISSING || right === MISSING) return false;
      if (expr.op === '==') return JSON.stringify(left) === JSON.stringify(right);
      if (expr.op === '!=') return JSON.stringify(left) !== JSON.stringify(right);
      if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string')) return false;
      const l = left as number | string;
      const r = right as number | string;
      return expr.op === '<' ? l < r : expr.op === '<=' ? l <= r : expr.op === '>' ? l > r : l >= r;
    }
  }
}

/** Jayway's bracket notation of a path prefix, e.g. `$['a'][0]`, as AWS prints it in messages. */
export function bracketNotation(segments: readonly Segment[], count = segments.length): string {
  let text = '$';
  for (let i = 0; i < count; i++) {
    const segment = segments[i];
    if (segment.kind === 'property') text += `['${segment.name}']`;
    else if (segment.kind === 'index') text += `[${segment.index}]`;
    else text += '[*]';
  }
  return text;
}

/**
 * Why a definite path selected nothing, worded as Jayway (and so AWS) words it: a missing leaf is
 * "No results for path", a missing step on the way is "Missing property in path".
 */
export function describeMissing(segments: readonly Segment[], root: Json): string {
  let current: Json = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const leaf = i === segments.length - 1;
    let next: Json | undefined;
    if (segment.kind === 'property') {
      if (!isObject(current)) {
        return `Expected to find an object with property ['${segment.name}'] in path ${bracketNotation(segments, i)} but found '${javaTypeName(current)}'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.`;
      }
      next = Object.prototype.hasOwnProperty.call(current, segment.name) ? current[segment.name] : undefined;
    } else if (segment.kind === 'index') {
      if (!Array.isArray(current)) {
        return `Filter: [${segment.index}] can only be applied to arrays. Current context is: ${JSON.stringify(current)}`;
      }
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      next = index >= 0 && index < current.length ? current[index] : undefined;
    }
    if (next === undefined) {
      return leaf
        ? `No results for path: ${bracketNotation(segments, i + 1)}`
        : `Missing property in path ${bracketNotation(segments, i + 1)}`;
    }
    current = next;
  }
  return `No results for path: ${bracketNotation(segments)}`;
}

function javaTypeName(value: Json): string {
  switch (typeof value) {
    case 'string':
      return 'java.lang.String';
    case 'number':
      return Number.isInteger(value) ? 'java.lang.Integer' : 'java.lang.Double';
    case 'boolean':
      return 'java.lang.Boolean';
    default:
      return Array.isArray(value) ? 'java.util.ArrayList' : 'null';
  }
}

export class ResultPathError extends Error {}

/**
 * `value` placed at a reference path inside `target`, copying only the objects on the path; missing
 * objects on the way are created, as AWS does. Throws ResultPathError when the path runs into a
 * value that is not an object (or an array, for an index).
 */
export function setPath(target: Json, segments: readonly Segment[], value: Json, depth = 0): Json {
  if (depth === segments.length) return value;
  const segment = segments[depth];
  if (segment.kind === 'property') {
    const base: JsonObject = isObject(target) ? target : target === undefined ? {} : fail();
    const copy: JsonObject = { ...base };
    copy[segment.name] = setPath(base[segment.name], segments, value, depth + 1);
    return copy;
  }
  if (segment.kind === 'index' && Array.isArray(target)) {
    const index = segment.index < 0 ? target.length + segment.index : segment.index;
    if (index < 0 || index >= target.length) fail();
    const copy = target.slice();
    copy[index] = setPath(target[index], segments, value, depth + 1);
    return copy;
  }
  return fail();
}

function fail(): never {
  throw new ResultPathError();
}
