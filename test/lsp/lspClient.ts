/**
 * A minimal LSP client for protocol tests: real JSON-RPC over streams, either to the bundled
 * `dist/server.js` in a child process or to `startServer` in this process (to inject faults).
 * It records every `publishDiagnostics` and lets a test wait for the one it expects (by document
 * version, or the next one after a point) instead of sleeping, so the tests hold on a loaded machine.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import {
  ConfigurationRequest,
  createConnection,
  createMessageConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeParams,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from '../../server/src/lsp/server';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist', 'server.js');

/** Long enough for a loaded 2-core machine; a test that waits this long has failed anyway. */
const WAIT_MS = 30_000;

export class LspClient {
  readonly publications: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  /** What the client answers to `workspace/configuration` for the `statecraft` section. */
  settings: unknown = {};
  configurationRequests = 0;
  private waiters: (() => void)[] = [];

  constructor(
    readonly connection: MessageConnection,
    private readonly stopped: Promise<number | null>,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.publications.push(params);
      this.wake();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
      this.wake();
    });
    connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests++;
      this.wake();
      return params.items.map((item) => (item.section === 'statecraft' ? this.settings : null));
    });
    connection.onRequest(RegistrationRequest.type, () => null);
    connection.listen();
  }

  async initialize(overrides: Partial<InitializeParams> = {}): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          // As VS Code announces: definitions answer with links.
          definition: { linkSupport: true },
        },
      },
      ...overrides,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'asl', version, text },
    });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  changeConfiguration(settings: unknown = null): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** The index the next publication will get: pass it to `publication` as `since`. */
  mark(): number {
    return this.publications.length;
  }

  /** The first publication for `uri` at index `since` or later that satisfies `accept`. */
  publication(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    since = 0,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`diagnostics for ${uri}`, () =>
      this.publications.slice(since).find((params) => params.uri === uri && accept(params)),
    );
  }

  /** The diagnostics published for exactly this version of a document (at index `since` or later). */
  diagnosticsOf(uri: string, version: number, since = 0): Promise<PublishDiagnosticsParams> {
    return this.publication(uri, (params) => params.version === version, since);
  }

  /** Resolves once `probe` returns something, checking after every message from the server. */
  waitFor<T>(what: string, probe: () => T | undefined | false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = probe();
        if (found === undefined || found === false) return false;
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== onMessage);
        const seen = this.publications.map((p) => `${p.uri}@${p.version ?? '-'}:${p.diagnostics.length}`).join(', ');
        reject(new Error(`Timed out waiting for ${what}; publications so far: [${seen}]; logs: ${this.logs.join(' | ')}`));
      }, WAIT_MS);
      const onMessage = () => {
        if (check()) this.waiters = this.waiters.filter((waiter) => waiter !== onMessage);
      };
      if (!check()) this.waiters.push(onMessage);
    });
  }

  /** Proves the server still reads and answers requests: an unknown method gets an error reply. */
  async ping(): Promise<number> {
    try {
      await this.connection.sendRequest('statecraft/noSuchMethod', {});
      return 0;
    } catch (error) {
      return (error as { code: number }).code;
    }
  }

  /** `shutdown` then `exit`; resolves with the server's exit code (null in process). */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    return this.stopped;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

export interface SpawnedServer {
  client: LspClient;
  child: ChildProcessWithoutNullStreams;
  stderr: () => string;
  /** Kills the process if a test left it running. */
  dispose(): void;
}

/** `node dist/server.js --stdio`, as an editor starts it. */
export function spawnServer(): SpawnedServer {
  const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  // The pipe closes when the server exits; the test sees that through `exited`, not as an error.
  child.stdin.on('error', () => undefined);
  return {
    client: new LspClient(connection, exited),
    child,
    stderr: () => stderr,
    dispose() {
      connection.dispose();
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}

/**
 * `startServer` in this process over in-memory streams, for what only an in-process server can
 * show (rules that throw). The streams are never ended: the server library exits the process when
 * its input ends.
 */
export function inProcessServer(options: ServerOptions): { client: LspClient; dispose(): void } {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConnection, options);
  const clientConnection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const client = new LspClient(clientConnection, Promise.resolve(null));
  return {
    client,
    dispose() {
      clientConnection.dispose();
      serverConnection.dispose();
    },
  };
}
