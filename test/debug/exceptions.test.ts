/** Exception breakpoints: uncaught errors (the execution is about to fail) and caught ones (a Retry or Catch handles them). */
import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { lineOf, ORDER, orderLaunch, Session, tempFiles } from './client';

let session: Session;
beforeEach(async () => {
  session = await Session.start();
});
afterEach(async () => {
  await session.stop();
});

async function stateAt(stop: DebugProtocol.StoppedEvent): Promise<string> {
  return (await session.topFrame(stop)).name;
}

describe('exception breakpoints', () => {
  it('uncaught: stops at the Fail state that fails the execution, not at the error a Catch handles', async () => {
    const stop = await session.launchAndStop(orderLaunch('PaymentDeclined'));
    assert.equal(stop.body.reason, 'exception');
    assert.equal(stop.body.text, 'PaymentDeclined');
    assert.equal(await stateAt(stop), 'Payment Failed (Fail) · failed: PaymentDeclined');
    assert.equal((await session.topFrame(stop)).line, lineOf(ORDER, '"Payment Failed": {'));
    const info = await session.dc.exceptionInfoRequest({ threadId: stop.body.threadId! });
    assert.equal(info.body.exceptionId, 'PaymentDeclined');
    assert.equal(info.body.description, 'The card was declined; the customer was told.');
    assert.equal(info.body.breakMode, 'unhandled');
    const ended = session.dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
    await session.continue();
    assert.equal((await ended).body.exitCode, 1);
    assert.match(session.text(), /Execution FAILED — PaymentDeclined: The card was declined; the customer was told\./);
  });

  it('caught: stops where the error is raised inside a branch, once, then where it fails the execution', async () => {
    const stop = await session.launchAndStop(orderLaunch('PaymentDeclined'), { exceptions: ['uncaught', 'caught'] });
    assert.equal(stop.body.reason, 'exception');
    assert.equal(await stateAt(stop), 'Charge Card (Task) · failed: PaymentDeclined');
    assert.equal((await session.threads()).find((t) => t.id === stop.body.threadId)!.name, 'Parallel "Check Stock And Payment" › branch 2');
    assert.match(stop.body.description!, /a Retry or Catch around it handles it/);
    const info = await session.dc.exceptionInfoRequest({ threadId: stop.body.threadId! });
    assert.deepEqual([info.body.exceptionId, info.body.description, info.body.breakMode], ['PaymentDeclined', 'Insufficient funds', 'always']);
    const state = (await session.scopes((await session.topFrame(stop)).id))['State "Charge Card"'].variables;
    assert.deepEqual(await session.valueOf(state.error), { Error: 'PaymentDeclined', Cause: 'Insufficient funds' });

    // The Parallel's Catch handles the same error on its way out: no second stop for it.
    const next = await session.step('continue', stop.body.threadId!);
    assert.equal(await stateAt(next), 'Payment Failed (Fail) · failed: PaymentDeclined');
    const position = session.positions.at(-1)!;
    assert.deepEqual(position.current, ['Payment Failed']);
    assert.deepEqual(position.failed.sort(), ['Charge Card', 'Check Stock And Payment', 'Payment Failed']);
  });

  it('caught: stops when a Retry is about to run the state again', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { exceptions: ['caught'] });
    assert.equal(stop.body.reason, 'exception');
    assert.equal(await stateAt(stop), 'Validate Order (Task) · retry 1 after Lambda.TooManyRequestsException');
    assert.match(stop.body.description!, /it will be retried/);
    const terminated = session.terminated();
    await session.continue();
    await terminated;
  });

  it('an error inside a Map that nothing catches stops at its state, as uncaught', async () => {
    const dir = tempFiles({
      'map.asl.json': {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'Check', States: { Check: { Type: 'Fail', Error: 'BadItem', Cause: 'item is bad' } } },
            End: true,
          },
        },
      },
    });
    const stop = await session.launchAndStop({ program: join(dir, 'map.asl.json'), input: [1] });
    assert.equal(stop.body.reason, 'exception');
    assert.equal((await session.threads()).find((t) => t.id === stop.body.threadId)!.name, 'Map "Each" › item 0');
    assert.match(stop.body.description!, /nothing catches it: the execution fails/);
    // The same error then fails the Map and the execution: no second stop.
    const exited = session.dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
    await session.continue();
    assert.equal((await exited).body.exitCode, 1);
  });

  it('without filters the execution runs to its end', async () => {
    const exited = session.dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
    let stopped = false;
    session.dc.on('stopped', () => (stopped = true));
    await session.launch(orderLaunch('PaymentDeclined'), { exceptions: [] });
    assert.equal((await exited).body.exitCode, 1);
    assert.equal(stopped, false);
  });
});
