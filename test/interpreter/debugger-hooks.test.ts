/** The hooks a debugger needs beyond before/after: edits before a state runs, retries and catches, results. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Execution } from '../../server/src/interpreter';
import { parseAsl } from '../../server/src/asl/parse';
import type { ErrorHandling, ExecutionController, Json, StateFrame, TaskResolver } from '../../server/src/interpreter/types';

function run(definition: object, controller: ExecutionController, options: { input?: Json; taskResolver?: TaskResolver } = {}) {
  return new Execution(parseAsl(JSON.stringify(definition)), { ...options, controller }).run();
}

const CHOOSE = {
  StartAt: 'Route',
  States: {
    Route: { Type: 'Choice', Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Big' }], Default: 'Small' },
    Big: { Type: 'Pass', Result: 'big', End: true },
    Small: { Type: 'Pass', Result: 'small', End: true },
  },
};

describe('beforeState edits', () => {
  it('a new input changes the path a Choice takes', async () => {
    const unchanged = await run(CHOOSE, {}, { input: { total: 5 } });
    assert.equal(unchanged.output, 'small');
    const edited = await run(CHOOSE, { beforeState: (frame) => (frame.name === 'Route' ? { input: { total: 500 } } : undefined) }, { input: { total: 5 } });
    assert.equal(edited.output, 'big');
  });

  it('a variable set in a Parallel branch stays in that branch; one set in the root scope is seen after', async () => {
    const seen: Record<string, Json> = {};
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { x: 1 }, Next: 'Fan' },
        Fan: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Output: '{% $x %}', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Output: '{% $x %}', End: true } } },
          ],
          Next: 'After',
        },
        After: { Type: 'Pass', Output: '{% $x %}', End: true },
      },
    }, {
      beforeState: (frame) => {
        if (frame.name === 'A') return { variables: { x: 2 } };
        if (frame.name === 'After') return { variables: { x: 3 } };
        return undefined;
      },
      afterState: (frame) => {
        if (frame.output !== undefined) seen[frame.name] = frame.output;
      },
    });
    assert.deepEqual(seen.Fan, [2, 1]);
    assert.equal(result.output, 3);
  });
});

describe('beforeErrorHandled', () => {
  it('tells each retry (attempt, delay) and the catch (catcher, next), with the error in the frame', async () => {
    const calls: string[] = [];
    const result = await run({
      StartAt: 'Charge',
      States: {
        Charge: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Retry: [{ ErrorEquals: ['Other'], MaxAttempts: 1 }, { ErrorEquals: ['Busy'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 2 }],
          Catch: [{ ErrorEquals: ['Other'], Next: 'Never' }, { ErrorEquals: ['States.ALL'], Next: 'Declined' }],
          End: true,
        },
        Never: { Type: 'Succeed' },
        Declined: { Type: 'Pass', End: true },
      },
    }, {
      beforeErrorHandled: (frame: StateFrame, handling: ErrorHandling) => {
        calls.push(`${frame.name} ${frame.error?.error} retry#${frame.context.State && (frame.context.State as { RetryCount: number }).RetryCount} ${JSON.stringify(handling)}`);
      },
    }, { taskResolver: { resolve: () => ({ error: 'Busy', cause: 'try later' }) } });
    assert.equal(result.status, 'SUCCEEDED');
    assert.deepEqual(calls, [
      'Charge Busy retry#0 {"kind":"retry","retrier":1,"attempt":1,"delaySeconds":2}',
      'Charge Busy retry#1 {"kind":"retry","retrier":1,"attempt":2,"delaySeconds":6}',
      'Charge Busy retry#2 {"kind":"catch","catcher":1,"next":"Declined"}',
    ]);
  });

  it('is not called for an error nothing handles', async () => {
    let called = false;
    const result = await run({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } }, {
      beforeErrorHandled: () => {
        called = true;
      },
    }, { taskResolver: { resolve: () => ({ error: 'Boom' }) } });
    assert.equal(result.error, 'Boom');
    assert.equal(called, false);
  });
});

describe('afterState frames', () => {
  it('carry the effective input and the result of a Task and of a Parallel', async () => {
    const frames = new Map<string, StateFrame>();
    await run({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          InputPath: '$.order',
          Parameters: { 'id.$': '$.id' },
          ResultSelector: { 'paid.$': '$.ok' },
          ResultPath: '$.charge',
          Next: 'P',
        },
        P: { Type: 'Parallel', Parameters: { 'n.$': '$.order.id' }, Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }], End: true },
      },
    }, { afterState: (frame) => void frames.set(frame.name, frame) }, { input: { order: { id: 7 } }, taskResolver: { resolve: () => ({ result: { ok: true } }) } });
    const task = frames.get('T')!;
    assert.deepEqual(task.effectiveInput, { id: 7 });
    assert.deepEqual(task.result, { ok: true });
    assert.deepEqual(task.output, { order: { id: 7 }, charge: { paid: true } });
    const parallel = frames.get('P')!;
    assert.deepEqual(parallel.effectiveInput, { n: 7 });
    assert.deepEqual(parallel.result, [{ n: 7 }]);
  });
});
