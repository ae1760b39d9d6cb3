/**
 * Validation after an edit, as the language server does it (the previous version's tree updated in
 * place, the findings of unchanged states reused), must equal a validation from scratch. Random
 * edits of the corpus definitions, applied one after the other as an editor's incremental changes:
 * after each one the tree, the model and the diagnostics are compared with those of a fresh parse
 * by a fresh language service. `INCREMENTAL_EDITS` sets the number of edits (default 2,400; four
 * times as many for the tree alone), and `FUZZ_SEED` the seed (a number, or `random`).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AslDocument } from '../../server/src/asl/model';
import { parseAsl, updateAsl } from '../../server/src/asl/parse';
import { getLanguageService } from '../../server/src/service/languageService';
import { generateStateMachine } from '../../bench/generate';
import { fuzzCorpus } from '../fuzz/corpus';
import { fuzzSeeds, Random } from '../fuzz/random';
import { treeDifference } from './jsonTrees';

const EDITS = Number(process.env.INCREMENTAL_EDITS ?? 2400);
const EDITS_PER_DOCUMENT = 60;
/** Edits of the tree alone, without validation: cheaper, so many more. */
const TREE_EDITS = 4 * EDITS;
const [SEED] = fuzzSeeds([0x1ac_0001]);

/** Values to put in place of another value: every JSON type, and what the rules look at. */
const VALUES = [
  '1', '-1', '0.5', 'true', 'null', '""', '"x"', '[]', '{}', '"Pass"', '"Task"', '"Choice"', '"Succeed"', '"JSONata"', '"JSONPath"',
  '"$.a"', '"$.a[?(@.b)]"', '"$$.Execution.Id"', '"$var"', '"States.Format(\'{}\', $.a)"', '"States.Bogus(1)"', '"{% $states.input %}"',
  '"{% $x + %}"', '"${Arn}"', '"arn:aws:states:::lambda:invoke"', '["States.ALL"]', '["States.Timout"]', '{"Type": "Pass", "End": true}',
  '{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "A"}', '{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}',
  '[{"ErrorEquals": ["States.ALL"], "Next": "A"}]', '{"a.$": "$.b", "a": 1}', '{"v": 1, "w.$": "$x"}', '[1, "a", {"c": "d"}]',
  '[true, [null, 2]]',
];
const FRAGMENTS = ['{', '}', '[', ']', '"', ',', ':', ' ', '\n', 'a', 'Z', '1', '$', '.', '\\', '"x": 1,', ', "y": [2]', '.$', '{%', '"End": true,'];
const KEYS = ['"Next"', '"End"', '"Type"', '"Comment"', '"Assign"', '"QueryLanguage"', '"ResultPath"', '"Parameters"', '"Default"', '"Catch"', '"x"'];

/** One edit: the range of the old text it replaces, and the new text. */
interface Edit {
  offset: number;
  length: number;
  text: string;
}

