/** `statecraft run` end to end: the built CLI, spawned as a user would run it. */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it, before } from 'node:test';

const CLI = resolve(__dirname, '../../dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'statecraft-run-'));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function cli(args: string[], stdin?: string) {
  const result = spawnSync(process.execPath, [CLI, 'run', ...args], { encoding: 'utf8', input: stdin, timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const order = file('order.asl.json', {
  StartAt: 'Price',
  States: {
    Price: { Type: 'Pass', Parameters: { 'total.$': 'States.MathAdd($.a, $.b)' }, Next: 'Charge' },
    Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'Charge', 'Payload.$': '$' }, ResultSelector: { 'charged.$': '$.Payload.charged' }, Retry: [{ ErrorEquals: ['Busy'], MaxAttempts: 1 }], End: true },
  },
});
const mocks = file('mocks.json', {
  StateMachines: { Orders: { TestCases: { Happy: { Charge: 'Ok' }, Broken: { Charge: 'Down' } } } },
  MockedResponses: {
    Ok: { '0': { Throw: { Error: 'Busy', Cause: 'retry' } }, '1': { Return: { Payload: { charged: true } } } },
    Down: { '0-1': { Throw: { Error: 'Busy', Cause: 'still busy' } } },
  },
});

describe('statecraft run', () => {
  before(() => {
    assert.ok(existsSync(CLI), 'build first: npm run build');
  });

  it('prints one line per state and the result, and exits 0 on SUCCEEDED', () => {
    const { code, stdout } = cli([order, '--input', '{"a":1,"b":2}', '--mocks', mocks, '--test-case', 'Happy']);
    assert.equal(code, 0);
    assert.deepEqual(stdout.trim().split('\n'), ['✓ Price (Pass) → {"total":3}  ⇒ Charge', '✓ Charge (Task) → {"charged":true}', 'SUCCEEDED {"charged":true}']);
  });

  it('prints the JSON report with the history and exits 1 on FAILED', () => {
    const { code, stdout } = cli([order, '--input', '{"a":1,"b":2}', '--mocks', mocks, '--test-case', 'Broken', '--format', 'json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.status, 'FAILED');
    assert.equal(report.error, 'Busy');
    assert.equal(report.cause, 'still busy');
    assert.equal(report.output, undefined);
    assert.equal(report.history[0].type, 'ExecutionStarted');
    assert.equal(report.history.at(-1).type, 'ExecutionFailed');
    assert.equal(report.history.filter((e: { type: string }) => e.type === 'TaskFailed').length, 2);
  });

  it('reads the input from a file and runs local handlers', () => {
    const handler = file('charge.js', 'exports.handler = async (event) => ({ charged: event.total > 2 });');
    const handlers = file('handlers.json', { Charge: './charge.js#handler' });
    const input = file('input.json', { a: 2, b: 2 });
    const { code, stdout } = cli([order, '--input-file', input, '--handlers', handlers, '--format', 'json']);
    assert.equal(code, 0, stdout);
    assert.deepEqual(JSON.parse(stdout).output, { charged: true });
    assert.ok(handler);
  });

  it('fails an unanswered task with a cause that says how to mock it', () => {
    const { code, stdout } = cli([order, '--input', '{"a":1,"b":2}']);
    assert.equal(code, 1);
    assert.match(stdout, /FAILED States\.TaskFailed: Nothing answers the Task state 'Charge'.*MockedResponses.*--handlers/);
  });

  it('answers a .waitForTaskToken task from stdin', () => {
    const callback = file('callback.json', { StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' }, End: true } } });
    const { code, stdout, stderr } = cli([callback, '--format', 'json'], '{"output": {"approved": true}}\n');
    assert.equal(code, 0, stderr);
    assert.deepEqual(JSON.parse(stdout).output, { approved: true });
    assert.match(stderr, /waits for its task token/);
  });

  it('gives a stdin answer to a task still waiting, not to one that timed out', async () => {
    const ask = (fields: object) => ({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' }, End: true, ...fields });
    const callbacks = file('two-callbacks.json', {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'Quick', States: { Quick: ask({ TimeoutSeconds: 1, End: undefined, Next: 'Gave up', Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Gave up' }] }), 'Gave up': { Type: 'Pass', Result: 'timed out', End: true } } },
            { StartAt: 'Patient', States: { Patient: ask({}) } },
          ],
        },
      },
    });
    const child = spawn(process.execPath, [CLI, 'run', callbacks, '--format', 'json']);
    let stdout = '';
    let stderr = '';
    let answer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      // Answered well after `Quick` timed out (1 s after both tokens were announced): the answer is for `Patient`.
      if (!answer && stderr.includes('`Patient` waits')) answer = setTimeout(() => child.stdin.end('{"output": "answered"}\n'), 2000);
    });
    const code = await new Promise<number | null>((resolveExit) => child.once('close', resolveExit));
    clearTimeout(answer);
    assert.equal(code, 0, stdout);
    assert.deepEqual(JSON.parse(stdout).output, ['timed out', 'answered']);
  });

  it('stops quietly when the output pipe closes early (statecraft run ... | head)', async () => {
    // Far more output than a pipe buffers: one line per Map iteration.
    const many = file('many.json', { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } });
    const items = file('items.json', Array.from({ length: 5000 }, (_, i) => i));
    const child = spawn(process.execPath, [CLI, 'run', many, '--input-file', items]);
    child.stdout.once('data', () => child.stdout.destroy());
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolveExit) => child.once('close', resolveExit));
    assert.equal(stderr, '');
    assert.equal(code, 0, 'the exit status still reports the execution');
  });

  it('picks the state machine of a mock file named like the definition when the file describes several', () => {
    const twoMachines = file('two-machines.json', {
      StateMachines: { Other: { TestCases: { Happy: { Charge: 'Never' } } }, Orders: { TestCases: { Happy: { Charge: 'Ok' } } } },
      MockedResponses: { Ok: { '0': { Return: { Payload: { charged: true } } } }, Never: { '0': { Throw: { Error: 'Wrong', Cause: 'wrong machine' } } } },
    });
    const named = file('Orders.asl.json', { StartAt: 'Charge', States: { Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'Charge' }, End: true } } });
    const picked = cli([named, '--mocks', twoMachines, '--test-case', 'Happy', '--format', 'json']);
    assert.equal(picked.code, 0, picked.stderr);
    assert.deepEqual(JSON.parse(picked.stdout).output, { Payload: { charged: true } });
    const unnamed = cli([order, '--mocks', twoMachines, '--test-case', 'Happy']);
    assert.equal(unnamed.code, 2);
    assert.match(unnamed.stderr, /describes 2 state machines \(`Other`, `Orders`\), and none is named after the definition \(`order`\); choose one with --state-machine/);
  });

  it('exits 2 with the linter errors for an invalid definition', () => {
    const invalid = file('invalid.json', { StartAt: 'Missing', States: { A: { Type: 'Pass', End: true } } });
    const { code, stderr } = cli([invalid]);
    assert.equal(code, 2);
    assert.match(stderr, /invalid\.json:\d+:\d+: error /);
    assert.match(stderr, /not valid, so it was not run/);
  });

  it('exits 2 with a one-line reason on usage errors', () => {
    for (const [args, reason] of [
      [[], /a definition file is required/],
      [[order, '--input', '{oops'], /--input value is not valid JSON/],
      [[order, '--mocks', mocks], /--mocks needs --test-case/],
      [[order, '--mocks', mocks, '--test-case', 'Nope'], /no test case `Nope`/],
      [[order, '--format', 'xml'], /--format must be text or json/],
      [[join(dir, 'absent.json')], /cannot read the definition/],
      [[order, '--handlers', file('throws.js', 'throw new Error("no config here")')], /the handlers file .*throws\.js failed to load: no config here/i],
      [[order, '--input-file', file('huge.json', { blob: 'x'.repeat(300_000) })], /the execution input is 300,011 bytes; AWS Step Functions accepts at most 262,144 bytes/i],
    ] as [string[], RegExp][]) {
      const { code, stderr } = cli(args);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr.split('\n')[0], reason);
    }
  });
});
