/**
 * The `States.*` intrinsic functions of Amazon States Language: one table that validation, hover,
 * completion and the interpreter all read, and a parser from `States.Format('{}', $.a)` text to a
 * tree of calls.
 *
 * Intrinsic calls appear as the value of a `.$` key in a JSONPath payload template (and in
 * `ErrorPath`/`CausePath`). Arguments are string literals in single quotes, numbers, `true`,
 * `false`, `null`, paths (`$.x`, `$$.x`, `$name`) or nested calls (up to 10 deep). Inside a string
 * literal, `'`, `{`, `}` and `\` are reserved and written `\'`, `\{`, `\}` and `\\`.
 */
import { parsePath, type JsonPath } from './jsonpath';

/** What an argument must be, or what a function returns. `integer` is a number without a fraction. */
export type IntrinsicType = 'any' | 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';

export interface IntrinsicParameter {
  name: string;
  type: IntrinsicType;
  /** The literal values accepted, when the set is closed (`States.Hash` algorithms). */
  values?: readonly (string | boolean)[];
}

export interface IntrinsicFunction {
  name: string;
  /** Parameters in order; for a variadic function, the last one repeats. */
  parameters: readonly IntrinsicParameter[];
  minArguments: number;
  /** `undefined` for variadic functions. */
  maxArguments?: number;
  returns: IntrinsicType;
  signature: string;
  doc: string;
  example: string;
}

export const HASH_ALGORITHMS = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'] as const;

/** How deep AWS lets intrinsic calls nest inside one field. */
export const MAX_INTRINSIC_NESTING = 10;