function randomEdit(text: string, random: Random): Edit {
  const nodes: JsonNode[] = [];
  const collect = (node: JsonNode | undefined) => {
    if (!node) return;
    nodes.push(node);
    for (const child of node.children ?? []) collect(child);
  };
  collect(parseTree(text));
  const at = random.int(text.length + 1);
  const node = nodes.length > 1 ? random.pick(nodes.slice(1)) : undefined;
  switch (random.int(9)) {
    case 0:
    case 1: {
      // A keystroke in a string: flip the case of a letter, or type one.
      const strings = nodes.filter((n) => n.type === 'string' && n.length > 2);
      if (strings.length === 0) break;
      const string = random.pick(strings);
      const offset = string.offset + 1 + random.int(string.length - 2);
      const character = text.charAt(offset);
      const flipped = character === character.toUpperCase() ? character.toLowerCase() : character.toUpperCase();
      return random.int(2) === 0 ? { offset, length: 1, text: flipped } : { offset, length: 0, text: random.pick(['a', 'Z', '_', ' ', '.', '$']) };
    }
    case 2:
      if (node && node.type !== 'property') return { offset: node.offset, length: node.length, text: random.pick(VALUES) };
      break;
    case 3:
      if (node?.type === 'object') {
        const comma = node.children?.length ? ',' : '';
        return { offset: node.offset + 1, length: 0, text: `${random.pick(KEYS)}: ${random.pick(VALUES)}${comma}` };
      }
      break;
    case 4:
      if (node?.type === 'property' && node.parent && node.parent.children!.length > 1) {
        // Remove a property with the comma before or after it.
        const siblings = node.parent.children!;
        const index = siblings.indexOf(node);
        const from = index > 0 ? siblings[index - 1].offset + siblings[index - 1].length : node.offset;
        const to = index > 0 ? node.offset + node.length : siblings[1].offset;
        return { offset: from, length: to - from, text: '' };
      }
      break;
    case 5:
      return { offset: at, length: 0, text: random.pick([' ', '\n', '\n    ', '\t']) };
    case 6:
      return { offset: at, length: 0, text: random.pick(FRAGMENTS) };
    case 7:
      return { offset: at, length: Math.min(1 + random.int(6), text.length - at), text: '' };
    default:
      // A whole state's text elsewhere: a copy, renamed so that it does not always repeat a name.
      if (node?.type === 'property') {
        const copy = text.slice(node.offset, node.offset + node.length).replace(/^"/, `"${random.pick(['New', 'X', ''])}`);
        const siblings = node.parent!.children!;
        const last = siblings[siblings.length - 1];
        return { offset: last.offset + last.length, length: 0, text: `, ${copy}` };
      }
  }
  return { offset: at, length: 0, text: random.pick(FRAGMENTS) };
}

/** What of the model the rules and features read, compared between two parses. */
function modelSummary(doc: AslDocument): string {
  return JSON.stringify({
    errors: doc.syntaxErrors,
    duplicates: doc.duplicateKeys.map((d) => [d.key, d.property.offset, d.first.offset]),
    states: doc.states.map((s) => [s.name, s.nameNode.offset, s.node.offset, s.type, s.queryLanguage, s.end, s.path, s.scope.kind, s.children.length]),
    transitions: doc.transitions.map((t) => [t.kind, t.target, t.node.offset, t.from?.name, t.scope.path]),
    scopes: doc.scopes.map((s) => [s.kind, s.node.offset, s.path, s.queryLanguage, s.stateList.length, s.startAt?.target]),
  });
}

function corpus(): string[] {
  const texts = fuzzCorpus().map((entry) => entry.text).filter((text) => parseAsl(text).syntaxErrors.length === 0);
  texts.push(generateStateMachine({ states: 120, branches: 4 }).text);
  return texts;
}

describe('validation after an edit', () => {
  it('gives the diagnostics of a validation from scratch, after each of thousands of random edits', () => {
    const random = new Random(SEED);
    const texts = corpus();
    const fresh = getLanguageService();
    const failures: string[] = [];
    let edits = 0;
    let updatedInPlace = 0;
    while (edits < EDITS && failures.length < 3) {
      const service = getLanguageService();
      const document = TextDocument.create('file:///edited.asl.json', 'asl', 1, random.pick(texts));
      service.doValidation(document);
      const history: string[] = [];
      for (let step = 0; step < EDITS_PER_DOCUMENT && edits < EDITS; step++, edits++) {
        const before = document.getText();
        const previousRoot = service.parseAslDocument(document).root;
        const edit = randomEdit(before, random);
        history.push(`${JSON.stringify(edit.text)} for ${edit.length} at ${edit.offset}`);
        const range = { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.length) };
        TextDocument.update(document, [{ range, text: edit.text }], document.version + 1);
        const text = document.getText();

        const diagnostics = service.doValidation(document);
        const updated = service.parseAslDocument(document);
        if (previousRoot && updated.root === previousRoot) updatedInPlace++;
        const expected = fresh.doValidation(TextDocument.create('file:///edited.asl.json', 'asl', 1, text));
        const scratch = parseAsl(text);
        const problem =
          (scratch.root && updated.root ? treeDifference(scratch.root, updated.root) : scratch.root === updated.root ? undefined : 'one tree is missing') ??
          (modelSummary(scratch) === modelSummary(updated) ? undefined : 'the model differs') ??
          (JSON.stringify(diagnostics) === JSON.stringify(expected) ? undefined : `diagnostics differ:\n    ${JSON.stringify(diagnostics)}\n  expected\n    ${JSON.stringify(expected)}`);
        if (problem) {
          failures.push(`after ${history.join('; ')}:\n  ${problem}`);
          break;
        }
        // Broken text is left behind now and then, as an editor's user would fix it.
        if (scratch.syntaxErrors.length > 0 && random.int(4) === 0) break;
      }
    }
    assert.deepEqual(failures, [], `FUZZ_SEED=${SEED} reproduces these`);
    // Most edits keep the document well-formed: they must have taken the incremental path.
    assert.ok(updatedInPlace > edits / 3, `only ${updatedInPlace} of ${edits} edits updated the tree in place`);
  });

  it('updates the tree and the model as a parse from scratch would make them, after each of thousands of edits', () => {
    const random = new Random(SEED + 1);
    const texts = corpus();
    const failures: string[] = [];
    let updatedInPlace = 0;
    for (let edits = 0; edits < TREE_EDITS && failures.length < 3; ) {
      let text = random.pick(texts);
      let doc = parseAsl(text);
      const history: string[] = [];
      for (let step = 0; step < 200 && edits < TREE_EDITS; step++, edits++) {
        const edit = randomEdit(text, random);
        history.push(`${JSON.stringify(edit.text)} for ${edit.length} at ${edit.offset}`);
        text = text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
        const root = doc.root;
        doc = updateAsl(doc, text);
        if (root && doc.root === root) updatedInPlace++;
        const scratch = parseAsl(text);
        const problem =
          (scratch.root && doc.root ? treeDifference(scratch.root, doc.root) : scratch.root === doc.root ? undefined : 'one tree is missing') ??
          (modelSummary(scratch) === modelSummary(doc) ? undefined : 'the model differs');
        if (problem) {
          failures.push(`after ${history.slice(-5).join('; ')}:\n  ${problem}`);
          break;
        }
        if (scratch.syntaxErrors.length > 0 && random.int(3) === 0) break;
      }
    }
    assert.deepEqual(failures, [], `FUZZ_SEED=${SEED} reproduces these`);
    assert.ok(updatedInPlace > TREE_EDITS / 3, `only ${updatedInPlace} of ${TREE_EDITS} edits updated the tree in place`);
  });

  it('updates the tree in place for an edit inside one member, and parses anew otherwise', () => {
    const text = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Comment": "ab", "End": true}}}';
    const first = parseAsl(text);
    const root = first.root;
    const inComment = updateAsl(first, text.replace('"ab"', '"aXb"'));
    assert.equal(inComment.root, root);
    assert.equal(inComment.states[0].node.children!.length, 3);
    const broken = updateAsl(inComment, inComment.text.replace('"aXb"', '"aXb'));
    assert.notEqual(broken.root, root);
    assert.ok(broken.syntaxErrors.length > 0);
    const repaired = updateAsl(broken, inComment.text);
    assert.equal(repaired.syntaxErrors.length, 0);
    assert.equal(treeDifference(parseAsl(inComment.text).root!, repaired.root!), undefined);
  });

  it('reuses the findings of the states an edit leaves alone', () => {
    let checked: string[] = [];
    const service = getLanguageService({
      rules: [
        {
          name: 'records-checked-states',
          codes: ['invalid-value'],
          checkState(state) {
            checked.push(state.name);
          },
        },
      ],
    });
    const text = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Comment: 'b', End: true } } }, null, 2);
    const document = TextDocument.create('file:///reuse.asl.json', 'asl', 1, text);
    service.doValidation(document);
    assert.deepEqual(checked, ['A', 'B']);
    checked = [];
    const at = text.indexOf('"b"') + 1;
    TextDocument.update(document, [{ range: { start: document.positionAt(at), end: document.positionAt(at + 1) }, text: 'c' }], 2);
    service.doValidation(document);
    assert.deepEqual(checked, ['B']);
    checked = [];
    // A new document object starts from scratch.
    service.doValidation(TextDocument.create('file:///reuse.asl.json', 'asl', 3, document.getText()));
    assert.deepEqual(checked, ['A', 'B']);
  });
});
