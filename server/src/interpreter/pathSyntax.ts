/**
 * Path text → CompiledPath. Parses `$...` (input), `$$...` (Context object) and `$name...` (variable)
 * paths in dot and bracket notation, with wildcards, slices, unions, deep scans and filters.
 */
import type { Json } from './types';
import { isDefinite, type CompiledPath, type FilterExpr, type FilterOperand, type PathRoot, type Segment } from './paths';

export class PathSyntaxError extends Error {}

const cache = new Map<string, CompiledPath>();

export function compilePath(text: string): CompiledPath {
  let compiled = cache.get(text);
  if (!compiled) {
    compiled = parse(text);
    if (cache.size > 10_000) cache.clear();
    cache.set(text, compiled);
  }
  return compiled;
}

function parse(text: string): CompiledPath {
  const source = text.trim();
  if (!source.startsWith('$')) throw new PathSyntaxError(`'${text}' is not a path: it must start with '$'`);
  let root: PathRoot;
  let position: number;
  if (source.startsWith('$$')) {
    root = { kind: 'context' };
    position = 2;
  } else {
    const match = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(source);
    if (match) {
      root = { kind: 'variable', name: match[1] };
      position = match[0].length;
    } else {
      root = { kind: 'input' };
      position = 1;
    }
  }
  const parser = new SegmentParser(source, position);
  const segments = parser.segments(false);
  return { text, root, segments, definite: isDefinite(segments) };
}

class SegmentParser {
  constructor(
    private readonly text: string,
    private pos: number,
  ) {}

  private error(message: string): never {
    throw new PathSyntaxError(`Invalid path '${this.text}': ${message} at position ${this.pos}`);
  }

  /** Segments until the end (or, inside a filter, until an operator or `)`). */
  segments(inFilter: boolean): Segment[] {
    const out: Segment[] = [];
    const text = this.text;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '.') {
        if (text[this.pos + 1] === '.') {
          this.pos += 2;
          if (text[this.pos] === '*') {
            this.pos++;
            out.push({ kind: 'descendant' });
          } else if (text[this.pos] === '[') {
            const bracket = this.bracket();
            if (bracket.kind === 'property') out.push({ kind: 'descendant', name: bracket.name });
            else if (bracket.kind === 'wildcard') out.push({ kind: 'descendant' });
            else {
              out.push({ kind: 'descendant' });
              out.push(bracket);
            }
          } else {
            out.push({ kind: 'descendant', name: this.name() });
          }
        } else {
          this.pos++;
          if (text[this.pos] === '*') {
            this.pos++;
            out.push({ kind: 'wildcard' });
          } else {
            out.push({ kind: 'property', name: this.name() });
          }
        }
      } else if (c === '[') {
        out.push(this.bracket());
      } else if (inFilter) {
        break;
      } else {
        this.error(`unexpected '${c}'`);
      }
    }
    return out;
  }

  private name(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !'.[ )=!<>&|'.includes(this.text[this.pos])) this.pos++;
    if (this.pos === start) this.error('a property name is expected');
    return this.text.slice(start, this.pos);
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }

  private bracket(): Segment {
    this.pos++; // [
    this.skipSpaces();
    const text = this.text;
    let segment: Segment;
    if (text[this.pos] === '*') {
      this.pos++;
      segment = { kind: 'wildcard' };
    } else if (text[this.pos] === '?') {
      this.pos++;
      this.skipSpaces();
      if (text[this.pos] !== '(') this.error(`'(' expected after '?'`);
      this.pos++;
      const test = this.filterOr();
      this.skipSpaces();
      if (text[this.pos] !== ')') this.error(`')' expected`);
      this.pos++;
      segment = { kind: 'filter', test };
    } else {
      const members: (string | number)[] = [];
      let slice: { start?: number; end?: number; step?: number } | undefined;
      for (;;) {
        this.skipSpaces();
        const c = text[this.pos];
        if (c === "'" || c === '"') {
          members.push(this.quoted());
        } else {
          const match = /^(-?\d*)(?::(-?\d*))?(?::(-?\d*))?/.exec(text.slice(this.pos));
          if (!match || match[0] === '') this.error('an index, a slice or a quoted name is expected');
          this.pos += match[0].length;
          if (match[0].includes(':')) {
            const num = (s: string | undefined) => (s === undefined || s === '' ? undefined : Number(s));
            slice = { start: num(match[1]), end: num(match[2]), step: num(match[3]) };
          } else {
            members.push(Number(match[1]));
          }
        }
        this.skipSpaces();
        if (text[this.pos] === ',') {
          this.pos++;
          continue;
        }
        break;
      }
      if (slice) {
        if (members.length > 0) this.error('a slice cannot be combined with other members');
        segment = { kind: 'slice', ...slice };
      } else if (members.length === 1) {
        segment = typeof members[0] === 'number' ? { kind: 'index', index: members[0] } : { kind: 'property', name: members[0] };
      } else {
        segment = { kind: 'union', members };
      }
    }
    this.skipSpaces();
    if (text[this.pos] !== ']') this.error(`']' expected`);
    this.pos++;
    return segment;
  }

  private quoted(): string {
    const quote = this.text[this.pos++];
    let value = '';
    while (this.pos < this.text.length && this.text[this.pos] !== quote) {
      // Only the quote itself is escaped (`\'`); any other backslash is part of the name, as in Jayway.
      if (this.text[this.pos] === '\\' && this.text[this.pos + 1] === quote) this.pos++;
      value += this.text[this.pos++];
    }
    if (this.text[this.pos] !== quote) this.error('unterminated quoted name');
    this.pos++;
    return value;
  }

  private filterOr(): FilterExpr {
    let left = this.filterAnd();
    for (;;) {
      this.skipSpaces();
      if (!this.text.startsWith('||', this.pos)) return left;
      this.pos += 2;
      left = { kind: 'or', left, right: this.filterAnd() };
    }
  }

  private filterAnd(): FilterExpr {
    let left = this.filterUnary();
    for (;;) {
      this.skipSpaces();
      if (!this.text.startsWith('&&', this.pos)) return left;
      this.pos += 2;
      left = { kind: 'and', left, right: this.filterUnary() };
    }
  }

  private filterUnary(): FilterExpr {
    this.skipSpaces();
    if (this.text[this.pos] === '!') {
      this.pos++;
      return { kind: 'not', expr: this.filterUnary() };
    }
    if (this.text[this.pos] === '(') {
      this.pos++;
      const inner = this.filterOr();
      this.skipSpaces();
      if (this.text[this.pos] !== ')') this.error(`')' expected`);
      this.pos++;
      return inner;
    }
    const left = this.operand();
    this.skipSpaces();
    const op = /^(==|!=|<=|>=|<|>)/.exec(this.text.slice(this.pos))?.[1] as '==' | '!=' | '<' | '<=' | '>' | '>=' | undefined;
    if (!op) {
      if (left.kind !== 'path') this.error('a comparison is expected');
      return { kind: 'exists', operand: left };
    }
    this.pos += op.length;
    return { kind: 'compare', op, left, right: this.operand() };
  }

  private operand(): FilterOperand {
    this.skipSpaces();
    const c = this.text[this.pos];
    if (c === '@') {
      this.pos++;
      return { kind: 'path', segments: this.segments(true) };
    }
    if (c === "'" || c === '"') return { kind: 'literal', value: this.quoted() };
    const match = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.pos));
    if (!match) this.error('a value or `@` path is expected');
    this.pos += match[0].length;
    return { kind: 'literal', value: JSON.parse(match[0]) as Json };
  }
}
