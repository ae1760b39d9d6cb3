/**
 * The part of the `vscode` API the graph preview's panel uses, in memory: documents, editors, a
 * webview that records what it is sent, diagnostics, commands, debug events, dialogs and files.
 * `installFakeVscode()` makes `require('vscode')` return it, for tests of the extension side in Node.
 */
import Module from 'node:module';

type Listener<T> = (event: T) => void;

export class Emitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((candidate) => candidate !== listener)) };
  };
  fire(event: T): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    const parts = base.path.split('/');
    for (const segment of segments.join('/').split('/')) {
      if (segment === '..') parts.pop();
      else if (segment !== '.' && segment !== '') parts.push(segment);
    }
    return new Uri(base.scheme, parts.join('/'));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}

export class Selection extends Range {
  get active(): Position {
    return this.end;
  }
}

export class TextDocument {
  version = 1;
  readonly isUntitled = false;
  constructor(
    readonly uri: Uri,
    private text: string,
    readonly languageId = 'asl',
  ) {}
  getText(): string {
    return this.text;
  }
  get lineCount(): number {
    return this.text.split('\n').length;
  }
  lineAt(line: number): { range: Range } {
    const lines = this.text.split('\n');
    return { range: new Range(new Position(line, 0), new Position(line, lines[line].length)) };
  }
  offsetAt(position: Position): number {
    const lines = this.text.split('\n');
    let offset = 0;
    for (let line = 0; line < position.line; line++) offset += lines[line].length + 1;
    return offset + position.character;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset).split('\n');
    return new Position(before.length - 1, before[before.length - 1].length);
  }
  /** An edit as VS Code applies it: new text, new version. */
  edit(text: string): void {
    this.text = text;
    this.version++;
  }
}

export class TextEditor {
  selection = new Selection(new Position(0, 0), new Position(0, 0));
  revealed: Range[] = [];
  constructor(
    readonly document: TextDocument,
    readonly viewColumn = 1,
  ) {}
  revealRange(range: Range): void {
    this.revealed.push(range);
  }
}

export class FakeWebview {
  html = '';
  readonly cspSource = 'https://webview.test';
  readonly sent: unknown[] = [];
  readonly receive = new Emitter<unknown>();
  readonly onDidReceiveMessage = this.receive.event;
  asWebviewUri(uri: Uri): string {
    return `${this.cspSource}${uri.path}`;
  }
  async postMessage(message: unknown): Promise<boolean> {
    // As VS Code does: a structured copy.
    this.sent.push(structuredClone(message));
    return true;
  }
}

export class FakeWebviewPanel {
  readonly webview = new FakeWebview();
  readonly disposed = new Emitter<void>();
  readonly onDidDispose = this.disposed.event;
  viewColumn = 2;
  revealed = 0;
  isDisposed = false;
  constructor(
    readonly viewType: string,
    public title: string,
    readonly options: Record<string, unknown>,
  ) {}
  reveal(): void {
    this.revealed++;
  }
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.disposed.fire();
  }
}

interface Diagnostic {
  range: Range;
  severity: number;
  message: string;
  source?: string;
}

