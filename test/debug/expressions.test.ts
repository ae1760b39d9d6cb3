/** The debugger's pieces without the protocol: expressions, previews, breakpoint binding and hit counts, launch loading. */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAsl } from '../../server/src/asl/parse';
import { asText, evaluate, interpolate, isTrue, languageOf, previewChoice, previewEffectiveInput, syntaxError, type StateView } from '../../server/src/debug/evaluate';
import { BreakpointTable, parseHitCondition } from '../../server/src/debug/breakpoints';
import { LineMap, StateLines } from '../../server/src/debug/sourceMap';
import { LaunchError, loadProgram } from '../../server/src/debug/launch';
import { setAt } from '../../server/src/debug/runtime';
import { expressionAt } from '../../client/src/debug/expressionAt';
import { tempFiles } from './client';

const view: StateView = {
  input: { order: { id: 7, items: [{ sku: 'a', qty: 2 }, { sku: 'b', qty: 5 }] }, 'odd key': true },
  variables: { limit: 3, customer: { email: 'ada@example.com' } },
  context: { State: { Name: 'Pay' }, Execution: { Input: { first: true } } },
  now: Date.UTC(2024, 0, 1),
};

describe('expressions', () => {
  it('tell their language apart', () => {
    assert.equal(languageOf('$.order.id'), 'JSONPath');
    assert.equal(languageOf('$$.State.Name'), 'JSONPath');
    assert.equal(languageOf('$limit'), 'JSONPath');
    assert.equal(languageOf("States.Format('{}', $.order.id)"), 'intrinsic');
    assert.equal(languageOf('$states.input.order.id'), 'JSONata');
    assert.equal(languageOf('$.order.id > 5'), 'JSONata');
    assert.equal(languageOf('{% $limit %}'), 'JSONata');
    assert.equal(languageOf('order.id'), 'JSONata');
  });

  it('evaluate JSONPath over the input, the context object and variables', async () => {
    assert.equal(await evaluate('$.order.id', view), 7);
    assert.deepEqual(await evaluate('$.order.items[*].sku', view), ['a', 'b']);
    assert.equal(await evaluate("$['odd key']", view), true);
    assert.equal(await evaluate('$$.State.Name', view), 'Pay');
    assert.equal(await evaluate('$customer.email', view), 'ada@example.com');
    assert.equal(await evaluate('$.missing', view), undefined);
    await assert.rejects(evaluate('$nobody', view), /The variable `\$nobody` is not defined here/);
  });

  it('evaluate intrinsic functions with the interpreter', async () => {
    assert.equal(await evaluate("States.Format('order {} for {}', $.order.id, $customer.email)", view), 'order 7 for ada@example.com');
    assert.equal(await evaluate('States.MathAdd($.order.id, $limit)', view), 10);
    await assert.rejects(evaluate('States.ArrayLength($.missing)', view), /The path `\$\.missing` selects nothing/);
    await assert.rejects(evaluate('States.Nope(1)', view), /States\.IntrinsicFailure/);
  });

  it('evaluate JSONata with $states and the variables bound, and never touch the execution', async () => {
    assert.equal(await evaluate('$states.input.order.id + $limit', view), 10);
    assert.equal(await evaluate('{% $sum($states.input.order.items.qty) %}', view), 7);
    assert.equal(await evaluate('$states.context.State.Name', view), 'Pay');
    assert.equal(await evaluate('$now()', view), '2024-01-01T00:00:00.000Z');
    assert.equal(await evaluate('$states.input.nothing', view), undefined);
    await assert.rejects(evaluate('$states.input.(', view), /is not valid/);
  });

  it('report syntax errors without evaluating', () => {
    assert.equal(syntaxError('$.order.id'), undefined);
    assert.equal(syntaxError('$states.input.x > 1'), undefined);
    assert.match(syntaxError('$states.input.x >')!, /^Not a valid JSONata expression/);
    assert.match(syntaxError("States.Format('x'")!, /^Not a valid intrinsic function call/);
    assert.equal(syntaxError(' '), 'The expression is empty.');
  });

  it('count as true when they give true or a non-empty value', () => {
    assert.deepEqual([true, 1, 'x', [0], { a: 1 }].map(isTrue), [true, true, true, true, true]);
    assert.deepEqual([false, 0, '', [], {}, null, undefined].map(isTrue), [false, false, false, false, false, false, false]);
  });

  it('fill a log message, braces inside expressions included', async () => {
    assert.equal(await interpolate('order {$.order.id} has {$count($states.input.order.items)} items', view), 'order 7 has 2 items');
    assert.equal(await interpolate('{ {"a": $limit}.a } {{literal}} {$.order.items[0]}', view), '3 {literal} {"sku":"a","qty":2}');
    assert.equal(await interpolate('unclosed {$.order.id', view), 'unclosed {$.order.id');
    assert.equal(await interpolate('{$nobody}', view), '<The variable `$nobody` is not defined here: no state before this one assigned it.>');
    assert.equal(asText(undefined), 'undefined');
  });
});

