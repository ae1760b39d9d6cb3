/**
 * Task `TimeoutSeconds` and `HeartbeatSeconds`, and the execution's `TimeoutSeconds`, as the AWS
 * developer guide describes them: a task that runs past `TimeoutSeconds` fails with `States.Timeout`;
 * a callback task that goes `HeartbeatSeconds` without `SendTaskHeartbeat` fails with
 * `States.HeartbeatTimeout` (both as a `TaskTimedOut` event); `SendTaskHeartbeat` "resets the
 * Heartbeat clock" but not the task's timeout; an execution past its `TimeoutSeconds` ends TIMED_OUT
 * whatever it was doing. Outside work makes time pass at real speed, so these tests wait a second or
 * two (concurrently).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Execution, VirtualClock } from '../../server/src/interpreter';
import { parseAsl } from '../../server/src/asl/parse';
import type { ExecutionController, ExecutionOptions, HistoryEvent, TaskRequest } from '../../server/src/interpreter/types';

const START = Date.UTC(2024, 0, 1);
const seconds = (event: HistoryEvent | undefined) => (Date.parse(event!.timestamp) - START) / 1000;
const types = (history: HistoryEvent[]) => history.map((e) => e.type);

const callbackTask = (fields: Record<string, unknown>, catchers?: unknown[]) => ({
  StartAt: 'T',
  States: {
    T: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } },
      ...(catchers ? { Catch: catchers, Next: 'Handled' } : { End: true }),
      ...fields,
    },
    ...(catchers ? { Handled: { Type: 'Pass', End: true } } : {}),
  },
});

function start(definition: unknown, controller: (execution: () => Execution) => ExecutionController = () => ({ onTaskToken: () => {} }), options: ExecutionOptions = {}) {
  let execution: Execution | undefined;
  execution = new Execution(parseAsl(JSON.stringify(definition)), { clock: new VirtualClock(START), controller: controller(() => execution!), ...options });
  return execution;
}

describe('task TimeoutSeconds', { concurrency: true }, () => {
  it('a .waitForTaskToken task nobody answers fails with States.Timeout after TimeoutSeconds', async () => {
    const execution = start(callbackTask({ TimeoutSeconds: 1 }));
    const result = await execution.run();
    assert.equal(result.status, 'FAILED');
    assert.equal(result.error, 'States.Timeout');
    assert.deepEqual(types(result.history), ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskTimedOut', 'ExecutionFailed']);
    const timedOut = result.history[4];
    assert.equal(seconds(timedOut), 1);
    assert.equal((timedOut.taskTimedOutEventDetails as { error: string }).error, 'States.Timeout');
    assert.deepEqual(execution.waitingTaskTokens, [], 'the token is no longer awaited');
  });

  it('a task answered by outside work that takes too long times out, and that work is told to stop', async () => {
    let request: TaskRequest | undefined;
    const result = await start({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'slow' }, TimeoutSeconds: 1, End: true } } }, () => ({}), {
      taskResolver: {
        resolve: (task) => {
          request = task;
          return new Promise(() => {});
        },
      },
    }).run();
    assert.equal(result.error, 'States.Timeout');
    assert.equal(seconds(result.history.find((e) => e.type === 'TaskTimedOut')), 1);
    assert.equal(request!.signal.aborted, true);
  });

  it('an answer within TimeoutSeconds wins, and leaves no timer behind', async () => {
    const result = await start(callbackTask({ TimeoutSeconds: 5 }), (execution) => ({
      onTaskToken: ({ token }) => setTimeout(() => execution().sendTaskSuccess(token, { ok: true }), 50),
    })).run();
    assert.equal(result.status, 'SUCCEEDED');
    assert.deepEqual(result.output, { ok: true });
    assert.ok(seconds(result.history.at(-1)) < 1, 'the answer came after about 50 ms of real time');
  });
});

describe('task HeartbeatSeconds', { concurrency: true }, () => {
  it('without a heartbeat a callback task fails with States.HeartbeatTimeout, caught by a States.Timeout catcher', async () => {
    const result = await start(callbackTask({ HeartbeatSeconds: 1, TimeoutSeconds: 10 }, [{ ErrorEquals: ['States.Timeout'], Next: 'Handled' }])).run();
    assert.equal(result.status, 'SUCCEEDED');
    assert.deepEqual(result.output, { Error: 'States.HeartbeatTimeout', Cause: '' });
    const timedOut = result.history.find((e) => e.type === 'TaskTimedOut')!;
    assert.equal(seconds(timedOut), 1);
    assert.equal((timedOut.taskTimedOutEventDetails as { error: string }).error, 'States.HeartbeatTimeout');
  });

  it('States.TaskFailed matches neither timeout', async () => {
    const result = await start(callbackTask({ HeartbeatSeconds: 1 }, [{ ErrorEquals: ['States.TaskFailed'], Next: 'Handled' }])).run();
    assert.equal(result.status, 'FAILED');
    assert.equal(result.error, 'States.HeartbeatTimeout');
  });

  it('SendTaskHeartbeat restarts the heartbeat clock', async () => {
    const accepted: boolean[] = [];
    const result = await start(callbackTask({ HeartbeatSeconds: 1 }), (execution) => ({
      onTaskToken: ({ token }) => {
        const beat = setInterval(() => accepted.push(execution().sendTaskHeartbeat(token)), 300);
        setTimeout(() => {
          clearInterval(beat);
          execution().sendTaskSuccess(token, 'done');
        }, 1500);
      },
    })).run();
    assert.ok(accepted.length >= 3 && accepted.every((ok) => ok), `heartbeats accepted: ${accepted}`);
    assert.equal(result.status, 'SUCCEEDED', 'without the heartbeats the task would have failed at 1 s');
    assert.equal(result.output, 'done');
  });

  it('heartbeats do not extend TimeoutSeconds', async () => {
    const result = await start(callbackTask({ HeartbeatSeconds: 1, TimeoutSeconds: 2 }), (execution) => ({
      onTaskToken: ({ token }) => {
        const beat = setInterval(() => {
          if (!execution().sendTaskHeartbeat(token)) clearInterval(beat);
        }, 250);
      },
    })).run();
    assert.equal(result.error, 'States.Timeout');
    assert.equal(seconds(result.history.find((e) => e.type === 'TaskTimedOut')), 2);
  });

  it('a heartbeat for an unknown token is refused', () => {
    const execution = start(callbackTask({}));
    assert.equal(execution.sendTaskHeartbeat('no-such-token'), false);
  });
});

describe('execution TimeoutSeconds', { concurrency: true }, () => {
  it('interrupts a task waiting for its token: TIMED_OUT, ExecutionTimedOut at the deadline', async () => {
    const result = await start({ ...callbackTask({}), TimeoutSeconds: 1 }).run();
    assert.equal(result.status, 'TIMED_OUT');
    assert.deepEqual(types(result.history), ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'ExecutionTimedOut']);
    assert.equal(seconds(result.history.at(-1)), 1);
  });

  it('interrupts a Wait at the deadline, not at the end of the wait', async () => {
    const result = await start({ TimeoutSeconds: 5, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } }).run();
    assert.equal(result.status, 'TIMED_OUT');
    assert.equal(seconds(result.history.at(-1)), 5);
  });

  it("caps a retry's interval: the retry that would start after the deadline never starts", async () => {
    const result = await start({
      TimeoutSeconds: 5,
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 4, MaxAttempts: 5 }], End: true } },
    }, () => ({}), { taskResolver: { resolve: () => ({ error: 'Boom' }) } }).run();
    assert.equal(result.status, 'TIMED_OUT');
    assert.deepEqual(result.history.filter((e) => e.type === 'TaskScheduled').map(seconds), [0, 4], 'the next retry would have started at 12 s');
    assert.equal(seconds(result.history.at(-1)), 5);
  });
});
