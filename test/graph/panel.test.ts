/**
 * The extension side of the graph preview, in Node against an in-memory `vscode`: the commands,
 * the panel and its page, the messages it sends as the page gets ready, as the user types, moves
 * the cursor and switches editors, as diagnostics and debug events arrive; what it does with the
 * page's requests (reveal a state, save an export) and with messages outside the protocol.
 */
import { strict as assert } from 'node:assert';
import { after, beforeEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { isHostMessage, type HostMessage } from '../../client/src/graph/protocol';
import { EXECUTION_STATE_EVENT, type ExecutionStateEventBody } from '../../server/src/debug/executionEvent';
import { createFakeVscode, installFakeVscode, TextDocument, TextEditor, Uri, type FakeWebviewPanel } from './fakeVscode';

const fake = createFakeVscode();
installFakeVscode(fake);
// Loaded after the fake is installed: they require `vscode`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const register = require('../../client/src/graph/register') as typeof import('../../client/src/graph/register');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GraphPreview } = require('../../client/src/graph/panel') as typeof import('../../client/src/graph/panel');

const ORDER = `{
  "StartAt": "Validate",
  "States": {
    "Validate": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Route" },
    "Route": {
      "Type": "Choice",
      "Choices": [{ "Variable": "$.total", "NumericGreaterThan": 100, "Next": "Done" }],
      "Default": "Done"
    },
    "Done": { "Type": "Succeed" }
  }
}`;

const subscriptions: { dispose(): unknown }[] = [];
register.registerGraphPreview({ extensionUri: Uri.file('/ext'), subscriptions } as unknown as vscode.ExtensionContext);

let editor: TextEditor;

function openEditor(path: string, text: string, languageId = 'asl'): TextEditor {
  const opened = new TextEditor(new TextDocument(Uri.file(path), text, languageId));
  fake.state.editors.push(opened);
  return opened;
}

function panel(): FakeWebviewPanel {
  const last = fake.state.panels.at(-1);
  assert.ok(last, 'a panel was opened');
  return last;
}

/** The messages the page was sent since `from`, checked against the protocol. */
function sent(from = 0): HostMessage[] {
  const messages = panel().webview.sent.slice(from);
  for (const message of messages) assert.ok(isHostMessage(message), JSON.stringify(message).slice(0, 200));
  return messages as HostMessage[];
}

async function openPreview(): Promise<void> {
  await fake.state.commands.get(register.OPEN_GRAPH_COMMAND)!();
  panel().webview.receive.fire({ type: 'ready' });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graph preview panel', () => {
  beforeEach(() => {
    GraphPreview.open?.dispose();
    fake.state.editors.length = 0;
    fake.state.diagnostics.clear();
    fake.state.logs.length = 0;
    editor = openEditor('/workflows/order.asl.json', ORDER);
    fake.state.activeEditor = editor;
  });
  after(() => {
    for (const subscription of subscriptions) subscription.dispose();
  });

  it('opens beside the editor with a strict page that may load only the bundled webview', async () => {
    await fake.state.commands.get(register.OPEN_GRAPH_COMMAND)!();
    const opened = panel();
    assert.equal(opened.viewType, 'statecraft.graphPreview');
    assert.equal(opened.title, 'Graph: order.asl.json');
    assert.equal(opened.options.enableScripts, true);
    assert.equal(opened.options.retainContextWhenHidden, true);
    assert.deepEqual((opened.options.localResourceRoots as Uri[]).map(String), ['file:///ext/dist/webview']);
    const nonce = /script-src 'nonce-([0-9a-f]{32})'/.exec(opened.webview.html)?.[1];
    assert.ok(nonce, 'a nonce in the policy');
    assert.match(opened.webview.html, new RegExp(`<script nonce="${nonce}" src="https://webview.test/ext/dist/webview/main.js"></script>`));
    assert.match(opened.webview.html, /data-layout-worker="https:\/\/webview.test\/ext\/dist\/webview\/elk-worker.min.js"/);
    assert.equal(fake.state.contexts.get('statecraft.graphPreviewOpen'), true);
    assert.deepEqual(opened.webview.sent, [], 'nothing before the page is ready');
  });

  it('sends the graph, diagnostics, cursor and debug state when the page is ready', async () => {
    await openPreview();
    const messages = sent();
    assert.deepEqual(messages.map((message) => message.type), ['graph', 'diagnostics', 'selection', 'execution']);
    const [graph] = messages;
    assert.ok(graph.type === 'graph' && graph.uri === 'file:///workflows/order.asl.json' && graph.title === 'order.asl.json' && graph.graph.stateCount === 3);
    assert.deepEqual(messages[3], { type: 'execution', execution: null });
  });

  it('sends a new graph a moment after typing stops, and the banner while the JSON is broken', async () => {
    await openPreview();
    const before = panel().webview.sent.length;
    editor.document.edit(ORDER.replace('"Done": { "Type": "Succeed" }', '"Done": { "Type": "Succeed" },\n    "Later": { "Type": "Pass", "End": true }'));
    fake.events.documentChange.fire({ document: editor.document, contentChanges: [{}] });
    assert.equal(panel().webview.sent.length, before, 'not at once');
    await wait(250);
    const [graph] = sent(before);
    assert.ok(graph.type === 'graph' && graph.graph.stateCount === 4);

    const broken = panel().webview.sent.length;
    editor.document.edit(ORDER.replace('"Next": "Route" },', '"Next": "Route" }'));
    fake.events.documentChange.fire({ document: editor.document, contentChanges: [{}] });
    await wait(250);
    assert.deepEqual(sent(broken)[0], { type: 'problem', message: 'Line 5, column 5: Comma expected. The graph shows the last version that was valid JSON.' });
  });

  it('names the state under the cursor once per state', async () => {
    await openPreview();
    const before = panel().webview.sent.length;
    const moveTo = (text: string) => {
      const position = editor.document.positionAt(ORDER.indexOf(text));
      editor.selection = new fake.api.Selection(position, position);
      fake.events.selection.fire({ textEditor: editor });
    };
    moveTo('"NumericGreaterThan"');
    moveTo('"Default"');
    moveTo('"Succeed"');
    assert.deepEqual(sent(before), [
      { type: 'selection', id: '/States/Route' },
      { type: 'selection', id: '/States/Done' },
    ]);
  });

  it('sends the statecraft diagnostics per state when they change, and no one else\'s', async () => {
    await openPreview();
    const before = panel().webview.sent.length;
    const at = (text: string) => {
      const start = editor.document.positionAt(ORDER.indexOf(text));
      return new fake.api.Range(start, start);
    };
    fake.state.diagnostics.set('file:///workflows/order.asl.json', [
      { range: at('"Default"'), severity: 1, message: 'Route warning', source: 'statecraft' },
      { range: at('"Succeed"'), severity: 0, message: 'Done error', source: 'statecraft' },
      { range: at('"Resource"'), severity: 0, message: 'Another linter', source: 'other' },
    ]);
    fake.events.diagnostics.fire({ uris: [Uri.file('/elsewhere.asl.json')] });
    assert.equal(panel().webview.sent.length, before, 'another file changed');
    fake.events.diagnostics.fire({ uris: [Uri.file('/workflows/order.asl.json')] });
    assert.deepEqual(sent(before), [
      {
        type: 'diagnostics',
        states: [
          { id: '/States/Route', severity: 'warning', messages: ['Route warning'] },
          { id: '/States/Done', severity: 'error', messages: ['Done error'] },
        ],
        errors: 1,
        warnings: 1,
      },
    ]);
  });

  it('reveals and selects a clicked state\'s name in its editor', async () => {
    await openPreview();
    panel().webview.receive.fire({ type: 'reveal', id: '/States/Route' });
    await wait(10);
    const shown = fake.state.shown.at(-1);
    assert.ok(shown && shown.document === editor.document && shown.options.viewColumn === 1);
    const document = editor.document;
    assert.equal(document.getText().slice(document.offsetAt(editor.selection.start), document.offsetAt(editor.selection.end)), 'Route');
    assert.equal(editor.revealed.length, 1);

    panel().webview.receive.fire({ type: 'reveal', id: '/States/Gone' });
    await wait(10);
    assert.deepEqual(fake.state.statusMessages.at(-1), 'Statecraft: that state is no longer in the document.');
  });

  it('saves exports where the user says, SVG as text and PNG decoded', async () => {
    await openPreview();
    fake.state.saveDialogAnswer = Uri.file('/out/order.svg');
    panel().webview.receive.fire({ type: 'exported', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
    await wait(10);
    assert.equal(Buffer.from(fake.state.written.get('file:///out/order.svg')!).toString('utf8'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const dialog = fake.state.saveDialogs.at(-1)!;
    assert.equal(String(dialog.defaultUri), 'file:///workflows/order.svg');
    assert.deepEqual(dialog.filters, { 'SVG image': ['svg'] });

    fake.state.saveDialogAnswer = Uri.file('/out/order.png');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    panel().webview.receive.fire({ type: 'exported', format: 'png', data: png.toString('base64') });
    await wait(10);
    assert.deepEqual(Buffer.from(fake.state.written.get('file:///out/order.png')!), png);

    // The commands ask the page for the image.
    const before = panel().webview.sent.length;
    await fake.state.commands.get(register.EXPORT_PNG_COMMAND)!();
    assert.deepEqual(sent(before), [{ type: 'export', format: 'png' }]);
  });

  it('asks for an export once the page is ready when the command opened the preview', async () => {
    await fake.state.commands.get(register.EXPORT_SVG_COMMAND)!();
    assert.deepEqual(panel().webview.sent, []);
    panel().webview.receive.fire({ type: 'ready' });
    assert.deepEqual(sent().map((message) => message.type), ['graph', 'diagnostics', 'selection', 'execution', 'export']);
  });

  it('follows the active ASL editor and nothing else', async () => {
    await openPreview();
    const other = openEditor('/workflows/other.asl.json', '{"StartAt": "Only", "States": {"Only": {"Type": "Succeed"}}}');
    const json = openEditor('/package.json', '{"name": "x"}', 'json');
    const before = panel().webview.sent.length;
    fake.events.activeEditor.fire(json);
    fake.events.activeEditor.fire(undefined);
    assert.equal(panel().webview.sent.length, before);
    fake.events.activeEditor.fire(other);
    const [graph] = sent(before);
    assert.ok(graph.type === 'graph' && graph.uri === 'file:///workflows/other.asl.json' && graph.graph.stateCount === 1);
    assert.equal(panel().title, 'Graph: other.asl.json');
  });

  it('forwards the debugger\'s position to the preview of the program it runs', async () => {
    await openPreview();
    const body: ExecutionStateEventBody = {
      program: '/workflows/order.asl.json',
      status: 'paused',
      current: ['Route'],
      visited: ['Validate', 'Route'],
      takenEdges: [['Validate', 'Route']],
      failed: [],
    };
    const session = { id: 's1', type: 'asl' };
    const before = panel().webview.sent.length;
    fake.events.debugEvent.fire({ session, event: EXECUTION_STATE_EVENT, body });
    fake.events.debugEvent.fire({ session, event: EXECUTION_STATE_EVENT, body: { ...body, program: '/workflows/other.asl.json' } });
    fake.events.debugEvent.fire({ session: { id: 's2', type: 'node' }, event: EXECUTION_STATE_EVENT, body });
    fake.events.debugEvent.fire({ session, event: 'output', body });
    fake.events.debugEvent.fire({ session, event: EXECUTION_STATE_EVENT, body: { ...body, current: 'Route' } });
    assert.deepEqual(sent(before), [{ type: 'execution', execution: body }]);
    assert.match(fake.state.logs.at(-1) ?? '', /^warn Ignored a malformed statecraft.executionState event/);

    // Another file and back while the session runs: its position comes back; after the end, it does not.
    const other = openEditor('/workflows/other.asl.json', '{"StartAt": "Only", "States": {"Only": {"Type": "Succeed"}}}');
    fake.events.activeEditor.fire(other);
    fake.events.activeEditor.fire(editor);
    assert.deepEqual(sent(before).at(-1), { type: 'execution', execution: body });
    fake.events.debugEnd.fire(session);
    fake.events.activeEditor.fire(other);
    fake.events.activeEditor.fire(editor);
    assert.deepEqual(sent(before).at(-1), { type: 'execution', execution: null });
  });

  it('ignores and logs page messages outside the protocol', async () => {
    await openPreview();
    const before = panel().webview.sent.length;
    panel().webview.receive.fire({ type: 'openFile', path: '/etc/passwd' });
    panel().webview.receive.fire({ type: 'reveal', id: 42 });
    panel().webview.receive.fire({ type: 'error', message: 'layout failed' });
    assert.equal(panel().webview.sent.length, before);
    assert.deepEqual(fake.state.logs.map((line) => line.split(':')[0]), ['warn Graph preview', 'warn Graph preview', 'error Graph preview']);
    assert.equal(fake.state.shown.filter((entry) => entry.options.selection === undefined).length, 0);
  });

  it('closes with its panel, and opens anew', async () => {
    await openPreview();
    const first = panel();
    first.dispose();
    assert.equal(GraphPreview.open, undefined);
    assert.equal(fake.state.contexts.get('statecraft.graphPreviewOpen'), false);
    await openPreview();
    assert.notEqual(panel(), first);
  });
});