describe('previews', () => {
  it('the effective input of a JSONPath Task: InputPath then Parameters with paths and intrinsics', async () => {
    const def = { Type: 'Task', InputPath: '$.order', Parameters: { 'id.$': '$.id', 'first.$': 'States.ArrayGetItem($.items, 0)', fixed: 1, 'limit.$': '$limit' } };
    assert.deepEqual(await previewEffectiveInput('Task', def, false, view), { id: 7, first: { sku: 'a', qty: 2 }, fixed: 1, limit: 3 });
    await assert.rejects(previewEffectiveInput('Task', { InputPath: '$.nothing' }, false, view), /InputPath `\$\.nothing` selects nothing/);
    await assert.rejects(previewEffectiveInput('Task', { Parameters: { 'x.$': '$.nothing' } }, false, view), /`Parameters` field `x\.\$`: the path `\$\.nothing` selects nothing/);
    // A Pass state's Result is its result, not its input; a Map's Parameters apply per item.
    assert.deepEqual(await previewEffectiveInput('Pass', { Result: 1, InputPath: '$.order.id' }, false, view), 7);
    assert.deepEqual(await previewEffectiveInput('Map', { InputPath: '$.order', Parameters: { 'x.$': '$.nothing' } }, false, view), view.input && (view.input as { order: unknown }).order);
  });

  it('the effective input of a JSONata Task: its Arguments', async () => {
    assert.deepEqual(await previewEffectiveInput('Task', { Arguments: { id: '{% $states.input.order.id %}', n: '{% $limit * 2 %}' } }, true, view), { id: 7, n: 6 });
    assert.deepEqual(await previewEffectiveInput('Pass', { Output: '{% 1 %}' }, true, view), view.input);
  });

  it('which Choice rule matches, in both query languages', async () => {
    const rules = await previewChoice({
      Choices: [
        { Variable: '$.order.id', NumericGreaterThan: 10, Next: 'Big' },
        { Variable: '$.missing', StringEquals: 'x', Next: 'Broken' },
        { Variable: '$.order.id', NumericLessThanPath: '$limit', Next: 'Small' },
        { Variable: '$.order.id', NumericEquals: 7, Next: 'Seven' },
      ],
      Default: 'Other',
    }, false, view);
    assert.deepEqual(rules.map((r) => [r.rule, r.next, r.matches, r.error]), [
      ['Choices[0]', 'Big', false, undefined],
      ['Choices[1]', 'Broken', undefined, "Invalid path '$.missing': the choice state's input does not contain it"],
      ['Choices[2]', 'Small', false, undefined],
      ['Choices[3]', 'Seven', true, undefined],
      ['Default', 'Other', undefined, undefined],
    ]);
    const jsonata = await previewChoice({ Choices: [{ Condition: '{% $states.input.order.id = 7 %}', Next: 'Yes' }, { Condition: '{% $states.input.order %}', Next: 'Odd' }] }, true, view);
    assert.deepEqual(jsonata.map((r) => r.matches ?? r.error), [true, 'The Condition gives {"id":7,"items":[{"sku":"a","qty":2},{"sku":"b","qty":5}]}, not a boolean.']);
  });
});

