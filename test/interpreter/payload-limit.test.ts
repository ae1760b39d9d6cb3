/**
 * AWS's 256 KiB payload quota (262,144 bytes of UTF-8 JSON text). The developer guide raises
 * `States.DataLimitExceeded` "when the output of a connector is larger than payload size quota, when
 * the output of a state is larger than payload size quota, when, after Parameters processing, the
 * input of a state is larger than the payload size quota", and `States.ALL` does not catch it.
 * StartExecution refuses an input over the quota.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Execution, ExecutionInputTooLarge, execute } from '../../server/src/interpreter';
import { parseAsl } from '../../server/src/asl/parse';
import type { ExecutionOptions, Json } from '../../server/src/interpreter/types';

const LIMIT = 262_144;
/** 150,000 bytes: under the quota alone, over it twice. */
const half = 'x'.repeat(150_000);

const run = (definition: unknown, input: Json = {}, options: ExecutionOptions = {}) => execute(JSON.stringify(definition), { input, ...options });
const cause = (state: string) => `The state/task '${state}' returned a result with a size exceeding the maximum number of bytes service limit.`;

describe('payload limit: state outputs', () => {
  it('a Pass whose Parameters make an output over 256 KiB fails the execution with States.DataLimitExceeded', async () => {
    const result = await run({ StartAt: 'Double', States: { Double: { Type: 'Pass', Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, End: true } } }, { s: half });
    assert.equal(result.status, 'FAILED');
    assert.equal(result.error, 'States.DataLimitExceeded');
    assert.equal(result.cause, cause('Double'));
    assert.deepEqual(result.history.map((e) => e.type), ['ExecutionStarted', 'PassStateEntered', 'ExecutionFailed']);
  });

  it('a JSONata Output over 256 KiB fails the same way', async () => {
    const result = await run({ QueryLanguage: 'JSONata', StartAt: 'Join', States: { Join: { Type: 'Pass', Output: '{% $states.input.s & $states.input.s %}', End: true } } }, { s: half });
    assert.equal(result.error, 'States.DataLimitExceeded');
    assert.equal(result.cause, cause('Join'));
  });

  it("a Task's output over 256 KiB after ResultPath fails after the task succeeded, and States.ALL does not catch it", async () => {
    const result = await run({
      StartAt: 'Fetch',
      States: {
        Fetch: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, ResultPath: '$.fetched', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Pass', End: true },
      },
    }, { s: half }, { taskResolver: { resolve: () => ({ result: half }) } });
    assert.equal(result.status, 'FAILED');
    assert.equal(result.error, 'States.DataLimitExceeded');
    assert.equal(result.cause, cause('Fetch'));
    const types = result.history.map((e) => e.type);
    assert.ok(types.includes('TaskSucceeded'));
    assert.ok(!types.includes('TaskStateExited'));
  });

  it('an output of exactly 262,144 bytes passes', async () => {
    const exactly = 'x'.repeat(LIMIT - 2);
    const result = await run({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, exactly);
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(result.output, exactly);
  });
});

describe('payload limit: inputs after Parameters', () => {
  it("a Task's Parameters over 256 KiB fail it before it is scheduled", async () => {
    let called = false;
    const result = await run({ StartAt: 'Send', States: { Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, End: true } } }, { s: half }, {
      taskResolver: { resolve: () => ((called = true), { result: {} }) },
    });
    assert.equal(result.error, 'States.DataLimitExceeded');
    assert.equal(result.cause, cause('Send'));
    assert.equal(called, false);
    assert.ok(!result.history.some((e) => e.type === 'TaskScheduled'));
  });

  it("a Map's ItemSelector making an iteration input over 256 KiB fails the Map", async () => {
    const result = await run({
      StartAt: 'Each',
      States: { Each: { Type: 'Map', ItemsPath: '$.items', ItemSelector: { 'a.$': '$.s', 'b.$': '$.s' }, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } },
    }, { s: half, items: [1] });
    assert.equal(result.error, 'States.DataLimitExceeded');
    assert.equal(result.cause, cause('Each'));
  });
});

describe('payload limit: the execution input', () => {
  const definition = parseAsl(JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }));

  it('is refused over 256 KiB, as StartExecution refuses it: no execution starts', () => {
    assert.throws(() => new Execution(definition, { input: 'x'.repeat(LIMIT - 1) }), (error: unknown) => {
      assert.ok(error instanceof ExecutionInputTooLarge);
      assert.equal(error.bytes, LIMIT + 1);
      assert.match(error.message, /262,145 bytes; AWS Step Functions accepts at most 262,144 bytes \(256 KiB\)/);
      return true;
    });
  });

  it('counts UTF-8 bytes, not characters', () => {
    assert.throws(() => new Execution(definition, { input: 'é'.repeat(LIMIT / 2) }), ExecutionInputTooLarge);
    assert.doesNotThrow(() => new Execution(definition, { input: 'é'.repeat(LIMIT / 2 - 1) }));
  });
});