export const INTRINSIC_FUNCTIONS: readonly IntrinsicFunction[] = [
  {
    name: 'States.Format',
    parameters: [
      { name: 'template', type: 'string' },
      { name: 'value', type: 'any' },
    ],
    minArguments: 1,
    returns: 'string',
    signature: 'States.Format(template: string, ...values): string',
    doc: 'Builds a string from a template: each `{}` in the template is replaced, in order, by the next argument. There must be exactly as many arguments after the template as there are `{}` placeholders. Write a literal brace as `\\{` or `\\}`.',
    example: "States.Format('Hello, my name is {}.', $.name)",
  },
  {
    name: 'States.StringToJson',
    parameters: [{ name: 'text', type: 'string' }],
    minArguments: 1,
    maxArguments: 1,
    returns: 'any',
    signature: 'States.StringToJson(text: string): any',
    doc: 'Parses a string holding JSON text and returns the JSON value. An empty string gives `null`.',
    example: 'States.StringToJson($.escapedJsonString)',
  },
  {
    name: 'States.JsonToString',
    parameters: [{ name: 'value', type: 'any' }],
    minArguments: 1,
    maxArguments: 1,
    returns: 'string',
    signature: 'States.JsonToString(value): string',
    doc: 'Serializes the value a path selects into a JSON string, without whitespace.',
    example: 'States.JsonToString($.unescapedJson)',
  },
  {
    name: 'States.Array',
    parameters: [{ name: 'value', type: 'any' }],
    minArguments: 0,
    returns: 'array',
    signature: 'States.Array(...values): array',
    doc: 'Returns a JSON array holding its arguments, in order. Takes zero or more arguments.',
    example: "States.Array('Foo', 2020, $.someJson, null)",
  },
  {
    name: 'States.ArrayPartition',
    parameters: [
      { name: 'array', type: 'array' },
      { name: 'chunkSize', type: 'integer' },
    ],
    minArguments: 2,
    maxArguments: 2,
    returns: 'array',
    signature: 'States.ArrayPartition(array: array, chunkSize: integer): array',
    doc: 'Splits an array into chunks of `chunkSize` items (the last chunk may be shorter). The chunk size must be a positive integer.',
    example: 'States.ArrayPartition($.inputArray, 4)',
  },
  {
    name: 'States.ArrayContains',
    parameters: [
      { name: 'array', type: 'array' },
      { name: 'value', type: 'any' },
    ],
    minArguments: 2,
    maxArguments: 2,
    returns: 'boolean',
    signature: 'States.ArrayContains(array: array, value): boolean',
    doc: 'Returns `true` when the array holds a value equal to `value`, else `false`.',
    example: 'States.ArrayContains($.inputArray, $.lookingFor)',
  },
  {
    name: 'States.ArrayRange',
    parameters: [
      { name: 'start', type: 'integer' },
      { name: 'end', type: 'integer' },
      { name: 'step', type: 'integer' },
    ],
    minArguments: 3,
    maxArguments: 3,
    returns: 'array',
    signature: 'States.ArrayRange(start: integer, end: integer, step: integer): array',
    doc: 'Returns the integers from `start` to `end` (both included) in increments of `step`. The step cannot be 0 and the result holds at most 1,000 items.',
    example: 'States.ArrayRange(1, 9, 2)',
  },
  {
    name: 'States.ArrayGetItem',
    parameters: [
      { name: 'array', type: 'array' },
      { name: 'index', type: 'integer' },
    ],
    minArguments: 2,
    maxArguments: 2,
    returns: 'any',
    signature: 'States.ArrayGetItem(array: array, index: integer): any',
    doc: 'Returns the item at a zero-based index of an array.',
    example: 'States.ArrayGetItem($.inputArray, $.index)',
  },
  {
    name: 'States.ArrayLength',
    parameters: [{ name: 'array', type: 'array' }],
    minArguments: 1,
    maxArguments: 1,
    returns: 'integer',
    signature: 'States.ArrayLength(array: array): integer',
    doc: 'Returns the number of items in an array.',
    example: 'States.ArrayLength($.inputArray)',
  },
  {
    name: 'States.ArrayUnique',
    parameters: [{ name: 'array', type: 'array' }],
    minArguments: 1,
    maxArguments: 1,
    returns: 'array',
    signature: 'States.ArrayUnique(array: array): array',
    doc: 'Returns the array without duplicate values, keeping the first occurrence of each.',
    example: 'States.ArrayUnique($.inputArray)',
  },
  {
    name: 'States.Base64Encode',
    parameters: [{ name: 'text', type: 'string' }],
    minArguments: 1,
    maxArguments: 1,
    returns: 'string',
    signature: 'States.Base64Encode(text: string): string',
    doc: 'Encodes a string (up to 10,000 characters) in Base64, using the MIME alphabet.',
    example: 'States.Base64Encode($.input)',
  },
  {
    name: 'States.Base64Decode',
    parameters: [{ name: 'base64', type: 'string' }],
    minArguments: 1,
    maxArguments: 1,
    returns: 'string',
    signature: 'States.Base64Decode(base64: string): string',
    doc: 'Decodes a Base64 string (up to 10,000 characters) into text.',
    example: 'States.Base64Decode($.base64)',
  },
  {
    name: 'States.Hash',
    parameters: [
      { name: 'data', type: 'any' },
      { name: 'algorithm', type: 'string', values: HASH_ALGORITHMS },
    ],
    minArguments: 2,
    maxArguments: 2,
    returns: 'string',
    signature: "States.Hash(data, algorithm: 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'): string",
    doc: 'Returns the hexadecimal hash of the data (up to 10,000 characters once serialized) with one of the algorithms `MD5`, `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`.',
    example: "States.Hash($.Data, 'SHA-256')",
  },
  {
    name: 'States.JsonMerge',
    parameters: [
      { name: 'object1', type: 'object' },
      { name: 'object2', type: 'object' },
      { name: 'deepMerge', type: 'boolean', values: [false] },
    ],
    minArguments: 3,
    maxArguments: 3,
    returns: 'object',
    signature: 'States.JsonMerge(object1: object, object2: object, deepMerge: false): object',
    doc: 'Merges two objects: keys of the second object win. Only the shallow merge is supported, so the third argument must be `false`.',
    example: 'States.JsonMerge($.json1, $.json2, false)',
  },
  {
    name: 'States.MathRandom',
    parameters: [
      { name: 'start', type: 'integer' },
      { name: 'end', type: 'integer' },
      { name: 'seed', type: 'integer' },
    ],
    minArguments: 2,
    maxArguments: 3,
    returns: 'integer',
    signature: 'States.MathRandom(start: integer, end: integer, seed?: integer): integer',
    doc: 'Returns a random integer from `start` (included) to `end` (excluded). An optional integer seed makes the sequence repeatable.',
    example: 'States.MathRandom($.start, $.end)',
  },
  {
    name: 'States.MathAdd',
    parameters: [
      { name: 'value', type: 'number' },
      { name: 'step', type: 'number' },
    ],
    minArguments: 2,
    maxArguments: 2,
    returns: 'integer',
    signature: 'States.MathAdd(value: number, step: number): integer',
    doc: 'Returns the sum of two numbers, each first rounded to the nearest integer. Both must be numbers, not strings.',
    example: 'States.MathAdd($.value1, $.step)',
  },
  {
    name: 'States.StringSplit',
    parameters: [
      { name: 'text', type: 'string' },
      { name: 'separators', type: 'string' },
    ],
    minArguments: 2,
    maxArguments: 2,
    returns: 'array',
    signature: 'States.StringSplit(text: string, separators: string): array',
    doc: 'Splits a string into an array of strings at any of the separator characters; empty pieces are dropped.',
    example: "States.StringSplit($.inputString, ',')",
  },
  {
    name: 'States.UUID',
    parameters: [],
    minArguments: 0,
    maxArguments: 0,
    returns: 'string',
    signature: 'States.UUID(): string',
    doc: 'Returns a new version 4 UUID.',
    example: 'States.UUID()',
  },
];

