/**
 * The editing features over real JSON-RPC against the bundled server (`node dist/server.js
 * --stdio`, built by `npm test` before the tests): one request of each capability the server
 * announces, answered from a document the client opened.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InitializeResult,
  Location,
  LocationLink,
  SelectionRange,
  SemanticTokens,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { spawnServer, type SpawnedServer } from '../lsp/lspClient';

const URI = 'file:///workspace/order.asl.json';
const TEXT = `{
  "StartAt": "Charge",
  "States": {
    "Charge": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": { "order": "$.order" },
      "Next": "Ship"
    },
    "Ship": {"Type":"Succeed"}
  }
}
`;
const document = TextDocument.create(URI, 'asl', 1, TEXT);

/** The position of the `nth` occurrence of `needle`, `shift` characters in. */
function at(needle: string, shift = 1, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = TEXT.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, needle);
  return document.positionAt(offset + shift);
}

function textOf(range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return TEXT.slice(document.offsetAt(range.start), document.offsetAt(range.end));
}

describe('editing features over the protocol', () => {
  let server: SpawnedServer;
  let capabilities: InitializeResult['capabilities'];
  let diagnostics: Diagnostic[];
  const request = <T>(method: string, params: object): Promise<T> =>
    server.client.connection.sendRequest(method, { textDocument: { uri: URI }, ...params }) as Promise<T>;

  before(async () => {
    server = spawnServer();
    capabilities = (
      await server.client.initialize({
        capabilities: {
          workspace: { configuration: true },
          textDocument: { definition: { linkSupport: true }, publishDiagnostics: { dataSupport: true } },
        },
      })
    ).capabilities;
    await server.client.open(URI, TEXT, 1);
    diagnostics = (await server.client.diagnosticsOf(URI, 1)).diagnostics;
  });

  after(() => server.dispose());

  it('announces every editing capability', () => {
    assert.deepEqual(capabilities.completionProvider?.triggerCharacters?.includes('"'), true);
    for (const provider of [
      'hoverProvider',
      'codeActionProvider',
      'definitionProvider',
      'referencesProvider',
      'documentHighlightProvider',
      'renameProvider',
      'documentSymbolProvider',
      'foldingRangeProvider',
      'selectionRangeProvider',
      'documentFormattingProvider',
      'documentRangeFormattingProvider',
      'semanticTokensProvider',
    ] as const) {
      assert.ok(capabilities[provider], provider);
    }
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
  });

  it('completes state names', async () => {
    // Right after the opening quote: nothing typed yet narrows the list.
    const list = await request<CompletionList>('textDocument/completion', { position: at('"Ship"', 1) });
    assert.deepEqual(list.items.map((item) => [item.label, item.detail]), [['Ship', 'Succeed'], ['Charge', 'Task']]);
    const resolved = (await server.client.connection.sendRequest('completionItem/resolve', list.items[0])) as { documentation?: { value: string } };
    assert.equal(resolved.documentation?.value, '**Ship** · Succeed state\n\nEnds successfully.');
  });

  it('hovers a state reference', async () => {
    const hover = await request<Hover>('textDocument/hover', { position: at('"Ship"', 2) });
    assert.equal((hover.contents as { value: string }).value, '**Ship** · Succeed state\n\nEnds successfully.');
  });

  it('offers quick fixes for the published diagnostics', async () => {
    const noDollar = diagnostics.find((d) => d.code === 'no-dollar');
    assert.ok(noDollar, JSON.stringify(diagnostics));
    const actions = await request<CodeAction[]>('textDocument/codeAction', { range: noDollar.range, context: { diagnostics: [noDollar] } });
    const rename = actions.find((action) => action.title === 'Rename `order` to `order.$` to evaluate the value');
    assert.ok(rename);
    const fixed = TextDocument.applyEdits(document, rename.edit!.changes![URI]);
    assert.match(fixed, /"order\.\$": "\$\.order"/);
    assert.ok(actions.some((action) => action.command?.command === 'statecraft.disableRule'));
  });

  it('goes to the definition of a state, as a link for a client that announces links', async () => {
    const links = await request<LocationLink[]>('textDocument/definition', { position: at('"Ship"', 2) });
    assert.equal(textOf(links[0].targetSelectionRange), '"Ship"');
    assert.equal(textOf(links[0].originSelectionRange!), '"Ship"');
  });

  it('answers a definition as a location to a client that does not announce links', async () => {
    const plain = spawnServer();
    try {
      await plain.client.initialize({ capabilities: {} });
      await plain.client.open(URI, TEXT, 1);
      const locations = (await plain.client.connection.sendRequest('textDocument/definition', { textDocument: { uri: URI }, position: at('"Ship"', 2) })) as Location[];
      assert.deepEqual(locations.map((location) => [location.uri, textOf(location.range)]), [[URI, '"Ship"']]);
    } finally {
      plain.dispose();
    }
  });

  it('finds references and highlights', async () => {
    const references = await request<Location[]>('textDocument/references', { position: at('"Ship": {', 2), context: { includeDeclaration: true } });
    assert.deepEqual(references.map((r) => textOf(r.range)), ['"Ship"', '"Ship"']);
    const highlights = await request<DocumentHighlight[]>('textDocument/documentHighlight', { position: at('"Ship": {', 2) });
    assert.equal(highlights.length, 2);
  });

  it('prepares and performs a rename, and refuses a taken name with a message', async () => {
    const prepared = await request<{ placeholder: string }>('textDocument/prepareRename', { position: at('"Ship"', 2) });
    assert.equal(prepared.placeholder, 'Ship');
    const edit = await request<WorkspaceEdit>('textDocument/rename', { position: at('"Ship"', 2), newName: 'Deliver' });
    assert.equal((TextDocument.applyEdits(document, edit.changes![URI]).match(/"Deliver"/g) ?? []).length, 2);
    await assert.rejects(request('textDocument/rename', { position: at('"Ship"', 2), newName: 'Charge' }), /`Charge` already exists/);
    await assert.rejects(request('textDocument/prepareRename', { position: at('"Type"', 2) }), /Place the cursor on a state name/);
  });

  it('outlines the states', async () => {
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', {});
    assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [['Charge', 'Task · lambda:invoke'], ['Ship', 'Succeed']]);
  });

  it('folds and grows selections', async () => {
    const folds = await request<FoldingRange[]>('textDocument/foldingRange', {});
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[0, 10], [2, 9], [3, 7]]);
    const [selection] = await request<SelectionRange[]>('textDocument/selectionRange', { positions: [at('Succeed', 2)] });
    assert.equal(textOf(selection.range), 'Succeed');
    assert.equal(textOf(selection.parent!.range), '"Succeed"');
  });

  it('formats the document and a range with the given indentation', async () => {
    const edits = await request<TextEdit[]>('textDocument/formatting', { options: { tabSize: 4, insertSpaces: true } });
    assert.equal(TextDocument.applyEdits(document, edits), `${JSON.stringify(JSON.parse(TEXT), null, 4)}\n`);
    const line = at('"Ship": {').line;
    const range = { start: { line, character: 0 }, end: { line, character: 30 } };
    const rangeEdits = await request<TextEdit[]>('textDocument/rangeFormatting', { range, options: { tabSize: 2, insertSpaces: true } });
    assert.match(TextDocument.applyEdits(document, rangeEdits), /"Ship": \{\n\s+"Type": "Succeed"\n\s+\}/);
  });

  it('answers semantic tokens for the document and a range', async () => {
    const full = await request<SemanticTokens>('textDocument/semanticTokens/full', {});
    // `StartAt`'s `Charge`, the key `Charge`, `Next`'s `Ship`, the key `Ship`.
    assert.equal(full.data.length, 4 * 5);
    const line = at('"Ship": {').line;
    const range = await request<SemanticTokens>('textDocument/semanticTokens/range', { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } } });
    assert.equal(range.data.length, 5);
  });
});
