/**
 * The fast JSON tree parser against `jsonc-parser`, on every input it takes: where it gives a tree,
 * `jsonc-parser` must report no error and build the very same tree (kinds, offsets, lengths, values,
 * `colonOffset`s, `parent` links, the root without `parent`) and the same repeated keys; where
 * `jsonc-parser` reports no error, it must give a tree (unless the text is nested too deeply).
 * Inputs: the validator and execution corpora, the fixtures, mutations of them, and random JSON.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { parseJsonTree } from '../../server/src/asl/jsonTree';
import { parseAsl } from '../../server/src/asl/parse';
import type { DuplicateKey } from '../../server/src/asl/model';
import { fuzzCorpus } from '../fuzz/corpus';
import { treeDifference } from './jsonTrees';
import { Random } from '../fuzz/random';

const EXECUTION_CASES = path.resolve(__dirname, '..', '..', '..', 'shared', 'conformance', 'execution', 'cases');

function depthOf(node: JsonNode | undefined): number {
  let deepest = 0;
  const stack: [JsonNode, number][] = node ? [[node, 0]] : [];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    const level = current.type === 'object' || current.type === 'array' ? depth + 1 : depth;
    deepest = Math.max(deepest, level);
    for (const child of current.children ?? []) stack.push([child, level]);
  }
  return deepest;
}

/** Repeated keys as `parseAsl` found them before the fast path: first occurrence per object, by offset. */
function referenceDuplicates(root: JsonNode | undefined): string[] {
  const found: [number, string][] = [];
  const visit = (node: JsonNode) => {
    if (node.type === 'object') {
      const seen = new Map<string, JsonNode>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0]?.value as string;
        const first = seen.get(key);
        if (first) found.push([property.offset, `${key}@${property.offset}<-${first.offset}`]);
        else seen.set(key, property);
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  if (root) visit(root);
  return found.sort((a, b) => a[0] - b[0]).map(([, description]) => description);
}

function describeDuplicates(duplicates: readonly DuplicateKey[]): string[] {
  return duplicates.map((d) => `${d.key}@${d.property.offset}<-${d.first.offset}`);
}

/** Compares both parsers on one text; returns a description of the disagreement, if any. */
function disagreement(text: string): string | undefined {
  const errors: ParseError[] = [];
  let expected: JsonNode | undefined;
  try {
    expected = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return parseJsonTree(text) ? 'a tree where jsonc-parser runs out of stack' : undefined;
  }
  const duplicates: DuplicateKey[] = [];
  const actual = parseJsonTree(text, 0, duplicates);
  if (!actual) {
    if (errors.length === 0 && depthOf(expected) <= 256) return 'no tree for a text jsonc-parser reads without error';
    return undefined;
  }
  if (errors.length > 0) return `a tree where jsonc-parser reports ${errors.length} errors, the first at ${errors[0].offset}`;
  const difference = treeDifference(expected!, actual);
  if (difference) return difference;
  if (Object.hasOwn(actual, 'parent')) return 'the root has a parent';
  duplicates.sort((a, b) => a.property.offset - b.property.offset);
  const found = describeDuplicates(duplicates).join(' ');
  const reference = referenceDuplicates(expected).join(' ');
  return found === reference ? undefined : `repeated keys ${found}, expected ${reference}`;
}

function corpusTexts(): { name: string; text: string }[] {
  const texts = fuzzCorpus();
  if (fs.existsSync(EXECUTION_CASES)) {
    for (const name of fs.readdirSync(EXECUTION_CASES).filter((n) => n.endsWith('.json')).sort()) {
      const definition = (JSON.parse(fs.readFileSync(path.join(EXECUTION_CASES, name), 'utf8')) as { definition: unknown }).definition;
      texts.push({ name: `execution/${name}`, text: JSON.stringify(definition, null, 2) });
      texts.push({ name: `execution/${name} (compact)`, text: JSON.stringify(definition) });
    }
  }
  return texts;
}

const FRAGMENTS = [
  '{', '}', '[', ']', '"', ',', ':', '\\', '\\"', '\\u', '\\u00e9', '\\x', '\n', '\r\n', '\t', ' ', '\v', '\f', '\u00a0',
  '\ufeff', '\u2028', '\u0000', '\u001f', '\u007f', '//', '/*', '*/', '-', '0', '01', '-0', '1.', '.5', '1e', '1e+', '1E-2',
  'true', 'tru', 'null', 'nul', 'false', 'NaN', 'Infinity', 'é', '😀', '\ud800', '"a":1', ',"b":[]', '{}', '[]',
];

function mutate(text: string, random: Random): string {
  const at = random.int(text.length + 1);
  switch (random.int(4)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + random.pick(FRAGMENTS) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1 + random.int(8));
    default: {
      const length = 1 + random.int(40);
      const to = random.int(text.length + 1);
      return text.slice(0, to) + text.slice(at, at + length) + text.slice(to);
    }
  }
}

const STRING_PIECES = ['a', 'Next', 'é', '😀', ' ', '\\n', '\\"', '\\\\', '\\/', '\\b', '\\f', '\\r', '\\t', '\\u0041', '\\u00E9', '\\ud83d\\ude00', '\\udc00', '$.x', '{%', '\u2028', '\u007f'];
const NUMBERS = ['0', '-0', '1', '-1', '12', '0.5', '-0.25', '1e5', '1E5', '1e+5', '1e-5', '2.5E-3', '123456789012345678901234567890', '1e400', '-1e-400', '0.1e1'];
const SPACES = ['', ' ', '  ', '\n', '\r\n', '\t', ' \n  '];