const NESTED = `{
  "StartAt": "Fan",
  "States": {
    "Fan": {
      "Type": "Parallel",
      "Branches": [
        {
          "StartAt": "Inner",
          "States": {
            "Inner": {
              "Type": "Pass",
              "End": true
            }
          }
        }
      ],
      "End": true
    }
  }
}`;

describe('breakpoints on states', () => {
  const lines = new StateLines(parseAsl(NESTED));
  const inner = lines.document.states.find((state) => state.name === 'Inner')!;

  it('bind a line to the innermost state whose definition spans it, shown at its name', () => {
    assert.equal(lines.stateAt(3)?.name, 'Fan');
    assert.equal(lines.stateAt(5)?.name, 'Fan');
    assert.equal(lines.stateAt(10)?.name, 'Inner');
    assert.equal(lines.stateAt(11)?.name, 'Inner');
    assert.equal(lines.stateAt(13)?.name, 'Fan');
    assert.equal(lines.stateAt(1), undefined);
    assert.deepEqual(lines.nameOf(inner), { line: 9, column: 12 });
    assert.deepEqual(lines.rangeOf(inner), { start: { line: 9, column: 12 }, end: { line: 12, column: 13 } });
    assert.deepEqual(lines.breakpointLines(0, 20).map((p) => p.line), [3, 9]);
  });

  it('report unverified breakpoints with the reason, and rebind after the definition changes', () => {
    const table = new BreakpointTable();
    const [onInner, outside, badHits] = table.set([{ line: 11 }, { line: 0 }, { line: 4, hitCondition: 'often' }], lines);
    assert.deepEqual([onInner.verified, onInner.line, onInner.state?.name], [true, 9, 'Inner']);
    assert.equal(outside.verified, false);
    assert.match(badHits.message!, /Hit count `often` is not understood/);
    assert.deepEqual(table.at(inner).map((b) => b.id), [onInner.id]);
    const moved = new StateLines(parseAsl(`\n\n${NESTED}`));
    const [again] = table.rebind(moved);
    assert.deepEqual([again.id, again.line, again.state?.name], [onInner.id, 11, 'Inner']);
  });

  it('hit conditions as VS Code debuggers read them', () => {
    const hits = (text: string) => [1, 2, 3, 4, 5, 6].filter(parseHitCondition(text)!);
    assert.deepEqual(hits('3'), [3, 4, 5, 6]);
    assert.deepEqual(hits('>=3'), [3, 4, 5, 6]);
    assert.deepEqual(hits('> 3'), [4, 5, 6]);
    assert.deepEqual(hits('==3'), [3]);
    assert.deepEqual(hits('=3'), [3]);
    assert.deepEqual(hits('<3'), [1, 2]);
    assert.deepEqual(hits('<=3'), [1, 2, 3]);
    assert.deepEqual(hits('%2'), [2, 4, 6]);
    assert.equal(parseHitCondition('x'), undefined);
  });

  it('lines are counted for \\n, \\r\\n and \\r endings', () => {
    const map = new LineMap('a\r\nb\rc\nd');
    assert.deepEqual([0, 3, 5, 7].map((offset) => map.positionAt(offset).line), [0, 1, 2, 3]);
  });
});

