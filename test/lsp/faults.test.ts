/**
 * A rule that throws must cost one `internal-error` diagnostic and a log line, never the server:
 * `startServer` runs here in-process with rules that fail on purpose, over real JSON-RPC streams.
 */
import { strict as assert } from 'node:assert';
import { afterEach, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Rule } from '../../server/src/service/rule';
import { RULES } from '../../server/src/service/rules';
import { inProcessServer, type LspClient } from './lspClient';

const URI = 'file:///workspace/faults.asl.json';
const TEXT = `{
  "Comment": "first",
  "Comment": "second",
  "StartAt": "Done",
  "States": { "Done": { "Type": "Succeed" } }
}
`;

const throwingRule: Rule = {
  name: 'always-throws',
  codes: ['unknown-field'],
  check() {
    throw new TypeError('Cannot read properties of undefined');
  },
};

/** Fails the way unbounded recursion over a JSON tree fails. */
const overflowingRule: Rule = {
  name: 'overflows',
  codes: ['invalid-value'],
  check() {
    const recurse = (depth: number): number => recurse(depth + 1) + 1;
    recurse(0);
  },
};

describe('language server with failing rules', () => {
  let running: ReturnType<typeof inProcessServer> | undefined;

  afterEach(() => running?.dispose());

  async function start(rules: readonly Rule[]): Promise<LspClient> {
    running = inProcessServer({ rules });
    await running.client.initialize({ capabilities: {} });
    return running.client;
  }

  it('reports a throwing rule as internal-error, logs it, and keeps the other rules', async () => {
    const client = await start([throwingRule, ...RULES]);
    await client.open(URI, TEXT, 1);
    const { diagnostics } = await client.diagnosticsOf(URI, 1);

    const internal = diagnostics.filter((d) => d.code === 'internal-error');
    assert.equal(internal.length, 1);
    assert.equal(internal[0].severity, DiagnosticSeverity.Error);
    assert.match(internal[0].message, /`always-throws`: Cannot read properties of undefined\. The other rules still ran\./);
    assert.deepEqual(internal[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.ok(diagnostics.some((d) => d.code === 'duplicate-key'), 'the rules after the failing one still ran');
    await client.waitFor('the log line', () => client.logs.find((line) => /always-throws.*TypeError/s.test(line)));

    // Still serving: answers a request and validates the next version.
    assert.equal(await client.ping(), -32601);
    await client.change(URI, 2, [{ text: TEXT.replace('"second"', '"third"') }]);
    assert.equal((await client.diagnosticsOf(URI, 2)).diagnostics.filter((d) => d.code === 'internal-error').length, 1);
  });

  it('survives a rule that overflows the stack', async () => {
    const client = await start([overflowingRule, ...RULES]);
    await client.open(URI, TEXT, 1);
    const { diagnostics } = await client.diagnosticsOf(URI, 1);
    const internal = diagnostics.filter((d) => d.code === 'internal-error');
    assert.equal(internal.length, 1);
    assert.match(internal[0].message, /`overflows`: Maximum call stack size exceeded/);
    assert.ok(diagnostics.some((d) => d.code === 'duplicate-key'));
    assert.equal(await client.ping(), -32601);
  });

  it('lets the internal-error code be turned off like any other', async () => {
    const client = await start([throwingRule, ...RULES]);
    await client.changeConfiguration({ statecraft: { rules: { 'internal-error': 'off' } } });
    await client.open(URI, TEXT, 1);
    const { diagnostics } = await client.diagnosticsOf(URI, 1);
    assert.ok(!diagnostics.some((d) => d.code === 'internal-error'));
    assert.ok(diagnostics.some((d) => d.code === 'duplicate-key'));
    // The failure is still logged for whoever looks at the output channel.
    await client.waitFor('the log line', () => client.logs.find((line) => line.includes('always-throws')));
  });

  it('skips a rule whose every code is turned off', async () => {
    const client = await start([throwingRule, ...RULES]);
    await client.changeConfiguration({ statecraft: { rules: { 'unknown-field': 'off' } } });
    await client.open(URI, TEXT, 1);
    const { diagnostics } = await client.diagnosticsOf(URI, 1);
    assert.ok(!diagnostics.some((d) => d.code === 'internal-error'), 'the failing rule did not run');
    assert.ok(!client.logs.some((line) => line.includes('always-throws')));
  });
});