const BY_NAME = new Map(INTRINSIC_FUNCTIONS.map((f) => [f.name, f]));

export function getIntrinsicFunction(name: string): IntrinsicFunction | undefined {
  return BY_NAME.get(name);
}

/** The parameter an argument position binds to (the last one repeats for variadic functions). */
export function parameterAt(fn: IntrinsicFunction, index: number): IntrinsicParameter | undefined {
  if (index < fn.parameters.length) return fn.parameters[index];
  return fn.maxArguments === undefined ? fn.parameters[fn.parameters.length - 1] : undefined;
}

// ---------------------------------------------------------------------------------------------
// The tree

interface Node {
  /** Offset inside the intrinsic text. */
  offset: number;
  length: number;
}

export interface IntrinsicCall extends Node {
  kind: 'call';
  name: string;
  nameOffset: number;
  nameLength: number;
  arguments: IntrinsicArgument[];
}

export type IntrinsicArgument =
  | IntrinsicCall
  /** `raw` is the source between the quotes, escapes included (where `\{}` is not a placeholder). */
  | (Node & { kind: 'string'; value: string; raw: string })
  | (Node & { kind: 'number'; value: number; text: string })
  | (Node & { kind: 'boolean'; value: boolean })
  | (Node & { kind: 'null' })
  | (Node & { kind: 'path'; path: JsonPath });

export interface IntrinsicError {
  offset: number;
  length: number;
  message: string;
  /** The error is in the syntax of a path argument rather than in the call itself. */
  inPath?: boolean;
}

export interface IntrinsicParseResult {
  call?: IntrinsicCall;
  error?: IntrinsicError;
}

/** Whether a string is meant as an intrinsic call rather than a path: `Name(` or `Name.Name(`. */
export function looksLikeIntrinsic(text: string): boolean {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  const start = i;
  while (i < text.length && isNameCharacter(text.charCodeAt(i))) i++;
  if (i === start || !isLetter(text.charCodeAt(start))) return false;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return text[i] === '(' || text.startsWith('States.', start);
}

// Character classes of one UTF-16 unit, as `/\s/`, `/[\p{L}\p{N}_.]/u` and `/\p{L}/u` test it; ASCII
// without a regular expression, since every string value of a template goes through them.
function isSpace(code: number): boolean {
  if (code < 128) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return /\s/.test(String.fromCharCode(code));
}

function isNameCharacter(code: number): boolean {
  if (code < 128) return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39) || code === 0x5f || code === 0x2e;
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
}

function isLetter(code: number): boolean {
  if (code < 128) return isAsciiLetter(code);
  return /\p{L}/u.test(String.fromCharCode(code));
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

const cache = new Map<string, IntrinsicParseResult>();
const CACHE_LIMIT = 20_000;

/** Parses an intrinsic call (syntax only; see `checkIntrinsic` for names, arity and types). Cached by text. */
export function parseIntrinsic(text: string): IntrinsicParseResult {
  let result = cache.get(text);
  if (result) return result;
  try {
    result = { call: new IntrinsicParser(text).parseWhole() };
  } catch (error) {
    if (!(error instanceof IntrinsicSyntaxError)) throw error;
    result = { error: { offset: error.offset, length: error.length, message: error.message, inPath: error.inPath || undefined } };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, result);
  return result;
}

class IntrinsicSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly length: number,
    message: string,
    readonly inPath = false,
  ) {
    super(message);
  }
}

function shown(char: string | undefined): string {
  if (char === undefined) return 'the end of the text';
  return /\s/.test(char) ? 'a space' : `\`${char}\``;
}

class IntrinsicParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseWhole(): IntrinsicCall {
    this.skipBlanks();
    const call = this.parseCall(1);
    this.skipBlanks();
    if (this.pos < this.text.length) {
      this.fail(this.pos, this.text.length - this.pos, 'Unexpected text after the closing `)` of the intrinsic function');
    }
    return call;
  }

  private fail(offset: number, length: number, message: string, inPath = false): never {
    throw new IntrinsicSyntaxError(offset, Math.max(0, Math.min(length, this.text.length - offset)), message, inPath);
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private skipBlanks(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private parseCall(depth: number): IntrinsicCall {
    const start = this.pos;
    while (this.pos < this.text.length && /[\p{L}\p{N}_.]/u.test(this.text[this.pos])) this.pos++;
    const name = this.text.slice(start, this.pos);
    if (name === '') this.fail(this.pos, 1, `Expected an intrinsic function name such as \`States.Format\`, found ${shown(this.peek())}`);
    if (depth > MAX_INTRINSIC_NESTING) {
      this.fail(start, name.length, `Intrinsic functions can be nested at most ${MAX_INTRINSIC_NESTING} deep`);
    }
    this.skipBlanks();
    if (this.peek() !== '(') this.fail(this.pos, 1, `Expected \`(\` after \`${name}\`, found ${shown(this.peek())}`);
    const open = this.pos;
    this.pos++;
    const args: IntrinsicArgument[] = [];
    this.skipBlanks();
    if (this.peek() === undefined) this.fail(open, 1, 'Unclosed `(`: expected the arguments and `)`');
    if (this.peek() === ')') {
      this.pos++;
    } else {
      for (;;) {
        args.push(this.parseArgument(depth));
        this.skipBlanks();
        const char = this.peek();
        if (char === ',') {
          this.pos++;
          this.skipBlanks();
          if (this.peek() === ')' || this.peek() === undefined) this.fail(this.pos - 1, 1, 'Expected an argument after `,`');
          continue;
        }
        if (char === ')') {
          this.pos++;
          break;
        }
        if (char === undefined) this.fail(open, 1, 'Unclosed `(`: expected `)` at the end of the arguments');
        this.fail(this.pos, 1, `Expected \`,\` or \`)\` after an argument, found ${shown(char)}`);
      }
    }
    return { kind: 'call', name, nameOffset: start, nameLength: name.length, arguments: args, offset: start, length: this.pos - start };
  }

  private parseArgument(depth: number): IntrinsicArgument {
    const start = this.pos;
    const char = this.peek();
    if (char === undefined) this.fail(this.pos, 0, 'Expected an argument');
    if (char === "'") return this.parseString();
    if (char === '"') {
      this.fail(this.pos, 1, "String arguments of intrinsic functions use single quotes: write `'text'`, not `\"text\"`");
    }
    if (char === '$') {
      const end = this.pathEnd();
      const text = this.text.slice(start, end).replace(/\s+$/, '');
      const parsed = parsePath(text);
      if (parsed.error) this.fail(start + parsed.error.offset, parsed.error.length || 1, parsed.error.message, true);
      this.pos = start + text.length;
      return { kind: 'path', path: parsed.path!, offset: start, length: text.length };
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
      if (!match) this.fail(this.pos, 1, `Invalid number: expected digits after ${shown(char)}`);
      this.pos += match[0].length;
      if (/[\p{L}\p{N}_.]/u.test(this.peek() ?? '')) this.fail(start, this.pos - start + 1, `Invalid number \`${this.text.slice(start, this.pos + 1)}\``);
      return { kind: 'number', value: Number(match[0]), text: match[0], offset: start, length: match[0].length };
    }
    if (/[\p{L}_]/u.test(char)) {
      let end = this.pos;
      while (end < this.text.length && /[\p{L}\p{N}_.]/u.test(this.text[end])) end++;
      const word = this.text.slice(this.pos, end);
      let after = end;
      while (after < this.text.length && /\s/.test(this.text[after])) after++;
      if (this.text[after] === '(') return this.parseCall(depth + 1);
      this.pos = end;
      if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true', offset: start, length: word.length };
      if (word === 'null') return { kind: 'null', offset: start, length: word.length };
      this.fail(start, word.length, `\`${word}\` is not a valid argument: quote text as \`'${word}'\`, or start a path with \`$\``);
    }
    this.fail(this.pos, 1, `Unexpected ${shown(char)}: expected a string, a number, \`true\`, \`false\`, \`null\`, a path or an intrinsic function`);
  }

  /** The end of a path argument: the first `,` or `)` outside brackets, parentheses and quotes. */
  private pathEnd(): number {
    let depth = 0;
    let quote: string | undefined;
    for (let i = this.pos; i < this.text.length; i++) {
      const char = this.text[i];
      if (quote) {
        if (char === '\\') i++;
        else if (char === quote) quote = undefined;
      } else if (char === "'" || char === '"') {
        quote = char;
      } else if (char === '[' || char === '(') {
        depth++;
      } else if (char === ']' || (char === ')' && depth > 0)) {
        depth--;
      } else if (depth === 0 && (char === ',' || char === ')')) {
        return i;
      }
    }
    return this.text.length;
  }

  private parseString(): IntrinsicArgument {
    const start = this.pos;
    this.pos++;
    let value = '';
    for (;;) {
      const char = this.peek();
      if (char === undefined) this.fail(start, this.pos - start, "Unterminated string: expected a closing `'` (write a quote inside the text as `\\'`)");
      this.pos++;
      if (char === "'") break;
      if (char === '\\') {
        const escaped = this.peek();
        if (escaped === undefined) this.fail(start, this.pos - start, "Unterminated string: expected a closing `'`");
        this.pos++;
        // Only `\'`, `\{`, `\}` and `\\` are escapes; any other backslash stays in the text.
        value += escaped === "'" || escaped === '{' || escaped === '}' || escaped === '\\' ? escaped : `\\${escaped}`;
      } else {
        value += char;
      }
    }
    return { kind: 'string', value, raw: this.text.slice(start + 1, this.pos - 1), offset: start, length: this.pos - start };
  }
}

// ---------------------------------------------------------------------------------------------
// Checking a parsed call against the table

export interface IntrinsicProblem {
  offset: number;
  length: number;
  message: string;
  data?: Record<string, unknown>;
}

/** What a literal argument is, in the terms of `IntrinsicType`. */
function literalType(argument: IntrinsicArgument): IntrinsicType | 'null' | undefined {
  switch (argument.kind) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(argument.value) ? 'integer' : 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'call':
      return getIntrinsicFunction(argument.name)?.returns;
    case 'path':
      return undefined;
  }
}

