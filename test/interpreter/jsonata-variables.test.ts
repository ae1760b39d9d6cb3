/** JSONata mode and variables, from the AWS developer guide's JSONata and variables pages. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { execute } from '../../server/src/interpreter';
import type { ExecutionOptions, Json } from '../../server/src/interpreter/types';

const run = (definition: unknown, input: Json = {}, options: ExecutionOptions = {}) => execute(JSON.stringify(definition), { input, ...options });

describe('JSONata mode', () => {
  it('evaluates {% %} strings anywhere in Output, with $states.input and $states.context', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'S',
      States: { S: { Type: 'Pass', Output: { sum: '{% $sum($states.input.xs) %}', name: '{% $states.context.State.Name %}', list: ['{% $count($states.input.xs) %}', 'literal {% not an expression'] }, End: true } },
    }, { xs: [1, 2, 3] });
    assert.deepEqual(result.output, { sum: 6, name: 'S', list: [3, 'literal {% not an expression'] });
  });

  it('a Task sends Arguments and its Output sees $states.result', async () => {
    let sent: Json = null;
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: 'f', Payload: { n: '{% $states.input.n + 1 %}' } }, Output: '{% $states.result.Payload * 10 %}', End: true } },
    }, { n: 1 }, { taskResolver: { resolve: (r) => ((sent = r.input), { result: { Payload: 5 } }) } });
    assert.deepEqual(sent, { FunctionName: 'f', Payload: { n: 2 } });
    assert.equal(result.output, 50);
  });

  it("AWS's added functions: $partition, $range, $hash, $parse, $uuid, $random", async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'S',
      States: { S: { Type: 'Pass', Output: { p: '{% $partition([1,2,3], 2) %}', r: '{% $range(0, 4, 2) %}', h: "{% $hash('input data', 'MD5') %}", j: '{% $parse(\'{"a":1}\') %}', u: '{% $length($uuid()) %}', x: '{% $random() < 1 %}' }, End: true } },
    });
    assert.deepEqual(result.output, { p: [[1, 2], [3]], r: [0, 2, 4], h: '812f45842bc6d66ee14572ce20db8e86', j: { a: 1 }, u: 36, x: true });
  });

  it('an expression that returns nothing, or throws, is States.QueryEvaluationError naming the field', async () => {
    const nothing = await run({ QueryLanguage: 'JSONata', StartAt: 'S', States: { S: { Type: 'Pass', Output: { result: '{% $doesNotExist %}' }, End: true } } });
    assert.equal(nothing.error, 'States.QueryEvaluationError');
    assert.equal(nothing.cause, "An error occurred while executing the state 'S' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
    const thrown = await run({ QueryLanguage: 'JSONata', StartAt: 'S', States: { S: { Type: 'Pass', Output: "{% $error('custom') %}", End: true } } });
    assert.equal(thrown.error, 'States.QueryEvaluationError');
    assert.match(thrown.cause!, /custom/);
  });

  it('a state may switch query language; nested states follow the state machine', async () => {
    const result = await run({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', QueryLanguage: 'JSONata', Output: { v: '{% $states.input.x * 2 %}' }, Next: 'B' },
        B: { Type: 'Pass', Parameters: { 'w.$': '$.v' }, End: true },
      },
    }, { x: 4 });
    assert.deepEqual(result.output, { w: 8 });
  });
});

describe('variables', () => {
  it('Assign is evaluated with the values from before the state and visible from the next state on', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' },
        B: { Type: 'Pass', Assign: { x: '{% $x + 1 %}', old: '{% $x %}' }, Output: { seen: '{% $x %}' }, Next: 'C' },
        C: { Type: 'Pass', Output: { x: '{% $x %}', old: '{% $old %}', seen: '{% $states.input.seen %}' }, End: true },
      },
    });
    assert.deepEqual(result.output, { x: 2, old: 1, seen: 1 });
  });

  it('JSONPath Assign reads the state result with $ and variables with $name', async () => {
    const result = await run({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Result: { answer: 42 }, ResultPath: '$.r', Assign: { 'v.$': '$.answer' }, Next: 'B' },
        B: { Type: 'Pass', Parameters: { 'v.$': '$v', 'input.$': '$' }, End: true },
      },
    }, { k: 1 });
    assert.deepEqual(result.output, { v: 42, input: { k: 1, r: { answer: 42 } } });
  });

  it('Map iterations and Parallel branches read outer variables; their assignments stay inside', async () => {
    const result = await run({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { outer: 'o' }, Next: 'M' },
        M: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Assign: { inner: 'i' }, Next: 'J' }, J: { Type: 'Pass', Parameters: { 'outer.$': '$outer', 'inner.$': '$inner' }, End: true } } },
          Next: 'After',
        },
        After: { Type: 'Pass', Parameters: { 'outer.$': '$outer', 'items.$': '$' }, End: true },
      },
    }, [1, 2]);
    assert.deepEqual(result.output, { outer: 'o', items: [{ outer: 'o', inner: 'i' }, { outer: 'o', inner: 'i' }] });
    const leak = await run({
      StartAt: 'M',
      States: {
        M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Assign: { inner: 'i' }, End: true } } }, Next: 'After' },
        After: { Type: 'Pass', Parameters: { 'inner.$': '$inner' }, End: true },
      },
    }, [1]);
    assert.equal(leak.error, 'States.Runtime');
    assert.match(leak.cause!, /'\$inner'/);
  });
});
