/**
 * Positions inside a JSON string value, as positions in the document. Parsers work on the decoded
 * value (`"a\"b"` is the three characters `a"b`), while diagnostics underline the source text, where
 * an escape takes two to six characters.
 */
import type { JsonNode, TextSpan } from '../../../asl/model';

/**
 * The document span of `[offset, offset + length)` in the decoded value of the string node.
 * Out-of-range positions are clamped to the string's contents.
 */
export function valueSpan(text: string, node: JsonNode, offset: number, length: number): TextSpan {
  const contentStart = node.offset + 1;
  const contentEnd = node.offset + node.length - 1;
  const raw = text.slice(contentStart, Math.max(contentStart, contentEnd));
  if (!raw.includes('\\')) {
    const start = Math.min(Math.max(offset, 0), raw.length);
    const end = Math.min(Math.max(offset + length, start), raw.length);
    return { offset: contentStart + start, length: end - start };
  }
  const start = rawIndex(raw, offset);
  const end = rawIndex(raw, offset + length);
  return { offset: contentStart + start, length: Math.max(0, end - start) };
}

/** The index in the raw (escaped) text where decoded character `target` begins. */
function rawIndex(raw: string, target: number): number {
  let decoded = 0;
  let i = 0;
  while (i < raw.length && decoded < target) {
    if (raw[i] === '\\') i += raw[i + 1] === 'u' ? 6 : 2;
    else i += 1;
    decoded += 1;
  }
  return Math.min(i, raw.length);
}

/** The span of a string node's contents, without its quotes. */
export function contentSpan(node: JsonNode): TextSpan {
  return { offset: node.offset + 1, length: Math.max(0, node.length - 2) };
}
