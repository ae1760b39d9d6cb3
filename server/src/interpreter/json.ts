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

const sizes = new WeakMap<object, number>();

/**
 * `jsonByteLength`, remembered per object and array: values are never mutated, and states share
 * them, so a value passed on unchanged, or an object that differs from another in one field, is
 * not measured again in full.
 */
export function jsonSize(value: Json): number {
  if (value === null || typeof value !== 'object') return jsonByteLength(value);
  let size = sizes.get(value);
  if (size !== undefined) return size;
  if (Array.isArray(value)) {
    size = value.length > 0 ? value.length + 1 : 2;
    for (const item of value) size += jsonSize(item);
  } else {
    size = 2;
    let first = true;
    for (const key in value) {
      const item = value[key];
      if (item === undefined) continue;
      size += (first ? 0 : 1) + jsonByteLength(key) + 1 + jsonSize(item);
      first = false;
    }
  }
  sizes.set(value, size);
  return size;
}
