import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { InsertTextFormat } from 'vscode-languageserver-types';
import { STATES_ERRORS } from '../../server/src/asl/errors';
import { INTRINSIC_FUNCTIONS } from '../../server/src/asl/intrinsics';
import { JSONATA_BUILTIN_FUNCTIONS, STEP_FUNCTIONS_JSONATA_FUNCTIONS } from '../../server/src/asl/jsonata';
import { STATE_SNIPPETS } from '../../server/src/service/features/snippets';
import { lint } from '../unit/helpers';
import { applyCompletion, caretDocument, complete, documentOf, labels, service } from './helpers';

/** The problems a text still has, except the informational ones. */
function problemsOf(text: string): string[] {
  return lint(text)
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => `${d.code}: ${d.message}`);
}

const BRANCHES = `{
  "StartAt": "Fan",
  "States": {
    "Fan": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "Left", "States": { "Left": { "Type": "Pass", "Next": "Left Done" }, "Left Done": { "Type": "Succeed" } } }
      ],
      "Next": "After"
    },
    "After": { "Type": "Succeed" }
  }
}`;

describe('completion of state names', () => {
  it('offers the states of the scope at StartAt, each with its type', () => {
    const { items } = complete('{"StartAt": "|", "States": {"A": {"Type": "Pass", "End": true}, "B": {"Type": "Succeed"}}}');
    assert.deepEqual(items.map((i) => [i.label, i.detail]), [['A', 'Pass'], ['B', 'Succeed']]);
  });

  it('documents a state name item when the editor resolves it', () => {
    const marked = '{"StartAt": "|", "States": {"A": {"Type": "Pass", "Comment": "Starts here", "Next": "B"}, "B": {"Type": "Succeed"}}}';
    const { items } = complete(marked);
    assert.equal(items[0].documentation, undefined);
    const document = caretDocument(marked).document;
    const resolved = service.resolveCompletionItem(document, items[0]);
    assert.deepEqual(resolved.documentation, { kind: 'markdown', value: '**A** · Pass state\n\nStarts here\n\nNext: `B`' });
    // An item made for an older version of the document is left as it is.
    const edited = documentOf(caretDocument(marked).text.replace('"A": {', '"Renamed": {'), 2);
    assert.equal(service.resolveCompletionItem(edited, items[0]).documentation, undefined);
  });

  it('lists the states written after the current one first, and the state itself last', () => {
    const { items } = complete(
      '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "C"}, "B": {"Type": "Pass", "Next": "|"}, "C": {"Type": "Pass", "Next": "D"}, "D": {"Type": "Succeed"}}}',
    );
    assert.deepEqual(labels(items), ['C', 'D', 'A', 'B']);
  });

  it('offers only the branch states inside a branch', () => {
    const inBranch = complete(BRANCHES.replace('"Next": "Left Done"', '"Next": "|"'));
    assert.deepEqual(inBranch.items.map((i) => i.label).sort(), ['Left', 'Left Done']);
    const branchStart = complete(BRANCHES.replace('"StartAt": "Left"', '"StartAt": "|"'));
    assert.deepEqual(branchStart.items.map((i) => i.label).sort(), ['Left', 'Left Done']);
    const outside = complete(BRANCHES.replace('"Next": "After"', '"Next": "|"'));
    assert.deepEqual(outside.items.map((i) => i.label).sort(), ['After', 'Fan']);
  });

  it('completes Default, a Choice rule Next and a catcher Next', () => {
    const machine = (choice: string, task: string) =>
      `{"StartAt": "C", "States": {"C": {"Type": "Choice", ${choice}}, "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", ${task}, "End": true}, "F": {"Type": "Fail"}}}`;
    const expected = ['C', 'F', 'T'];
    const fromDefault = complete(machine('"Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "T"}], "Default": "|"', '"Catch": []'));
    assert.deepEqual(fromDefault.items.map((i) => i.label).sort(), expected);
    const fromRule = complete(machine('"Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "|"}]', '"Catch": []'));
    assert.deepEqual(fromRule.items.map((i) => i.label).sort(), expected);
    const fromCatcher = complete(machine('"Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "T"}]', '"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "|"}]'));
    assert.deepEqual(fromCatcher.items.map((i) => i.label).sort(), expected);
  });

  it('replaces a partly typed name, and inserts quotes where there are none', () => {
    const typed = complete('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Fin|"}, "Finish": {"Type": "Succeed"}}}');
    assert.equal(applyCompletion(typed.text, typed.item('Finish')), '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Finish"}, "Finish": {"Type": "Succeed"}}}');
    const tight = complete('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next":|}, "Finish": {"Type": "Succeed"}}}');
    assert.equal(applyCompletion(tight.text, tight.item('Finish')), '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next":"Finish"}, "Finish": {"Type": "Succeed"}}}');
    const unquoted = complete('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": Fin|}, "Finish": {"Type": "Succeed"}}}');
    assert.equal(applyCompletion(unquoted.text, unquoted.item('Finish')), '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Finish"}, "Finish": {"Type": "Succeed"}}}');
    const bare = complete('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": |}, "Finish": {"Type": "Succeed"}}}');
    const applied = applyCompletion(bare.text, bare.item('Finish'));
    assert.equal(applied, '{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Finish"}, "Finish": {"Type": "Succeed"}}}');
    assert.deepEqual(problemsOf(applied), []);
  });

  it('lists at most 200 names of a large scope, the nearest first, and narrows them as the user types', () => {
    const states: Record<string, object> = {};
    for (let i = 0; i < 1000; i++) states[`S${i}`] = i < 999 ? { Type: 'Pass', Next: `S${i + 1}` } : { Type: 'Succeed' };
    const text = JSON.stringify({ StartAt: 'S0', States: states });
    const at = (marked: string) => {
      const { document, position } = caretDocument(marked);
      return service.doComplete(document, position);
    };
    const all = at(text.replace('"Next":"S11"', '"Next":"|"'));
    assert.equal(all.isIncomplete, true);
    assert.equal(all.items.length, 200);
    assert.deepEqual(labels(all.items).slice(0, 3), ['S11', 'S12', 'S13']);
    const typed = at(text.replace('"Next":"S11"', '"Next":"S99|"'));
    assert.equal(typed.isIncomplete, false);
    // Every name in which `S`, `9`, `9` appear in that order, as the editor's fuzzy filter would match.
    const expected = Object.keys(states).filter((name) => /S.*9.*9/.test(name));
    assert.deepEqual(typed.items.map((i) => i.label).sort(), expected.sort());
  });

  it('escapes names that need it', () => {
    const { text, item } = complete('{"StartAt": "|", "States": {"Say \\"hi\\"": {"Type": "Succeed"}}}');
    assert.deepEqual(problemsOf(applyCompletion(text, item('Say "hi"'))), []);
  });
});

