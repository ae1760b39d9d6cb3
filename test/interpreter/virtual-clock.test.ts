/**
 * The virtual clock as an event scheduler: concurrent waits overlap as on AWS (the Parallel and Map
 * pages of the developer guide: branches and iterations run concurrently, Map `MaxConcurrency` caps how
 * many run at once), a failing branch stops a waiting sibling, a debugger's pause stops time and
 * outside work lets it pass at real speed.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { execute, VirtualClock } from '../../server/src/interpreter';
import type { ExecutionOptions, HistoryEvent, Json } from '../../server/src/interpreter/types';

const START = Date.UTC(2024, 0, 1);

/** Seconds after the start at which an event was written. */
const at = (event: HistoryEvent | undefined) => (Date.parse(event!.timestamp) - START) / 1000;

const run = (definition: unknown, input: Json = {}, options: ExecutionOptions = {}) =>
  execute(JSON.stringify(definition), { input, clock: new VirtualClock(START), ...options });

const named = (history: HistoryEvent[], type: string, name: string) =>
  history.find((e) => e.type === type && (e.stateExitedEventDetails as { name?: string } | undefined)?.name === name);

const waitMap = (fields: Record<string, unknown>, seconds: number) => ({
  StartAt: 'M',
  ...fields,
  States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: seconds, End: true } } }, End: true, ...(fields.map as object) } },
});

describe('virtual clock: concurrent waits', () => {
  it('two Parallel branches that each wait 100 seconds end together at 100 seconds', async () => {
    const result = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'W1', States: { W1: { Type: 'Wait', Seconds: 100, End: true } } },
            { StartAt: 'W2', States: { W2: { Type: 'Wait', Seconds: 100, End: true } } },
          ],
        },
      },
    });
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(at(named(result.history, 'WaitStateExited', 'W1')), 100);
    assert.equal(at(named(result.history, 'WaitStateExited', 'W2')), 100);
    assert.equal(at(result.history.at(-1)), 100);
  });

  it('a 10-item Map whose items wait 60 seconds finishes at 60 seconds, within an execution TimeoutSeconds of 300', async () => {
    const result = await run({ ...waitMap({}, 60), TimeoutSeconds: 300 }, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(result.status, 'SUCCEEDED');
    assert.deepEqual(result.output, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(at(result.history.at(-1)), 60);
    assert.deepEqual(result.history.filter((e) => e.type === 'WaitStateExited').map(at), Array(10).fill(60));
  });

  it('MaxConcurrency shows in the timing: 10 items of 60 seconds, 2 at a time, take 300 seconds; 3 at a time, 240', async () => {
    const items = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const two = await run(waitMap({ map: { MaxConcurrency: 2 } }, 60), items);
    assert.equal(two.status, 'SUCCEEDED');
    assert.equal(at(two.history.at(-1)), 300);
    assert.deepEqual(two.history.filter((e) => e.type === 'WaitStateExited').map(at), [60, 60, 120, 120, 180, 180, 240, 240, 300, 300]);
    const three = await run(waitMap({ map: { MaxConcurrency: 3 } }, 60), items);
    assert.equal(at(three.history.at(-1)), 240);
  });

  it('with MaxConcurrency the execution TimeoutSeconds interrupts the later items', async () => {
    const result = await run({ ...waitMap({ map: { MaxConcurrency: 2 } }, 60), TimeoutSeconds: 150 }, [0, 1, 2, 3, 4, 5]);
    assert.equal(result.status, 'TIMED_OUT');
    assert.equal(result.history.at(-1)!.type, 'ExecutionTimedOut');
    assert.equal(at(result.history.at(-1)), 150);
  });

  it("a failing branch stops a sibling that is still waiting, and the state fails at the failure's time", async () => {
    const result = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Next: 'Done',
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Done' }],
          Branches: [
            { StartAt: 'Long', States: { Long: { Type: 'Wait', Seconds: 100, Next: 'After' }, After: { Type: 'Pass', End: true } } },
            { StartAt: 'Short', States: { Short: { Type: 'Wait', Seconds: 1, Next: 'F' }, F: { Type: 'Fail', Error: 'E2', Cause: 'c2' } } },
          ],
        },
        Done: { Type: 'Pass', End: true },
      },
    });
    assert.equal(result.status, 'SUCCEEDED');
    assert.deepEqual(result.output, { err: { Error: 'E2', Cause: 'c2' } });
    assert.equal(result.history.some((e) => e.type === 'WaitStateExited' && named([e], 'WaitStateExited', 'Long')), false, 'the long wait never ends');
    assert.equal(result.history.some((e) => (e.stateEnteredEventDetails as { name?: string } | undefined)?.name === 'After'), false);
    assert.equal(at(result.history.find((e) => e.type === 'ParallelStateFailed')), 1);
    assert.equal(at(result.history.at(-1)), 1);
  });

  it('timers due at the same instant wake in the order they were set', async () => {
    const result = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: ['A', 'B', 'C'].map((name) => ({ StartAt: name, States: { [name]: { Type: 'Wait', Seconds: 5, End: true } } })),
        },
      },
    });
    const exits = result.history.filter((e) => e.type === 'WaitStateExited').map((e) => (e.stateExitedEventDetails as { name: string }).name);
    assert.deepEqual(exits, ['A', 'B', 'C']);
  });
});

