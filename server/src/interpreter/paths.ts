/**
 * JSONPath evaluation as Step Functions does it (Jayway JsonPath semantics), over the tree of the
 * shared parser (`asl/jsonpath.ts`): reference paths select one value or nothing; other paths
 * (wildcards, slices, unions, filters, scripts, deep scans) select an array, empty when nothing
 * matches; a trailing function (`.length()`) applies to what the rest selected. `ResultPath` writes
 * through a copy of the objects on its path.
 */
import type { Json, JsonObject } from './types';
import { deepEqual, isObject } from './json';
import {
  isReferencePath,
  parsePath,
  type FilterExpression,
  type FilterOperand,
  type JsonPath,
  type PathSegment,
  type ScriptExpression,
} from '../asl/jsonpath';

/** Returned when a reference path selects nothing. */
export const MISSING: unique symbol = Symbol('missing');
export type Selected = Json | typeof MISSING;

export class PathSyntaxError extends Error {}

/** The parsed path, or PathSyntaxError with the parser's message. */
export function compilePath(text: string): JsonPath {
  const parsed = parsePath(text);
  if (!parsed.path) throw new PathSyntaxError(`Invalid path '${text}': ${parsed.error?.message ?? 'not a path'}`);
  return parsed.path;
}

const referenceCache = new WeakMap<JsonPath, boolean>();

/** Selects at most one value: only `.name`, `['name']` and `[index]` steps. */
export function isDefinite(path: JsonPath): boolean {
  let known = referenceCache.get(path);
  if (known === undefined) {
    known = isReferencePath(path);
    referenceCache.set(path, known);
  }
  return known;
}

/** The value a path selects from `root`: one value, an array of matches, or MISSING. */
export function selectPath(path: JsonPath, root: Json): Selected {
  if (isDefinite(path)) return selectDefinite(path.segments, root);
  const segments = path.segments;
  const last = segments[segments.length - 1];
  if (last?.kind === 'function') {
    const prefix = segments.slice(0, -1);
    const selected = prefix.every((s) => !s.descendant && (s.kind === 'member' || s.kind === 'index')) ? selectDefinite(prefix, root) : selectAll(prefix, root, root);
    return selected === MISSING ? MISSING : applyFunction(last.name, selected);
  }
  return selectAll(segments, root, root);
}