describe('completion of fields', () => {
  const task = (language: string, fields: string) =>
    `{${language}"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", ${fields}}}}`;

  it("offers a JSONPath Task's fields, not JSONata's, not those present or excluded", () => {
    const names = complete(task('', '"Next": "T", "TimeoutSeconds": 5, |')).items.map((i) => i.label);
    for (const expected of ['Parameters', 'ResultSelector', 'ResultPath', 'OutputPath', 'InputPath', 'Retry', 'Catch', 'Comment', 'HeartbeatSeconds']) {
      assert.ok(names.includes(expected), expected);
    }
    // JSONata fields, present fields, and fields excluded by present ones.
    for (const absent of ['Arguments', 'Output', 'Type', 'Resource', 'Next', 'End', 'TimeoutSeconds', 'TimeoutSecondsPath']) {
      assert.ok(!names.includes(absent), absent);
    }
  });

  it("offers a JSONata Task's fields, not JSONPath's", () => {
    const names = complete(task('"QueryLanguage": "JSONata", ', '"End": true, |')).items.map((i) => i.label);
    for (const expected of ['Arguments', 'Output', 'Assign', 'TimeoutSeconds']) assert.ok(names.includes(expected), expected);
    for (const absent of ['Parameters', 'InputPath', 'OutputPath', 'ResultPath', 'ResultSelector', 'TimeoutSecondsPath', 'QueryLanguage']) {
      assert.ok(!names.includes(absent), absent);
    }
  });

  it('puts required fields first and documents each field from the schema', () => {
    const { items } = complete('{"StartAt": "W", "States": {"W": {"Type": "Wait", |}}}');
    const seconds = items.find((i) => i.label === 'Seconds')!;
    assert.match((seconds.documentation as { value: string }).value, /seconds to wait/);
    const fail = complete('{"StartAt": "F", "States": {"F": {"Type": "Map", |}}}');
    assert.equal(labels(fail.items)[0], 'ItemProcessor');
  });

  it('inserts a field with a value snippet and the commas around it', () => {
    const before = complete('{"StartAt": "W", "States": {"W": {"Type": "Wait" |}}}');
    assert.equal(
      applyCompletion(before.text, before.item('Seconds')),
      '{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 10}}}',
    );
    const after = complete('{"StartAt": "W", "States": {"W": {| "Type": "Wait", "Seconds": 1}}}');
    assert.equal(
      applyCompletion(after.text, after.item('End')),
      '{"StartAt": "W", "States": {"W": {"End": true, "Type": "Wait", "Seconds": 1}}}',
    );
    assert.deepEqual(problemsOf(applyCompletion(after.text, after.item('End'))), []);
  });

  it('replaces only the name when the property already has a value', () => {
    const { text, item } = complete('{"StartAt": "W", "States": {"W": {"Type": "Wait", "Sec|": 5, "End": true}}}');
    assert.equal(applyCompletion(text, item('Seconds')), '{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5, "End": true}}}');
  });

  it('completes the fields of retriers, catchers, processors and readers', () => {
    const base = (inner: string) => `{"StartAt": "M", "States": {"M": {"Type": "Map", ${inner}, "End": true}}}`;
    const retrier = complete(base('"ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "Retry": [{"ErrorEquals": ["States.ALL"], |}]'));
    assert.deepEqual(retrier.items.map((i) => i.label).sort(), ['BackoffRate', 'Comment', 'IntervalSeconds', 'JitterStrategy', 'MaxAttempts', 'MaxDelaySeconds']);
    const catcher = complete(base('"ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "Catch": [{|}]'));
    assert.deepEqual(catcher.items.map((i) => i.label).sort(), ['Assign', 'Comment', 'ErrorEquals', 'Next', 'ResultPath']);
    const config = complete(base('"ItemProcessor": {"ProcessorConfig": {|}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}'));
    assert.deepEqual(config.items.map((i) => i.label).sort(), ['ExecutionType', 'Mode']);
    const processor = complete(base('"ItemProcessor": {|}'));
    assert.deepEqual(processor.items.map((i) => i.label).sort(), ['Comment', 'ProcessorConfig', 'StartAt', 'States']);
    const reader = complete(base('"ItemReader": {"ReaderConfig": {|}}, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}'));
    assert.ok(reader.items.some((i) => i.label === 'InputType'));
  });

  it('completes the top level of the state machine', () => {
    const names = complete('{"StartAt": "A", |"States": {"A": {"Type": "Succeed"}}}').items.map((i) => i.label).sort();
    assert.deepEqual(names, ['Comment', 'QueryLanguage', 'TimeoutSeconds', 'Version']);
  });

  it('offers `Type` first in a state without one', () => {
    const { items } = complete('{"StartAt": "A", "States": {"A": {|}}}');
    assert.deepEqual(items.map((i) => i.label), ['Type', 'Comment', 'QueryLanguage']);
  });

  it('completes JSONPath Choice rules with comparisons, and nested rules without `Next`', () => {
    const top = complete('{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{|}], "Default": "C"}}}').items.map((i) => i.label);
    for (const expected of ['Variable', 'StringEquals', 'NumericGreaterThanPath', 'IsPresent', 'And', 'Not', 'Next', 'Assign']) assert.ok(top.includes(expected), expected);
    assert.ok(!top.includes('Condition'));
    const nested = complete('{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"And": [{|}], "Next": "C"}], "Default": "C"}}}').items.map((i) => i.label);
    assert.ok(nested.includes('Variable') && !nested.includes('Next') && !nested.includes('Assign'));
    const jsonata = complete('{"QueryLanguage": "JSONata", "StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{|}], "Default": "C"}}}').items.map((i) => i.label);
    assert.deepEqual(jsonata.sort(), ['Assign', 'Comment', 'Condition', 'Next', 'Output']);
  });

  it('does not offer fields inside user data', () => {
    assert.deepEqual(complete('{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {|}, "End": true}}}').items, []);
  });
});

