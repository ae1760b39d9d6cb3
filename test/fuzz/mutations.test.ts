/**
 * Half-typed and broken definitions through the whole validator: truncations, insertions of
 * significant characters and fragments (`{}[]",:`, `{%`, `$.`, `States.`), deletions, and values
 * swapped for values of another JSON type. Nothing may escape, every call returns, and every
 * diagnostic points inside its document. A failure prints the seed and the mutation to replay it
 * (`FUZZ_SEED=<seed> node --import tsx --test test/fuzz/mutations.test.ts`).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { validationProblems } from './checkDiagnostics';
import { fuzzCorpus } from './corpus';
import { fuzzSeeds, Random } from './random';

/** Mutated documents per seed; about 4 ms each on a busy 2-core machine. */
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 1250);
const SEEDS = fuzzSeeds([0x5eed_0001, 0x5eed_0002]);

const FRAGMENTS = [
  '{', '}', '[', ']', '"', ',', ':', '\\', '\n', ' ', '{%', '%}', '{% ', ' %}', '$', '$.', '$$.', '$.a[', '$.a[?(@',
  'States.', 'States.Format(', 'States.Array(', 'States.ALL', '.$', '"Next"', '"Type"', '"End": true', '"States": {}',
  '"StartAt": ""', 'null', 'true', '0', '-1', '1e999', '0.5', '${', '${Foo}', 'arn:aws:', 'é', '😀', '\u0000', '\ud800',
];

/** Values of every JSON type, including strings that look like expressions. */
const REPLACEMENTS = [
  'null', 'true', 'false', '0', '-1', '1.5', '1e400', '""', '"x"', '[]', '[null]', '{}', '{"a": 1}',
  '"{% %}"', '"{% $states.input %}"', '"$"', '"$."', '"$$.Map"', '"States.Format("', '"States.ALL"',
  '"${Arn}"', '[{}]', '[[]]', '{"Type": "Pass"}',
];

interface Mutation {
  text: string;
  description: string;
}

function mutate(text: string, random: Random): Mutation {
  const at = random.int(text.length + 1);
  switch (random.int(5)) {
    case 0:
      return { text: text.slice(0, at), description: `truncate at ${at}` };
    case 1: {
      const fragment = random.pick(FRAGMENTS);
      return { text: text.slice(0, at) + fragment + text.slice(at), description: `insert ${JSON.stringify(fragment)} at ${at}` };
    }
    case 2: {
      const length = 1 + random.int(20);
      return { text: text.slice(0, at) + text.slice(at + length), description: `delete ${length} at ${at}` };
    }
    case 3: {
      const length = 1 + random.int(60);
      const to = random.int(text.length + 1);
      const slice = text.slice(at, at + length);
      return { text: text.slice(0, to) + slice + text.slice(to), description: `copy ${length} from ${at} to ${to}` };
    }
    default:
      return replaceValue(text, random);
  }
}

/** Swaps a random value of the JSON tree for one of another type, keeping the rest well-formed. */
function replaceValue(text: string, random: Random): Mutation {
  const values: JsonNode[] = [];
  const collect = (node: JsonNode | undefined) => {
    if (!node) return;
    if (node.type === 'property') {
      if (node.children?.[1]) {
        values.push(node.children[1]);
        collect(node.children[1]);
      }
      return;
    }
    for (const child of node.children ?? []) {
      if (node.type === 'array') values.push(child);
      collect(child);
    }
  };
  collect(parseTree(text));
  if (values.length === 0) return { text, description: 'no value to replace' };
  const node = random.pick(values);
  const replacement = random.pick(REPLACEMENTS);
  return {
    text: text.slice(0, node.offset) + replacement + text.slice(node.offset + node.length),
    description: `replace ${JSON.stringify(text.slice(node.offset, node.offset + Math.min(node.length, 40)))} at ${node.offset} with ${replacement}`,
  };
}

describe('fuzzing the validator with mutated definitions', () => {
  const corpus = fuzzCorpus();

  for (const seed of SEEDS) {
    it(`never throws and keeps every range inside the document (seed ${seed})`, () => {
      const random = new Random(seed);
      const failures: string[] = [];
      for (let i = 0; i < ITERATIONS && failures.length < 5; i++) {
        const base = random.pick(corpus);
        let text = base.text;
        const steps: string[] = [];
        const count = 1 + random.int(3);
        for (let step = 0; step < count; step++) {
          const mutation = mutate(text, random);
          text = mutation.text;
          steps.push(mutation.description);
        }
        const { problems } = validationProblems(text);
        if (problems.length > 0) {
          failures.push(`seed ${seed}, iteration ${i}, ${base.name}: ${steps.join('; ')}\n  ${problems.join('\n  ')}`);
        }
      }
      assert.deepEqual(failures, [], `FUZZ_SEED=${seed} reproduces these:\n${failures.join('\n')}`);
    });
  }

  it('accepts every prefix of a definition, as typed character by character', () => {
    const failures: string[] = [];
    for (const base of corpus.filter((entry) => entry.name.startsWith('fixtures/')).slice(0, 2)) {
      // Every 7th prefix keeps the run short while still cutting inside every kind of token.
      for (let end = 0; end <= base.text.length; end += 7) {
        const { problems } = validationProblems(base.text.slice(0, end));
        if (problems.length > 0) failures.push(`${base.name} cut at ${end}: ${problems.join('; ')}`);
        if (failures.length >= 5) break;
      }
    }
    assert.deepEqual(failures, []);
  });
});
