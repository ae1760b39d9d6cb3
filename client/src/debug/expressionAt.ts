/** Finds the expression a hover points at in a line of an ASL file: a whole JSON string holding one. */

export interface LineExpression {
  /** Columns of the string's content, inside its quotes. */
  start: number;
  end: number;
  expression: string;
}

/**
 * The JSON string under `column` when it holds a path (`$...`), an intrinsic call (`States....`) or
 * a JSONata expression (`{% ... %}`); undefined otherwise (a field name, a state name, plain text).
 */
export function expressionAt(line: string, column: number): LineExpression | undefined {
  const literal = /"(?:[^"\\]|\\.)*"/g;
  for (let match = literal.exec(line); match; match = literal.exec(line)) {
    const start = match.index;
    const end = start + match[0].length;
    if (column < start || column > end) continue;
    let text: string;
    try {
      text = JSON.parse(match[0]) as string;
    } catch {
      return undefined;
    }
    const trimmed = text.trim();
    if (!(trimmed.startsWith('$') || trimmed.startsWith('States.') || (trimmed.startsWith('{%') && trimmed.endsWith('%}')))) return undefined;
    return { start: start + 1, end: end - 1, expression: trimmed };
  }
  return undefined;
}