describe('completion of values', () => {
  it('offers the state types with their descriptions', () => {
    const { items } = complete('{"StartAt": "A", "States": {"A": {"Type": "|"}}}');
    assert.deepEqual(items.map((i) => i.label), ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);
    assert.match((items[3].documentation as { value: string }).value, /Wait state pauses/);
  });

  it('offers enum values: QueryLanguage, JitterStrategy, Mode, ExecutionType, InputType', () => {
    const values = (marked: string) => complete(marked).items.map((i) => i.label);
    assert.deepEqual(values('{"QueryLanguage": "|", "StartAt": "A", "States": {}}'), ['JSONPath', 'JSONata']);
    // A state of a JSONata state machine cannot go back to JSONPath.
    assert.deepEqual(values('{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "QueryLanguage": "|"}}}'), ['JSONata']);
    const map = (inner: string) => `{"StartAt": "M", "States": {"M": {"Type": "Map", ${inner}, "End": true}}}`;
    assert.deepEqual(values(map('"Retry": [{"ErrorEquals": ["States.ALL"], "JitterStrategy": "|"}], "ItemProcessor": {}')), ['FULL', 'NONE']);
    assert.deepEqual(values(map('"ItemProcessor": {"ProcessorConfig": {"Mode": "|"}}')), ['INLINE', 'DISTRIBUTED']);
    assert.deepEqual(values(map('"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": |}}')), ['STANDARD', 'EXPRESS']);
    assert.deepEqual(values(map('"ItemReader": {"ReaderConfig": {"InputType": "|"}}, "ItemProcessor": {}')), ['CSV', 'JSON', 'JSONL', 'PARQUET', 'MANIFEST']);
  });

  it('offers true for End and booleans for Choice type tests', () => {
    assert.deepEqual(complete('{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": |}}}').items.map((i) => i.label), ['true']);
    const rule = complete('{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": |, "Next": "C"}]}}}');
    assert.deepEqual(rule.items.map((i) => i.label), ['true', 'false']);
  });

  it('offers the optimized integration ARNs and ARN templates at a Task Resource', () => {
    const { items, text, item } = complete('{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "|", "End": true}}}');
    const arns = items.map((i) => i.label);
    for (const expected of [
      'arn:aws:states:::lambda:invoke',
      'arn:aws:states:::lambda:invoke.waitForTaskToken',
      'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      'arn:aws:states:::ecs:runTask.sync',
      'arn:aws:states:::states:startExecution.sync:2',
      'arn:aws:states:::dynamodb:putItem',
      'arn:aws:states:::http:invoke',
    ]) {
      assert.ok(arns.includes(expected), expected);
    }
    assert.equal(
      applyCompletion(text, item('arn:aws:states:::aws-sdk:service:action')),
      '{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:service:action", "End": true}}}',
    );
    const reader = complete('{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemReader": {"Resource": "|"}, "End": true}}}');
    assert.deepEqual(reader.items.map((i) => i.label), ['arn:aws:states:::s3:getObject', 'arn:aws:states:::s3:listObjectsV2']);
  });
});

