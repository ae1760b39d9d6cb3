/** JSONPath-mode data flow, from the AWS developer guide's "Processing input and output" pages. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { execute } from '../../server/src/interpreter';
import type { ExecutionOptions, Json } from '../../server/src/interpreter/types';

const run = (definition: unknown, input: Json = {}, options: ExecutionOptions = {}) => execute(JSON.stringify(definition), { input, ...options });
const pass = (state: Record<string, unknown>) => ({ StartAt: 'S', States: { S: { Type: 'Pass', End: true, ...state } } });

describe('JSONPath data flow', () => {
  it('applies InputPath, Parameters, ResultPath and OutputPath in order', async () => {
    const result = await run(
      pass({ InputPath: '$.order', Parameters: { 'id.$': '$.id', fixed: 'x', nested: { 'n.$': '$.n' } }, ResultPath: '$.params', OutputPath: '$.params' }),
      { order: { id: 7, n: [1, 2] } },
    );
    assert.equal(result.status, 'SUCCEEDED');
    assert.deepEqual(result.output, { id: 7, fixed: 'x', nested: { n: [1, 2] } });
  });

  it('ResultPath null keeps the raw input, from before InputPath', async () => {
    const result = await run(pass({ InputPath: '$.a', Result: 'ignored', ResultPath: null }), { a: 1, b: 2 });
    assert.deepEqual(result.output, { a: 1, b: 2 });
  });

  it('ResultPath creates missing objects and does not change the input value it was given', async () => {
    const input = { a: { keep: true } };
    const result = await run(pass({ Result: 5, ResultPath: '$.a.b.c' }), input);
    assert.deepEqual(result.output, { a: { keep: true, b: { c: 5 } } });
    assert.deepEqual(input, { a: { keep: true } });
  });

  it('ResultPath into a value that is not an object is States.ResultPathMatchFailure', async () => {
    const result = await run(pass({ Result: 5, ResultPath: '$.a.b' }), { a: 'text' });
    assert.equal(result.status, 'FAILED');
    assert.equal(result.error, 'States.ResultPathMatchFailure');
    assert.match(result.cause!, /'S'.*ResultPath '\$\.a\.b'/);
  });

  it('a Result is literal: keys ending in .$ are not evaluated', async () => {
    const result = await run(pass({ Result: { 'a.$': '$.x' } }), { x: 1 });
    assert.deepEqual(result.output, { 'a.$': '$.x' });
  });

  it('InputPath null gives {} and OutputPath null gives {}', async () => {
    assert.deepEqual((await run(pass({ InputPath: null }), { a: 1 })).output, {});
    assert.deepEqual((await run(pass({ OutputPath: null }), { a: 1 })).output, {});
  });

  it('a missing InputPath is States.Runtime worded as AWS words it', async () => {
    const result = await run(pass({ InputPath: '$.missing' }), { a: 1 });
    assert.equal(result.error, 'States.Runtime');
    assert.equal(result.cause, "An error occurred while executing the state 'S' (entered at the event id #2). Invalid path '$.missing' : No results for path: $['missing']");
  });

  it('a missing step on the way is "Missing property in path"', async () => {
    const result = await run(pass({ OutputPath: '$.a.b.c' }), { x: 1 });
    assert.match(result.cause!, /Invalid path '\$\.a\.b\.c' : Missing property in path \$\['a'\]$/);
  });

  it('a missing .$ path in Parameters names the field and shows the input', async () => {
    const result = await run(pass({ Parameters: { 'value.$': '$.nope' } }), { a: 1 });
    assert.equal(result.error, 'States.Runtime');
    assert.match(result.cause!, /The JSONPath '\$\.nope' specified for the field 'value\.\$' could not be found in the input '\{"a":1\}'$/);
  });

  it('wildcards, slices, filters and deep scans select arrays, empty when nothing matches', async () => {
    const input = { items: [{ p: 5, n: 'a' }, { p: 15, n: 'b' }, { p: 8, n: 'c' }] };
    const result = await run(
      pass({
        Parameters: {
          'all.$': '$.items[*].n',
          'cheap.$': '$.items[?(@.p < 10)].n',
          'slice.$': '$.items[1:].p',
          'deep.$': '$..n',
          'none.$': '$.nothing[*]',
          'last.$': '$.items[-1].n',
          'count.$': '$.items.length()',
        },
      }),
      input,
    );
    assert.deepEqual(result.output, { all: ['a', 'b', 'c'], cheap: ['a', 'c'], slice: [15, 8], deep: ['a', 'b', 'c'], none: [], last: 'c', count: 3 });
  });

  it('exposes the Context object under $$', async () => {
    const result = await run(pass({ Parameters: { 'name.$': '$$.State.Name', 'input.$': '$$.Execution.Input', 'sm.$': '$$.StateMachine.Name', 'id.$': '$$.Execution.Id' } }), { q: 1 }, { stateMachineName: 'Orders', executionName: 'run-1', accountId: '111122223333' });
    assert.deepEqual(result.output, { name: 'S', input: { q: 1 }, sm: 'Orders', id: 'arn:aws:states:us-east-1:111122223333:execution:Orders:run-1' });
  });

  it('Succeed applies InputPath and OutputPath', async () => {
    const result = await run({ StartAt: 'S', States: { S: { Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b' } } }, { a: { b: 3 } });
    assert.deepEqual(result.output, 3);
  });

  it('Fail reports Error and Cause, from paths too', async () => {
    const literal = await run({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom', Cause: 'Because' } } });
    assert.deepEqual([literal.status, literal.error, literal.cause], ['FAILED', 'Boom', 'Because']);
    const paths = await run({ StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('at {}', $.w)" } } }, { e: 'E1', w: 'home' });
    assert.deepEqual([paths.error, paths.cause], ['E1', 'at home']);
    const missing = await run({ StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.x' } } }, { e: 1 });
    assert.equal(missing.error, 'States.Runtime');
    assert.match(missing.cause!, /The JSONPath '\$\.x' specified for the field 'ErrorPath' could not be found in the input '\{"e":1\}'/);
  });
});
