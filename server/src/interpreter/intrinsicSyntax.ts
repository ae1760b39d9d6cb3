/** Intrinsic function text → call tree: `States.Format('{} x', $.a, States.Array(1, 2))`. */
import type { Json } from './types';
import type { CompiledPath } from './paths';
import { compilePath } from './pathSyntax';

export type IntrinsicArgument =
  | { kind: 'call'; name: string; args: IntrinsicArgument[] }
  | { kind: 'literal'; value: Json; /** For strings: the text between the quotes, escapes kept. */ raw?: string }
  | { kind: 'path'; path: CompiledPath };

export type IntrinsicCall = Extract<IntrinsicArgument, { kind: 'call' }>;

export class IntrinsicSyntaxError extends Error {}

const cache = new Map<string, IntrinsicCall>();

export function looksLikeIntrinsic(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(text);
}

export function compileIntrinsic(text: string): IntrinsicCall {
  let call = cache.get(text);
  if (!call) {
    const parser = new Parser(text);
    call = parser.call();
    parser.end();
    if (cache.size > 10_000) cache.clear();
    cache.set(text, call);
  }
  return call;
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  private error(message: string): never {
    throw new IntrinsicSyntaxError(`Invalid intrinsic function '${this.text}': ${message} at position ${this.pos}`);
  }

  private spaces(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  end(): void {
    this.spaces();
    if (this.pos < this.text.length) this.error(`unexpected '${this.text.slice(this.pos)}'`);
  }

  call(): IntrinsicCall {
    this.spaces();
    const match = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.pos));
    if (!match) this.error('a function name `States.Xxx` is expected');
    this.pos += match[0].length;
    this.spaces();
    if (this.text[this.pos] !== '(') this.error(`'(' expected`);
    this.pos++;
    const args: IntrinsicArgument[] = [];
    this.spaces();
    if (this.text[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name: match[0], args };
    }
    for (;;) {
      args.push(this.argument());
      this.spaces();
      const c = this.text[this.pos];
      this.pos++;
      if (c === ')') return { kind: 'call', name: match[0], args };
      if (c !== ',') this.error(`',' or ')' expected`);
    }
  }

  private argument(): IntrinsicArgument {
    this.spaces();
    const rest = this.text.slice(this.pos);
    const c = rest[0];
    if (c === "'") return this.string();
    if (c === '$') return { kind: 'path', path: compilePath(this.pathText()) };
    if (rest.startsWith('States.')) return this.call();
    const match = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?=\s*[,)])/.exec(rest);
    if (!match) this.error('an argument (string, number, boolean, null, path or function) is expected');
    this.pos += match[0].length;
    return { kind: 'literal', value: JSON.parse(match[0]) as Json };
  }

  private string(): IntrinsicArgument {
    this.pos++;
    let raw = '';
    let value = '';
    while (this.pos < this.text.length && this.text[this.pos] !== "'") {
      const c = this.text[this.pos];
      if (c === '\\' && this.pos + 1 < this.text.length) {
        raw += c + this.text[this.pos + 1];
        value += this.text[this.pos + 1];
        this.pos += 2;
      } else {
        raw += c;
        value += c;
        this.pos++;
      }
    }
    if (this.text[this.pos] !== "'") this.error('unterminated string');
    this.pos++;
    return { kind: 'literal', value, raw };
  }

  /** A path argument ends at a `,` or `)` outside brackets and quotes. */
  private pathText(): string {
    const start = this.pos;
    let depth = 0;
    let quote: string | undefined;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth++;
      else if (c === ']' || (c === ')' && depth > 0)) depth--;
      else if (depth === 0 && (c === ',' || c === ')')) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos).trim();
  }
}
