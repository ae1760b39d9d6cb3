/**
 * JSONata inside Amazon States Language: recognising `{% ... %}` strings, parsing them with the
 * `jsonata` package (the 2.0.6 release that Step Functions runs), and reading what an expression
 * refers to (workflow variables, `$states`, fields of a context value that does not exist).
 *
 * A string is a JSONata expression exactly when it starts with `{%` and ends with `%}`; anything
 * else, including a string with blanks before `{%`, is literal text. Offsets returned here are
 * offsets inside the string value (delimiters included), never inside the document.
 */
import jsonata from 'jsonata';

export const JSONATA_OPEN = '{%';
export const JSONATA_CLOSE = '%}';

/** A node of the tree `jsonata(expr).ast()` returns; `position` is the offset just after its token. */
export interface JsonataNode {
  type: string;
  value?: unknown;
  position?: number;
  [key: string]: unknown;
}

export interface JsonataProblem {
  /** Offset inside the string value. */
  offset: number;
  length: number;
  message: string;
  /** The `jsonata` error code (`S0201`...), when the problem comes from the parser. */
  code?: string;
}

export interface ParsedJsonata {
  /** The text between the delimiters. */
  expression: string;
  /** Offset of `expression` inside the string value (2, after `{%`). */
  expressionOffset: number;
  ast?: JsonataNode;
  error?: JsonataProblem;
}

/** Whether a string value is a JSONata expression: `{%` at the very start and `%}` at the very end. */
export function isJsonataString(value: string): boolean {
  return value.length >= 4 && value.startsWith(JSONATA_OPEN) && value.endsWith(JSONATA_CLOSE);
}

/**
 * A string that has one delimiter but not the other: AWS would take it as literal text, which is
 * almost never what was meant. Undefined for strings that are clearly literal or clearly JSONata.
 */
export function delimiterProblem(value: string): JsonataProblem | undefined {
  const opens = value.startsWith(JSONATA_OPEN);
  const closes = value.length >= 2 && value.endsWith(JSONATA_CLOSE) && !(opens && value.length < 4);
  if (opens && !closes) {
    return {
      offset: 0,
      length: value.length,
      message: 'This string starts with `{%` but does not end with `%}`, so it is literal text, not a JSONata expression: close it with ` %}`',
    };
  }
  if (closes && !opens) {
    return {
      offset: 0,
      length: value.length,
      message: 'This string ends with `%}` but does not start with `{%`, so it is literal text, not a JSONata expression: open it with `{% `',
    };
  }
  return undefined;
}

const cache = new Map<string, ParsedJsonata>();
const CACHE_LIMIT = 20_000;

