/**
 * The bundled language server (`node dist/server.js --stdio`, built by `npm test` before the tests)
 * over real JSON-RPC: capabilities, diagnostics on open and on incremental change, settings pulled
 * with `workspace/configuration`, closing, debouncing, garbage documents and shutdown.
 */
import { strict as assert } from 'node:assert';
import { after, afterEach, before, describe, it } from 'node:test';
import { DiagnosticSeverity, TextDocumentSyncKind, type Diagnostic } from 'vscode-languageserver/node';
import packageJson from '../../package.json';
import { fixture, fixtureNames } from '../fixtures/fixtures';
import { spawnServer, type SpawnedServer } from './lspClient';
import { positionOf, rangeOf, textAt } from './textRanges';

const DEFECTS_URI = 'file:///workspace/defects.asl.json';
const DEFECTS = `{
  "Comment": "Charges, then ships",
  "Comment": "Charges the card, then ships",
  "StartAt": "Charge",
  "States": {
    "Charge": {
      "Type": "Task",
      "Resource": "arn:aws:lambda:us-east-1:123456789012:function:charge",
      "Next": "Shp"
    },
    "Ship": { "Type": "Succeed" }
  }
}
`;

const VALID_URI = 'file:///workspace/hello.asl.json';
const VALID = `{
  "StartAt": "Hello",
  "States": {
    "Hello": { "Type": "Pass", "Result": "world", "Next": "Done" },
    "Done": { "Type": "Succeed" }
  }
}
`;

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

function only(diagnostics: Diagnostic[], code: string): Diagnostic {
  const matching = diagnostics.filter((d) => d.code === code);
  assert.equal(matching.length, 1, `one \`${code}\` expected, got ${JSON.stringify(diagnostics, null, 1)}`);
  return matching[0];
}

