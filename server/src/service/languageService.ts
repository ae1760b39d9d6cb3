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
import { parseAsl } from '../asl/parse';
import type { Rule } from './rule';
import { ruleDocsUrl } from './ruleCodes';
import { RULES } from './rules';
import { internalErrorDiagnostic, validate, type RuleSeverities, type SeverityDiagnostic } from './validation';

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
  // One parse per document version: every feature asking about the same version shares it.
  const cache = new WeakMap<TextDocument, { version: number; asl: AslDocument }>();

  function parseAslDocument(document: TextDocument): AslDocument {
    const cached = cache.get(document);
    if (cached && cached.version === document.version) return cached.asl;
    const asl = parseAsl(document.getText());
    cache.set(document, { version: document.version, asl });
    return asl;
  }

  return {
    configure(next) {
      settings = next;
    },
    parseAslDocument,
    doValidation(document, asl) {
      let diagnostics: SeverityDiagnostic[];
      try {
        diagnostics = validate(asl ?? parseAslDocument(document), { rules: settings.rules, log: options.log }, rules);
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
