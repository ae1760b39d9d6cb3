/**
 * Runs every rule over a parsed document. One rule's bug never hides another rule's problems:
 * each rule runs guarded, and a failure becomes an `internal-error` diagnostic plus a log line.
 */
import type { AslDocument, TextSpan } from '../asl/model';
import type { AslDiagnostic, Rule } from './rule';
import { RULES } from './rules';
import { RULE_CODES, type RuleCode, type Severity, type SeveritySetting } from './ruleCodes';

export type RuleSeverities = Partial<Record<string, SeveritySetting>>;

export interface ValidationOptions {
  /** Severity overrides by rule code (the `statecraft.rules` setting). */
  rules?: RuleSeverities;
  /** Where internal errors are logged. */
  log?: (message: string) => void;
}

export interface SeverityDiagnostic extends AslDiagnostic {
  severity: Severity;
}

export function effectiveSeverity(code: RuleCode, overrides: RuleSeverities | undefined): SeveritySetting {
  const override = overrides?.[code];
  return override ?? RULE_CODES[code].severity;
}

export function validate(
  doc: AslDocument,
  options: ValidationOptions = {},
  rules: readonly Rule[] = RULES,
): SeverityDiagnostic[] {
  const diagnostics: SeverityDiagnostic[] = [];
  for (const rule of rules) {
    if (rule.codes.every((code) => effectiveSeverity(code, options.rules) === 'off')) continue;
    try {
      rule.check({
        doc,
        report(code, problem) {
          const severity = effectiveSeverity(code, options.rules);
          if (severity === 'off') return;
          diagnostics.push({ code, severity, ...problem, ...spanWithin(doc.text, problem, rule, options.log) });
        },
      });
    } catch (error) {
      const internal = internalErrorDiagnostic(`rule \`${rule.name}\``, error, options.log, 'The other rules still ran.');
      const severity = effectiveSeverity('internal-error', options.rules);
      if (severity !== 'off') diagnostics.push({ ...internal, severity });
    }
  }
  return diagnostics;
}

/**
 * The reported span, clamped to the text. A span that starts outside the text is a bug of the rule:
 * it is logged (tests watch the log) and the problem is still shown, at the nearest place that exists.
 * A span running past the end is only cut: problems at the end of a truncated text point there.
 */
function spanWithin(text: string, span: TextSpan, rule: Rule, log: ((message: string) => void) | undefined): TextSpan {
  const { offset, length } = span;
  const valid = Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0 && offset <= text.length;
  if (valid) return { offset, length: Math.min(length, text.length - offset) };
  log?.(`Rule ${rule.name} reported a span outside the document: offset ${offset}, length ${length}, text length ${text.length}.`);
  const start = Number.isFinite(offset) ? Math.min(Math.max(0, Math.trunc(offset)), text.length) : 0;
  const size = Number.isFinite(length) ? Math.min(Math.max(0, Math.trunc(length)), text.length - start) : 0;
  return { offset: start, length: size };
}

/**
 * The diagnostic standing for a failure of the checker itself (`what`: "rule `x`", "the parser"),
 * at the start of the document since the failure belongs to no particular place. The stack goes to
 * the log, the message (with `consequence`, what still ran) to the user.
 */
export function internalErrorDiagnostic(
  what: string,
  error: unknown,
  log: ((message: string) => void) | undefined,
  consequence: string,
): SeverityDiagnostic {
  const detail = error instanceof Error ? error.stack ?? error.message : String(error);
  log?.(`Internal error in ${what.replace(/`/g, '')}: ${detail}`);
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal-error',
    severity: 'error',
    offset: 0,
    length: 0,
    message: `Internal error in ${what}: ${reason}. ${consequence} Please report this with the document.`,
  };
}