export function selectDefinite(segments: readonly PathSegment[], root: Json): Selected {
  let current: Json = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === 'member') {
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

function selectAll(segments: readonly PathSegment[], value: Json, root: Json): Json[] {
  let current: Json[] = [value];
  for (const segment of segments) {
    const next: Json[] = [];
    for (const item of current) {
      if (segment.descendant) {
        for (const node of selfAndDescendants(item)) step(segment, node, next, root);
      } else {
        step(segment, item, next, root);
      }
    }
    current = next;
  }
  return current;
}

function selfAndDescendants(value: Json): Json[] {
  const out: Json[] = [];
  const visit = (node: Json) => {
    out.push(node);
    if (Array.isArray(node)) node.forEach(visit);
    else if (isObject(node)) Object.values(node).forEach(visit);
  };
  visit(value);
  return out;
}

function pushIndex(array: Json[], index: number, out: Json[]): void {
  const at = index < 0 ? array.length + index : index;
  if (at >= 0 && at < array.length) out.push(array[at]);
}

function step(segment: PathSegment, value: Json, out: Json[], root: Json): void {
  switch (segment.kind) {
    case 'member':
      if (isObject(value) && Object.prototype.hasOwnProperty.call(value, segment.name)) out.push(value[segment.name]);
      return;
    case 'index':
      if (Array.isArray(value)) pushIndex(value, segment.index, out);
      return;
    case 'wildcard':
      if (Array.isArray(value)) out.push(...value);
      else if (isObject(value)) out.push(...Object.values(value));
      return;
    case 'slice':
      if (Array.isArray(value)) sliceInto(value, segment, out);
      return;
    case 'union':
      for (const selector of segment.selectors) {
        if (selector.kind === 'index') {
          if (Array.isArray(value)) pushIndex(value, selector.index, out);
        } else if (isObject(value) && Object.prototype.hasOwnProperty.call(value, selector.name)) {
          out.push(value[selector.name]);
        }
      }
      return;
    case 'filter': {
      const children = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [];
      for (const child of children) if (testFilter(segment.expression, child, root)) out.push(child);
      return;
    }
    case 'script': {
      const index = evaluateScript(segment.expression, value);
      if (typeof index === 'number' && Array.isArray(value)) pushIndex(value, Math.trunc(index), out);
      else if (typeof index === 'string' && isObject(value) && Object.prototype.hasOwnProperty.call(value, index)) out.push(value[index]);
      return;
    }
    case 'function':
      out.push(applyFunction(segment.name, value));
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

function applyFunction(name: string, value: Json): Json {
  const numbers = Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
  switch (name) {
    case 'length':
    case 'size':
      return Array.isArray(value) ? value.length : typeof value === 'string' ? value.length : isObject(value) ? Object.keys(value).length : null;
    case 'min':
      return numbers.length ? Math.min(...numbers) : null;
    case 'max':
      return numbers.length ? Math.max(...numbers) : null;
    case 'sum':
      return numbers.reduce((a, b) => a + b, 0);
    case 'avg':
      return numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : null;
    case 'stddev': {
      if (!numbers.length) return null;
      const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
      return Math.sqrt(numbers.reduce((a, b) => a + (b - mean) ** 2, 0) / numbers.length);
    }
    case 'keys':
      return isObject(value) ? Object.keys(value) : null;
    case 'first':
      return Array.isArray(value) && value.length ? value[0] : null;
    case 'last':
      return Array.isArray(value) && value.length ? value[value.length - 1] : null;
    default:
      return null;
  }
}

function evaluateScript(expression: ScriptExpression, current: Json): Json | undefined {
  switch (expression.kind) {
    case 'number':
      return expression.value;
    case 'current': {
      const segments = expression.segments;
      // `@.length` in a script is the array's length (Jayway).
      if (segments.length === 1 && segments[0].kind === 'member' && segments[0].name === 'length' && Array.isArray(current)) return current.length;
      const value = selectDefinite(segments, current);
      return value === MISSING ? undefined : value;
    }
    case 'binary': {
      const left = evaluateScript(expression.left, current);
      const right = evaluateScript(expression.right, current);
      if (typeof left !== 'number' || typeof right !== 'number') return undefined;
      switch (expression.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return left / right;
        case '%':
          return left % right;
      }
    }
  }
}

function operandValue(operand: FilterOperand, current: Json, root: Json): Selected {
  switch (operand.kind) {
    case 'literal':
      return operand.value;
    case 'current': {
      if (operand.segments.every((s) => !s.descendant && (s.kind === 'member' || s.kind === 'index'))) return selectDefinite(operand.segments, current);
      return selectAll(operand.segments, current, root);
    }
    case 'path':
      // Absolute paths inside a filter start at the document root; `$$` and variables are not known here.
      return operand.path.root === '$' ? selectPath(operand.path, root) : MISSING;
    case 'list': {
      const items: Json[] = [];
      for (const item of operand.items) {
        const value = operandValue(item, current, root);
        if (value !== MISSING) items.push(value);
      }
      return items;
    }
    case 'regex':
      return operand.pattern;
  }
}

function regexOf(operand: FilterOperand): RegExp | undefined {
  if (operand.kind !== 'regex') return undefined;
  try {
    return new RegExp(operand.pattern, operand.flags.replace(/[^gimsuy]/g, ''));
  } catch {
    return undefined;
  }
}

function testFilter(expression: FilterExpression, current: Json, root: Json): boolean {
  switch (expression.kind) {
    case 'and':
      return testFilter(expression.left, current, root) && testFilter(expression.right, current, root);
    case 'or':
      return testFilter(expression.left, current, root) || testFilter(expression.right, current, root);
    case 'not':
      return !testFilter(expression.operand, current, root);
    case 'exists': {
      const value = operandValue(expression.operand, current, root);
      return value !== MISSING && !(Array.isArray(value) && expression.operand.kind === 'current' && value.length === 0 && !isDefiniteOperand(expression.operand));
    }
    case 'comparison': {
      const left = operandValue(expression.left, current, root);
      if (expression.operator === '=~') {
        const regex = regexOf(expression.right);
        return regex !== undefined && typeof left === 'string' && regex.test(left);
      }
      const right = operandValue(expression.right, current, root);
      if (left === MISSING || right === MISSING) return false;
      return compareValues(expression.operator, left, right);
    }
  }
}

function isDefiniteOperand(operand: FilterOperand): boolean {
  return operand.kind === 'current' && operand.segments.every((s) => !s.descendant && (s.kind === 'member' || s.kind === 'index'));
}

function compareValues(operator: string, left: Json, right: Json): boolean {
  switch (operator) {
    case '==':
      return deepEqual(left, right);
    case '!=':
      return !deepEqual(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string')) return false;
      const l = left as number | string;
      const r = right as number | string;
      return operator === '<' ? l < r : operator === '<=' ? l <= r : operator === '>' ? l > r : l >= r;
    }
    case 'in':
      return Array.isArray(right) && right.some((item) => deepEqual(item, left));
    case 'nin':
      return Array.isArray(right) && !right.some((item) => deepEqual(item, left));
    case 'subsetof':
      return Array.isArray(left) && Array.isArray(right) && left.every((item) => right.some((r) => deepEqual(r, item)));
    case 'anyof':
      return Array.isArray(left) && Array.isArray(right) && left.some((item) => right.some((r) => deepEqual(r, item)));
    case 'noneof':
      return Array.isArray(left) && Array.isArray(right) && !left.some((item) => right.some((r) => deepEqual(r, item)));
    case 'size':
      return typeof right === 'number' && ((Array.isArray(left) && left.length === right) || (typeof left === 'string' && left.length === right));
    case 'empty': {
      const empty = (Array.isArray(left) || typeof left === 'string') && left.length === 0;
      return right === true ? empty : right === false ? !empty && (Array.isArray(left) || typeof left === 'string') : false;
    }
    case 'contains':
      return (Array.isArray(left) && left.some((item) => deepEqual(item, right))) || (typeof left === 'string' && typeof right === 'string' && left.includes(right));
    default:
      return false;
  }
}

/** Jayway's bracket notation of a path prefix, e.g. `$['a'][0]`, as AWS prints it in messages. */
export function bracketNotation(segments: readonly PathSegment[], count = segments.length): string {
  let text = '$';
  for (let i = 0; i < count; i++) {
    const segment = segments[i];
    if (segment.kind === 'member') text += `['${segment.name}']`;
    else if (segment.kind === 'index') text += `[${segment.index}]`;
    else text += '[*]';
  }
  return text;
}

/**
 * Why a reference path selected nothing, worded as Jayway (and so AWS) words it: a missing leaf is
 * "No results for path", a missing step on the way is "Missing property in path".
 */
export function describeMissing(segments: readonly PathSegment[], root: Json): string {
  let current: Json = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const leaf = i === segments.length - 1;
    let next: Json | undefined;
    if (segment.kind === 'member') {
      if (!isObject(current)) {
        return `Expected to find an object with property ['${segment.name}'] in path ${bracketNotation(segments, i)} but found '${javaTypeName(current)}'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.`;
      }
      next = Object.prototype.hasOwnProperty.call(current, segment.name) ? current[segment.name] : undefined;
    } else if (segment.kind === 'index') {
      if (!Array.isArray(current)) return `Filter: [${segment.index}] can only be applied to arrays. Current context is: ${JSON.stringify(current)}`;
      const index = segment.index < 0 ? current.length + segment.index : segment.index;
      next = index >= 0 && index < current.length ? current[index] : undefined;
    }
    if (next === undefined) {
      return leaf ? `No results for path: ${bracketNotation(segments, i + 1)}` : `Missing property in path ${bracketNotation(segments, i + 1)}`;
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
export function setPath(target: Json | undefined, segments: readonly PathSegment[], value: Json, depth = 0): Json {
  if (depth === segments.length) return value;
  const segment = segments[depth];
  if (segment.kind === 'member') {
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
