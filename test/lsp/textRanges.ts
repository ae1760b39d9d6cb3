/** Test-side position arithmetic, written independently of the server's own conversion. */
import type { Range } from 'vscode-languageserver/node';

/** The 0-based line and UTF-16 character of `offset`. */
export function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The range of the `occurrence`-th (0-based) `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`\`${needle}\` occurs fewer than ${occurrence + 1} times`);
  }
  return { start: positionOf(text, offset), end: positionOf(text, offset + needle.length) };
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  const offsetOf = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((sum, line) => sum + line.length + 1, 0) + p.character;
  return text.slice(offsetOf(range.start), offsetOf(range.end));
}
