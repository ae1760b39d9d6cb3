/**
 * A fast path for `jsonc-parser`'s `parseTree` on well-formed JSON.
 *
 * Why it exists: speed. `parseTree` drives a scanner through a visitor of closures and builds the
 * tree from callbacks; on a 2.45 MB definition of 2,500 states (178,000 nodes) it takes about 190 ms
 * of CPU, where this single pass over the characters takes about a fifth of that, and the language
 * server parses on every keystroke. The tree is exactly the one `parseTree` builds (the same node
 * kinds, offsets, lengths, values, `parent` links and `colonOffset`s, the root without a `parent`),
 * so everything downstream reads the same model.
 *
 * It only takes strict JSON: anything `parseTree` would report as an error (and anything unusual,
 * such as nesting deeper than `MAX_DEPTH`) makes it give up and return undefined, and the caller
 * parses with `jsonc-parser`, whose error recovery then decides what the user sees. Errors are rare
 * while a document is valid, which is when speed matters.
 */
import type { DuplicateKey, JsonNode } from './model';

/** A node as it is built or updated: `jsonc-parser` declares every field read-only. */
export type MutableJsonNode = { -readonly [K in keyof JsonNode]: JsonNode[K] };

/**
 * Deeper documents are left to `jsonc-parser`, which recurses once per level and runs out of stack
 * on thousands of levels: the caller reports that, and must keep doing so.
 */
const MAX_DEPTH = 256;

/** The size of the table of strings already made (a power of 2). */
const SEEN_STRINGS = 4096;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** Thrown inside the parser to abandon the fast path; never escapes `parseJsonTree`. */
class NotPlainJson extends Error {}
const GIVE_UP = new NotPlainJson();

/**
 * The `jsonc-parser` tree of `text`, or undefined when `text` is not strict JSON (or too deep).
 * Offsets are added to `base`, for a value parsed out of a larger document. The keys repeated in an
 * object are added to `duplicateKeys` (in no particular order), which spares another walk of the tree.
 */
