import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import { parseAsl } from '../../server/src/asl/parse';
import { RenameRefusal } from '../../server/src/service/editingService';
import { applyWorkspaceEdit, documentOf, json, positionOf, service, textOf } from './helpers';

const WORKFLOW = json({
  StartAt: 'Fetch',
  States: {
    Fetch: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Next: 'Check',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
    },
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Fan' }],
      Default: 'Failed',
    },
    Fan: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Left', States: { Left: { Type: 'Pass', Next: 'Check' } } },
        { StartAt: 'Right', States: { Right: { Type: 'Pass', End: true } } },
      ],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', Error: 'Oops' },
  },
});

const document = documentOf(WORKFLOW);

describe('go to definition', () => {
  const cases: [string, string, number][] = [
    ['StartAt', '"StartAt": "Fetch"', 12],
    ['Next', '"Next": "Check"', 10],
    ['catcher Next', '"Next": "Failed"', 10],
    ['Choice rule Next', '"Next": "Fan"', 10],
    ['Default', '"Default": "Failed"', 13],
  ];
  for (const [label, needle, shift] of cases) {
    it(`goes from a ${label} to the state`, () => {
      const [link] = service.findDefinition(document, positionOf(document, needle, 0, shift));
      const target = needle.slice(needle.lastIndexOf(':') + 3, -1);
      assert.equal(textOf(document, link.targetSelectionRange), `"${target}"`);
      assert.ok(textOf(document, link.targetRange).startsWith(`"${target}": {`));
      assert.equal(textOf(document, link.originSelectionRange!), `"${target}"`);
    });
  }

  it('resolves a branch StartAt inside its branch', () => {
    const [link] = service.findDefinition(document, positionOf(document, '"StartAt": "Left"', 0, 12));
    assert.equal(textOf(document, link.targetSelectionRange), '"Left"');
  });

  it('answers nothing for a name that no state of the scope has', () => {
    // `Check` exists at the root, but the branch's `Next` looks inside the branch only.
    assert.deepEqual(service.findDefinition(document, positionOf(document, '"Next": "Check"', 1, 10)), []);
  });

  it('answers nothing away from state names', () => {
    assert.deepEqual(service.findDefinition(document, positionOf(document, '"Type": "Task"', 0, 10)), []);
  });
});

describe('find references', () => {
  it('lists every transition to the state, in the scope only', () => {
    const refs = service.findReferences(document, positionOf(document, '"Check": {'), { includeDeclaration: false });
    // Fetch's Next names it; the branch's `Next: "Check"` does not resolve to it.
    assert.deepEqual(refs.map((r) => document.offsetAt(r.range.start)), [document.getText().indexOf('"Check"')]);
  });

  it('includes the declaration when asked and works from a reference', () => {
    const refs = service.findReferences(document, positionOf(document, '"Default": "Failed"', 0, 13), { includeDeclaration: true });
    assert.deepEqual(refs.map((r) => textOf(document, r.range)), ['"Failed"', '"Failed"', '"Failed"']);
    assert.equal(document.offsetAt(refs[2].range.start), document.getText().indexOf('"Failed": {'));
  });
});

describe('document highlights', () => {
  it('marks the definition as write and the references as read, inside the quotes', () => {
    const highlights = service.findDocumentHighlights(document, positionOf(document, '"Next": "Failed"', 0, 10));
    assert.deepEqual(
      highlights.map((h) => [textOf(document, h.range), h.kind]),
      [
        ['Failed', DocumentHighlightKind.Write],
        ['Failed', DocumentHighlightKind.Read],
        ['Failed', DocumentHighlightKind.Read],
      ],
    );
  });

  it('highlights the mentions of a name no state has', () => {
    const text = json({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nope' }, B: { Type: 'Pass', Next: 'Nope' } } });
    const doc = documentOf(text);
    const highlights = service.findDocumentHighlights(doc, positionOf(doc, '"Nope"'));
    assert.equal(highlights.length, 2);
  });
});

describe('rename', () => {
  it('renames the key and every reference in scope', () => {
    const edit = service.doRename(document, positionOf(document, '"Failed": {'), 'Failure');
    const renamed = applyWorkspaceEdit(WORKFLOW, edit);
    const asl = parseAsl(renamed);
    assert.ok(asl.stateMachine!.root.states.has('Failure'));
    assert.ok(!renamed.includes('"Failed"'));
    assert.deepEqual(
      asl.transitions.filter((t) => t.target === 'Failure').map((t) => t.kind),
      ['Catch', 'Default'],
    );
  });

  it('renames from a reference and leaves same-named references of other scopes alone', () => {
    const edit = service.doRename(document, positionOf(document, '"Next": "Check"', 0, 10), 'Decide');
    const renamed = applyWorkspaceEdit(WORKFLOW, edit);
    assert.match(renamed, /"Decide": \{/);
    assert.match(renamed, /"Next": "Decide"/);
    // The branch's `Next` never resolved to the root's `Check`: it is not this state's reference.
    assert.match(renamed, /"Left": \{\s*"Type": "Pass",\s*"Next": "Check"/);
  });

  it('escapes a name that needs it', () => {
    const edit = service.doRename(document, positionOf(document, '"Done": {'), 'All "done"');
    const renamed = applyWorkspaceEdit(WORKFLOW, edit);
    assert.ok(parseAsl(renamed).stateMachine!.root.states.has('All "done"'));
    assert.match(renamed, /"Next": "All \\"done\\""/);
  });

  it('refuses a name that exists anywhere in the state machine', () => {
    assert.throws(() => service.doRename(document, positionOf(document, '"Done": {'), 'Right'), (error: unknown) =>
      error instanceof RenameRefusal && /`Right` already exists/.test(error.message),
    );
  });

  it('refuses invalid names', () => {
    const position = positionOf(document, '"Done": {');
    assert.throws(() => service.doRename(document, position, 'x'.repeat(81)), /at most 80 characters/);
    assert.throws(() => service.doRename(document, position, 'a\tb'), /control characters/);
    assert.throws(() => service.doRename(document, position, ''), /cannot be empty/);
    // 80 characters is allowed.
    assert.ok(service.doRename(document, position, 'x'.repeat(80)).changes);
  });

  it('prepares a rename with the name between the quotes', () => {
    const prepared = service.prepareRename(document, positionOf(document, '"Next": "Done"', 0, 10));
    assert.equal(prepared.placeholder, 'Done');
    assert.equal(textOf(document, prepared.range), 'Done');
  });

  it('refuses to prepare away from a state name or on an unknown one', () => {
    assert.throws(() => service.prepareRename(document, positionOf(document, '"Type": "Task"', 0, 10)), RenameRefusal);
    assert.throws(() => service.prepareRename(document, positionOf(document, '"Next": "Check"', 1, 10)), /No state named `Check`/);
  });
});