describe('virtual clock: pauses and outside work', () => {
  it("stands still while a debugger hook is pending: a sibling's wait does not end during a pause", async () => {
    const clock = new VirtualClock(START);
    let timeWhenResumed = NaN;
    const result = await execute(JSON.stringify({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } },
            { StartAt: 'Paused', States: { Paused: { Type: 'Pass', End: true } } },
          ],
        },
      },
    }), {
      clock,
      controller: {
        beforeState: (frame) => {
          if (frame.name !== 'Paused') return undefined;
          // A breakpoint: the developer looks for a while (real time) before continuing.
          return new Promise<void>((resolve) => setTimeout(() => {
            timeWhenResumed = clock.now();
            resolve();
          }, 30));
        },
      },
    });
    assert.equal(result.status, 'SUCCEEDED');
    assert.equal(timeWhenResumed, START, 'no virtual time passed during the pause');
    assert.equal(at(named(result.history, 'PassStateExited', 'Paused')), 0);
    assert.equal(at(named(result.history, 'WaitStateExited', 'W')), 10);
  });

  it('lets time pass at real speed while held, and jumps again once released', async () => {
    const clock = new VirtualClock(START);
    const release = clock.hold();
    const realStart = Date.now();
    await clock.sleep(60);
    const realElapsed = Date.now() - realStart;
    assert.ok(realElapsed >= 55, `a held clock waited ${realElapsed} ms of real time for 60 ms`);
    assert.equal(clock.now(), START + 60, 'the deadline becomes the exact current time');
    release();
    const before = Date.now();
    await clock.sleep(3_600_000);
    assert.ok(Date.now() - before < 1000, 'released, an hour passes at once');
    assert.equal(clock.now(), START + 60 + 3_600_000);
  });

  it('a frozen clock neither jumps nor flows', async () => {
    const clock = new VirtualClock(START);
    const release = clock.freeze();
    let woke = false;
    const sleeping = clock.sleep(1000).then(() => (woke = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(woke, false);
    assert.equal(clock.now(), START);
    release();
    await sleeping;
    assert.equal(clock.now(), START + 1000);
  });

  it('an aborted sleep is removed: the clock does not jump to its deadline', async () => {
    const clock = new VirtualClock(START);
    const controller = new AbortController();
    const cancelled = clock.sleep(10_000, controller.signal).catch((reason: unknown) => reason);
    const short = clock.sleep(1000);
    controller.abort(new Error('stopped'));
    assert.equal(((await cancelled) as Error).message, 'stopped');
    await short;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(clock.now(), START + 1000);
  });
});
