/**
 * The graph preview panel: a webview beside the editor that draws the ASL document of the active
 * editor and follows it. It sends the webview the graph (debounced while typing), the statecraft
 * diagnostics per state, the state under the cursor and a debug session's position; it reveals a
 * clicked state in the editor and saves exported images.
 */
import * as vscode from 'vscode';
import type { ExecutionStateEventBody } from '../../../server/src/debug/executionEvent';
import { diagnosticsMessage, GraphFeed, revealTarget, selectionMessage, updateDelay, type DiagnosticItem } from './feed';
import { createNonce, webviewHtml } from './html';
import { isWebviewMessage, type ExportFormat, type HostMessage, type Severity } from './protocol';

export const GRAPH_VIEW_TYPE = 'statecraft.graphPreview';

/** The source the language server gives its diagnostics (`DIAGNOSTIC_SOURCE` of the language service). */
const DIAGNOSTIC_SOURCE = 'statecraft';

const SEVERITIES: Record<vscode.DiagnosticSeverity, Severity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'info',
};

export function isAslDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'asl';
}

/** What the panel shares with the rest of the extension. */
export interface GraphPreviewHost {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** The latest position of each running debug session, by the program (definition file) it runs. */
  executionOf(document: vscode.Uri): ExecutionStateEventBody | undefined;
}

export class GraphPreview implements vscode.Disposable {
  private static current: GraphPreview | undefined;

  private readonly feed = new GraphFeed();
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private updatePending = false;
  private sentSelection: string | null | undefined;
  /** Exports asked for before the webview was ready. */
  private queued: HostMessage[] = [];

  /** The open preview, if any. */
  static get open(): GraphPreview | undefined {
    return GraphPreview.current;
  }

