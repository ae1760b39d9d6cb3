/** The command line of `statecraft lint`, parsed and checked before any file is read. */
import { isRuleCode, RULE_CODES, SEVERITY_SETTINGS, type SeveritySetting } from '../service/ruleCodes';
import { closest, didYouMean } from '../service/suggest';
import type { RuleSeverities } from '../service/validation';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface LintOptions {
  help: boolean;
  format: OutputFormat;
  /** Severity overrides from `--rule code=severity`, the last one winning. */
  rules: RuleSeverities;
  /** File paths and glob patterns, in the order given. */
  patterns: string[];
}

/** Parsed options, or the one-line reason the command line is wrong. */
export type ParsedLintArgs = { ok: true; options: LintOptions } | Failure;

interface Failure {
  ok: false;
  reason: string;
}

export function parseLintArgs(args: readonly string[]): ParsedLintArgs {
  const options: LintOptions = { help: false, format: 'text', rules: {}, patterns: [] };
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (optionsEnded || !arg.startsWith('-')) {
      options.patterns.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    // `--format=json` and `--format json` are the same.
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = equals > 0 ? arg.slice(0, equals) : arg;
    const value = (): string | undefined => (equals > 0 ? arg.slice(equals + 1) : args[++i]);
    switch (flag) {
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '-f':
      case '--format': {
        const format = value();
        if (format === undefined) return fail(`${flag} needs a value: ${OUTPUT_FORMATS.join(', ')}`);
        if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
          return fail(`unknown format \`${format}\`; expected ${OUTPUT_FORMATS.join(', ')}`);
        }
        options.format = format as OutputFormat;
        break;
      }
      case '--rule': {
        const setting = value();
        if (setting === undefined) return fail('--rule needs a value such as `choice-no-default=off`');
        const override = parseRuleOverride(setting);
        if (!override.ok) return override;
        options.rules[override.code] = override.severity;
        break;
      }
      default:
        return fail(`unknown option \`${arg}\``);
    }
  }
  return { ok: true, options };
}

function parseRuleOverride(setting: string): { ok: true; code: string; severity: SeveritySetting } | Failure {
  const equals = setting.lastIndexOf('=');
  if (equals <= 0) return fail(`--rule expects \`code=severity\`, got \`${setting}\``);
  const code = setting.slice(0, equals);
  const severity = setting.slice(equals + 1);
  if (!isRuleCode(code)) return fail(`unknown rule code \`${code}\`${didYouMean(closest(code, Object.keys(RULE_CODES)))}`);
  if (!(SEVERITY_SETTINGS as readonly string[]).includes(severity)) {
    return fail(`unknown severity \`${severity}\` for \`${code}\`; expected ${SEVERITY_SETTINGS.join(', ')}`);
  }
  return { ok: true, code, severity: severity as SeveritySetting };
}

function fail(reason: string): Failure {
  return { ok: false, reason };
}