describe('launch loading', () => {
  const machine = { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', End: true } } };

  it('refuses local handlers in an untrusted workspace', () => {
    const dir = tempFiles({ 'm.asl.json': machine, 'handlers.json': { f: './f.js' }, 'f.js': 'exports.handler = () => 1;' });
    assert.throws(() => loadProgram({ program: join(dir, 'm.asl.json'), handlers: 'handlers.json' }, { allowHandlers: false }), (e: Error) => e instanceof LaunchError && /not trusted, so local handlers/.test(e.message));
    const loaded = loadProgram({ program: join(dir, 'm.asl.json'), handlers: 'handlers.json' }, { allowHandlers: true });
    assert.ok(loaded.handlers);
    loaded.handlers.resolver.dispose();
  });

  it('names the state machine after the file when the mock file has it, else takes the only one', () => {
    const mocks = (machines: string[]) => ({ StateMachines: Object.fromEntries(machines.map((m) => [m, { TestCases: { T: {} } }])), MockedResponses: {} });
    const dir = tempFiles({ 'orders.asl.json': machine, 'two.json': mocks(['orders', 'other']), 'one.json': mocks(['Legacy']), 'none.json': mocks(['a', 'b']) });
    const program = join(dir, 'orders.asl.json');
    assert.equal(loadProgram({ program, mocks: 'two.json', testCase: 'T' }, { allowHandlers: true }).stateMachineName, 'orders');
    assert.equal(loadProgram({ program, mocks: 'one.json' }, { allowHandlers: true }).stateMachineName, 'Legacy');
    assert.equal(loadProgram({ program, mocks: 'none.json', testCase: 'T', stateMachine: 'b' }, { allowHandlers: true }).stateMachineName, 'b');
    assert.throws(() => loadProgram({ program, mocks: 'none.json', testCase: 'T' }, { allowHandlers: true }), /describes 2 state machines .* choose one with `stateMachine` in the launch configuration/);
    assert.equal(loadProgram({ program }, { allowHandlers: true }).stateMachineName, 'orders');
  });

  it('takes input or inputFile, not both; testCase needs mocks', () => {
    const dir = tempFiles({ 'm.asl.json': machine, 'in.json': '[1, 2]' });
    const program = join(dir, 'm.asl.json');
    assert.deepEqual(loadProgram({ program, inputFile: 'in.json' }, { allowHandlers: true }).input, [1, 2]);
    assert.deepEqual(loadProgram({ program, input: 'text' }, { allowHandlers: true }).input, 'text');
    assert.deepEqual(loadProgram({ program }, { allowHandlers: true }).input, {});
    assert.throws(() => loadProgram({ program, input: 1, inputFile: 'in.json' }, { allowHandlers: true }), /Give either `input` or `inputFile` in the launch configuration, not both/);
    assert.throws(() => loadProgram({ program, testCase: 'T' }, { allowHandlers: true }), /`testCase` needs `mocks`/);
  });
});

describe('edits', () => {
  it('setAt copies the path it changes and leaves the original alone', () => {
    const original = { a: { b: [1, 2] }, c: 1 };
    const changed = setAt(original, ['a', 'b', 1], 9);
    assert.deepEqual(changed, { a: { b: [1, 9] }, c: 1 });
    assert.deepEqual(original, { a: { b: [1, 2] }, c: 1 });
    assert.throws(() => setAt(original, ['c', 'd'], 1), /There is no `d` to change here/);
  });
});

describe('hover', () => {
  it('evaluates the whole string under the pointer when it holds an expression', () => {
    const line = '        "amount.$": "$.validation.total", "fixed": "EUR", "n.$": "States.Format(\'{}\', $.x)", "a": "{% $states.input %}"';
    const at = (needle: string) => expressionAt(line, line.indexOf(needle) + 1);
    assert.deepEqual(at('validation'), { start: line.indexOf('$.validation'), end: line.indexOf('$.validation') + '$.validation.total'.length, expression: '$.validation.total' });
    assert.equal(at('Format')?.expression, "States.Format('{}', $.x)");
    assert.equal(at('states.input')?.expression, '{% $states.input %}');
    assert.equal(at('EUR'), undefined);
    assert.equal(at('amount'), undefined);
  });
});