describe('completion of error names', () => {
  it('offers every catchable States.* error and the Lambda errors, without those listed', () => {
    const { items } = complete('{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "x", "Retry": [{"ErrorEquals": ["States.Timeout", "|"]}], "End": true}}}');
    const names = items.map((i) => i.label);
    const catchable = STATES_ERRORS.filter((e) => e.catchable && e.name !== 'States.Timeout').map((e) => e.name);
    assert.deepEqual(names.filter((n) => n.startsWith('States.')), catchable);
    assert.ok(!names.includes('States.Runtime'), 'States.Runtime cannot be caught');
    assert.ok(names.includes('Lambda.TooManyRequestsException'));
  });

  it('inserts a name between others with the commas it needs', () => {
    const { text, item } = complete('{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Catch": [{"ErrorEquals": ["States.Timeout" | "States.TaskFailed"], "Next": "T"}], "End": true}}}');
    const applied = applyCompletion(text, item('Lambda.ServiceException'));
    assert.match(applied, /\["States.Timeout", "Lambda.ServiceException", "States.TaskFailed"\]/);
  });
});

describe('completion of whole states and blocks', () => {
  const stateSnippet = (label: string, language: string, rest = '') => {
    const { text, item } = complete(`{${language}"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, |${rest}}}`);
    return applyCompletion(text, item(label));
  };

  for (const language of ['', '"QueryLanguage": "JSONata", ']) {
    const name = language ? 'JSONata' : 'JSONPath';
    for (const snippet of STATE_SNIPPETS) {
      if (snippet.label === 'Fail' || snippet.label === 'Choice') continue;
      it(`inserts a valid ${snippet.label} state (${name}) that the previous state moves on to`, () => {
        const applied = stateSnippet(snippet.label, language);
        assert.deepEqual(problemsOf(applied), []);
        // The previous state's `"End": true` now points at the new state, which ends instead.
        assert.match(applied, new RegExp(`"A": \\{"Type": "Pass", "Next": "${snippet.name}"\\}`));
      });
    }

    it(`inserts a valid Choice state (${name}) whose rules lead to the state after it`, () => {
      const applied = stateSnippet('Choice', language, ' "Done": {"Type": "Succeed"}');
      assert.deepEqual(problemsOf(applied), []);
    });
  }

  it('inserts a Fail state without relinking the previous state', () => {
    const applied = stateSnippet('Fail', '');
    assert.match(applied, /"A": \{"Type": "Pass", "End": true\}/);
    assert.match(applied, /"Fail": \{\n\t"Type": "Fail",\n\t"Error": "ErrorName",\n\t"Cause": "What went wrong"\n\}/);
  });

  it('names a new state so that it is unique in the whole state machine', () => {
    const { item } = complete('{"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 1, "Next": "Wait 2"}, "Wait 2": {"Type": "Succeed"}, |}}');
    assert.match(item('Wait').detail!, /New state `Wait 3`/);
  });

  it('adds `Next` to a previous state that has no transition yet', () => {
    const text = '{"StartAt": "A", "States": {\n  "A": {\n    "Type": "Pass"\n  },\n  |\n}}';
    const { text: plain, item } = complete(text);
    const applied = applyCompletion(plain, item('Succeed'));
    assert.match(applied, /"Type": "Pass",\n {4}"Next": "Succeed"\n {2}\}/);
    assert.deepEqual(problemsOf(applied), []);
  });

  it('gives a new state between two others the next state as its Next', () => {
    const { text, item } = complete('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, | "B": {"Type": "Succeed"}}}');
    const applied = applyCompletion(text, item('Pass'));
    assert.match(applied, /"Pass": \{\n\t"Type": "Pass",\n\t"Next": "B"\n\},/);
  });

  it('inserts retriers, catchers, Choice rules and branches in their arrays', () => {
    const task = (field: string) => `{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", ${field}, "End": true}, "F": {"Type": "Fail"}}}`;
    // The Fail state is reached through the new catcher only.
    const retry = complete('{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Retry": [|], "End": true}}}');
    assert.deepEqual(problemsOf(applyCompletion(retry.text, retry.item('Retrier'))), []);
    const catchers = complete(task('"Catch": [|]'));
    assert.deepEqual(problemsOf(applyCompletion(catchers.text, catchers.item('Catcher'))), []);

    const choice = complete('{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [|], "Default": "D"}, "D": {"Type": "Succeed"}}}');
    assert.deepEqual(choice.items.map((i) => i.label), [
      'Choice rule: string equals',
      'Choice rule: numeric comparison',
      'Choice rule: boolean equals',
      'Choice rule: is present',
      'Choice rule: and',
    ]);
    for (const item of choice.items) assert.deepEqual(problemsOf(applyCompletion(choice.text, item)), [], item.label);
    const jsonata = complete('{"QueryLanguage": "JSONata", "StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [|], "Default": "D"}, "D": {"Type": "Succeed"}}}');
    assert.deepEqual(jsonata.items.map((i) => i.label), ['Choice rule: condition']);
    assert.deepEqual(problemsOf(applyCompletion(jsonata.text, jsonata.items[0])), []);

    const branches = complete('{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "X", "States": {"X": {"Type": "Succeed"}}} |], "End": true}}}');
    assert.deepEqual(problemsOf(applyCompletion(branches.text, branches.item('Branch'))), []);
  });

  it('offers a field snippet that inserts a whole Retry block', () => {
    const { text, item } = complete('{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true, |}}}');
    assert.deepEqual(problemsOf(applyCompletion(text, item('Retry'))), []);
    assert.deepEqual(problemsOf(applyCompletion(text, item('Catch'))), []);
  });

  it('starts an empty document with a state machine', () => {
    const { items, text } = complete('|');
    assert.deepEqual(items.map((i) => i.label), ['State machine (JSONPath)', 'State machine (JSONata)']);
    for (const item of items) assert.deepEqual(problemsOf(applyCompletion(text, item)), []);
  });
});

