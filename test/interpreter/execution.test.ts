/** Waits on the virtual clock, timeouts, the history and its limit, hooks, aborts, mocks and handlers. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Execution, execute, RealClock, VirtualClock } from '../../server/src/interpreter';
import { parseAsl } from '../../server/src/asl/parse';
import { loadMocks, MockConfigError } from '../../server/src/interpreter/mocks';
import { HandlerResolver, loadHandlerMap } from '../../server/src/interpreter/handlers';
import type { StateFrame } from '../../server/src/interpreter/types';

describe('Wait and time', () => {
  it('Seconds, SecondsPath, Timestamp and TimestampPath move the virtual clock, not the real one', async () => {
    const clock = new VirtualClock(Date.UTC(2024, 0, 1));
    const started = Date.now();
    const result = await execute(JSON.stringify({
      StartAt: 'A',
      States: {
        A: { Type: 'Wait', Seconds: 3600, Next: 'B' },
        B: { Type: 'Wait', SecondsPath: '$.s', Next: 'C' },
        C: { Type: 'Wait', Timestamp: '2024-01-02T00:00:00Z', Next: 'D' },
        D: { Type: 'Wait', TimestampPath: '$.t', End: true },
      },
    }), { input: { s: 60, t: '2024-01-03T00:00:00+01:00' }, clock });
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(clock.now(), Date.UTC(2024, 0, 2, 23));
    assert.ok(Date.now() - started < 1000);
  });

  it('bad wait values fail as AWS words them', async () => {
    const wait = (state: Record<string, unknown>, input: unknown) => execute(JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', End: true, ...state } } }), { input: input as never });
    assert.match((await wait({ SecondsPath: '$.s' }, { s: 1.5 })).cause!, /The SecondsPath parameter cannot be parsed as a long value: \$\.s == 1\.5$/);
    assert.match((await wait({ SecondsPath: '$.s' }, { s: -1 })).cause!, /The SecondsPath parameter references a negative value: \$\.s == -1$/);
    assert.match((await wait({ TimestampPath: '$.t' }, { t: '2016-12-05 21:29:29Z' })).cause!, /does not reference a valid ISO-8601 extended offset date-time format string: \$\.t == 2016-12-05 21:29:29Z$/);
  });

  it('a delay past 2^31 - 1 seconds is too long, as AWS recorded: 24,855 days ahead waits, 24,856 days fails', async () => {
    const start = Date.UTC(2024, 0, 1);
    const waitUntil = (input: Record<string, unknown>, state: Record<string, unknown>) =>
      execute(JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', End: true, ...state } } }), { input: input as never, clock: new VirtualClock(start) });
    const day = 86_400_000;
    const within = await waitUntil({ at: new Date(start + 24_855 * day).toISOString() }, { TimestampPath: '$.at' });
    assert.equal(within.status, 'SUCCEEDED');
    const beyond = await waitUntil({ at: new Date(start + 24_856 * day).toISOString() }, { TimestampPath: '$.at' });
    assert.equal(beyond.error, 'States.Runtime');
    assert.equal(beyond.cause, "An error occurred while executing the state 'W' (entered at the event id #2). Wait state delay is too long.");
    assert.equal((await waitUntil({ s: 2_147_483_647 }, { SecondsPath: '$.s' })).status, 'SUCCEEDED');
    assert.equal((await waitUntil({ s: 2_147_483_648 }, { SecondsPath: '$.s' })).error, 'States.Runtime');
  });

  it('the execution TimeoutSeconds ends it as TIMED_OUT', async () => {
    const result = await execute(JSON.stringify({ TimeoutSeconds: 10, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }), { clock: new VirtualClock(0) });
    assert.equal(result.status, 'TIMED_OUT');
    assert.equal(result.error, 'States.Timeout');
    assert.equal(result.history.at(-1)!.type, 'ExecutionTimedOut');
  });

  it('the real clock really waits and leaves no timer behind when aborted', async () => {
    const controller = new AbortController();
    const pending = execute(JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } }), { clock: new RealClock(), signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const result = await pending;
    assert.equal(result.status, 'ABORTED');
    assert.equal(result.history.at(-1)!.type, 'ExecutionAborted');
  });
});

describe('history', () => {
  it('records AWS-shaped events with ids chained by previousEventId', async () => {
    const result = await execute(JSON.stringify({
      StartAt: 'P',
      States: { P: { Type: 'Pass', Next: 'T' }, T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true } },
    }), { input: { a: 1 }, taskResolver: { resolve: () => ({ result: { ok: true } }) } });
    assert.deepEqual(result.history.map((e) => [e.id, e.previousEventId, e.type]), [
      [1, 0, 'ExecutionStarted'],
      [2, 1, 'PassStateEntered'],
      [3, 2, 'PassStateExited'],
      [4, 3, 'TaskStateEntered'],
      [5, 4, 'TaskScheduled'],
      [6, 5, 'TaskStarted'],
      [7, 6, 'TaskSucceeded'],
      [8, 7, 'TaskStateExited'],
      [9, 8, 'ExecutionSucceeded'],
    ]);
    assert.deepEqual(JSON.parse(JSON.stringify(result.history[1].stateEnteredEventDetails)), { name: 'P', input: '{"a":1}', inputDetails: { truncated: false } });
    assert.deepEqual(result.history[4].taskScheduledEventDetails, { resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', parameters: '{"FunctionName":"f"}' });
  });

  it('fails the execution like AWS when its history would pass 25,000 events', async () => {
    const result = await execute(JSON.stringify({ StartAt: 'Loop', States: { Loop: { Type: 'Pass', Next: 'Loop' } } }), { recordHistory: false });
    assert.equal(result.status, 'FAILED');
    assert.equal(result.error, 'States.Runtime');
    assert.match(result.cause!, /maximum number of history events \(25000\)/);
  });
});

describe('hooks and the task-token API', () => {
  it('calls beforeState and afterState for every state, awaiting them', async () => {
    const seen: string[] = [];
    const result = await new Execution(parseAsl(JSON.stringify({
      StartAt: 'P',
      States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }], Next: 'F' }, F: { Type: 'Fail', Error: 'E' } },
    })), {
      controller: {
        beforeState: async (frame: StateFrame) => {
          await new Promise((r) => setImmediate(r));
          seen.push(`before ${frame.location.join('/')}${frame.location.length ? '/' : ''}${frame.name}`);
        },
        afterState: (frame: StateFrame) => void seen.push(`after ${frame.name} ${frame.error ? frame.error.error : JSON.stringify(frame.output)}`),
      },
    }).run();
    assert.equal(result.error, 'E');
    assert.deepEqual(seen, ['before P', 'before P/0/A', 'after A {}', 'after P [{}]', 'before F', 'after F E']);
  });

  it('a .waitForTaskToken task waits for sendTaskSuccess with its token', async () => {
    let execution: Execution;
    execution = new Execution(parseAsl(JSON.stringify({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' }, End: true } },
    })), {
      controller: { onTaskToken: ({ token, input }) => setImmediate(() => execution.sendTaskSuccess(token, { echoed: (input as { token: string }).token === token })) },
    });
    const result = await execution.run();
    assert.deepEqual(result.output, { echoed: true });
  });
});

describe('mock files', () => {
  const config = {
    StateMachines: { Orders: { TestCases: { HappyPath: { Charge: 'ChargeRetried' } } } },
    MockedResponses: { ChargeRetried: { '0-1': { Throw: { Error: 'Busy', Cause: 'try later' } }, '2': { Return: { charged: true } } } },
  };

  it('answers by invocation number, with ranges', async () => {
    const result = await execute(JSON.stringify({ StartAt: 'Charge', States: { Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['Busy'], MaxAttempts: 2 }], End: true } } }), { taskResolver: loadMocks(config, 'HappyPath') });
    assert.deepEqual(result.output, { charged: true });
  });

  it('explains a missing test case or state machine', () => {
    assert.throws(() => loadMocks(config, 'Nope'), (e: Error) => e instanceof MockConfigError && /no test case `Nope`.*`HappyPath`/.test(e.message));
    assert.throws(() => loadMocks(config, 'HappyPath', 'Other'), (e: Error) => e instanceof MockConfigError && /no state machine `Other`/.test(e.message));
  });
});

describe('local handlers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'handlers-'));
  writeFileSync(join(dir, 'fns.js'), `
    exports.ok = async (event, context) => ({ doubled: event.n * 2, fn: context.functionName, left: context.getRemainingTimeInMillis() > 0 });
    exports.fails = async () => { const e = new Error('no stock'); e.name = 'OutOfStock'; throw e; };
    exports.crash = () => process.exit(3);
    exports.slow = () => new Promise(() => {});
  `);
  writeFileSync(join(dir, 'handlers.json'), JSON.stringify({ Ok: './fns.js#ok', Fails: './fns.js#fails', Crash: './fns.js#crash', 'arn:aws:states:::sqs:sendMessage': './fns.js#slow' }));
  const definition = (resource: string, fn?: string, timeout?: number) => JSON.stringify({ StartAt: 'T', States: { T: { Type: 'Task', Resource: resource, ...(fn ? { Parameters: { FunctionName: fn, Payload: { n: 21 } } } : {}), ...(timeout ? { TimeoutSeconds: timeout } : {}), End: true } } });

  it('runs a handler in a child process with a Lambda-like event and context', async () => {
    const handlers = new HandlerResolver(loadHandlerMap(join(dir, 'handlers.json')));
    try {
      const invoked = await execute(definition('arn:aws:states:::lambda:invoke', 'Ok'), { taskResolver: handlers });
      assert.deepEqual((invoked.output as { Payload: unknown }).Payload, { doubled: 42, fn: 'Ok', left: true });
      const direct = await execute(definition('arn:aws:lambda:us-east-1:123456789012:function:Ok'), { input: { n: 1 }, taskResolver: handlers });
      assert.deepEqual(direct.output, { doubled: 2, fn: 'Ok', left: true });
    } finally {
      handlers.dispose();
    }
  });

  it('turns a throw, a crash and a timeout into task failures', async () => {
    const handlers = new HandlerResolver(loadHandlerMap(join(dir, 'handlers.json')), { output: { write: () => true } as unknown as NodeJS.WritableStream });
    try {
      const thrown = await execute(definition('arn:aws:states:::lambda:invoke', 'Fails'), { taskResolver: handlers });
      assert.equal(thrown.error, 'OutOfStock');
      assert.equal(JSON.parse(thrown.cause!).errorMessage, 'no stock');
      const crashed = await execute(definition('arn:aws:states:::lambda:invoke', 'Crash'), { taskResolver: handlers });
      assert.equal(crashed.error, 'Runtime.ExitError');
      const slow = await execute(definition('arn:aws:states:::sqs:sendMessage', undefined, 1), { taskResolver: handlers });
      assert.equal(slow.error, 'States.Timeout');
    } finally {
      handlers.dispose();
    }
  });

  it('a call that times out does not fail its neighbours: its process takes no new calls and stops once they answered', async () => {
    writeFileSync(join(dir, 'work.js'), `
      exports.work = async (event) => {
        if (event.hang) return new Promise(() => setInterval(() => {}, 1000));
        await new Promise((resolve) => setTimeout(resolve, event.ms));
        return { i: event.i, pid: process.pid };
      };
    `);
    writeFileSync(join(dir, 'work.json'), JSON.stringify({ Work: './work.js#work' }));
    const handlers = new HandlerResolver(loadHandlerMap(join(dir, 'work.json')));
    try {
      // Items 0 and 1 start together in one process; item 0 hangs and times out at 1 s, item 1
      // answers at 1.5 s (within its own 5 s), item 2 starts when item 0 gives up.
      const result = await execute(JSON.stringify({
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            MaxConcurrency: 2,
            End: true,
            ItemProcessor: {
              StartAt: 'T',
              States: {
                T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:Work', TimeoutSecondsPath: '$.t', Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Gave up' }], End: true },
                'Gave up': { Type: 'Pass', Result: 'timed out', End: true },
              },
            },
          },
        },
      }), { input: [{ i: 0, hang: true, t: 1 }, { i: 1, ms: 1500, t: 5 }, { i: 2, ms: 10, t: 5 }], taskResolver: handlers });
      assert.equal(result.status, 'SUCCEEDED', result.cause);
      const [hung, slow, later] = result.output as [string, { i: number; pid: number }, { i: number; pid: number }];
      assert.equal(hung, 'timed out');
      assert.equal(slow.i, 1, 'the slow neighbour of the hung call still answers');
      assert.equal(later.i, 2);
      assert.notEqual(later.pid, slow.pid, 'a call after the timeout goes to a fresh process');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.throws(() => process.kill(slow.pid, 0), /ESRCH/, 'the retired process is stopped once its last call answered');
    } finally {
      handlers.dispose();
    }
  });
});
