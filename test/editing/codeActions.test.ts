import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { getLanguageService } from '../../server/src/service/languageService';
import { DISABLE_RULE_COMMAND } from '../../server/src/service/editingService';
import { lint } from '../unit/helpers';
import { applyWorkspaceEdit, documentOf, json, service } from './helpers';

const language = getLanguageService();

/** Every problem of a text as `code @ underlined text`, sorted: what a fix may change. */
function signature(text: string): string[] {
  return lint(text)
    .map((d) => `${d.code} @ ${text.slice(d.offset, d.offset + d.length)}`)
    .sort();
}

/** The code actions offered for the `nth` diagnostic of `code`. */
function actionsFor(text: string, code: string, nth = 0): { diagnostic: Diagnostic; actions: CodeAction[] } {
  const document = documentOf(text);
  const diagnostic = language.doValidation(document).filter((d) => d.code === code)[nth];
  assert.ok(diagnostic, `no \`${code}\` problem #${nth} in ${text}`);
  return { diagnostic, actions: service.getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] }) };
}

function titles(text: string, code: string): string[] {
  return actionsFor(text, code).actions.map((a) => a.title);
}

/**
 * Applies the action titled `title` offered for a `code` problem, and checks that the problem is
 * gone and that no problem appeared (problems that followed from it may go too). Returns the fixed text.
 */
function fix(text: string, code: string, title: string): string {
  const document = documentOf(text);
  const candidates = language.doValidation(document).filter((d) => d.code === code);
  for (const diagnostic of candidates) {
    const action = service.getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] }).find((a) => a.title === title);
    if (!action) continue;
    const fixed = applyWorkspaceEdit(text, action.edit);
    const remaining = signature(text);
    const fixedProblem = `${code} @ ${text.slice(document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end))}`;
    remaining.splice(remaining.indexOf(fixedProblem), 1);
    for (const problem of signature(fixed)) {
      const index = remaining.indexOf(problem);
      assert.ok(index >= 0, `the fix brought a new problem: ${problem}`);
      remaining.splice(index, 1);
    }
    return fixed;
  }
  assert.fail(`no action \`${title}\` for \`${code}\` among ${candidates.flatMap((d) => service.getCodeActions(document, d.range, { diagnostics: [d] }).map((a) => a.title)).join(' | ')}`);
}

const machine = (states: object, top: object = {}) => json({ ...top, StartAt: Object.keys(states)[0], States: states });

