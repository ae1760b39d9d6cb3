/**
 * The language service facade: pure functions over a `TextDocument`, with no knowledge of the
 * protocol connection. The language server, the CLI and the tests all call it.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  Location,
  Range,
} from 'vscode-languageserver-types';
import type { AslDocument } from '../asl/model';
import { parseAsl, updateAsl } from '../asl/parse';
import type { Rule } from './rule';
import { ruleDocsUrl } from './ruleCodes';
import { RULES } from './rules';
import { internalErrorDiagnostic, StateMemory, validate, type RuleSeverities, type SeverityDiagnostic } from './validation';

export interface LanguageSettings {
  rules?: RuleSeverities;
}

export interface LanguageServiceOptions {
  log?: (message: string) => void;
  /** The rules to run; all of them unless a caller (a test) narrows or extends the set. */
  rules?: readonly Rule[];
}

export interface LanguageService {
  configure(settings: LanguageSettings): void;
  parseAslDocument(document: TextDocument): AslDocument;
  doValidation(document: TextDocument, asl?: AslDocument): Diagnostic[];
}

const SEVERITIES = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

export const DIAGNOSTIC_SOURCE = 'statecraft';

export function getLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  let settings: LanguageSettings = {};
  const rules = options.rules ?? RULES;
  // One parse per document version: every feature asking about the same version shares it. A new
  // version updates the previous version's tree where the edit allows (`updateAsl`), and the
  // validation of a version reuses what the previous ones found in the states the edit left alone.
  const cache = new WeakMap<TextDocument, { version: number; asl: AslDocument; memory: StateMemory }>();

  function cached(document: TextDocument): { version: number; asl: AslDocument; memory: StateMemory } {
    const known = cache.get(document);
    if (known && known.version === document.version) return known;
    const text = document.getText();
    // `updateAsl` takes over the previous version's tree: should it fail half-way, nothing is left to reuse.
    cache.delete(document);
    const asl = known ? updateAsl(known.asl, text) : parseAsl(text);
    const entry = { version: document.version, asl, memory: known?.memory ?? new StateMemory() };
    cache.set(document, entry);
    return entry;
  }

  function parseAslDocument(document: TextDocument): AslDocument {
    return cached(document).asl;
  }

  return {
    configure(next) {
      settings = next;
    },
    parseAslDocument,
    doValidation(document, asl) {
      let diagnostics: SeverityDiagnostic[];
      try {
        const entry = asl ? cache.get(document) : cached(document);
        const memory = entry && (!asl || entry.asl === asl) ? entry.memory : undefined;
        diagnostics = validate(asl ?? entry!.asl, { rules: settings.rules, log: options.log, memory }, rules);
      } catch (error) {
        // Rules are guarded one by one inside `validate`; this catches a failure of the parser itself,
        // so the document still gets a diagnostic instead of silently keeping stale ones.
        diagnostics = [internalErrorDiagnostic('the parser', error, options.log, 'No rule could run.')];
      }
      return diagnostics.map((d) => toLspDiagnostic(document, d));
    },
  };
}

export function toLspDiagnostic(document: TextDocument, diagnostic: SeverityDiagnostic): Diagnostic {
  const range = Range.create(
    document.positionAt(diagnostic.offset),
    document.positionAt(diagnostic.offset + diagnostic.length),
  );
  const result: Diagnostic = {
    range,
    severity: SEVERITIES[diagnostic.severity],
    code: diagnostic.code,
    codeDescription: { href: ruleDocsUrl(diagnostic.code) },
    source: DIAGNOSTIC_SOURCE,
    message: diagnostic.message,
    data: { code: diagnostic.code, ...diagnostic.data },
  };
  if (diagnostic.related?.length) {
    result.relatedInformation = diagnostic.related.map((related) =>
      DiagnosticRelatedInformation.create(
        Location.create(
          document.uri,
          Range.create(document.positionAt(related.offset), document.positionAt(related.offset + related.length)),
        ),
        related.message,
      ),
    );
  }
  return result;
}
