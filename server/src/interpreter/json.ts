/** Small helpers over JSON values. Values are never mutated in place: updates copy the path they change. */
import type { Json, JsonObject } from './types';

export type JsonTypeName = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export function typeName(value: unknown): JsonTypeName {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  for (const k of ak) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!deepEqual((a as JsonObject)[k], (b as JsonObject)[k])) return false;
  }
  return true;
}

/** Compact JSON as AWS prints values inside messages. */
export function toJsonText(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** AWS's limit on an execution's input and on a state's input, output and result: 256 KiB of JSON text. */
export const MAX_PAYLOAD_BYTES = 262_144;

/** The size in bytes of a value's JSON text. */
export function jsonByteLength(value: Json): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
}

const bounds = new WeakMap<Json[], number>();
const exact = new WeakMap<object, number>();
/** Arrays at least this long have their bound remembered; shorter ones cost less to walk again. */
const REMEMBERED_LENGTH = 32;

/**
 * A quick upper bound of a value's JSON size: a string takes at most 6 bytes per UTF-16 unit (a
 * `\uXXXX` escape), a number at most 24. Long arrays remember theirs: values are never mutated and
 * states share them, so a long list passed on unchanged is not walked again.
 */
function sizeBound(value: Json): number {
  if (value === null) return 4;
  switch (typeof value) {
    case 'boolean':
      return 5;
    case 'number':
      return 24;
    case 'string':
      return 6 * value.length + 2;
  }
  if (Array.isArray(value)) {
    const remembered = value.length >= REMEMBERED_LENGTH;
    let bound = remembered ? bounds.get(value) : undefined;
    if (bound !== undefined) return bound;
    bound = value.length + 2;
    for (const item of value) bound += sizeBound(item);
    if (remembered) bounds.set(value, bound);
    return bound;
  }
  let bound = 2;
  for (const key in value) {
    const item = value[key];
    if (item !== undefined) bound += 6 * key.length + 4 + sizeBound(item);
  }
  return bound;
}

/** Whether a value's JSON text is over `limit` bytes; measured exactly only when its bound is over. */
export function exceedsSize(value: Json, limit: number): boolean {
  if (sizeBound(value) <= limit) return false;
  if (value === null || typeof value !== 'object') return jsonByteLength(value) > limit;
  let size = exact.get(value);
  if (size === undefined) {
    size = jsonByteLength(value);
    exact.set(value, size);
  }
  return size > limit;
}