/** Parses a `{% ... %}` string. Results are cached by text, so callers must not mutate them. */
export function parseJsonataString(value: string): ParsedJsonata {
  let result = cache.get(value);
  if (result) return result;
  const expression = value.slice(JSONATA_OPEN.length, value.length - JSONATA_CLOSE.length);
  const expressionOffset = JSONATA_OPEN.length;
  if (expression.trim() === '') {
    result = {
      expression,
      expressionOffset,
      error: { offset: 0, length: value.length, message: 'The JSONata expression is empty' },
    };
  } else {
    try {
      result = { expression, expressionOffset, ast: jsonata(expression).ast() as JsonataNode };
    } catch (error) {
      result = { expression, expressionOffset, error: toProblem(error, expression, expressionOffset) };
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, result);
  return result;
}

interface JsonataError {
  code?: string;
  position?: number;
  token?: string;
  message?: string;
}

function toProblem(error: unknown, expression: string, expressionOffset: number): JsonataProblem {
  const { code, position, token, message } = (error ?? {}) as JsonataError;
  const text = message ?? String(error);
  if (typeof position !== 'number' || position >= expression.length || token === '(end)') {
    // The expression ended too early: point at the closing `%}`.
    return { offset: expressionOffset + expression.length, length: JSONATA_CLOSE.length, message: text, code };
  }
  const tokenLength = typeof token === 'string' && token.length > 0 ? token.length : 1;
  const start = Math.max(0, Math.min(position - tokenLength, expression.length - 1));
  return { offset: expressionOffset + start, length: Math.max(1, Math.min(tokenLength, expression.length - start)), message: text, code };
}

/** The functions JSONata 2.0.6 defines, without the `$`. */
export const JSONATA_BUILTIN_FUNCTIONS: ReadonlySet<string> = new Set([
  'sum', 'count', 'max', 'min', 'average', 'string', 'substring', 'substringBefore', 'substringAfter',
  'lowercase', 'uppercase', 'length', 'trim', 'pad', 'match', 'contains', 'replace', 'split', 'join',
  'formatNumber', 'formatBase', 'formatInteger', 'parseInteger', 'number', 'floor', 'ceil', 'round',
  'abs', 'sqrt', 'power', 'random', 'millis', 'toMillis', 'fromMillis', 'now', 'lookup', 'keys',
  'spread', 'merge', 'sift', 'each', 'error', 'assert', 'type', 'boolean', 'not', 'exists', 'append',
  'reverse', 'sort', 'shuffle', 'distinct', 'zip', 'map', 'filter', 'single', 'reduce', 'base64encode',
  'base64decode', 'encodeUrlComponent', 'encodeUrl', 'decodeUrlComponent', 'decodeUrl', 'eval', 'clone',
]);

/** The functions Step Functions adds to JSONata. */
export const STEP_FUNCTIONS_JSONATA_FUNCTIONS: ReadonlySet<string> = new Set(['partition', 'range', 'hash', 'random', 'uuid', 'parse']);

/** The reserved variable Step Functions binds in every JSONata expression. */
export const STATES_VARIABLE = 'states';

/** The fields of `$states`. */
export const STATES_FIELDS = ['input', 'result', 'errorOutput', 'context'] as const;

export function isJsonataFunctionName(name: string): boolean {
  return JSONATA_BUILTIN_FUNCTIONS.has(name) || STEP_FUNCTIONS_JSONATA_FUNCTIONS.has(name);
}

/** A `$name` the expression reads, with its span inside the expression text. */
export interface VariableReference {
  name: string;
  /** Offset of the `$` inside the expression text. */
  offset: number;
  length: number;
  /** The field read right after it, e.g. `input` for `$states.input`. */
  field?: { name: string; offset: number; length: number };
}

/**
 * The workflow variables an expression reads: every `$name` except the context (`$`, `$$`), the
 * JSONata and Step Functions functions, `$states`, and names the expression binds itself
 * (`$x := ...`, `function($x)`, `@$x`, `#$i`). Bound names are excluded wherever they appear, which
 * can only hide a problem, never invent one.
 */
export function freeVariables(ast: JsonataNode): VariableReference[] {
  return memo(freeCache, ast, () => {
    const bound = boundNames(ast);
    return variableReads(ast).filter((ref) => ref.name !== STATES_VARIABLE && !bound.has(ref.name) && !isJsonataFunctionName(ref.name));
  });
}

// Parsed trees are cached by text and shared, so what is read from them is cached alongside.
const freeCache = new WeakMap<JsonataNode, VariableReference[]>();
const readsCache = new WeakMap<JsonataNode, VariableReference[]>();
const boundCache = new WeakMap<JsonataNode, Set<string>>();
const contextCache = new WeakMap<JsonataNode, ContextReference[]>();

function memo<T>(cache: WeakMap<JsonataNode, T>, ast: JsonataNode, compute: () => T): T {
  let value = cache.get(ast);
  if (value === undefined) {
    value = compute();
    cache.set(ast, value);
  }
  return value;
}

/** Every read of `$states`, with the field that follows when there is one. */
export function statesReferences(ast: JsonataNode): VariableReference[] {
  return variableReads(ast).filter((ref) => ref.name === STATES_VARIABLE);
}

/** The names an expression binds itself: `$x := ...`, `function($x)`, `@$x`, `#$i`. */
export function boundNames(ast: JsonataNode): Set<string> {
  return memo(boundCache, ast, () => collectBoundNames(ast));
}

function collectBoundNames(ast: JsonataNode): Set<string> {
  const bound = new Set<string>();
  forEachNode(ast, (n) => {
    if (n.type === 'bind') {
      const lhs = n.lhs as JsonataNode | undefined;
      if (lhs?.type === 'variable' && typeof lhs.value === 'string') bound.add(lhs.value);
    } else if (n.type === 'lambda') {
      for (const argument of (n.arguments as JsonataNode[] | undefined) ?? []) {
        if (typeof argument.value === 'string') bound.add(argument.value);
      }
    }
    if (typeof n.focus === 'string') bound.add(n.focus);
    if (typeof n.index === 'string') bound.add(n.index);
  });
  return bound;
}

/** Every `$name` the expression reads (functions and `$states` included), in no particular order. */
export function variableReads(ast: JsonataNode): VariableReference[] {
  return memo(readsCache, ast, () => collectVariableReads(ast));
}

function collectVariableReads(ast: JsonataNode): VariableReference[] {
  const found: VariableReference[] = [];
  // Paths are visited before their steps: a variable read as the first step of a path is recorded
  // there, with the field that follows it, and skipped when the step itself comes up.
  const recorded = new Set<JsonataNode>();
  forEachNode(ast, (node) => {
    if (node.type === 'path') {
      const [first, second] = (node.steps as JsonataNode[] | undefined) ?? [];
      if (first?.type !== 'variable') return;
      const ref = referenceOf(first);
      if (!ref) return;
      if (second?.type === 'name' && typeof second.value === 'string' && typeof second.position === 'number') {
        ref.field = { name: second.value, offset: second.position - second.value.length, length: second.value.length };
      }
      found.push(ref);
      recorded.add(first);
    } else if (node.type === 'variable' && !recorded.has(node)) {
      const ref = referenceOf(node);
      if (ref) found.push(ref);
    }
  }, true);
  return found;
}

function referenceOf(node: JsonataNode): VariableReference | undefined {
  const name = node.value;
  // `$` is the context value and `$$` the root: not variables.
  if (typeof name !== 'string' || name === '' || name === '$' || typeof node.position !== 'number') return undefined;
  return { name, offset: node.position - name.length - 1, length: name.length + 1 };
}

/**
 * Visits every node of the tree (objects with a `type`), parents before children. With
 * `skipDeclarations`, the variables a `bind` assigns and a lambda declares are not visited, so
 * that only reads are seen.
 */
function forEachNode(root: unknown, visit: (node: JsonataNode) => void, skipDeclarations = false): void {
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    const node = value as JsonataNode;
    if (typeof node.type === 'string') visit(node);
    const entries = Object.entries(node);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      if (skipDeclarations && ((node.type === 'bind' && key === 'lhs') || (node.type === 'lambda' && key === 'arguments'))) continue;
      stack.push(child);
    }
  }
}

