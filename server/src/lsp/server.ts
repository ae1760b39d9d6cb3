/**
 * The language server: connection wiring only; the language service does the work.
 *
 * - Every handler is guarded: a bug yields a log line (and, inside a rule, an `internal-error`
 *   diagnostic), never a dead server.
 * - It re-validates only what it must: a document is validated after a pause in typing (the
 *   pending run is cancelled when a newer version arrives), and never twice for the same version
 *   and the same settings; a settings change that changes nothing re-validates nothing.
 * - Closing a document clears its diagnostics.
 */
import {
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentSyncOptions,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import packageJson from '../../../package.json';
import { getEditingService } from '../service/editingService';
import type { Rule } from '../service/rule';
import { getLanguageService, type LanguageSettings } from '../service/languageService';
import { registerEditingFeatures } from './editingFeatures';
import { isRuleCode, RULE_CODES, SEVERITY_SETTINGS, type SeveritySetting } from '../service/ruleCodes';
import { closest, didYouMean } from '../service/suggest';

export interface ServerSettings extends LanguageSettings {
  validation?: { delay?: number };
}

export interface ServerOptions {
  /** The rules to run (all of them by default); tests pass failing rules to check the guards. */
  rules?: readonly Rule[];
}

const DEFAULT_DELAY_MS = 200;
const TEXT_DOCUMENT_SYNC: TextDocumentSyncOptions = { openClose: true, change: TextDocumentSyncKind.Incremental };

/** What a document's published diagnostics were computed from. */
interface Validated {
  version: number;
  settingsGeneration: number;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const log = (message: string) => connection.console.error(message);
  const documents = new TextDocuments(TextDocument);
  const service = getLanguageService({ log, rules: options.rules });
  // Diagnostics and editing features share one parse per document version.
  const editing = getEditingService({ parse: (document) => service.parseAslDocument(document), log });
  const pending = new Map<string, NodeJS.Timeout>();
  const validated = new Map<string, Validated>();
  let delay = DEFAULT_DELAY_MS;
  let pullConfiguration = false;
  let shuttingDown = false;
  /** Bumped whenever the effective rule severities change; every document is then stale. */
  let settingsGeneration = 0;
  let rulesKey = settingsKey({});

  function guard<A extends unknown[], R>(name: string, handler: (...args: A) => R, fallback: R): (...args: A) => R {
    return (...args: A) => {
      try {
        return handler(...args);
      } catch (error) {
        log(`${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
        return fallback;
      }
    };
  }

  function send(uri: string, version: number | undefined, diagnostics: ReturnType<typeof service.doValidation>): void {
    connection.sendDiagnostics({ uri, version, diagnostics }).catch((error: unknown) => {
      log(`Publishing diagnostics for ${uri} failed: ${String(error)}`);
    });
  }

  const validateNow = guard(
    'validation',
    (uri: string) => {
      pending.delete(uri);
      const document = documents.get(uri);
      if (!document || shuttingDown) return; // closed meanwhile
      const last = validated.get(uri);
      if (last && last.version === document.version && last.settingsGeneration === settingsGeneration) return;
      const diagnostics = service.doValidation(document);
      validated.set(uri, { version: document.version, settingsGeneration });
      send(uri, document.version, diagnostics);
    },
    undefined,
  );

  /** (Re)starts the countdown for a document: a newer version cancels the pending run. */
  function schedule(uri: string, wait: number): void {
    cancel(uri);
    if (shuttingDown) return;
    pending.set(uri, setTimeout(() => validateNow(uri), wait));
  }

  function cancel(uri: string): void {
    const timer = pending.get(uri);
    if (timer) clearTimeout(timer);
    pending.delete(uri);
  }

  function applySettings(raw: unknown): void {
    const settings = sanitizeSettings(raw, (problem) => connection.console.warn(`Settings: ${problem}`));
    delay = settings.validation?.delay ?? DEFAULT_DELAY_MS;
    const key = settingsKey(settings);
    if (key === rulesKey) return; // nothing that changes a diagnostic
    rulesKey = key;
    settingsGeneration++;
    service.configure({ rules: settings.rules });
    for (const document of documents.all()) schedule(document.uri, 0);
  }

  async function fetchSettings(): Promise<void> {
    try {
      const [statecraft] = await connection.workspace.getConfiguration([{ section: 'statecraft' }]);
      applySettings(statecraft);
    } catch (error) {
      log(`Reading settings failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  connection.onInitialize(
    guard(
      'initialize',
      (params: InitializeParams): InitializeResult => {
        pullConfiguration = !!params.capabilities?.workspace?.configuration;
        const initial = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
        if (initial !== undefined) applySettings(initial);
        const editingCapabilities = registerEditingFeatures(connection, documents, editing, params.capabilities);
        return {
          capabilities: { textDocumentSync: TEXT_DOCUMENT_SYNC, ...editingCapabilities },
          serverInfo: { name: 'statecraft', version: packageJson.version },
        };
      },
      { capabilities: { textDocumentSync: TEXT_DOCUMENT_SYNC } },
    ),
  );

  connection.onInitialized(
    guard(
      'initialized',
      () => {
        if (!pullConfiguration) return;
        connection.client.register(DidChangeConfigurationNotification.type, { section: 'statecraft' }).catch((error: unknown) => {
          log(`Registering for settings changes failed: ${String(error)}`);
        });
        void fetchSettings();
      },
      undefined,
    ),
  );

  connection.onDidChangeConfiguration(
    guard(
      'didChangeConfiguration',
      (change) => {
        // Clients that pull settings send an empty notification: the settings must be asked for.
        const pushed = (change?.settings as { statecraft?: unknown } | null | undefined)?.statecraft;
        if (pullConfiguration) void fetchSettings();
        else if (pushed !== undefined) applySettings(pushed);
      },
      undefined,
    ),
  );

  // Fires on open too: a document seen for the first time is validated at once, later versions
  // after a pause in typing.
  documents.onDidChangeContent(
    guard(
      'didChange',
      (event) => {
        const { uri } = event.document;
        const firstTime = !validated.has(uri) && !pending.has(uri);
        schedule(uri, firstTime ? 0 : delay);
      },
      undefined,
    ),
  );
  documents.onDidClose(
    guard(
      'didClose',
      (event) => {
        cancel(event.document.uri);
        validated.delete(event.document.uri);
        send(event.document.uri, undefined, []);
      },
      undefined,
    ),
  );

  connection.onShutdown(
    guard(
      'shutdown',
      () => {
        shuttingDown = true;
        for (const uri of [...pending.keys()]) cancel(uri);
      },
      undefined,
    ),
  );

  documents.listen(connection);
  connection.listen();
}

/**
 * Accepts only well-formed settings; anything else falls back to defaults rather than failing, and
 * is reported through `warn` so that a misspelt code does not go silently unheeded.
 */
export function sanitizeSettings(raw: unknown, warn: (problem: string) => void = () => undefined): ServerSettings {
  const settings: ServerSettings = {};
  if (!raw || typeof raw !== 'object') return settings;
  const { rules, validation } = raw as { rules?: unknown; validation?: unknown };
  if (rules && typeof rules === 'object') {
    settings.rules = {};
    for (const [code, value] of Object.entries(rules)) {
      if (!isRuleCode(code)) {
        warn(`\`statecraft.rules\` names no rule \`${code}\`${didYouMean(closest(code, Object.keys(RULE_CODES)))}`);
      } else if (typeof value !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(value)) {
        warn(`\`statecraft.rules\` sets \`${code}\` to ${JSON.stringify(value)}; expected one of ${SEVERITY_SETTINGS.join(', ')}`);
      } else {
        settings.rules[code] = value as SeveritySetting;
      }
    }
  }
  if (validation && typeof validation === 'object') {
    const value = (validation as { delay?: unknown }).delay;
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) settings.validation = { delay: value };
    else if (value !== undefined) warn(`\`statecraft.validation.delay\` is ${JSON.stringify(value)}; expected a number of milliseconds, 0 or more`);
  }
  return settings;
}

/** A canonical text of the rule severities, to tell a real change from a repeated notification. */
function settingsKey(settings: LanguageSettings): string {
  const entries = Object.entries(settings.rules ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}