  /** Shows the preview of `document`: the open one switched to it, or a new one beside the editor. */
  static show(host: GraphPreviewHost, document: vscode.TextDocument): GraphPreview {
    const existing = GraphPreview.current;
    if (existing) {
      existing.showDocument(document);
      existing.panel.reveal(existing.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
      return existing;
    }
    const root = vscode.Uri.joinPath(host.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(
      GRAPH_VIEW_TYPE,
      titleOf(document),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        // Only the bundled webview assets can be loaded; nothing else of the disk or the network.
        localResourceRoots: [root],
        // A hidden preview keeps its page: laying out a large workflow again, in a layout worker
        // whose code is not yet optimised by the JavaScript engine, takes seconds.
        retainContextWhenHidden: true,
      },
    );
    GraphPreview.current = new GraphPreview(host, panel, document, root);
    void vscode.commands.executeCommand('setContext', 'statecraft.graphPreviewOpen', true);
    return GraphPreview.current;
  }

  private constructor(
    private readonly host: GraphPreviewHost,
    private readonly panel: vscode.WebviewPanel,
    private document: vscode.TextDocument,
    root: vscode.Uri,
  ) {
    const webview = panel.webview;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      script: asset('main.js'),
      style: asset('main.css'),
      layoutWorker: asset('elk-worker.min.js'),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isAslDocument(editor.document) && editor.document !== this.document) this.showDocument(editor.document);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document && event.contentChanges.length > 0) this.scheduleUpdate();
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document === this.document) this.sendSelection(event.textEditor);
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((uri) => uri.toString() === this.document.uri.toString())) this.sendDiagnostics();
      }),
    );
  }

  /** Switches the preview to another document. */
  showDocument(document: vscode.TextDocument): void {
    if (document === this.document) return;
    this.document = document;
    this.panel.title = titleOf(document);
    this.sentSelection = undefined;
    this.sendEverything();
  }

  /** Forwards a debug session's position when it runs this preview's document. */
  showExecution(execution: ExecutionStateEventBody): void {
    if (vscode.Uri.file(execution.program).toString() === this.document.uri.toString()) this.post({ type: 'execution', execution });
  }

  /** Asks the webview for an image of the graph; the answer arrives as an `exported` message. */
  requestExport(format: ExportFormat): void {
    this.post({ type: 'export', format });
  }

  dispose(): void {
    if (GraphPreview.current === this) {
      GraphPreview.current = undefined;
      void vscode.commands.executeCommand('setContext', 'statecraft.graphPreviewOpen', false);
    }
    clearTimeout(this.updateTimer);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }

  private post(message: HostMessage): void {
    if (!this.ready) {
      // The page asks for everything when it is ready; only requests of the user need to wait.
      if (message.type === 'export') this.queued.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private receive(message: unknown): void {
    if (!isWebviewMessage(message)) {
      this.host.log.warn(`Graph preview: ignored a message that is not part of the protocol: ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        // Also after the page reloaded (the webview's developer command, or VS Code restoring it).
        this.ready = true;
        this.feed.reset();
        this.sentSelection = undefined;
        this.sendEverything();
        for (const queued of this.queued.splice(0)) this.post(queued);
        break;
      case 'reveal':
        void this.reveal(message.id);
        break;
      case 'exported':
        void this.save(message.format, message.data);
        break;
      case 'error':
        this.host.log.error(`Graph preview: ${message.message}`);
        break;
    }
  }

  private sendEverything(): void {
    clearTimeout(this.updateTimer);
    this.sendGraph();
    this.post({ type: 'execution', execution: this.host.executionOf(this.document.uri) ?? null });
  }

  private scheduleUpdate(): void {
    clearTimeout(this.updateTimer);
    this.updatePending = true;
    const document = this.document;
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    this.updateTimer = setTimeout(() => this.sendGraph(), updateDelay(length));
  }

  private parse() {
    const document = this.document;
    return this.feed.document(document.uri.toString(), document.version, () => document.getText());
  }

  private sendGraph(): void {
    this.updatePending = false;
    if (!this.ready) return;
    this.post(this.feed.update(this.document.uri.toString(), fileName(this.document), this.parse()));
    // Ids of states may have moved with the text: diagnostics and the cursor are mapped again.
    this.sendDiagnostics();
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === this.document);
    if (editor) this.sendSelection(editor);
  }

  private sendDiagnostics(): void {
    if (!this.ready) return;
    const document = this.document;
    const items: DiagnosticItem[] = vscode.languages
      .getDiagnostics(document.uri)
      .filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE)
      .map((diagnostic) => ({ offset: document.offsetAt(diagnostic.range.start), severity: SEVERITIES[diagnostic.severity], message: diagnostic.message }));
    this.post(diagnosticsMessage(this.parse(), items));
  }

  private sendSelection(editor: vscode.TextEditor): void {
    // While typing, the cursor moves with every keystroke: the graph update sends it with the new parse.
    if (!this.ready || this.updatePending) return;
    const message = selectionMessage(this.parse(), this.document.offsetAt(editor.selection.active));
    if (message.type !== 'selection' || message.id === this.sentSelection) return;
    this.sentSelection = message.id;
    this.post(message);
  }

  private async reveal(id: string): Promise<void> {
    const document = this.document;
    const target = revealTarget(this.parse(), id);
    if (!target) {
      vscode.window.setStatusBarMessage('Statecraft: that state is no longer in the document.', 4000);
      return;
    }
    const range = new vscode.Range(document.positionAt(target.offset), document.positionAt(target.offset + target.length));
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === document);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async save(format: ExportFormat, data: string): Promise<void> {
    const name = fileName(this.document).replace(/(\.asl)?(\.json)?$/i, '') || 'graph';
    const folder = this.document.isUntitled ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(this.document.uri, '..');
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${name}.${format}`) : undefined,
      filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      saveLabel: 'Export',
      title: `Export the graph of ${fileName(this.document)} as ${format.toUpperCase()}`,
    });
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data, 'base64'));
      void vscode.window.showInformationMessage(`Statecraft: graph exported to ${vscode.workspace.asRelativePath(target)}.`);
    } catch (error) {
      void vscode.window.showErrorMessage(`Statecraft: the graph could not be written to ${target.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function fileName(document: vscode.TextDocument): string {
  const path = document.uri.path;
  return path.slice(path.lastIndexOf('/') + 1);
}

function titleOf(document: vscode.TextDocument): string {
  return `Graph: ${fileName(document)}`;
}
