/**
 * Runs every rule over a parsed document. One rule's bug never hides another rule's problems:
 * each rule runs guarded, and a failure becomes an `internal-error` diagnostic plus a log line.
 */
import type { AslDocument } from '../asl/model';
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
          diagnostics.push({ code, severity, ...problem });
        },
      });
    } catch (error) {
      const detail = error instanceof Error ? error.stack ?? error.message : String(error);
      options.log?.(`Rule ${rule.name} failed: ${detail}`);
      diagnostics.push({
        code: 'internal-error',
        severity: 'error',
        offset: 0,
        length: 0,
        message: `Internal error in rule \`${rule.name}\`: ${error instanceof Error ? error.message : String(error)}. Other rules still ran.`,
      });
    }
  }
  return diagnostics;
}
