/** Retry and Catch, from the AWS developer guide's "Handling errors" page. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { execute, VirtualClock } from '../../server/src/interpreter';
import type { TaskOutcome, TaskRequest } from '../../server/src/interpreter/types';

/** A resolver that fails the first `failures` attempts with `error`, then returns `{ok: attempt}`. */
function flaky(failures: number, error = 'Boom', cause?: string) {
  const attempts: number[] = [];
  return {
    attempts,
    resolve(request: TaskRequest): TaskOutcome {
      attempts.push(request.attempt);
      return request.attempt < failures ? { error, cause } : { result: { ok: request.attempt } };
    },
  };
}

const task = (extra: Record<string, unknown>) => ({
  StartAt: 'T',
  States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...extra }, Handler: { Type: 'Pass', End: true } },
});

describe('Retry', () => {
  it('retries with IntervalSeconds × BackoffRate^n on the virtual clock; MaxAttempts 3 means 4 invocations', async () => {
    const clock = new VirtualClock(0);
    const resolver = flaky(3);
    const result = await execute(JSON.stringify(task({ Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 }] })), { clock, taskResolver: resolver });
    assert.equal(result.status, 'SUCCEEDED');
    assert.deepEqual(resolver.attempts, [0, 1, 2, 3]);
    assert.equal(clock.now(), (2 + 6 + 18) * 1000);
  });

  it('MaxDelaySeconds caps the wait; MaxAttempts 0 never retries', async () => {
    const clock = new VirtualClock(0);
    await execute(JSON.stringify(task({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, BackoffRate: 10, MaxDelaySeconds: 15, MaxAttempts: 2 }] })), { clock, taskResolver: flaky(2) });
    assert.equal(clock.now(), (10 + 15) * 1000);
    const never = flaky(5);
    const result = await execute(JSON.stringify(task({ Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] })), { taskResolver: never });
    assert.deepEqual(never.attempts, [0]);
    assert.equal(result.error, 'Boom');
  });

  it('JitterStrategy FULL waits a random part of the delay, reproducibly under the same seed', async () => {
    const times = [];
    for (let i = 0; i < 2; i++) {
      const clock = new VirtualClock(0);
      await execute(JSON.stringify(task({ Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 100, JitterStrategy: 'FULL' }] })), { clock, taskResolver: flaky(1) });
      times.push(clock.now());
    }
    assert.equal(times[0], times[1]);
    assert.ok(times[0] >= 0 && times[0] < 100_000);
  });

  it('the first retrier whose ErrorEquals matches applies; $$.State.RetryCount counts retries', async () => {
    const result = await execute(JSON.stringify(task({
      Retry: [{ ErrorEquals: ['Other'] }, { ErrorEquals: ['Boom'], MaxAttempts: 2, IntervalSeconds: 1 }],
      ResultSelector: { 'retries.$': '$$.State.RetryCount' },
    })), { taskResolver: flaky(2) });
    assert.deepEqual(result.output, { retries: 2 });
  });

  it('States.TaskFailed matches task errors but not States.Timeout', async () => {
    const caught = await execute(JSON.stringify(task({ Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Handler' }] })), { taskResolver: flaky(1, 'Custom') });
    assert.equal(caught.status, 'SUCCEEDED');
    const timeout = await execute(JSON.stringify(task({ Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Handler' }] })), { taskResolver: flaky(1, 'States.Timeout') });
    assert.equal(timeout.error, 'States.Timeout');
  });
});

describe('Catch', () => {
  it('places {Error, Cause} with the catcher ResultPath, on the raw input', async () => {
    const result = await execute(JSON.stringify(task({ InputPath: '$.a', Catch: [{ ErrorEquals: ['Boom'], ResultPath: '$.error', Next: 'Handler' }] })), { input: { a: 1 }, taskResolver: flaky(1, 'Boom', 'why') });
    assert.deepEqual(result.output, { a: 1, error: { Error: 'Boom', Cause: 'why' } });
  });

  it('the first catcher whose ErrorEquals matches wins', async () => {
    const result = await execute(JSON.stringify({
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'x', End: true, Catch: [{ ErrorEquals: ['Nope'], Next: 'A' }, { ErrorEquals: ['States.ALL'], Next: 'B' }, { ErrorEquals: ['Boom'], Next: 'A' }] },
        A: { Type: 'Pass', Result: 'A', End: true },
        B: { Type: 'Pass', Result: 'B', End: true },
      },
    }), { taskResolver: flaky(1) });
    assert.equal(result.output, 'B');
  });

  it('States.Runtime is never caught, not even by name', async () => {
    const result = await execute(JSON.stringify(task({ OutputPath: '$.no.such', Catch: [{ ErrorEquals: ['States.Runtime', 'States.ALL'], Next: 'Handler' }] })), { taskResolver: flaky(0) });
    assert.equal(result.status, 'FAILED');
    assert.equal(result.error, 'States.Runtime');
  });

  it('JSONata catchers expose $states.errorOutput to Output and Assign', async () => {
    const result = await execute(JSON.stringify({
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'x', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Assign: { err: '{% $states.errorOutput.Error %}' }, Output: { caught: '{% $states.errorOutput.Cause %}' }, Next: 'After' }] },
        After: { Type: 'Pass', Output: { caught: '{% $states.input.caught %}', err: '{% $err %}' }, End: true },
      },
    }), { taskResolver: flaky(1, 'Boom', 'why') });
    assert.deepEqual(result.output, { caught: 'why', err: 'Boom' });
  });
});