/** Everything the fake records and the events a test fires. */
export function createFakeVscode() {
  const events = {
    activeEditor: new Emitter<TextEditor | undefined>(),
    documentChange: new Emitter<{ document: TextDocument; contentChanges: unknown[] }>(),
    selection: new Emitter<{ textEditor: TextEditor }>(),
    diagnostics: new Emitter<{ uris: Uri[] }>(),
    debugEvent: new Emitter<{ session: { id: string; type: string }; event: string; body: unknown }>(),
    debugEnd: new Emitter<{ id: string; type: string }>(),
  };
  const state = {
    panels: [] as FakeWebviewPanel[],
    editors: [] as TextEditor[],
    activeEditor: undefined as TextEditor | undefined,
    diagnostics: new Map<string, Diagnostic[]>(),
    commands: new Map<string, (...args: unknown[]) => unknown>(),
    contexts: new Map<string, unknown>(),
    logs: [] as string[],
    information: [] as string[],
    errors: [] as string[],
    statusMessages: [] as string[],
    saveDialogAnswer: undefined as Uri | undefined,
    saveDialogs: [] as Record<string, unknown>[],
    written: new Map<string, Uint8Array>(),
    shown: [] as { document: TextDocument; options: Record<string, unknown> }[],
  };
  const api = {
    Uri,
    Position,
    Range,
    Selection,
    ViewColumn: { One: 1, Two: 2, Beside: -2 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
    window: {
      get activeTextEditor() {
        return state.activeEditor;
      },
      get visibleTextEditors() {
        return state.editors;
      },
      onDidChangeActiveTextEditor: events.activeEditor.event,
      onDidChangeTextEditorSelection: events.selection.event,
      createWebviewPanel: (viewType: string, title: string, _column: unknown, options: Record<string, unknown>) => {
        const panel = new FakeWebviewPanel(viewType, title, options);
        state.panels.push(panel);
        return panel;
      },
      createOutputChannel: () => ({
        info: (message: string) => state.logs.push(`info ${message}`),
        warn: (message: string) => state.logs.push(`warn ${message}`),
        error: (message: string) => state.logs.push(`error ${message}`),
        dispose: () => undefined,
      }),
      showTextDocument: async (document: TextDocument, options: { selection?: Range; viewColumn?: number }) => {
        state.shown.push({ document, options });
        let editor = state.editors.find((candidate) => candidate.document === document);
        if (!editor) state.editors.push((editor = new TextEditor(document, options.viewColumn)));
        if (options.selection) editor.selection = new Selection(options.selection.start, options.selection.end);
        return editor;
      },
      setStatusBarMessage: (message: string) => {
        state.statusMessages.push(message);
        return { dispose: () => undefined };
      },
      showSaveDialog: async (options: Record<string, unknown>) => {
        state.saveDialogs.push(options);
        return state.saveDialogAnswer;
      },
      showInformationMessage: async (message: string) => {
        state.information.push(message);
      },
      showErrorMessage: async (message: string) => {
        state.errors.push(message);
      },
    },
    workspace: {
      onDidChangeTextDocument: events.documentChange.event,
      workspaceFolders: undefined,
      openTextDocument: async (uri: Uri) => {
        const editor = state.editors.find((candidate) => candidate.document.uri.toString() === uri.toString());
        if (!editor) throw new Error(`no document ${uri.toString()}`);
        return editor.document;
      },
      asRelativePath: (uri: Uri) => uri.path,
      fs: {
        writeFile: async (uri: Uri, bytes: Uint8Array) => {
          state.written.set(uri.toString(), bytes);
        },
      },
    },
    languages: {
      getDiagnostics: (uri: Uri) => state.diagnostics.get(uri.toString()) ?? [],
      onDidChangeDiagnostics: events.diagnostics.event,
    },
    commands: {
      registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
        state.commands.set(id, run);
        return { dispose: () => state.commands.delete(id) };
      },
      executeCommand: async (id: string, ...args: unknown[]) => {
        if (id === 'setContext') state.contexts.set(String(args[0]), args[1]);
        else return state.commands.get(id)?.(...args);
      },
    },
    debug: {
      onDidReceiveDebugSessionCustomEvent: events.debugEvent.event,
      onDidTerminateDebugSession: events.debugEnd.event,
    },
  };
  return { api, events, state };
}

export type FakeVscode = ReturnType<typeof createFakeVscode>;

/** Makes `require('vscode')` return the fake (the real module exists only inside VS Code). */
export function installFakeVscode(fake: FakeVscode): void {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function load(request: string, ...rest: unknown[]) {
    return request === 'vscode' ? fake.api : original.call(this, request, ...rest);
  };
}