describe('language server over stdio', () => {
  let server: SpawnedServer;

  afterEach(() => server?.dispose());

  it('answers initialize with its capabilities and server info', async () => {
    server = spawnServer();
    const result = await server.client.initialize();
    assert.deepEqual(result.capabilities.textDocumentSync, {
      openClose: true,
      change: TextDocumentSyncKind.Incremental,
    });
    assert.deepEqual(result.serverInfo, { name: 'statecraft', version: packageJson.version });
    for (const provider of ['definitionProvider', 'referencesProvider', 'renameProvider', 'documentSymbolProvider'] as const) {
      assert.ok(result.capabilities[provider], `${provider} is announced`);
    }
  });

  it('serves the editing features on the documents it holds', async () => {
    server = spawnServer();
    const { client } = server;
    await client.initialize();
    await client.open(VALID_URI, VALID, 1);
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri: VALID_URI },
    })) as { name: string }[];
    assert.deepEqual(
      symbols.flatMap(function names(symbol: { name: string; children?: { name: string }[] }): string[] {
        return [symbol.name, ...(symbol.children ?? []).flatMap(names)];
      }).filter((name) => name === 'Hello' || name === 'Done'),
      ['Hello', 'Done'],
    );
    // `Next: "Done"` leads to the state `Done`.
    const at = positionOf(VALID, VALID.indexOf('"Done" }') + 2);
    const links = (await client.connection.sendRequest('textDocument/definition', {
      textDocument: { uri: VALID_URI },
      position: at,
    })) as { targetUri: string; targetSelectionRange: unknown }[];
    assert.equal(links.length, 1);
    assert.equal(links[0].targetUri, VALID_URI);
    assert.equal(textAt(VALID, links[0].targetSelectionRange as never), '"Done"');
  });

  it('publishes diagnostics on open with codes, ranges, documentation links and data', async () => {
    server = spawnServer();
    const { client } = server;
    await client.initialize();
    await client.open(DEFECTS_URI, DEFECTS, 1);
    const { diagnostics } = await client.diagnosticsOf(DEFECTS_URI, 1);

    const duplicate = only(diagnostics, 'duplicate-key');
    assert.deepEqual(duplicate.range, rangeOf(DEFECTS, '"Comment"', 1));
    assert.equal(duplicate.severity, DiagnosticSeverity.Error);
    assert.equal(duplicate.source, 'statecraft');
    assert.equal(duplicate.message, 'Duplicate key `Comment`.');
    assert.deepEqual(duplicate.codeDescription, {
      href: 'https://github.com/statecraft/statecraft/blob/main/docs/rules/duplicate-key.md',
    });
    assert.deepEqual(duplicate.data, { code: 'duplicate-key', key: 'Comment' });
    assert.deepEqual(duplicate.relatedInformation, [
      {
        location: { uri: DEFECTS_URI, range: rangeOf(DEFECTS, '"Comment"', 0) },
        message: '`Comment` is first defined here.',
      },
    ]);

    // The transition to a state that does not exist is underlined where it is named.
    const unknown = only(diagnostics, 'unknown-state');
    assert.match(textAt(DEFECTS, unknown.range), /Shp/);
    assert.equal(unknown.range.start.line, positionOf(DEFECTS, DEFECTS.indexOf('"Shp"')).line);
    assert.equal(unknown.codeDescription?.href, 'https://github.com/statecraft/statecraft/blob/main/docs/rules/unknown-state.md');
    assert.equal((unknown.data as { code: string }).code, 'unknown-state');
  });

  it('publishes no diagnostics for the valid fixtures', async () => {
    server = spawnServer();
    const { client } = server;
    await client.initialize();
    for (const name of fixtureNames()) await client.open(`file:///workspace/${name}`, fixture(name), 1);
    for (const name of fixtureNames()) {
      const { diagnostics } = await client.diagnosticsOf(`file:///workspace/${name}`, 1);
      assert.deepEqual(diagnostics, [], `${name}: ${JSON.stringify(diagnostics, null, 1)}`);
    }
  });

  it('applies incremental changes and publishes diagnostics for each new version', async () => {
    server = spawnServer();
    const { client } = server;
    await client.initialize();
    await client.open(VALID_URI, VALID, 1);
    assert.deepEqual((await client.diagnosticsOf(VALID_URI, 1)).diagnostics, []);

    // Insert a second `Result` into the Pass state: `"Result": "world", "Result": 2, "Next"...`.
    const insertAt = positionOf(VALID, VALID.indexOf('"Next": "Done"'));
    await client.change(VALID_URI, 2, [{ range: { start: insertAt, end: insertAt }, text: '"Result": 2, ' }]);
    const edited = VALID.replace('"Next": "Done"', '"Result": 2, "Next": "Done"');
    const second = await client.diagnosticsOf(VALID_URI, 2);
    assert.deepEqual(codes(second.diagnostics), ['duplicate-key']);
    assert.deepEqual(second.diagnostics[0].range, rangeOf(edited, '"Result"', 1));

    // Delete the last closing brace: the text is no longer JSON.
    const lastBrace = positionOf(edited, edited.lastIndexOf('}'));
    await client.change(VALID_URI, 3, [
      { range: { start: lastBrace, end: { line: lastBrace.line, character: lastBrace.character + 1 } }, text: '' },
    ]);
    const third = await client.diagnosticsOf(VALID_URI, 3);
    assert.ok(codes(third.diagnostics).includes('json-syntax'), JSON.stringify(third.diagnostics));

    // Undo both edits with one full-text change.
    await client.change(VALID_URI, 4, [{ text: VALID }]);
    assert.deepEqual((await client.diagnosticsOf(VALID_URI, 4)).diagnostics, []);
  });

  it('validates only the latest of quick successive versions', async () => {
    server = spawnServer();
    const { client } = server;
    // A long pause before validating, so the four changes below surely arrive within it.
    client.settings = { validation: { delay: 3000 } };
    await client.initialize();
    await client.waitFor('the settings request', () => client.configurationRequests >= 1);
    await client.open(VALID_URI, VALID, 1);
    await client.diagnosticsOf(VALID_URI, 1);

    for (let version = 2; version <= 5; version++) {
      const text = VALID.replace('"world"', `"world ${version}"`);
      await client.change(VALID_URI, version, [{ text }]);
    }
    const latest = await client.diagnosticsOf(VALID_URI, 5);
    assert.deepEqual(latest.diagnostics, []);
    const versions = client.publications.filter((p) => p.uri === VALID_URI).map((p) => p.version);
    assert.deepEqual(versions, [1, 5]);
  });

  it('re-validates when pulled settings change a severity, and only then', async () => {
    server = spawnServer();
    const { client } = server;
    await client.initialize();
    await client.waitFor('the settings request', () => client.configurationRequests >= 1);
    await client.open(DEFECTS_URI, DEFECTS, 1);
    assert.ok(codes((await client.diagnosticsOf(DEFECTS_URI, 1)).diagnostics).includes('duplicate-key'));

    // Same settings again: nothing may be re-published. Another document opened afterwards is
    // validated after any re-validation the settings would have scheduled, so once its
    // diagnostics are in, a re-publication of the first document would have been seen.
    let mark = client.mark();
    await client.changeConfiguration();
    await client.waitFor('the second settings request', () => client.configurationRequests >= 2);
    await client.open(VALID_URI, VALID, 1);
    await client.diagnosticsOf(VALID_URI, 1);
    assert.deepEqual(
      client.publications.slice(mark).map((p) => p.uri),
      [VALID_URI],
      'unchanged settings must not re-validate open documents',
    );

    mark = client.mark();
    client.settings = { rules: { 'duplicate-key': 'off' } };
    await client.changeConfiguration();
    const without = await client.publication(DEFECTS_URI, () => true, mark);
    assert.equal(without.version, 1);
    assert.ok(!codes(without.diagnostics).includes('duplicate-key'), JSON.stringify(without.diagnostics));
    assert.ok(codes(without.diagnostics).includes('unknown-state'), 'the other rules still run');

    mark = client.mark();
    client.settings = { rules: { 'duplicate-key': 'warning' } };
    await client.changeConfiguration();
    const downgraded = await client.publication(DEFECTS_URI, () => true, mark);
    assert.equal(only(downgraded.diagnostics, 'duplicate-key').severity, DiagnosticSeverity.Warning);
  });

  it('takes settings pushed in didChangeConfiguration by clients that cannot be asked', async () => {
    server = spawnServer();
    const { client } = server;
    await client.initialize({ capabilities: {} });
    await client.open(DEFECTS_URI, DEFECTS, 1);
    await client.diagnosticsOf(DEFECTS_URI, 1);
    const mark = client.mark();
    await client.changeConfiguration({
      statecraft: {
        rules: { 'unknown-state': 'off', 'duplicate-key': 'info', 'unreachable-stat': 'off', 'end-and-next': 'loud' },
        validation: { delay: -5 },
      },
    });
    const updated = await client.publication(DEFECTS_URI, () => true, mark);
    assert.ok(!codes(updated.diagnostics).includes('unknown-state'));
    assert.equal(only(updated.diagnostics, 'duplicate-key').severity, DiagnosticSeverity.Information);
    assert.equal(client.configurationRequests, 0);
    // What could not be applied is said in the log, with the likely intent.
    for (const warning of [
      'Settings: `statecraft.rules` names no rule `unreachable-stat`; did you mean `unreachable-state`?',
      'Settings: `statecraft.rules` sets `end-and-next` to "loud"; expected one of off, info, warning, error',
      'Settings: `statecraft.validation.delay` is -5; expected a number of milliseconds, 0 or more',
    ]) {
      await client.waitFor(warning, () => client.logs.includes(warning));
    }
  });

  it('takes initial settings from initializationOptions', async () => {
    server = spawnServer();
    const { client } = server;
    await client.initialize({ capabilities: {}, initializationOptions: { settings: { rules: { 'duplicate-key': 'off' } } } });
    await client.open(DEFECTS_URI, DEFECTS, 1);
    const { diagnostics } = await client.diagnosticsOf(DEFECTS_URI, 1);
    assert.ok(!codes(diagnostics).includes('duplicate-key'));
    assert.ok(codes(diagnostics).includes('unknown-state'));
  });

  it('clears the diagnostics of a closed document, even when its validation was still pending', async () => {
    server = spawnServer();
    const { client } = server;
    // A pause long enough that the change below is surely still pending when the close arrives.
    client.settings = { validation: { delay: 5000 } };
    await client.initialize();
    await client.waitFor('the settings request', () => client.configurationRequests >= 1);
    await client.open(DEFECTS_URI, DEFECTS, 1);
    assert.notDeepEqual((await client.diagnosticsOf(DEFECTS_URI, 1)).diagnostics, []);

    let mark = client.mark();
    await client.close(DEFECTS_URI);
    const cleared = await client.publication(DEFECTS_URI, () => true, mark);
    assert.deepEqual(cleared.diagnostics, []);

    // Opened, changed and closed before the change was validated: the last word is "nothing".
    mark = client.mark();
    await client.open(DEFECTS_URI, DEFECTS, 1);
    await client.diagnosticsOf(DEFECTS_URI, 1, mark);
    mark = client.mark();
    await client.change(DEFECTS_URI, 2, [{ text: `${DEFECTS} ` }]);
    await client.close(DEFECTS_URI);
    await client.open(VALID_URI, VALID, 1);
    await client.diagnosticsOf(VALID_URI, 1);
    const afterClose = client.publications.slice(mark).filter((p) => p.uri === DEFECTS_URI);
    assert.deepEqual(afterClose.map((p) => p.diagnostics), [[]]);
  });

  it('shuts down and exits with code 0', async () => {
    server = spawnServer();
    const { client } = server;
    await client.initialize();
    await client.open(VALID_URI, VALID, 1);
    await client.diagnosticsOf(VALID_URI, 1);
    assert.equal(await client.shutdown(), 0);
  });
});

