/** Stop on entry, step over/into/out through a Parallel, a Map and a retry, threads and stacks, pause, restart. */
import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { lineOf, ORDER, orderLaunch, Session, tempFiles } from './client';
import { join } from 'node:path';

let session: Session;
beforeEach(async () => {
  session = await Session.start();
});
afterEach(async () => {
  await session.stop();
});

const line = (state: string) => lineOf(ORDER, `"${state}": {`);

async function where(stop: DebugProtocol.StoppedEvent): Promise<{ thread: string; frames: string[]; line: number }> {
  const threads = await session.threads();
  const frames = await session.stack(stop.body.threadId!);
  return { thread: threads.find((t) => t.id === stop.body.threadId)!.name, frames: frames.map((f) => f.name), line: frames[0].line };
}

describe('stepping', () => {
  it('stops on entry at the first state, then steps over a Parallel and a Map without going into them', async () => {
    const entry = await session.launchAndStop(orderLaunch('HappyPath', { stopOnEntry: true }));
    assert.equal(entry.body.reason, 'entry');
    assert.deepEqual(await where(entry), { thread: 'Execution "order-fulfillment"', frames: ['Validate Order (Task)'], line: line('Validate Order') });

    const visited: string[] = [];
    let stop = entry;
    for (let i = 0; i < 5; i++) {
      stop = await session.step('next', stop.body.threadId!);
      assert.equal(stop.body.reason, 'step');
      const at = await where(stop);
      assert.equal(at.thread, 'Execution "order-fulfillment"');
      visited.push(at.frames[0]);
    }
    assert.deepEqual(visited, ['Is Order Valid? (Choice)', 'Check Stock And Payment (Parallel)', 'Reserve Items (Map)', 'Ship Order (Task)', 'Order Shipped (Succeed)']);
    // The last state ends the execution: a step over it stops after it, where its output is known.
    stop = await session.step('next', stop.body.threadId!);
    assert.deepEqual((await where(stop)).frames, ['Order Shipped (Succeed) · done']);
    const frame = await session.topFrame(stop);
    const state = (await session.scopes(frame.id))['State "Order Shipped"'].variables;
    assert.deepEqual(await session.valueOf(state.output), await session.valueOf(state.input));
    const terminated = session.terminated();
    await session.dc.nextRequest({ threadId: stop.body.threadId! });
    await terminated;
  });

  it('steps into a Parallel branch (one thread per branch), out to the end of the Parallel, then on', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Check Stock And Payment') }] });
    const into = await session.step('stepIn', stop.body.threadId!);
    assert.equal(into.body.reason, 'step');
    assert.deepEqual(await where(into), {
      thread: 'Parallel "Check Stock And Payment" › branch 1',
      frames: ['Check Stock (Task)', 'Check Stock And Payment (Parallel) · running branches'],
      line: line('Check Stock'),
    });
    // Every thread is paused: the other branch waits at its first state.
    const threads = await session.threads();
    assert.deepEqual(threads.map((t) => t.name), ['Execution "order-fulfillment"', 'Parallel "Check Stock And Payment" › branch 1', 'Parallel "Check Stock And Payment" › branch 2']);
    const otherBranch = await session.stack(threads[2].id);
    assert.deepEqual(otherBranch.map((f) => f.name), ['Charge Card (Task)', 'Check Stock And Payment (Parallel) · running branches']);
    assert.deepEqual(otherBranch.map((f) => f.line), [line('Charge Card'), line('Check Stock And Payment')]);
    assert.equal(otherBranch[0].endLine, lineOf(ORDER, '"End": true', '"Charge Card": {') + 1);

    const out = await session.step('stepOut', into.body.threadId!);
    assert.deepEqual(await where(out), { thread: 'Execution "order-fulfillment"', frames: ['Check Stock And Payment (Parallel) · done'], line: line('Check Stock And Payment') });
    const state = (await session.scopes((await session.topFrame(out)).id))['State "Check Stock And Payment"'].variables;
    assert.deepEqual(await session.valueOf(state.result), [{ inStock: true }, { chargeId: 'ch_3PxY', amount: 57.5, currency: 'EUR' }]);
    assert.deepEqual(await session.valueOf(state.next), 'Reserve Items');
    assert.deepEqual((await session.threads()).map((t) => t.name), ['Execution "order-fulfillment"']);

    const next = await session.step('next', out.body.threadId!);
    assert.deepEqual((await where(next)).frames, ['Reserve Items (Map)']);
  });

  it('steps a thread that was waiting while another one stopped, from where it waited', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Check Stock') }] });
    const waiting = (await session.threads()).find((t) => t.name.endsWith('branch 2'))!;
    assert.deepEqual((await session.stack(waiting.id)).map((f) => f.name)[0], 'Charge Card (Task)');
    assert.notEqual(waiting.id, stop.body.threadId);
    // Charge Card ends its branch: a step over it stops after it, in its own thread.
    const over = await session.step('next', waiting.id);
    assert.equal(over.body.threadId, waiting.id);
    assert.deepEqual(await where(over), { thread: 'Parallel "Check Stock And Payment" › branch 2', frames: ['Charge Card (Task) · done', 'Check Stock And Payment (Parallel) · running branches'], line: line('Charge Card') });
  });

  it('steps into a Map iteration, over its last state, and back out to the Map', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Reserve Items') }] });
    const into = await session.step('stepIn', stop.body.threadId!);
    assert.deepEqual(await where(into), { thread: 'Map "Reserve Items" › item 0', frames: ['Reserve Item (Task)', 'Reserve Items (Map) · running iterations'], line: line('Reserve Item') });
    // MaxConcurrency 2: the second iteration runs beside the first.
    assert.deepEqual((await session.threads()).map((t) => t.name), ['Execution "order-fulfillment"', 'Map "Reserve Items" › item 0', 'Map "Reserve Items" › item 1']);

    const over = await session.step('next', into.body.threadId!);
    assert.deepEqual(await where(over), { thread: 'Map "Reserve Items" › item 0', frames: ['Reserve Item (Task) · done', 'Reserve Items (Map) · running iterations'], line: line('Reserve Item') });
    const state = (await session.scopes((await session.topFrame(over)).id))['State "Reserve Item"'].variables;
    assert.deepEqual(await session.valueOf(state['effective input']), { TableName: 'inventory', Key: { sku: { S: 'book-17' } }, UpdateExpression: 'SET reserved = reserved + :quantity', ExpressionAttributeValues: { ':quantity': { N: '2' } } });
    assert.deepEqual(await session.valueOf(state.result), { Attributes: { sku: { S: 'book-17' } } });
    assert.deepEqual(await session.valueOf(state.output), { sku: 'book-17' });

    const back = await session.step('next', over.body.threadId!);
    assert.deepEqual(await where(back), { thread: 'Execution "order-fulfillment"', frames: ['Reserve Items (Map) · done'], line: line('Reserve Items') });
  });

  it('steps into a retry attempt of a Task', async () => {
    const entry = await session.launchAndStop(orderLaunch('HappyPath', { stopOnEntry: true }));
    const retry = await session.step('stepIn', entry.body.threadId!);
    assert.equal(retry.body.reason, 'step');
    assert.equal(retry.body.description, 'Paused at the retry of `Validate Order`');
    assert.deepEqual((await where(retry)).frames, ['Validate Order (Task) · retry 1 after Lambda.TooManyRequestsException']);
    const state = (await session.scopes((await session.topFrame(retry)).id))['State "Validate Order"'].variables;
    assert.deepEqual(await session.valueOf(state.error), { Error: 'Lambda.TooManyRequestsException', Cause: 'Rate exceeded' });
    assert.equal(state['handled by'].value, 'Retry[0]: attempt 1 after 2 s');
    const next = await session.step('next', retry.body.threadId!);
    assert.deepEqual((await where(next)).frames, ['Is Order Valid? (Choice)']);
  });

  it('pauses a running execution, and terminates it mid-run without waiting for its timers', async () => {
    const dir = tempFiles({
      'slow.asl.json': { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 3600, Next: 'Never' }, Never: { Type: 'Succeed' } } },
    });
    await session.launch({ program: join(dir, 'slow.asl.json'), realTime: true });
    await session.waitForOutput(/Hold · WaitStateEntered/);
    const paused = session.nextStop();
    await session.dc.pauseRequest({ threadId: 1 });
    assert.equal((await paused).body.reason, 'pause');
    assert.deepEqual((await session.stack(1)).map((f) => f.name), ['Hold (Wait)']);

    const terminated = session.terminated();
    const exited = session.dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
    const started = Date.now();
    await session.dc.terminateRequest({});
    await terminated;
    assert.equal((await exited).body.exitCode, 1);
    assert.ok(Date.now() - started < 10_000);
    assert.match(session.text(), /Execution ABORTED — States\.Aborted: The debug session was stopped\./);
    assert.equal(session.positions.at(-1)!.status, 'aborted');
  });

  it('terminates while stopped inside a Parallel branch, with the other branch waiting', async () => {
    await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Check Stock') }] });
    assert.equal((await session.threads()).length, 3);
    const terminated = session.terminated();
    const exited = session.dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
    await session.dc.terminateRequest({});
    await terminated;
    assert.equal((await exited).body.exitCode, 1);
    assert.match(session.text(), /Execution ABORTED/);
    assert.doesNotMatch(session.text(), /Check Stock · LambdaFunctionScheduled/);
    assert.deepEqual((await session.threads()).map((t) => t.name), ['Execution "order-fulfillment"']);
  });

  it('restarts from the beginning with the same breakpoints', async () => {
    const entry = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Ship Order') }] });
    assert.deepEqual((await where(entry)).frames, ['Ship Order (Task)']);
    const again = session.nextStop();
    await session.dc.restartRequest({ arguments: orderLaunch('HappyPath', { stopOnEntry: true }) } as DebugProtocol.RestartArguments);
    const restarted = await again;
    assert.equal(restarted.body.reason, 'entry');
    const stop = await session.step('continue', restarted.body.threadId!);
    assert.equal(stop.body.reason, 'breakpoint');
    assert.deepEqual((await where(stop)).frames, ['Ship Order (Task)']);
  });
});
