/**
 * Launch configurations through the adapter: bad ones end with a clear message (and the linter's
 * errors), Run Without Debugging, the example's launch.json, the position event, handler processes.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { EXAMPLES, lineOf, ORDER, orderLaunch, Session, tempFiles } from './client';

let session: Session;
beforeEach(async () => {
  session = await Session.start();
});
afterEach(async () => {
  await session.stop();
});

describe('bad launch configurations', () => {
  it('no program, a missing file, an unreadable input', async () => {
    await assert.rejects(session.launch({}), /The launch configuration has no `program`: set it to the state machine definition to run/);
    await session.stop();
    session = await Session.start();
    await assert.rejects(session.launch({ program: join(EXAMPLES, 'nothing-here.asl.json') }), /Cannot read the definition \(`program`\) .*nothing-here\.asl\.json: no such file\./);
    await session.stop();
    session = await Session.start();
    await assert.rejects(session.launch(orderLaunch('HappyPath', { inputFile: 'missing.json' })), /Cannot read the input file \(`inputFile`\) .*missing\.json: no such file\./);
  });

  it('an invalid definition is not run: the message counts the errors, the Debug Console lists them', async () => {
    const dir = tempFiles({ 'broken.asl.json': '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "Nowhere" }\n  }\n}\n' });
    await assert.rejects(session.launch({ program: join(dir, 'broken.asl.json') }), /^Error: broken\.asl\.json has 1 error, so it was not run\. Fix it first/);
    assert.match(session.text(), /broken\.asl\.json:4:36: error unknown-state: .*`Nowhere`/);
  });

  it('mock file problems: not JSON, no test case chosen, an unknown test case', async () => {
    const dir = tempFiles({ 'bad-mocks.json': '{ not json', 'machine.asl.json': { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } } });
    await assert.rejects(session.launch({ program: join(dir, 'machine.asl.json'), mocks: 'bad-mocks.json', testCase: 'X' }), /The mock file bad-mocks\.json is not valid JSON/);
    await session.stop();
    session = await Session.start();
    await assert.rejects(session.launch(orderLaunch('HappyPath', { testCase: undefined })), /Set `testCase` in the launch configuration to the mock file's test case to use: `HappyPath`, `PaymentDeclined`, `OrderTooLarge`\./);
    await session.stop();
    session = await Session.start();
    await assert.rejects(session.launch(orderLaunch('Nope')), /The state machine `order-fulfillment` has no test case `Nope` in the mock file; it has `HappyPath`, `PaymentDeclined`, `OrderTooLarge`\./);
  });
});

describe('running', () => {
  it('Run Without Debugging ignores breakpoints and ends with the output', async () => {
    const exited = session.dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
    let stopped = false;
    session.dc.on('stopped', () => (stopped = true));
    await session.launch(orderLaunch('HappyPath', { noDebug: true, stopOnEntry: true }), { breakpoints: [{ line: lineOf(ORDER, '"Ship Order": {') }] });
    assert.equal((await exited).body.exitCode, 0);
    assert.equal(stopped, false);
    assert.match(session.text(), /Execution SUCCEEDED with the output/);
    assert.match(session.text(), /"trackingNumber": "1Z999AA10123456784"/);
  });

  it('the example launch configurations run to the end each test case describes', async () => {
    const launch = parse(readFileSync(join(EXAMPLES, '.vscode', 'launch.json'), 'utf8')) as { configurations: Record<string, unknown>[] };
    const expected: Record<string, number> = { 'Order: happy path': 0, 'Order: payment declined': 1, 'Order: total over the limit': 1 };
    for (const [name, exitCode] of Object.entries(expected)) {
      const configuration = launch.configurations.find((c) => c.name === name)!;
      const resolved = JSON.parse(JSON.stringify(configuration).replaceAll('${workspaceFolder}', EXAMPLES.replaceAll('\\', '/')));
      await session.stop();
      session = await Session.start();
      const exited = session.dc.waitForEvent('exited') as Promise<DebugProtocol.ExitedEvent>;
      await session.launch({ ...resolved, noDebug: true });
      assert.equal((await exited).body.exitCode, exitCode, name);
    }
    assert.match(session.text(), /Execution FAILED — OrderRejected/);
  });

  it('each stop, continue and the end send where the execution is, for the graph', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: lineOf(ORDER, '"Reserve Items": {') }] });
    assert.equal(stop.body.reason, 'breakpoint');
    const atStop = session.positions.at(-1)!;
    assert.equal(atStop.program, ORDER);
    assert.equal(atStop.status, 'paused');
    assert.deepEqual(atStop.current, ['Reserve Items']);
    assert.deepEqual(atStop.visited, ['Validate Order', 'Is Order Valid?', 'Check Stock And Payment', 'Check Stock', 'Charge Card', 'Reserve Items']);
    assert.deepEqual(atStop.takenEdges, [['Validate Order', 'Is Order Valid?'], ['Is Order Valid?', 'Check Stock And Payment'], ['Check Stock And Payment', 'Reserve Items']]);
    // Validate Order failed once, but its Retry ran it again: it is not a failed state.
    assert.deepEqual(atStop.failed, []);
    const terminated = session.terminated();
    const before = session.positions.length;
    await session.continue();
    await terminated;
    const after = session.positions.slice(before);
    assert.equal(after[0].status, 'running');
    assert.equal(after.at(-1)!.status, 'succeeded');
    assert.deepEqual(after.at(-1)!.current, []);
    assert.ok(after.at(-1)!.visited.includes('Order Shipped'));
  });

  it('a local handler answers a task and says so; terminating stops its process', async () => {
    const dir = tempFiles({
      'work.asl.json': {
        StartAt: 'Greet',
        States: {
          Greet: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:greet', Next: 'Hang' },
          Hang: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:hang', End: true },
        },
      },
      'handlers.json': { greet: './greet.js#handler', hang: './hang.js#handler' },
      'greet.js': 'exports.handler = async (event) => { console.log("greeting", event.name); return { greeting: `hello ${event.name}` }; };',
      'hang.js': `exports.handler = async () => { require('node:fs').writeFileSync(${JSON.stringify('PID')}.replace('PID', __dirname + '/pid'), String(process.pid)); return new Promise(() => {}); };`,
    });
    await session.launch({ program: join(dir, 'work.asl.json'), handlers: 'handlers.json', input: { name: 'Ada' } });
    assert.match(await session.waitForOutput(/Greet answered by the handler/), /greet\.js#handler: \{"greeting":"hello Ada"\}/);
    await session.waitForOutput(/greeting Ada/);
    await session.waitForOutput(/Hang · LambdaFunctionStarted/);
    const pid = await waitForFile(join(dir, 'pid'));
    assert.ok(isAlive(pid));
    const terminated = session.terminated();
    await session.dc.terminateRequest({});
    await terminated;
    await waitUntil(() => !isAlive(pid));
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls a condition that another process makes true (a file written, a process gone). */
async function waitUntil(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForFile(path: string): Promise<number> {
  let text = '';
  await waitUntil(() => {
    try {
      text = readFileSync(path, 'utf8');
      return text !== '';
    } catch {
      return false;
    }
  });
  return Number(text);
}