describe('language server on garbage documents', () => {
  let server: SpawnedServer;

  before(async () => {
    server = spawnServer();
    await server.client.initialize();
  });

  after(() => server.dispose());

  /** The editing features answer on a garbage document too (with little, but they answer). */
  async function assertEditingAnswers(uri: string): Promise<void> {
    const textDocument = { uri };
    const position = { line: 0, character: 0 };
    for (const [method, params] of [
      ['textDocument/documentSymbol', { textDocument }],
      ['textDocument/foldingRange', { textDocument }],
      ['textDocument/semanticTokens/full', { textDocument }],
      ['textDocument/selectionRange', { textDocument, positions: [position] }],
      ['textDocument/definition', { textDocument, position }],
    ] as const) {
      await server.client.connection.sendRequest(method, params).catch((error: { message: string }) => {
        assert.fail(`${method} on ${uri} failed: ${error.message}`);
      });
    }
  }

  /** After each garbage document the server must still answer a request and validate a good one. */
  async function assertAlive(version: number): Promise<void> {
    assert.equal(await server.client.ping(), -32601, 'an unknown request is answered with MethodNotFound');
    await server.client.change(VALID_URI, version, [{ text: VALID.replace('world', `world ${version}`) }]);
    assert.deepEqual((await server.client.diagnosticsOf(VALID_URI, version)).diagnostics, []);
  }

  it('survives random bytes', async () => {
    await server.client.open(VALID_URI, VALID, 1);
    await server.client.diagnosticsOf(VALID_URI, 1);
    let seed = 0x5eed;
    const random = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 16;
    };
    const bytes = Buffer.from(Array.from({ length: 64 * 1024 }, () => random() & 0xff));
    const uri = 'file:///workspace/bytes.asl.json';
    await server.client.open(uri, bytes.toString('latin1'), 1);
    const { diagnostics } = await server.client.diagnosticsOf(uri, 1);
    assert.ok(codes(diagnostics).includes('json-syntax'));
    await assertEditingAnswers(uri);
    await assertAlive(2);
  });

  it('survives arrays nested 100,000 deep, reporting the nesting as a syntax problem', async () => {
    const uri = 'file:///workspace/deep.asl.json';
    const text = '['.repeat(100_000);
    await server.client.open(uri, text, 1);
    const { diagnostics } = await server.client.diagnosticsOf(uri, 1);
    const syntax = only(diagnostics, 'json-syntax');
    assert.match(syntax.message, /^Nesting too deep/);
    assert.deepEqual(syntax.range.start, { line: 0, character: 99_999 });
    assert.ok(!codes(diagnostics).includes('internal-error'), JSON.stringify(diagnostics));
    await assertEditingAnswers(uri);
    await assertAlive(3);
  });

  it('survives malformed notifications', async () => {
    const uri = 'file:///workspace/malformed.asl.json';
    await server.client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, version: 1, text: 42 } });
    await server.client.connection.sendNotification('textDocument/didOpen', {});
    await server.client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: VALID_URI, version: 5 },
      contentChanges: [{ range: { start: { line: 900, character: 3 }, end: { line: -1, character: 0 } }, text: '}' }],
    });
    await server.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { statecraft: 'loud' } });
    await server.client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///never-opened' } });
    await server.client.diagnosticsOf(VALID_URI, 5);
    await assertAlive(6);
  });

  it('survives a 5 MB string', async () => {
    const uri = 'file:///workspace/huge.asl.json';
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const text = VALID.replace('"world"', JSON.stringify(huge));
    await server.client.open(uri, text, 1);
    const { diagnostics } = await server.client.diagnosticsOf(uri, 1);
    assert.ok(!codes(diagnostics).includes('internal-error'), JSON.stringify(diagnostics).slice(0, 2000));
    await assertEditingAnswers(uri);
    await assertAlive(7);
  });
});