function accepts(expected: IntrinsicType, actual: IntrinsicType | 'null'): boolean {
  if (expected === 'any' || actual === 'any') return true;
  if (expected === actual) return true;
  if (expected === 'number' && actual === 'integer') return true;
  return false;
}

const ARTICLE: Record<IntrinsicType | 'null', string> = {
  any: 'any value',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  null: '`null`',
};

function describeArgument(argument: IntrinsicArgument): string {
  switch (argument.kind) {
    case 'string':
      return `the string '${argument.value}'`;
    case 'number':
      return `the number ${argument.text}`;
    case 'boolean':
      return `\`${argument.value}\``;
    case 'null':
      return '`null`';
    case 'call':
      return `\`${argument.name}(...)\`, which returns ${ARTICLE[getIntrinsicFunction(argument.name)?.returns ?? 'any']}`;
    case 'path':
      return `\`${argument.path.text}\``;
  }
}

/** Counts the `{}` placeholders in the source of a `States.Format` template; `\{}` is not one. */
export function countPlaceholders(raw: string): number {
  let count = 0;
  for (let i = 0; i + 1 < raw.length; i++) {
    if (raw[i] === '\\') i++;
    else if (raw[i] === '{' && raw[i + 1] === '}') count++;
  }
  return count;
}

/** Functions close to an unknown name, compared without the `States.` prefix. */
function suggestIntrinsics(name: string, suggest: (name: string, candidates: string[]) => string[]): string[] {
  const short = (full: string) => (full.startsWith('States.') ? full.slice('States.'.length) : full);
  const wanted = short(name);
  const exact = INTRINSIC_FUNCTIONS.find((f) => short(f.name).toLowerCase() === wanted.toLowerCase());
  if (exact) return [exact.name];
  return suggest(wanted, INTRINSIC_FUNCTIONS.map((f) => short(f.name))).map((s) => `States.${s}`);
}

/**
 * The problems of a syntactically valid call: unknown functions (with suggestions), argument counts,
 * literal arguments of the wrong type, and the value rules AWS states (hash algorithms, the
 * `States.Format` placeholder count, a zero `States.ArrayRange` step...). Paths are not typed: their
 * values are only known at run time.
 */
