/** Breakpoints bound to states, their locations, conditions in the three languages, hit counts and logpoints. */
import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { lineOf, ORDER, orderLaunch, Session } from './client';

let session: Session;
beforeEach(async () => {
  session = await Session.start();
});
afterEach(async () => {
  await session.stop();
});

const CHARGE_CARD = lineOf(ORDER, '"Charge Card": {');
const RESERVE_ITEM = lineOf(ORDER, '"Reserve Item": {');

describe('breakpoints', () => {
  it('a breakpoint on any line of a state binds to the state, moves to its name, and stops there in its thread', async () => {
    const inside = lineOf(ORDER, '"currency": "EUR"');
    assert.ok(inside > CHARGE_CARD);
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: inside }, { line: 2 }] });
    const [bound, nowhere] = session.breakpoints;
    assert.equal(bound.verified, true);
    assert.equal(bound.line, CHARGE_CARD);
    assert.equal(nowhere.verified, false);
    assert.match(nowhere.message!, /No state is defined on this line/);

    assert.equal(stop.body.reason, 'breakpoint');
    assert.deepEqual(stop.body.hitBreakpointIds, [bound.id]);
    const threads = await session.threads();
    const thread = threads.find((t) => t.id === stop.body.threadId)!;
    assert.equal(thread.name, 'Parallel "Check Stock And Payment" › branch 2');
    const frame = await session.topFrame(stop);
    assert.equal(frame.line, CHARGE_CARD);
    assert.equal(frame.name, 'Charge Card (Task)');
  });

  it('the innermost state holds a line: a line of a branch state binds to it, not to the Parallel around it', async () => {
    const parallel = lineOf(ORDER, '"Check Stock And Payment": {');
    const response = await (async () => {
      await session.launch(orderLaunch('HappyPath', { noDebug: true }), { breakpoints: [{ line: parallel + 1 }, { line: CHARGE_CARD + 2 }] });
      return session.breakpoints;
    })();
    assert.deepEqual(response.map((b) => b.line), [parallel, CHARGE_CARD]);
  });

  it('breakpointLocations answers the lines of state names in a range', async () => {
    await session.launch(orderLaunch('HappyPath', { stopOnEntry: true }));
    const first = lineOf(ORDER, '"Validate Order": {');
    const choice = lineOf(ORDER, '"Is Order Valid?": {');
    const locations = await session.dc.customRequest('breakpointLocations', { source: { path: ORDER }, line: 1, endLine: choice });
    assert.deepEqual((locations.body as { breakpoints: { line: number }[] }).breakpoints.map((b) => b.line), [first, choice]);
    const none = await session.dc.customRequest('breakpointLocations', { source: { path: ORDER }, line: first + 1, endLine: first + 3 });
    assert.deepEqual((none.body as { breakpoints: unknown[] }).breakpoints, []);
  });

  it('a JSONata condition stops only where it is true', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: RESERVE_ITEM, condition: '$states.input.sku = "pen-3"' }] });
    assert.equal(stop.body.reason, 'breakpoint');
    const names = (await session.threads()).find((t) => t.id === stop.body.threadId)!.name;
    assert.equal(names, 'Map "Reserve Items" › item 1');
    const terminated = session.terminated();
    await session.continue();
    await terminated;
  });

  it('a JSONPath condition stops where the path selects a true value; an intrinsic one where it returns true', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), {
      breakpoints: [{ line: RESERVE_ITEM, condition: '$$.Map.Item.Index' }],
    });
    assert.equal((await session.threads()).find((t) => t.id === stop.body.threadId)!.name, 'Map "Reserve Items" › item 1');
    await session.stop();

    session = await Session.start();
    const intrinsic = await session.launchAndStop(orderLaunch('HappyPath'), {
      breakpoints: [{ line: RESERVE_ITEM, condition: "States.ArrayContains(States.Array('lamp-9', 'nothing'), $.sku)" }],
    });
    assert.equal((await session.threads()).find((t) => t.id === intrinsic.body.threadId)!.name, 'Map "Reserve Items" › item 2');
  });

  it('a condition that does not parse leaves the breakpoint unverified, with the reason', async () => {
    await session.launch(orderLaunch('HappyPath', { stopOnEntry: true }), { breakpoints: [{ line: RESERVE_ITEM, condition: '$states.input.sku = ' }] });
    assert.equal(session.breakpoints[0].verified, false);
    assert.match(session.breakpoints[0].message!, /^Condition: Not a valid JSONata expression/);
  });

  it('a hit count stops at the hit it names', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: RESERVE_ITEM, hitCondition: '==3' }] });
    assert.equal((await session.threads()).find((t) => t.id === stop.body.threadId)!.name, 'Map "Reserve Items" › item 2');
    const terminated = session.terminated();
    await session.continue();
    await terminated;
  });

  it('a logpoint prints its message with {expressions} filled in and does not stop', async () => {
    const terminated = session.terminated();
    let stopped = false;
    session.dc.on('stopped', () => (stopped = true));
    await session.launch(orderLaunch('HappyPath'), { breakpoints: [{ line: RESERVE_ITEM, logMessage: 'reserve {$.quantity} × {$.sku} ({$$.Map.Item.Index})' }] });
    await terminated;
    assert.equal(stopped, false);
    const lines = session.output.map((e) => e.body.output).filter((text) => text.includes('reserve '));
    assert.deepEqual(lines.map((line) => line.replace(/^\[[^\]]*\] /, '').trim()).sort(), ['reserve 1 × lamp-9 (2)', 'reserve 10 × pen-3 (1)', 'reserve 2 × book-17 (0)']);
    const logged = session.output.find((e) => e.body.output.includes('reserve 2 × book-17'))!;
    assert.equal(logged.body.line, RESERVE_ITEM);
  });
});
