/**
 * The JSONPath dialect of Amazon States Language, parsed into a tree that the validator checks and
 * the interpreter evaluates.
 *
 * Step Functions evaluates paths with a Jayway-style JSONPath engine. Besides the plain forms
 * (`$`, `$.a.b`, `$['a b']`, `$.a[0]`), real workflows use negative indexes (`$.a[-1]`), slices
 * (`$.vals[3:]`), unions (`$.a[0,1]`), wildcards (`$.a[*]`), recursive descent (`$..a`), filters
 * (`$.items[?(@.price < 10)]`), script indexes (`$[(@.length-1)]`) and trailing functions
 * (`$.a.length()`). A path starts at the state input (`$`), the context object (`$$`) or a workflow
 * variable (`$name`).
 *
 * Every node carries its offset and length inside the path text, so problems point at the exact
 * character and hover can name the segment under the cursor.
 */

/** Where a path starts: the state input, the context object, or a workflow variable. */
export type PathRoot = '$' | '$$' | { variable: string };

interface SegmentBase {
  /** Offset of the segment inside the path text (at its `.`, `..` or `[`). */
  offset: number;
  length: number;
  /** Reached with `..`: the selector applies to every descendant, not only to children. */
  descendant: boolean;
}

/** `.name`, `['name']` or `..name`. */
export interface MemberSegment extends SegmentBase {
  kind: 'member';
  name: string;
}

/** `[0]`, `[-1]` (negative indexes count from the end). */
export interface IndexSegment extends SegmentBase {
  kind: 'index';
  index: number;
}

/** `.*`, `[*]` or `..*`. */
export interface WildcardSegment extends SegmentBase {
  kind: 'wildcard';
}

/** `[start:end:step]`, each bound optional. */
export interface SliceSegment extends SegmentBase {
  kind: 'slice';
  start?: number;
  end?: number;
  step?: number;
}

/** `['a','b']` or `[0,1]`. */
export interface UnionSegment extends SegmentBase {
  kind: 'union';
  selectors: ({ kind: 'member'; name: string } | { kind: 'index'; index: number })[];
}

/** `[?(<expression>)]`: the children for which the expression holds. */
export interface FilterSegment extends SegmentBase {
  kind: 'filter';
  expression: FilterExpression;
}

/** `[(<expression>)]`: the child at the index the arithmetic expression computes, e.g. `[(@.length-1)]`. */
export interface ScriptSegment extends SegmentBase {
  kind: 'script';
  expression: ScriptExpression;
}

/** A trailing function such as `.length()`. */
export interface FunctionSegment extends SegmentBase {
  kind: 'function';
  name: JsonPathFunction;
}

export type PathSegment =
  | MemberSegment
  | IndexSegment
  | WildcardSegment
  | SliceSegment
  | UnionSegment
  | FilterSegment
  | ScriptSegment
  | FunctionSegment;

/** The functions a path may end with. */
export const JSONPATH_FUNCTIONS = ['length', 'size', 'min', 'max', 'avg', 'stddev', 'sum', 'keys', 'first', 'last'] as const;
export type JsonPathFunction = (typeof JSONPATH_FUNCTIONS)[number];

export interface JsonPath {
  text: string;
  root: PathRoot;
  segments: PathSegment[];
}

export type ComparisonOperator =
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '=~'
  | 'in'
  | 'nin'
  | 'subsetof'
  | 'anyof'
  | 'noneof'
  | 'size'
  | 'empty'
  | 'contains';

export type FilterExpression =
  | { kind: 'or' | 'and'; left: FilterExpression; right: FilterExpression; offset: number; length: number }
  | { kind: 'not'; operand: FilterExpression; offset: number; length: number }
  | {
      kind: 'comparison';
      operator: ComparisonOperator;
      left: FilterOperand;
      right: FilterOperand;
      offset: number;
      length: number;
    }
  /** A lone operand, e.g. `[?(@.isbn)]`: true when the operand selects something. */
  | { kind: 'exists'; operand: FilterOperand; offset: number; length: number };