export function checkIntrinsic(call: IntrinsicCall, suggest: (name: string, candidates: string[]) => string[]): IntrinsicProblem[] {
  const problems: IntrinsicProblem[] = [];
  visit(call);
  return problems;

  function visit(node: IntrinsicCall): void {
    const fn = getIntrinsicFunction(node.name);
    if (!fn) {
      const suggestions = suggestIntrinsics(node.name, suggest);
      const hint = suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : '';
      problems.push({
        offset: node.nameOffset,
        length: node.nameLength,
        message: `\`${node.name}\` is not an intrinsic function${hint}`,
        data: { name: node.name, suggestions },
      });
    } else {
      checkArity(node, fn);
      node.arguments.forEach((argument, index) => checkArgument(fn, argument, index));
      checkValues(node, fn);
    }
    for (const argument of node.arguments) {
      if (argument.kind === 'call') visit(argument);
    }
  }

  function checkArity(node: IntrinsicCall, fn: IntrinsicFunction): void {
    const count = node.arguments.length;
    const { minArguments: min, maxArguments: max } = fn;
    if (count >= min && (max === undefined || count <= max)) return;
    const expected = max === undefined ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
    const plural = expected.endsWith(' 1') || expected === '1' ? 'argument' : 'arguments';
    const span = count > (max ?? Infinity) ? node.arguments[max!] : undefined;
    const extra = span
      ? { offset: span.offset, length: node.arguments[count - 1].offset + node.arguments[count - 1].length - span.offset }
      : { offset: node.nameOffset, length: node.nameLength };
    problems.push({
      ...extra,
      message: `\`${fn.name}\` takes ${expected} ${plural} but got ${count}: ${fn.signature}`,
      data: { name: fn.name, expected: { min, max }, actual: count },
    });
  }

  function checkArgument(fn: IntrinsicFunction, argument: IntrinsicArgument, index: number): void {
    const parameter = parameterAt(fn, index);
    if (!parameter) return;
    const actual = literalType(argument);
    if (actual === undefined) return;
    if (!accepts(parameter.type, actual)) {
      problems.push({
        offset: argument.offset,
        length: argument.length,
        message: `Argument \`${parameter.name}\` of \`${fn.name}\` must be ${ARTICLE[parameter.type]}, but it is ${describeArgument(argument)}`,
        data: { name: fn.name, parameter: parameter.name, expected: parameter.type },
      });
      return;
    }
    if (parameter.values && (argument.kind === 'string' || argument.kind === 'boolean') && !parameter.values.includes(argument.value)) {
      const allowed = parameter.values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
      problems.push({
        offset: argument.offset,
        length: argument.length,
        message:
          fn.name === 'States.JsonMerge'
            ? '`States.JsonMerge` only supports the shallow merge: its third argument must be `false`'
            : `Argument \`${parameter.name}\` of \`${fn.name}\` must be one of ${allowed.join(', ')}`,
        data: { name: fn.name, parameter: parameter.name, suggestions: parameter.values },
      });
    }
  }

  function checkValues(node: IntrinsicCall, fn: IntrinsicFunction): void {
    const args = node.arguments;
    const numberAt = (i: number) => (args[i]?.kind === 'number' ? (args[i] as { value: number }).value : undefined);
    if (fn.name === 'States.Format' && args[0]?.kind === 'string') {
      const placeholders = countPlaceholders(args[0].raw);
      const values = args.length - 1;
      if (placeholders !== values) {
        problems.push({
          offset: args[0].offset,
          length: args[0].length,
          message: `The template has ${placeholders} \`{}\` placeholder${placeholders === 1 ? '' : 's'} but ${values} value${values === 1 ? ' follows' : 's follow'} it; \`States.Format\` needs one value per placeholder`,
          data: { name: fn.name, placeholders, values },
        });
      }
    }
    if (fn.name === 'States.ArrayRange') {
      const [start, end, step] = [numberAt(0), numberAt(1), numberAt(2)];
      if (step === 0) {
        problems.push({ offset: args[2].offset, length: args[2].length, message: 'The step of `States.ArrayRange` cannot be 0' });
      } else if (start !== undefined && end !== undefined && step !== undefined && Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step)) {
        const count = (end - start) / step >= 0 ? Math.floor((end - start) / step) + 1 : 0;
        if (count > 1000) {
          problems.push({
            offset: node.offset,
            length: node.length,
            message: `\`States.ArrayRange\` can return at most 1,000 items, but this range has ${count}`,
          });
        }
      }
    }
    if (fn.name === 'States.ArrayPartition') {
      const size = numberAt(1);
      if (size !== undefined && Number.isInteger(size) && size <= 0) {
        problems.push({ offset: args[1].offset, length: args[1].length, message: 'The chunk size of `States.ArrayPartition` must be a positive integer' });
      }
    }
  }
}