describe('quick fixes', () => {
  it('unknown-state: offers each closest existing name', () => {
    const text = machine({ Start: { Type: 'Pass', Next: 'Chek' }, Check: { Type: 'Pass', Next: 'Cheek' }, Cheek: { Type: 'Succeed' } });
    const offered = titles(text, 'unknown-state');
    assert.deepEqual(offered.slice(0, 2), ['Change to `Check`', 'Change to `Cheek`']);
    const fixed = fix(text, 'unknown-state', 'Change to `Check`');
    assert.match(fixed, /"Next": "Check"/);
  });

  it('unknown-error-name: offers the closest name', () => {
    const text = machine({ T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.Timout'] }], End: true } });
    const fixed = fix(text, 'unknown-error-name', 'Change to `States.Timeout`');
    assert.match(fixed, /"ErrorEquals": \[\s*"States.Timeout"\s*\]/);
  });

  it('missing-transition: adds `"End": true` or `Next` to the following state', () => {
    const text = machine({ A: { Type: 'Pass' }, B: { Type: 'Succeed' } });
    assert.deepEqual(titles(text, 'missing-transition').slice(0, 2), ['Add `"Next": "B"`', 'Add `"End": true`']);
    assert.match(fix(text, 'missing-transition', 'Add `"Next": "B"`'), /"A": \{\n {6}"Type": "Pass",\n {6}"Next": "B"\n {4}\}/);
    // With `End` false, the fix sets it instead of adding a second `End`.
    const endFalse = machine({ A: { Type: 'Pass', End: false } });
    assert.match(fix(endFalse, 'missing-transition', 'Add `"End": true`'), /"Type": "Pass",\n {6}"End": true\n/);
  });

  it('unreachable-state: removes the state', () => {
    const text = machine({ A: { Type: 'Pass', End: true }, Orphan: { Type: 'Pass', End: true }, Last: { Type: 'Succeed' } });
    const fixed = fix(text, 'unreachable-state', 'Remove state `Orphan`');
    assert.ok(!fixed.includes('Orphan'));
    assert.doesNotThrow(() => JSON.parse(fixed));
  });

  it('end-and-next: removes one of the two', () => {
    // `B` stays reachable through the catcher whichever transition goes.
    const text = machine({
      A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'B', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'B' }] },
      B: { Type: 'Succeed' },
    });
    const withoutEnd = JSON.parse(fix(text, 'end-and-next', 'Remove `"End": true` and keep `Next`')).States.A;
    assert.deepEqual([withoutEnd.Next, withoutEnd.End], ['B', undefined]);
    const withoutNext = JSON.parse(fix(text, 'end-and-next', 'Remove `Next` and keep `"End": true`')).States.A;
    assert.deepEqual([withoutNext.Next, withoutNext.End], [undefined, true]);
  });

  it('deprecated-field: `Iterator` becomes `ItemProcessor`, a Map `Parameters` becomes `ItemSelector`', () => {
    const text = machine({
      M: {
        Type: 'Map',
        Parameters: { 'item.$': '$$.Map.Item.Value' },
        Iterator: { StartAt: 'X', States: { X: { Type: 'Succeed' } } },
        End: true,
      },
    });
    assert.match(fix(text, 'deprecated-field', 'Replace `Parameters` with `ItemSelector`'), /"ItemSelector": \{/);
    assert.match(fix(text, 'deprecated-field', 'Replace `Iterator` with `ItemProcessor`'), /"ItemProcessor": \{/);
  });

  it('no-dollar: adds `.$` in a JSONPath state', () => {
    const text = machine({ P: { Type: 'Pass', Parameters: { order: '$.order.id' }, End: true } });
    assert.match(fix(text, 'no-dollar', 'Rename `order` to `order.$` to evaluate the value'), /"order\.\$": "\$\.order\.id"/);
  });

  it('no-dollar: in a JSONata state, drops `.$` and reads the path with JSONata', () => {
    const text = machine({ P: { Type: 'Pass', Output: { 'order.$': '$.order.id' }, End: true } }, { QueryLanguage: 'JSONata' });
    const fixed = fix(text, 'no-dollar', 'Rename `order.$` to `order` and read `$.order.id` with JSONata');
    assert.match(fixed, /"order": "\{% \$states\.input\.order\.id %\}"/);
  });

  it('no-path: removes `.$`', () => {
    const text = machine({ P: { Type: 'Pass', Parameters: { 'greeting.$': 'hello' }, End: true } });
    assert.match(fix(text, 'no-path', 'Rename `greeting.$` to `greeting` to pass the value as it is'), /"greeting": "hello"/);
  });

  it('query-language-field: JSONPath fields of a JSONata state become their JSONata counterparts', () => {
    const state = (fields: object) => machine({ M: { Type: 'Map', ...fields, ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Succeed' } } }, End: true } }, { QueryLanguage: 'JSONata' });
    assert.match(fix(state({ ItemsPath: '$.orders' }), 'query-language-field', 'Replace `ItemsPath` with `Items`'), /"Items": "\{% \$states\.input\.orders %\}"/);
    assert.match(
      fix(state({ MaxConcurrencyPath: '$.limits.parallel' }), 'query-language-field', 'Replace `MaxConcurrencyPath` with `MaxConcurrency`'),
      /"MaxConcurrency": "\{% \$states\.input\.limits\.parallel %\}"/,
    );
    const task = machine(
      { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$.body', Meta: { 'id.$': '$$.Execution.Id' } }, End: true } },
      { QueryLanguage: 'JSONata' },
    );
    const fixed = fix(task, 'query-language-field', 'Replace `Parameters` with `Arguments`');
    assert.match(fixed, /"Arguments": \{\s*"FunctionName": "f",\s*"Payload": "\{% \$states\.input\.body %\}",\s*"Meta": \{\s*"id": "\{% \$states\.context\.Execution\.Id %\}"/);
    const output = machine({ T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', OutputPath: '$.Payload', End: true } }, { QueryLanguage: 'JSONata' });
    assert.match(fix(output, 'query-language-field', 'Replace `OutputPath` with `Output`'), /"Output": "\{% \$states\.result\.Payload %\}"/);
    const catcher = machine(
      { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'F' }], End: true }, F: { Type: 'Fail' } },
      { QueryLanguage: 'JSONata' },
    );
    assert.match(fix(catcher, 'query-language-field', 'Replace `ResultPath` with `Output`'), /"Output": "\{% \$merge\(\[\$states\.input, \{\\"error\\": \$states\.errorOutput\}\]\) %\}"/);
  });

  it('query-language-field: JSONata fields of a JSONPath state become their JSONPath counterparts', () => {
    const task = machine({ T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'f', Payload: '{% $states.input.body %}' }, End: true } });
    assert.match(fix(task, 'query-language-field', 'Replace `Arguments` with `Parameters`'), /"Parameters": \{\s*"FunctionName": "f",\s*"Payload\.\$": "\$\.body"/);
    const map = machine({ M: { Type: 'Map', Items: '{% $states.input.orders %}', ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Succeed' } } }, End: true } });
    assert.match(fix(map, 'query-language-field', 'Replace `Items` with `ItemsPath`'), /"ItemsPath": "\$\.orders"/);
  });

  it('query-language-field: no fix where the value has no faithful counterpart', () => {
    const text = machine({ W: { Type: 'Wait', SecondsPath: '$.delays[?(@.kind == "short")].seconds', End: true } }, { QueryLanguage: 'JSONata' });
    assert.deepEqual(titles(text, 'query-language-field'), ['Turn off rule `query-language-field` in settings']);
  });

  it('query-language-field: a JSONPath state in a JSONata state machine drops its `QueryLanguage`', () => {
    const text = machine({ P: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } }, { QueryLanguage: 'JSONata' });
    assert.doesNotMatch(fix(text, 'query-language-field', 'Remove `QueryLanguage` (the state uses JSONata, as the state machine does)'), /JSONPath/);
  });

  it('mutually-exclusive-fields: keeps one or the other', () => {
    const text = machine({ W: { Type: 'Wait', Seconds: 5, SecondsPath: '$.delay', End: true } });
    assert.doesNotMatch(fix(text, 'mutually-exclusive-fields', 'Keep `Seconds` and remove `SecondsPath`'), /SecondsPath/);
    assert.doesNotMatch(fix(text, 'mutually-exclusive-fields', 'Keep `SecondsPath` and remove `Seconds`'), /"Seconds"/);
  });

  it('unknown-field: renames to the field meant', () => {
    const text = machine({ P: { Type: 'Pass', Nxt: 'Q' }, Q: { Type: 'Succeed' } });
    assert.match(fix(text, 'unknown-field', 'Change to `Next`'), /"Next": "Q"/);
  });

  it('undefined-variable: renames to the variable meant, in JSONata and in paths', () => {
    const jsonata = machine({ A: { Type: 'Pass', Assign: { total: 1 }, Next: 'B' }, B: { Type: 'Pass', Output: '{% $totl + 1 %}', End: true } }, { QueryLanguage: 'JSONata' });
    assert.match(fix(jsonata, 'undefined-variable', 'Change to `$total`'), /"Output": "\{% \$total \+ 1 %\}"/);
    const path = machine({ A: { Type: 'Pass', Assign: { total: 1 }, Next: 'B' }, B: { Type: 'Pass', Parameters: { 'x.$': '$totl.a' }, End: true } });
    assert.match(fix(path, 'undefined-variable', 'Change to `$total`'), /"x\.\$": "\$total\.a"/);
  });

  it('offers to turn the rule off in the settings, through a command the client runs', () => {
    const text = machine({ C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'D' }] }, D: { Type: 'Succeed' } });
    const { actions } = actionsFor(text, 'choice-no-default');
    assert.deepEqual(actions.map((a) => [a.title, a.command?.command, a.command?.arguments]), [
      ['Turn off rule `choice-no-default` in settings', DISABLE_RULE_COMMAND, ['choice-no-default']],
    ]);
  });

  it('fixes all problems of a kind at once when there are several', () => {
    const text = machine({
      P: { Type: 'Pass', Parameters: { a: '$.a', b: '$.b', c: 'plain' }, Next: 'Q' },
      Q: { Type: 'Pass', Parameters: { d: '$$.Execution.Id' }, End: true },
    });
    const { actions } = actionsFor(text, 'no-dollar');
    const all = actions.find((a) => a.title === 'Fix all 3 `no-dollar` problems');
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    const fixed = applyWorkspaceEdit(text, all.edit);
    assert.deepEqual(signature(fixed), []);
    assert.match(fixed, /"a\.\$": "\$\.a",\s*"b\.\$": "\$\.b",\s*"c": "plain"/);
  });

  it('removes several unreachable states at once, neighbours included', () => {
    const text = machine({ A: { Type: 'Pass', End: true }, X: { Type: 'Pass', End: true }, Y: { Type: 'Pass', End: true }, Z: { Type: 'Succeed' } });
    const { actions } = actionsFor(text, 'unreachable-state');
    const all = actions.find((a) => a.title === 'Fix all 3 `unreachable-state` problems');
    assert.ok(all, actions.map((a) => a.title).join(' | '));
    const fixed = applyWorkspaceEdit(text, all.edit);
    assert.deepEqual(JSON.parse(fixed), { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
  });

  it('offers no fix-all for a single problem, nor for diagnostics of other tools', () => {
    const text = machine({ P: { Type: 'Pass', Parameters: { a: '$.a' }, End: true } });
    assert.ok(!titles(text, 'no-dollar').some((title) => title.startsWith('Fix all')));
    const document = documentOf(text);
    const foreign = { ...language.doValidation(document)[0], source: 'other-linter' };
    assert.deepEqual(service.getCodeActions(document, foreign.range, { diagnostics: [foreign] }), []);
  });
});