export type FilterOperand = (
  | { kind: 'current'; segments: PathSegment[] }
  | { kind: 'path'; path: JsonPath }
  /** `bare` marks an unquoted word such as `FooBar` in `@.key == FooBar`, read as a string. */
  | { kind: 'literal'; value: string | number | boolean | null; bare?: boolean }
  | { kind: 'regex'; pattern: string; flags: string }
  | { kind: 'list'; items: FilterOperand[] }
) & { offset: number; length: number };

export type ScriptExpression = (
  | { kind: 'number'; value: number }
  | { kind: 'current'; segments: PathSegment[] }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/' | '%'; left: ScriptExpression; right: ScriptExpression }
) & { offset: number; length: number };

/** A syntax error, at an offset inside the path text. */
export interface PathError {
  offset: number;
  length: number;
  message: string;
}

export interface PathParseResult {
  path?: JsonPath;
  error?: PathError;
}

const cache = new Map<string, PathParseResult>();
const CACHE_LIMIT = 20_000;

/** Parses a path; results are cached by text, so callers must not mutate them. */
export function parsePath(text: string): PathParseResult {
  let result = cache.get(text);
  if (result) return result;
  try {
    result = { path: new PathParser(text).parseWholePath() };
  } catch (error) {
    if (!(error instanceof PathSyntaxError)) throw error;
    result = { error: { offset: error.offset, length: error.length, message: error.message } };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, result);
  return result;
}

/**
 * A reference path identifies a single node: only `.name`, `['name']` and `[index]` steps, no
 * filters, wildcards, slices, unions, recursive descent, scripts or functions.
 */
export function isReferencePath(path: JsonPath): boolean {
  return path.segments.every((segment) => !segment.descendant && (segment.kind === 'member' || segment.kind === 'index'));
}

/** The first segment that a reference path may not contain. */
export function firstNonReferenceSegment(path: JsonPath): PathSegment | undefined {
  return path.segments.find((segment) => segment.descendant || (segment.kind !== 'member' && segment.kind !== 'index'));
}

/** A path into the context object: `$$`, `$$.Execution.Id`. */
export function isContextPath(path: JsonPath): boolean {
  return path.root === '$$';
}

/** A path that starts at a workflow variable: `$name`, `$name.field`. */
export function isVariablePath(path: JsonPath): path is JsonPath & { root: { variable: string } } {
  return typeof path.root === 'object';
}

/** Every workflow variable a path reads, including those inside filters (`[?(@.a == $limit)]`). */
export function variablesOf(path: JsonPath): { name: string; offset: number; length: number }[] {
  const found: { name: string; offset: number; length: number }[] = [];
  collectVariables(path, 0, found);
  return found;
}

function collectVariables(path: JsonPath, offset: number, out: { name: string; offset: number; length: number }[]): void {
  if (typeof path.root === 'object') out.push({ name: path.root.variable, offset, length: path.root.variable.length + 1 });
  const visitSegments = (segments: PathSegment[]) => {
    for (const segment of segments) {
      if (segment.kind === 'filter') visitFilter(segment.expression);
    }
  };
  const visitOperand = (operand: FilterOperand) => {
    if (operand.kind === 'path') collectVariables(operand.path, operand.offset, out);
    else if (operand.kind === 'current') visitSegments(operand.segments);
    else if (operand.kind === 'list') operand.items.forEach(visitOperand);
  };
  const visitFilter = (expression: FilterExpression): void => {
    switch (expression.kind) {
      case 'or':
      case 'and':
        visitFilter(expression.left);
        visitFilter(expression.right);
        break;
      case 'not':
        visitFilter(expression.operand);
        break;
      case 'comparison':
        visitOperand(expression.left);
        visitOperand(expression.right);
        break;
      case 'exists':
        visitOperand(expression.operand);
        break;
    }
  };
  visitSegments(path.segments);
}

class PathSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly length: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where a name is being read: the set of characters that end it differs. */
type NameContext = 'path' | 'filter' | 'script';