describe('completion inside expressions', () => {
  const pass = (parameters: string, language = '') =>
    `{${language}"StartAt": "Set", "States": {"Set": {"Type": "Pass", "Assign": {"count": 1}, "Next": "P"}, "P": {"Type": "Pass", ${parameters}, "Next": "Later"}, "Later": {"Type": "Pass", "Assign": {"late": 2}, "End": true}}}`;

  it('offers the 18 intrinsic functions with their signatures in a `.$` value', () => {
    const { items, text, item } = complete(pass('"Parameters": {"greeting.$": "States.|"}'));
    assert.deepEqual(items.map((i) => i.label).sort(), INTRINSIC_FUNCTIONS.map((f) => f.name).sort());
    assert.equal(INTRINSIC_FUNCTIONS.length, 18);
    const format = item('States.Format');
    assert.equal(format.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(format.detail, 'States.Format(template: string, ...values): string');
    assert.match(applyCompletion(text, format), /"greeting\.\$": "States\.Format\('template', value\)"/);
    const hash = complete(pass('"Parameters": {"h.$": "States.Hash($.x, |)"}')).items.map((i) => i.label);
    assert.ok(hash.includes('States.Format'), 'inside an argument list too');
  });

  it('offers no intrinsic functions in a key without `.$`', () => {
    assert.deepEqual(complete(pass('"Parameters": {"greeting": "States.|"}')).items, []);
  });

  it('offers the context object fields after `$$.`', () => {
    const { items, text, item } = complete(pass('"Parameters": {"id.$": "$$.|"}'));
    const names = items.map((i) => i.label);
    for (const expected of ['$$.Execution.Id', '$$.Execution.Input', '$$.State.Name', '$$.StateMachine.Id', '$$.State.RetryCount']) {
      assert.ok(names.includes(expected), expected);
    }
    // Only in a Task, or only in a Map's ItemSelector.
    assert.ok(!names.includes('$$.Task.Token') && !names.includes('$$.Map.Item.Value'));
    assert.match(applyCompletion(text, item('$$.Execution.Name')), /"id\.\$": "\$\$\.Execution\.Name"/);
    const mapItem = complete('{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemSelector": {"value.$": "$$.M|"}, "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}, "End": true}}}');
    assert.ok(mapItem.items.some((i) => i.label === '$$.Map.Item.Value'));
    const token = complete('{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "Parameters": {"token.$": "$$.|"}, "End": true}}}');
    assert.ok(token.items.some((i) => i.label === '$$.Task.Token'));
  });

  it('offers the variables assigned upstream, not those assigned later', () => {
    const { items, text, item } = complete(pass('"Parameters": {"n.$": "$|"}'));
    const variables = items.filter((i) => i.label.startsWith('$') && !i.label.startsWith('$$'));
    assert.deepEqual(variables.map((i) => [i.label, i.detail]), [['$count', 'assigned in Set']]);
    const applied = applyCompletion(text, item('$count'));
    assert.match(applied, /"n\.\$": "\$count"/);
    assert.deepEqual(problemsOf(applied), []);
  });

  it('completes path fields with the context object, without intrinsic functions', () => {
    const names = complete(pass('"InputPath": "$$.Ex|"')).items.map((i) => i.label);
    assert.ok(names.includes('$$.Execution.Input'));
    assert.ok(!names.some((name) => name.startsWith('States.')));
  });

  it('offers JSONata functions, `$states` and variables inside `{% %}`', () => {
    const { items, text, item } = complete(pass('"Output": "{% $| %}"', '"QueryLanguage": "JSONata", '));
    const names = items.map((i) => i.label);
    const functions = [...JSONATA_BUILTIN_FUNCTIONS, ...STEP_FUNCTIONS_JSONATA_FUNCTIONS].map((name) => `$${name}`);
    for (const fn of functions) assert.ok(names.includes(fn), fn);
    assert.ok(names.includes('$states') && names.includes('$count') && !names.includes('$late'));
    assert.match(applyCompletion(text, item('$uppercase')), /"Output": "\{% \$uppercase\(\) %\}"/);
    assert.match((item('$partition').documentation as { value: string }).value, /Provided by Step Functions/);
  });

  it('offers the `$states` fields that hold a value where the caret is', () => {
    const fields = (marked: string) => complete(marked).items.map((i) => i.label).sort();
    const task = (field: string) =>
      `{"QueryLanguage": "JSONata", "StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", ${field}, "End": true}}}`;
    assert.deepEqual(fields(task('"Arguments": {"x": "{% $states.| %}"}')), ['context', 'input']);
    assert.deepEqual(fields(task('"Output": "{% $states.| %}"')), ['context', 'input', 'result']);
    assert.deepEqual(fields(task('"Catch": [{"ErrorEquals": ["States.ALL"], "Next": "T", "Output": "{% $states.| %}"}]')), ['context', 'errorOutput', 'input']);
    const context = fields(task('"Output": "{% $states.context.Ex| %}"'));
    assert.ok(context.includes('Execution.Id') && context.includes('Task.Token'));
  });

  it('offers nothing outside the `{% %}` of a JSONata string', () => {
    assert.deepEqual(complete('{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "x|{% 1 %}", "End": true}}}').items, []);
  });
});
