/** The words schema diagnostics are made of: what a field expects, what it holds. */
import type { QueryLanguage } from '../../../asl/model';
import { JSONATA_PATTERN, type JsonSchema } from '../../../asl/schema';

/** "a positive integer or a JSONata expression `{% ... %}`", from a field's schema. */
export function expectedValue(schema: JsonSchema, queryLanguage: QueryLanguage | undefined): string {
  const types = typeof schema.type === 'string' ? [schema.type] : schema.type ?? [];
  const parts: string[] = [];
  for (const type of types) {
    switch (type) {
      case 'integer':
        parts.push(schema.minimum === 1 ? 'a positive integer' : schema.minimum === 0 ? 'a non-negative integer' : 'an integer');
        break;
      case 'number':
        parts.push('a number');
        break;
      case 'string':
        if (schema.pattern === JSONATA_PATTERN) {
          // Only JSONata states evaluate `{% ... %}`: elsewhere, offering it would mislead.
          if (queryLanguage !== 'JSONPath') parts.push('a JSONata expression `{% ... %}`');
        } else {
          parts.push('a string');
        }
        break;
      case 'boolean':
        parts.push('`true` or `false`');
        break;
      case 'object':
        parts.push('an object');
        break;
      case 'array':
        parts.push(schema.items?.type === 'string' ? 'an array of strings' : 'an array');
        break;
      case 'null':
        parts.push('`null`');
        break;
    }
  }
  return orList(parts);
}

/** "a string", "`null`", "`1.5`": what a value is, for "must be X, not Y". */
export function actualValue(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'number':
      return `\`${value}\``;
    case 'object':
      return 'an object';
    default:
      return String(value);
  }
}

/** "`A`", "`A` or `B`", "`A`, `B` or `C`". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export function quoted(names: readonly string[]): string[] {
  return names.map((name) => `\`${name}\``);
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
