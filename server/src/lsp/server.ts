/**
 * The language server: connection wiring only. Every handler is guarded so a bug yields a logged
 * error, never a dead server; the language service does the work.
 */
import {
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type LanguageSettings } from '../service/languageService';
import { SEVERITY_SETTINGS, type SeveritySetting } from '../service/ruleCodes';

export interface ServerSettings extends LanguageSettings {
  validation?: { delay?: number };
}

const DEFAULT_DELAY_MS = 200;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const service = getLanguageService({ log: (message) => connection.console.error(message) });
  const pending = new Map<string, NodeJS.Timeout>();
  let delay = DEFAULT_DELAY_MS;
  let pullConfiguration = false;

  function guard<A extends unknown[], R>(name: string, handler: (...args: A) => R, fallback: R): (...args: A) => R {
    return (...args: A) => {
      try {
        return handler(...args);
      } catch (error) {
        connection.console.error(`${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
        return fallback;
      }
    };
  }

  const validateNow = guard(
    'validation',
    (document: TextDocument) => {
      pending.delete(document.uri);
      const current = documents.get(document.uri);
      if (!current || current.version !== document.version) return; // a newer version is on its way
      void connection.sendDiagnostics({
        uri: document.uri,
        version: document.version,
        diagnostics: service.doValidation(document),
      });
    },
    undefined,
  );

  function schedule(document: TextDocument, wait: number): void {
    const timer = pending.get(document.uri);
    if (timer) clearTimeout(timer);
    pending.set(document.uri, setTimeout(() => validateNow(document), wait));
  }

  function revalidateAll(): void {
    for (const document of documents.all()) schedule(document, 0);
  }

  async function applySettings(raw: unknown): Promise<void> {
    const settings = sanitizeSettings(raw);
    service.configure({ rules: settings.rules });
    delay = settings.validation?.delay ?? DEFAULT_DELAY_MS;
    revalidateAll();
  }

  async function fetchSettings(): Promise<void> {
    try {
      const [statecraft] = await connection.workspace.getConfiguration([{ section: 'statecraft' }]);
      await applySettings(statecraft);
    } catch (error) {
      connection.console.error(`Reading settings failed: ${String(error)}`);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    const initial = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    if (initial !== undefined) void applySettings(initial);
    return {
      capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
      serverInfo: { name: 'statecraft', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'statecraft' }).catch(() => undefined);
      void fetchSettings();
    }
  });

  connection.onDidChangeConfiguration(
    guard(
      'didChangeConfiguration',
      (change) => {
        const pushed = (change.settings as { statecraft?: unknown } | null | undefined)?.statecraft;
        if (pushed !== undefined) void applySettings(pushed);
        else if (pullConfiguration) void fetchSettings();
      },
      undefined,
    ),
  );

  documents.onDidOpen(guard('didOpen', (event) => schedule(event.document, 0), undefined));
  documents.onDidChangeContent(guard('didChange', (event) => schedule(event.document, delay), undefined));
  documents.onDidClose(
    guard(
      'didClose',
      (event) => {
        const timer = pending.get(event.document.uri);
        if (timer) clearTimeout(timer);
        pending.delete(event.document.uri);
        void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
      },
      undefined,
    ),
  );

  documents.listen(connection);
  connection.listen();
}

/** Accepts only well-formed settings; anything else falls back to defaults rather than failing. */
export function sanitizeSettings(raw: unknown): ServerSettings {
  const settings: ServerSettings = {};
  if (!raw || typeof raw !== 'object') return settings;
  const { rules, validation } = raw as { rules?: unknown; validation?: unknown };
  if (rules && typeof rules === 'object') {
    settings.rules = {};
    for (const [code, value] of Object.entries(rules)) {
      if (typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value)) {
        settings.rules[code] = value as SeveritySetting;
      }
    }
  }
  if (validation && typeof validation === 'object') {
    const value = (validation as { delay?: unknown }).delay;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) settings.validation = { delay: value };
  }
  return settings;
}