/** A field read at the top level of an expression, where Step Functions provides no context value. */
export interface ContextReference {
  /** `name` for a field such as `phone`, `$` or `$$` for the context symbols. */
  kind: 'name' | '$' | '$$';
  name: string;
  /** Offset inside the expression text. */
  offset: number;
  length: number;
}

/**
 * Reads of the context value where there is none. Step Functions evaluates JSONata without an
 * input document (the input is `$states.input`), so a path that starts with a bare field name
 * (`phone`, `items[0]`) or with `$`/`$$`, outside any step, filter or group that supplies a
 * context, reads nothing; AWS rejects such expressions when the state machine is created.
 */
export function topLevelContextReferences(ast: JsonataNode): ContextReference[] {
  return memo(contextCache, ast, () => {
    const found: ContextReference[] = [];
    visitWithoutContext(ast, found, 0);
    return found;
  });
}

/** Parts of a node evaluated against the node's own results, which are a context: filters, groups. */
const CONTEXTUAL_PARTS: ReadonlySet<string> = new Set(['predicate', 'stages', 'group']);

function visitWithoutContext(node: unknown, out: ContextReference[], depth: number): void {
  if (depth > 200 || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) visitWithoutContext(child, out, depth + 1);
    return;
  }
  const n = node as JsonataNode;
  if (n.type === 'path') {
    // Only the first step is evaluated without a context (it may be a function call, a block or an
    // array constructor, whose parts are visited); later steps, sorts and groups have one.
    const steps = (n.steps as JsonataNode[] | undefined) ?? [];
    if (steps[0]) visitWithoutContext(steps[0], out, depth + 1);
    return;
  }
  if (n.type === 'name' || (n.type === 'variable' && (n.value === '' || n.value === '$'))) {
    report(n, out);
    return;
  }
  // A transform's pattern and update are evaluated against the value being transformed.
  if (n.type === 'transform') return;
  for (const [key, child] of Object.entries(n)) {
    if (key === 'position' || key === 'value' || key === 'type' || CONTEXTUAL_PARTS.has(key)) continue;
    visitWithoutContext(child, out, depth + 1);
  }
}

function report(node: JsonataNode, out: ContextReference[]): void {
  if (typeof node.position !== 'number') return;
  if (node.type === 'name' && typeof node.value === 'string') {
    out.push({ kind: 'name', name: node.value, offset: node.position - node.value.length, length: node.value.length });
  } else if (node.type === 'variable' && node.value === '') {
    out.push({ kind: '$', name: '$', offset: node.position - 1, length: 1 });
  } else if (node.type === 'variable' && node.value === '$') {
    out.push({ kind: '$$', name: '$$', offset: node.position - 2, length: 2 });
  }
}