export function parseJsonTree(text: string, base = 0, duplicateKeys?: DuplicateKey[]): JsonNode | undefined {
  const parser = new TreeParser(text, base, duplicateKeys ? [] : undefined);
  try {
    const root = parser.parseDocument();
    if (duplicateKeys) duplicateKeys.push(...parser.duplicateKeys!);
    return root;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/**
 * The members of `container` that the text holds, as `parseMembers` of the parser reads them, or
 * undefined when the text is not strict JSON there. `depth` counts the objects and arrays from the
 * root to `container`, included, so that the limit on nesting is the same as for a whole document.
 */
export function parseJsonMembers(
  text: string,
  base: number,
  container: JsonNode,
  between: { before: boolean; after: boolean },
  depth: number,
  duplicateKeys: DuplicateKey[],
): JsonNode[] | undefined {
  const parser = new TreeParser(text, base, [], depth);
  try {
    const members = parser.parseMembers(container, between);
    duplicateKeys.push(...parser.duplicateKeys!);
    return members;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

class TreeParser {
  private pos = 0;
  /**
   * The children of the open objects and arrays, innermost last. Each container takes its own at
   * its end, in an array of the exact size: one grown by `push` reserves room for 17 elements.
   */
  private readonly pending: JsonNode[] = [];
  /** Strings already made, by a hash of their characters. */
  private readonly seen: (string | undefined)[] = new Array(SEEN_STRINGS);

  constructor(
    private readonly text: string,
    private readonly base: number,
    readonly duplicateKeys: DuplicateKey[] | undefined,
    /** How many objects and arrays enclose the text (for a fragment) or are open. */
    private depth = 0,
  ) {}

  parseDocument(): JsonNode {
    this.skipWhitespace();
    // The artificial parent `parseTree` gives the root while it builds, then deletes.
    const root = this.parseValue(undefined as unknown as JsonNode);
    this.skipWhitespace();
    if (this.pos !== this.text.length) throw GIVE_UP;
    delete (root as { parent?: JsonNode }).parent;
    return root;
  }

  /**
   * The members (properties or items) between two places of `container`'s text, all of it: from
   * the end of the member before them (`between.before`), or the opening bracket, to the start of
   * the member after them (`between.after`), or the closing bracket. The commas that separate them
   * from each other and from those two members are part of the text.
   */
  parseMembers(container: JsonNode, between: { before: boolean; after: boolean }): JsonNode[] {
    const object = container.type === 'object';
    const first = this.pending.length;
    // What the last thing read was: nothing yet (no member before either), a member, a comma.
    let last: 'nothing' | 'member' | 'comma' = between.before ? 'member' : 'nothing';
    for (;;) {
      this.skipWhitespace();
      if (this.pos === this.text.length) {
        // A member after them needs a comma before it; with none, a comma would be a trailing one.
        if (last === 'member' ? between.after : last === 'comma' && !between.after) throw GIVE_UP;
        break;
      }
      if (last === 'member') {
        if (this.text.charCodeAt(this.pos) !== COMMA) throw GIVE_UP;
        this.pos++;
        last = 'comma';
      } else {
        this.pending.push(object ? this.parseProperty(container) : this.parseValue(container));
        last = 'member';
      }
    }
    return this.takePending(first);
  }

  private skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  private parseValue(parent: JsonNode): JsonNode {
    const code = this.text.charCodeAt(this.pos);
    switch (code) {
      case OPEN_BRACE:
        return this.parseObject(parent);
      case OPEN_BRACKET:
        return this.parseArray(parent);
      case QUOTE: {
        const offset = this.pos;
        const value = this.scanString();
        return { type: 'string', offset: this.base + offset, length: this.pos - offset, parent, value };
      }
      case 0x74: // t
        return this.parseKeyword('true', true, parent);
      case 0x66: // f
        return this.parseKeyword('false', false, parent);
      case 0x6e: // n
        return this.parseKeyword('null', null, parent);
      default:
        if (code === MINUS || (code >= ZERO && code <= NINE)) return this.parseNumber(parent);
        throw GIVE_UP;
    }
  }

  private parseKeyword(word: string, value: boolean | null, parent: JsonNode): JsonNode {
    const offset = this.pos;
    if (!this.text.startsWith(word, offset)) throw GIVE_UP;
    this.pos += word.length;
    return { type: value === null ? 'null' : 'boolean', offset: this.base + offset, length: word.length, parent, value };
  }

  /** The number grammar of RFC 8259, which `jsonc-parser` scans without error. */
  private parseNumber(parent: JsonNode): JsonNode {
    const text = this.text;
    const offset = this.pos;
    let pos = offset;
    if (text.charCodeAt(pos) === MINUS) pos++;
    let code = text.charCodeAt(pos);
    if (code === ZERO) {
      pos++;
    } else if (code > ZERO && code <= NINE) {
      do pos++;
      while (isDigit(text.charCodeAt(pos)));
    } else {
      throw GIVE_UP;
    }
    if (text.charCodeAt(pos) === DOT) {
      pos++;
      if (!isDigit(text.charCodeAt(pos))) throw GIVE_UP;
      do pos++;
      while (isDigit(text.charCodeAt(pos)));
    }
    code = text.charCodeAt(pos);
    if (code === LOWER_E || code === UPPER_E) {
      pos++;
      code = text.charCodeAt(pos);
      if (code === PLUS || code === MINUS) pos++;
      if (!isDigit(text.charCodeAt(pos))) throw GIVE_UP;
      do pos++;
      while (isDigit(text.charCodeAt(pos)));
    }
    this.pos = pos;
    const value = Number(text.slice(offset, pos));
    return { type: 'number', offset: this.base + offset, length: pos - offset, parent, value };
  }

  /** The value of the string token at `pos` (a quote); leaves `pos` after the closing quote. */
  private scanString(): string {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    let escaped = false;
    let hash = 0;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === QUOTE) break;
      if (code === BACKSLASH) {
        escaped = true;
        pos += 2;
        continue;
      }
      // Control characters (and the end of the text, NaN) are errors for `jsonc-parser`.
      if (!(code >= 0x20)) throw GIVE_UP;
      hash = (Math.imul(hash, 31) + code) | 0;
      pos++;
    }
    this.pos = pos + 1;
    if (escaped) {
      // `JSON.parse` decodes exactly the escapes `jsonc-parser` accepts, and throws on the others.
      try {
        return JSON.parse(text.slice(start, pos + 1)) as string;
      } catch {
        throw GIVE_UP;
      }
    }
    // Keys and many values repeat (`Type`, `Next`, `States.ALL`...): one string for all of them
    // spares the allocations, which the garbage collector would copy twice.
    const length = pos - start - 1;
    const slot = (hash ^ length) & (SEEN_STRINGS - 1);
    const seen = this.seen[slot];
    if (seen !== undefined && seen.length === length && text.startsWith(seen, start + 1)) return seen;
    const value = text.slice(start + 1, pos);
    this.seen[slot] = value;
    return value;
  }

  private takePending(first: number): JsonNode[] {
    const children = this.pending.slice(first);
    this.pending.length = first;
    return children;
  }

  private parseObject(parent: JsonNode): JsonNode {
    const text = this.text;
    const offset = this.pos;
    const node: MutableJsonNode = { type: 'object', offset: this.base + offset, length: -1, parent, children: undefined };
    const first = this.pending.length;
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) !== CLOSE_BRACE) {
      for (;;) {
        this.pending.push(this.parseProperty(node));
        this.skipWhitespace();
        const next = text.charCodeAt(this.pos);
        if (next === COMMA) {
          this.pos++;
          this.skipWhitespace();
        } else if (next === CLOSE_BRACE) {
          break;
        } else {
          throw GIVE_UP;
        }
      }
    }
    this.pos++;
    this.depth--;
    node.length = this.base + this.pos - node.offset;
    const properties = this.takePending(first);
    node.children = properties;
    if (properties.length > 1 && this.duplicateKeys) findDuplicateKeys(properties, this.duplicateKeys);
    return node;
  }

  private parseProperty(parent: JsonNode): JsonNode {
    const text = this.text;
    if (text.charCodeAt(this.pos) !== QUOTE) throw GIVE_UP;
    const keyOffset = this.pos;
    const property: MutableJsonNode = { type: 'property', offset: this.base + keyOffset, length: -1, parent, children: undefined };
    const name = this.scanString();
    const key: JsonNode = { type: 'string', value: name, offset: this.base + keyOffset, length: this.pos - keyOffset, parent: property };
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) !== COLON) throw GIVE_UP;
    property.colonOffset = this.base + this.pos;
    this.pos++;
    this.skipWhitespace();
    const value = this.parseValue(property);
    property.children = [key, value];
    property.length = value.offset + value.length - property.offset;
    return property;
  }

  private parseArray(parent: JsonNode): JsonNode {
    const text = this.text;
    const offset = this.pos;
    const node: MutableJsonNode = { type: 'array', offset: this.base + offset, length: -1, parent, children: undefined };
    const first = this.pending.length;
    if (++this.depth > MAX_DEPTH) throw GIVE_UP;
    this.pos++;
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) !== CLOSE_BRACKET) {
      for (;;) {
        this.pending.push(this.parseValue(node));
        this.skipWhitespace();
        const next = text.charCodeAt(this.pos);
        if (next === COMMA) {
          this.pos++;
          this.skipWhitespace();
        } else if (next === CLOSE_BRACKET) {
          break;
        } else {
          throw GIVE_UP;
        }
      }
    }
    this.pos++;
    this.depth--;
    node.length = this.base + this.pos - node.offset;
    node.children = this.takePending(first);
    return node;
  }
}

/**
 * Each property whose key an earlier property of the same object has, with the first of them. Keys
 * are mostly the same string objects (see `scanString`), so the pairwise check of a small object is
 * cheaper than a map.
 */
export function findDuplicateKeys(properties: readonly JsonNode[], out: DuplicateKey[]): void {
  if (properties.length > 16) {
    const first = new Map<string, JsonNode>();
    for (const property of properties) {
      const key = property.children![0].value as string;
      const earlier = first.get(key);
      if (earlier) out.push({ key, property, first: earlier });
      else first.set(key, property);
    }
    return;
  }
  for (let i = 1; i < properties.length; i++) {
    const key = properties[i].children![0].value as string;
    for (let j = 0; j < i; j++) {
      if (properties[j].children![0].value === key) {
        out.push({ key, property: properties[i], first: properties[j] });
        break;
      }
    }
  }
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}
