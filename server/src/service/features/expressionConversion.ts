/**
 * Converting the simple expressions between the two query languages, for quick fixes that move a
 * field to the other language: a JSONPath reference path (`$.order.id`, `$$.Execution.Id`,
 * `$total`) and the JSONata expression that reads the same value (`$states.input.order.id`,
 * `$states.context.Execution.Id`, `$total`). Anything else (filters, intrinsic functions, JSONata
 * operators) has no faithful one-to-one form, and is left to the user.
 */
import { isReferencePath, parsePath } from '../../asl/jsonpath';

/** What `$` stands for in the JSONata form: the state's input, or its result (for `OutputPath` after a task). */
export type PathBase = 'input' | 'result';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The JSONata expression (without `{% %}`) that reads what a reference path reads; undefined for other paths. */
export function jsonPathToJsonata(path: string, base: PathBase = 'input'): string | undefined {
  const parsed = parsePath(path).path;
  if (!parsed || !isReferencePath(parsed)) return undefined;
  let expression = parsed.root === '$' ? `$states.${base}` : parsed.root === '$$' ? '$states.context' : `$${parsed.root.variable}`;
  for (const segment of parsed.segments) {
    if (segment.kind === 'member') {
      if (segment.name.includes('`')) return undefined;
      expression += IDENTIFIER.test(segment.name) ? `.${segment.name}` : `.\`${segment.name}\``;
    } else if (segment.kind === 'index') {
      // JSONata counts negative indexes from the end too, but only in a predicate on an array.
      if (segment.index < 0) return undefined;
      expression += `[${segment.index}]`;
    }
  }
  return expression;
}

const JSONATA_READ = /^\s*\$(states\.(input|context|result|errorOutput)|[A-Za-z_]\w*)((?:\.(?:[A-Za-z_]\w*|`[^`]*`)|\[\d+\])*)\s*$/;

/**
 * The reference path that reads what a JSONata expression (without `{% %}`) reads, when the
 * expression is a plain read of `$states.input`, `$states.context`, `$states.<base>` or a variable.
 */
export function jsonataToJsonPath(expression: string, base: PathBase = 'input'): string | undefined {
  const match = JSONATA_READ.exec(expression);
  if (!match) return undefined;
  const [, head, statesField, steps] = match;
  let root: string;
  if (statesField === undefined) root = `$${head}`;
  else if (statesField === 'context') root = '$$';
  else if (statesField === base) root = '$';
  else return undefined;
  if (statesField === 'context' && steps === '') return undefined;
  let path = root;
  for (const step of steps.match(/\.(?:[A-Za-z_]\w*|`[^`]*`)|\[\d+\]/g) ?? []) {
    if (step.startsWith('[')) path += step;
    else if (step[1] === '`') path += `['${step.slice(2, -1).replace(/'/g, "\\'")}']`;
    else path += step;
  }
  return path;
}

/** The expression inside `{% ... %}`, or undefined for a string that is not one JSONata expression. */
export function jsonataBody(value: string): string | undefined {
  const match = /^\{%([\s\S]*)%\}$/.exec(value);
  return match ? match[1] : undefined;
}