/** Random JSON text, with random whitespace, escapes, number forms and repeated keys. */
function randomJson(random: Random, depth = 0): string {
  const space = () => random.pick(SPACES);
  const string = () => `"${Array.from({ length: random.int(5) }, () => random.pick(STRING_PIECES)).join('')}"`;
  const kind = depth > 4 ? random.int(4) : random.int(6);
  switch (kind) {
    case 0:
      return string();
    case 1:
      return random.pick(NUMBERS);
    case 2:
      return random.pick(['true', 'false', 'null']);
    case 3:
      return random.pick(['{}', '[]', '{ }', '[\n]']);
    case 4: {
      const keys = ['"a"', '"b"', '"Type"', string()];
      const properties = Array.from({ length: random.int(5) }, () => `${space()}${random.pick(keys)}${space()}:${space()}${randomJson(random, depth + 1)}${space()}`);
      return `{${properties.join(',')}}`;
    }
    default: {
      const items = Array.from({ length: random.int(5) }, () => `${space()}${randomJson(random, depth + 1)}${space()}`);
      return `[${items.join(',')}]`;
    }
  }
}

describe('the fast JSON tree parser', () => {
  it('builds the tree jsonc-parser builds for every definition of the corpora', () => {
    const texts = corpusTexts();
    const failures = texts.map(({ name, text }) => [name, disagreement(text)]).filter(([, problem]) => problem);
    assert.deepEqual(failures, []);
    const taken = texts.filter(({ text }) => parseJsonTree(text)).length;
    // Every well-formed definition takes the fast path (the corpus also holds non-JSON files).
    assert.ok(taken >= texts.length - 5, `only ${taken} of ${texts.length} texts took the fast path`);
  });

  it('agrees with jsonc-parser on mutated definitions', () => {
    const random = new Random(0x7e_e001);
    const corpus = fuzzCorpus();
    const failures: string[] = [];
    let fast = 0;
    for (let i = 0; i < 3000 && failures.length < 5; i++) {
      let text = random.pick(corpus).text;
      for (let step = 1 + random.int(2); step > 0; step--) text = mutate(text, random);
      const problem = disagreement(text);
      if (problem) failures.push(`${problem} in ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text)}`);
      if (parseJsonTree(text)) fast++;
    }
    assert.deepEqual(failures, []);
    assert.ok(fast > 100, `only ${fast} mutated texts were well-formed`);
  });

  it('agrees with jsonc-parser on random JSON and its mutations', () => {
    const random = new Random(0x7e_e002);
    const failures: string[] = [];
    for (let i = 0; i < 4000 && failures.length < 5; i++) {
      const text = `${random.pick(SPACES)}${randomJson(random)}${random.pick(SPACES)}`;
      for (const candidate of [text, mutate(text, random)]) {
        const problem = disagreement(candidate);
        if (problem) failures.push(`${problem} in ${JSON.stringify(candidate)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('decodes escapes and numbers as jsonc-parser does', () => {
    const text = '{"a\\u00e9\\n": "\\"\\\\\\/\\b\\f\\r\\t\\ud83d\\ude00", "n": [-0, 0.5e-3, 1E+2, 1e400], "t": [true, false, null]}';
    assert.equal(disagreement(text), undefined);
    const root = parseJsonTree(text)!;
    assert.equal(root.children![0].children![0].value, 'aé\n');
    assert.equal(root.children![0].children![1].value, '"\\/\b\f\r\t😀');
    assert.deepEqual(root.children![1].children![1].children!.map((n) => n.value), [-0, 0.0005, 100, Infinity]);
  });

  it('leaves to jsonc-parser what is not strict JSON', () => {
    for (const text of ['', '  ', '{"a": 1,}', '[1,]', '{"a" 1}', '// c\n{}', '{"a": 01}', '{"a": 1.}', '{"a": .5}', '{"a": +1}',
      '"\u0001"', '"\\x"', '"\\u12"', '\ufeff{}', '{}\u00a0', '{} {}', '[1 2]', '{"a": tru}', '{"a": NaN}', '"abc']) {
      assert.equal(parseJsonTree(text), undefined, JSON.stringify(text));
    }
  });

  it('leaves deep nesting to jsonc-parser, and parseAsl still reports text too deep to check', () => {
    assert.ok(parseJsonTree(`${'['.repeat(256)}${']'.repeat(256)}`));
    assert.equal(parseJsonTree(`${'['.repeat(257)}${']'.repeat(257)}`), undefined);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    assert.equal(parseJsonTree(deep), undefined);
    assert.match(parseAsl(deep).syntaxErrors[0].message, /Nesting too deep/);
  });

  it('offsets a value parsed out of a larger document', () => {
    const root = parseJsonTree('{"a": [1]}', 100)!;
    assert.equal(root.offset, 100);
    const property = root.children![0];
    assert.deepEqual([property.offset, property.colonOffset, property.length], [101, 104, 8]);
    assert.deepEqual([property.children![1].offset, property.children![1].children![0].offset], [106, 107]);
  });

  it('reports the repeated keys of parseAsl in document order, whichever parser ran', () => {
    const valid = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"End":true,"Type":"Pass","End":1}},"StartAt":"A"}';
    const broken = `${valid.slice(0, -1)},}`;
    assert.deepEqual(parseAsl(valid).duplicateKeys.map((d) => d.key), ['End', 'Type', 'End', 'StartAt']);
    assert.deepEqual(describeDuplicates(parseAsl(valid).duplicateKeys), referenceDuplicates(parseTree(valid)));
    assert.deepEqual(describeDuplicates(parseAsl(broken).duplicateKeys), referenceDuplicates(parseTree(broken)));
    const many = `{${Array.from({ length: 40 }, (_, i) => `"k${i % 25}": ${i}`).join(',')}}`;
    assert.deepEqual(describeDuplicates(parseAsl(many).duplicateKeys), referenceDuplicates(parseTree(many)));
  });
});