const PATH_NAME_STOP = new Set([...'.[]()\'",*?@\\'].concat([' ', '\t', '\n', '\r']));
const FILTER_NAME_STOP = new Set([...PATH_NAME_STOP, ...'=<>!&|~+/%']);
const SCRIPT_NAME_STOP = new Set([...FILTER_NAME_STOP, '-']);
const NAME_STOP: Record<NameContext, Set<string>> = { path: PATH_NAME_STOP, filter: FILTER_NAME_STOP, script: SCRIPT_NAME_STOP };

const WORD_OPERATORS = new Set(['in', 'nin', 'subsetof', 'anyof', 'noneof', 'size', 'empty', 'contains']);

function isIdentifierStart(char: string | undefined): boolean {
  return char !== undefined && (char === '_' || /\p{ID_Start}/u.test(char));
}

function isIdentifierPart(char: string | undefined): boolean {
  return char !== undefined && (char === '_' || /\p{ID_Continue}/u.test(char));
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

/** A character as messages name it: "found a space", "found `]`". */
function describe(char: string): string {
  return /\s/.test(char) ? 'a space' : `\`${char}\``;
}

/** "Unexpected space", "Unexpected `]`". */
function unexpected(char: string): string {
  return /\s/.test(char) ? 'Unexpected space' : `Unexpected \`${char}\``;
}

class PathParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseWholePath(): JsonPath {
    const path = this.parsePathFrom('path');
    // The engine trims the text it is given, so trailing blanks are harmless.
    let end = this.pos;
    while (end < this.text.length && /\s/.test(this.text[end])) end++;
    if (end < this.text.length) {
      const char = this.text[this.pos];
      if (char === ']' || char === ')') this.fail(this.pos, 1, `${unexpected(char)} with no matching opening bracket`);
      this.fail(this.pos, 1, `${unexpected(char)}: expected \`.\` or \`[\` to start the next step of the path`);
    }
    return path;
  }

  private fail(offset: number, length: number, message: string): never {
    throw new PathSyntaxError(offset, Math.max(0, Math.min(length, this.text.length - offset)), message);
  }

  private peek(ahead = 0): string | undefined {
    return this.text[this.pos + ahead];
  }

  private skipBlanks(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private expect(char: string, message: string): void {
    if (this.peek() !== char) this.fail(this.pos, 1, message);
    this.pos++;
  }

  /** `$`, `$$` or `$name`, then segments. Stops at the first character that cannot continue the path. */
  private parsePathFrom(context: NameContext): JsonPath {
    const start = this.pos;
    if (this.peek() !== '$') {
      const found = this.pos < this.text.length ? describe(this.text[this.pos]) : 'nothing';
      this.fail(this.pos, 1, `A path must start with \`$\` (the state input), \`$$\` (the context object) or \`$name\` (a variable), found ${found}`);
    }
    this.pos++;
    let root: PathRoot = '$';
    if (this.peek() === '$') {
      this.pos++;
      root = '$$';
    } else if (isIdentifierStart(this.peek())) {
      const nameStart = this.pos;
      while (isIdentifierPart(this.peek())) this.pos++;
      root = { variable: this.text.slice(nameStart, this.pos) };
    }
    const segments = this.parseSegments(context);
    return { text: this.text.slice(start, this.pos), root, segments };
  }

  private parseSegments(context: NameContext): PathSegment[] {
    const segments: PathSegment[] = [];
    for (;;) {
      const char = this.peek();
      if (char === '.') {
        segments.push(this.parseDotSegment(context));
      } else if (char === '[') {
        segments.push(this.parseBracketSegment(this.pos, false));
      } else {
        return segments;
      }
      const last = segments[segments.length - 1];
      if (last.kind === 'function' && (this.peek() === '.' || this.peek() === '[')) {
        this.fail(this.pos, 1, `A function such as \`${last.name}()\` must be the last step of a path`);
      }
    }
  }

  private parseDotSegment(context: NameContext): PathSegment {
    const start = this.pos;
    this.pos++;
    let descendant = false;
    if (this.peek() === '.') {
      this.pos++;
      descendant = true;
      if (this.peek() === '.') this.fail(start, 3, '`...` is not valid: use `.` for a child or `..` for any descendant');
    }
    const char = this.peek();
    if (char === '*') {
      this.pos++;
      return { kind: 'wildcard', descendant, offset: start, length: this.pos - start };
    }
    if (char === '[') return this.parseBracketSegment(start, descendant);
    const nameStart = this.pos;
    const stop = NAME_STOP[context];
    while (this.pos < this.text.length && !stop.has(this.text[this.pos])) this.pos++;
    if (this.pos === nameStart) {
      const what = descendant ? '`..`' : '`.`';
      if (char === undefined) this.fail(start, this.pos - start, `A path cannot end with ${what}: add a field name`);
      if (char === "'" || char === '"') {
        this.fail(this.pos, 1, `A quoted field name needs brackets: write \`[${char}...${char}]\` instead of \`.${char}...${char}\``);
      }
      this.fail(this.pos, 1, `Expected a field name after ${what}, found ${describe(char)}`);
    }
    const name = this.text.slice(nameStart, this.pos);
    if (this.peek() === '(') return this.parseFunction(start, name, descendant);
    return { kind: 'member', name, descendant, offset: start, length: this.pos - start };
  }

  private parseFunction(start: number, name: string, descendant: boolean): FunctionSegment {
    const nameOffset = this.pos - name.length;
    this.pos++;
    this.skipBlanks();
    if (this.peek() !== ')') this.fail(this.pos, 1, `Path functions take no arguments here: write \`${name}()\``);
    this.pos++;
    if (!(JSONPATH_FUNCTIONS as readonly string[]).includes(name)) {
      this.fail(nameOffset, name.length, `\`${name}()\` is not a JSONPath function; use one of ${JSONPATH_FUNCTIONS.map((f) => `\`${f}()\``).join(', ')}`);
    }
    return { kind: 'function', name: name as JsonPathFunction, descendant, offset: start, length: this.pos - start };
  }

  /** `[...]` starting at `this.pos`; `start` is where the segment began (earlier for `..[`). */
  private parseBracketSegment(start: number, descendant: boolean): PathSegment {
    const open = this.pos;
    this.pos++;
    this.skipBlanks();
    const char = this.peek();
    const done = <T extends PathSegment>(segment: Omit<T, 'offset' | 'length' | 'descendant'>): T => {
      this.skipBlanks();
      if (this.peek() !== ']') {
        if (this.pos >= this.text.length) this.fail(open, 1, 'Unclosed `[`: expected `]`');
        this.fail(this.pos, 1, `Expected \`]\`, found ${describe(this.text[this.pos])}`);
      }
      this.pos++;
      return { ...segment, descendant, offset: start, length: this.pos - start } as T;
    };
    if (char === undefined) this.fail(open, 1, 'Unclosed `[`: expected `]`');
    if (char === ']') this.fail(open, 2, '`[]` selects nothing: put a field name, an index, `*` or a filter between the brackets');
    if (char === "'" || char === '"') {
      const names = [this.readQuoted()];
      this.skipBlanks();
      while (this.peek() === ',') {
        this.pos++;
        this.skipBlanks();
        if (this.peek() !== "'" && this.peek() !== '"') this.fail(this.pos, 1, 'Expected a quoted field name after `,`');
        names.push(this.readQuoted());
        this.skipBlanks();
      }
      if (names.length === 1) return done<MemberSegment>({ kind: 'member', name: names[0] });
      return done<UnionSegment>({ kind: 'union', selectors: names.map((name) => ({ kind: 'member' as const, name })) });
    }
    if (char === '*') {
      this.pos++;
      return done<WildcardSegment>({ kind: 'wildcard' });
    }
    if (char === '?') {
      this.pos++;
      this.skipBlanks();
      let expression: FilterExpression;
      if (this.peek() === '(') {
        const paren = this.pos;
        this.pos++;
        expression = this.parseOr();
        this.skipBlanks();
        if (this.peek() !== ')') {
          if (this.pos >= this.text.length) this.fail(paren, 1, 'Unclosed `(` in the filter: expected `)`');
          this.fail(this.pos, 1, `Expected \`)\` to close the filter, found ${describe(this.text[this.pos])}`);
        }
        this.pos++;
      } else {
        expression = this.parseOr();
      }
      return done<FilterSegment>({ kind: 'filter', expression });
    }
    if (char === '(') {
      const paren = this.pos;
      this.pos++;
      const expression = this.parseScriptSum();
      this.skipBlanks();
      if (this.peek() !== ')') {
        if (this.pos >= this.text.length) this.fail(paren, 1, 'Unclosed `(`: expected `)`');
        this.fail(this.pos, 1, `Expected \`)\`, found ${describe(this.text[this.pos])}`);
      }
      this.pos++;
      return done<ScriptSegment>({ kind: 'script', expression });
    }
    if (isDigit(char) || char === '-' || char === ':') {
      const first = this.readOptionalInteger();
      this.skipBlanks();
      if (this.peek() === ':') {
        this.pos++;
        this.skipBlanks();
        const end = this.readOptionalInteger();
        this.skipBlanks();
        let step: number | undefined;
        if (this.peek() === ':') {
          this.pos++;
          this.skipBlanks();
          const stepOffset = this.pos;
          step = this.readOptionalInteger();
          if (step === 0) this.fail(stepOffset, 1, 'A slice step cannot be 0');
        }
        return done<SliceSegment>({ kind: 'slice', start: first, end, step });
      }
      if (first === undefined) this.fail(this.pos, 1, 'Expected an index');
      const indexes = [first];
      while (this.peek() === ',') {
        this.pos++;
        this.skipBlanks();
        const next = this.readOptionalInteger();
        if (next === undefined) this.fail(this.pos, 1, 'Expected an index after `,`');
        indexes.push(next);
        this.skipBlanks();
      }
      if (indexes.length === 1) return done<IndexSegment>({ kind: 'index', index: first });
      return done<UnionSegment>({ kind: 'union', selectors: indexes.map((index) => ({ kind: 'index' as const, index })) });
    }
    this.fail(this.pos, 1, `${unexpected(char)} after \`[\`: expected a quoted field name, an index, a slice, \`*\` or a filter \`?(...)\``);
  }

  private readOptionalInteger(): number | undefined {
    const start = this.pos;
    if (this.peek() === '-') this.pos++;
    if (!isDigit(this.peek())) {
      if (this.pos > start) this.fail(start, 1, 'Expected digits after `-`');
      return undefined;
    }
    while (isDigit(this.peek())) this.pos++;
    if (this.peek() === '.') this.fail(this.pos, 1, 'An index must be a whole number');
    return Number(this.text.slice(start, this.pos));
  }

  /** A single- or double-quoted string, with backslash escapes. */
  private readQuoted(): string {
    const quote = this.text[this.pos];
    const start = this.pos;
    this.pos++;
    let value = '';
    for (;;) {
      const char = this.peek();
      if (char === undefined) this.fail(start, this.pos - start, `Unterminated string: expected a closing \`${quote}\``);
      this.pos++;
      if (char === quote) return value;
      if (char === '\\') {
        const escaped = this.peek();
        if (escaped === undefined) this.fail(start, this.pos - start, `Unterminated string: expected a closing \`${quote}\``);
        this.pos++;
        value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped === 'r' ? '\r' : escaped;
      } else {
        value += char;
      }
    }
  }

  // Filters: or := and ('||' and)*; and := unary ('&&' unary)*; unary := '!' unary | '(' or ')' | comparison.

  private parseOr(): FilterExpression {
    let left = this.parseAnd();
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== '|' || this.peek(1) !== '|') return left;
      this.pos += 2;
      const right = this.parseAnd();
      left = { kind: 'or', left, right, offset: left.offset, length: right.offset + right.length - left.offset };
    }
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary();
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== '&' || this.peek(1) !== '&') return left;
      this.pos += 2;
      const right = this.parseUnary();
      left = { kind: 'and', left, right, offset: left.offset, length: right.offset + right.length - left.offset };
    }
  }

  private parseUnary(): FilterExpression {
    this.skipBlanks();
    const start = this.pos;
    if (this.peek() === '!' && this.peek(1) !== '=') {
      this.pos++;
      const operand = this.parseUnary();
      return { kind: 'not', operand, offset: start, length: this.pos - start };
    }
    if (this.peek() === '(') {
      this.pos++;
      const inner = this.parseOr();
      this.skipBlanks();
      if (this.peek() !== ')') {
        if (this.pos >= this.text.length) this.fail(start, 1, 'Unclosed `(` in the filter: expected `)`');
        this.fail(this.pos, 1, `Expected \`)\`, found ${describe(this.text[this.pos])}`);
      }
      this.pos++;
      return inner;
    }
    const left = this.parseOperand();
    this.skipBlanks();
    const operator = this.readComparisonOperator();
    if (!operator) return { kind: 'exists', operand: left, offset: start, length: this.pos - start };
    const right = this.parseOperand();
    return { kind: 'comparison', operator, left, right, offset: start, length: this.pos - start };
  }

  private readComparisonOperator(): ComparisonOperator | undefined {
    const two = this.text.slice(this.pos, this.pos + 2);
    if (two === '==' || two === '!=' || two === '<=' || two === '>=' || two === '=~') {
      this.pos += 2;
      if (this.peek() === '=' && (two === '==' || two === '!=')) this.pos++; // `===`, `!==`
      return two as ComparisonOperator;
    }
    const one = this.peek();
    if (one === '<' || one === '>') {
      this.pos++;
      return one;
    }
    if (one === '=') this.fail(this.pos, 1, 'Use `==` to compare in a filter, not `=`');
    if (isIdentifierStart(one)) {
      let end = this.pos;
      while (isIdentifierPart(this.text[end])) end++;
      const word = this.text.slice(this.pos, end);
      if (WORD_OPERATORS.has(word)) {
        this.pos = end;
        return word as ComparisonOperator;
      }
      this.fail(this.pos, end - this.pos, `\`${word}\` is not a filter operator; use \`==\`, \`!=\`, \`<\`, \`<=\`, \`>\`, \`>=\`, \`=~\`, \`in\`, \`nin\`, \`subsetof\`, \`anyof\`, \`noneof\`, \`size\`, \`empty\` or \`contains\``);
    }
    return undefined;
  }

  private parseOperand(): FilterOperand {
    this.skipBlanks();
    const start = this.pos;
    const char = this.peek();
    const at = <T extends object>(operand: T) => ({ ...operand, offset: start, length: this.pos - start });
    if (char === undefined) this.fail(this.pos, 0, 'The filter ends too early: expected a value');
    if (char === '@') {
      this.pos++;
      return at({ kind: 'current' as const, segments: this.parseSegments('filter') });
    }
    if (char === '$') return at({ kind: 'path' as const, path: this.parsePathFrom('filter') });
    if (char === "'" || char === '"') return at({ kind: 'literal' as const, value: this.readQuoted() });
    if (isDigit(char) || (char === '-' && isDigit(this.peek(1)))) return at({ kind: 'literal' as const, value: this.readNumber() });
    if (char === '/') {
      this.pos++;
      let pattern = '';
      for (;;) {
        const next = this.peek();
        if (next === undefined) this.fail(start, this.pos - start, 'Unterminated regular expression: expected a closing `/`');
        this.pos++;
        if (next === '/') break;
        if (next === '\\' && this.peek() !== undefined) {
          pattern += next + this.text[this.pos];
          this.pos++;
        } else {
          pattern += next;
        }
      }
      const flagsStart = this.pos;
      while (/[a-z]/i.test(this.peek() ?? '')) this.pos++;
      return at({ kind: 'regex' as const, pattern, flags: this.text.slice(flagsStart, this.pos) });
    }
    if (char === '[') {
      this.pos++;
      const items: FilterOperand[] = [];
      this.skipBlanks();
      if (this.peek() !== ']') {
        for (;;) {
          items.push(this.parseOperand());
          this.skipBlanks();
          if (this.peek() !== ',') break;
          this.pos++;
        }
      }
      this.expect(']', this.pos >= this.text.length ? 'Unclosed `[` in the filter: expected `]`' : `Expected \`,\` or \`]\` in the list, found ${describe(this.text[this.pos] ?? '')}`);
      return at({ kind: 'list' as const, items });
    }
    if (isIdentifierStart(char)) {
      while (this.pos < this.text.length && !FILTER_NAME_STOP.has(this.text[this.pos])) this.pos++;
      const word = this.text.slice(start, this.pos);
      if (word === 'true' || word === 'false') return at({ kind: 'literal' as const, value: word === 'true' });
      if (word === 'null') return at({ kind: 'literal' as const, value: null });
      return at({ kind: 'literal' as const, value: word, bare: true });
    }
    this.fail(this.pos, 1, `${unexpected(char)} in the filter: expected \`@\`, a path, a string, a number, \`true\`, \`false\`, \`null\`, a list or a regular expression`);
  }

  private readNumber(): number {
    const start = this.pos;
    if (this.peek() === '-') this.pos++;
    while (isDigit(this.peek())) this.pos++;
    if (this.peek() === '.' && isDigit(this.peek(1))) {
      this.pos++;
      while (isDigit(this.peek())) this.pos++;
    }
    if ((this.peek() === 'e' || this.peek() === 'E') && (isDigit(this.peek(1)) || ((this.peek(1) === '-' || this.peek(1) === '+') && isDigit(this.peek(2))))) {
      this.pos += 2;
      while (isDigit(this.peek())) this.pos++;
    }
    return Number(this.text.slice(start, this.pos));
  }

  // Script indexes: sum := product (('+'|'-') product)*; product := atom (('*'|'/'|'%') atom)*.

  private parseScriptSum(): ScriptExpression {
    let left = this.parseScriptProduct();
    for (;;) {
      this.skipBlanks();
      const operator = this.peek();
      if (operator !== '+' && operator !== '-') return left;
      this.pos++;
      const right = this.parseScriptProduct();
      left = { kind: 'binary', operator, left, right, offset: left.offset, length: right.offset + right.length - left.offset };
    }
  }

  private parseScriptProduct(): ScriptExpression {
    let left = this.parseScriptAtom();
    for (;;) {
      this.skipBlanks();
      const operator = this.peek();
      if (operator !== '*' && operator !== '/' && operator !== '%') return left;
      this.pos++;
      const right = this.parseScriptAtom();
      left = { kind: 'binary', operator, left, right, offset: left.offset, length: right.offset + right.length - left.offset };
    }
  }

  private parseScriptAtom(): ScriptExpression {
    this.skipBlanks();
    const start = this.pos;
    const char = this.peek();
    if (char === '@') {
      this.pos++;
      const segments = this.parseSegments('script');
      return { kind: 'current', segments, offset: start, length: this.pos - start };
    }
    if (isDigit(char) || (char === '-' && isDigit(this.peek(1)))) {
      const value = this.readNumber();
      return { kind: 'number', value, offset: start, length: this.pos - start };
    }
    if (char === '(') {
      this.pos++;
      const inner = this.parseScriptSum();
      this.skipBlanks();
      this.expect(')', this.pos >= this.text.length ? 'Unclosed `(`: expected `)`' : `Expected \`)\`, found ${describe(this.text[this.pos])}`);
      return inner;
    }
    if (char === undefined) this.fail(this.pos, 0, 'The expression ends too early: expected `@`, a number or `(`');
    this.fail(this.pos, 1, `${unexpected(char)} in the index expression: expected \`@\`, a number or \`(\``);
  }
}
