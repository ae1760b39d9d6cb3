/**
 * Every diagnostic code, with its default severity and a one-line summary. This table is the one
 * place these facts live: the validator, the settings, the CLI and the rule pages read it.
 */
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface RuleCodeInfo {
  severity: Severity;
  summary: string;
}

export const RULE_CODES = {
  'json-syntax': { severity: 'error', summary: 'The text is not valid JSON.' },
  'duplicate-key': { severity: 'error', summary: 'A key appears twice in the same object.' },
  'unknown-field': { severity: 'error', summary: 'A field that ASL does not define at this place.' },
  'missing-field': { severity: 'error', summary: 'A required field is missing.' },
  'invalid-type': { severity: 'error', summary: 'A field holds a value of the wrong JSON type.' },
  'invalid-value': { severity: 'error', summary: 'A field holds a value outside what AWS accepts.' },
  'mutually-exclusive-fields': { severity: 'error', summary: 'Fields that cannot be used together.' },
  'unknown-state': { severity: 'error', summary: 'A transition names no state of its scope.' },
  'unreachable-state': { severity: 'error', summary: 'No transition leads to this state.' },
  'missing-transition': { severity: 'error', summary: 'A state has neither `Next` nor `End`.' },
  'end-and-next': { severity: 'error', summary: 'A state has both `Next` and `End`.' },
  'no-terminal-state': { severity: 'error', summary: 'A scope has no terminal state.' },
  'duplicate-state-name': { severity: 'error', summary: 'Two states share a name.' },
  'invalid-state-name': { severity: 'error', summary: 'A state name AWS does not accept.' },
  'infinite-loop': { severity: 'warning', summary: 'States that can never reach a terminal state.' },
  'invalid-path': { severity: 'error', summary: 'A JSONPath with a syntax error.' },
  'invalid-reference-path': { severity: 'error', summary: 'A path that must be a reference path (no filters or wildcards).' },
  'no-path': { severity: 'error', summary: 'A `.$` key whose value is not a path or intrinsic function.' },
  'no-dollar': { severity: 'warning', summary: 'A value that looks like a path under a key without `.$`.' },
  'invalid-intrinsic': { severity: 'error', summary: 'An invalid intrinsic function call.' },
  'invalid-jsonata': { severity: 'error', summary: 'A JSONata expression with a syntax error.' },
  'query-language-field': { severity: 'error', summary: "A field of the other query language than the state's." },
  'undefined-variable': { severity: 'warning', summary: 'A variable read where no upstream `Assign` defines it.' },
  'unknown-error-name': { severity: 'error', summary: 'A `States.*` error name that AWS does not define.' },
  'states-all-position': { severity: 'error', summary: '`States.ALL` not alone or not in the last retrier or catcher.' },
  'choice-rule': { severity: 'error', summary: 'A malformed Choice rule.' },
  'choice-no-default': { severity: 'info', summary: 'A Choice state without `Default`.' },
  'invalid-resource': { severity: 'error', summary: 'A Task `Resource` that is not an ARN.' },
  'deprecated-field': { severity: 'warning', summary: 'A field AWS has replaced.' },
  'internal-error': { severity: 'error', summary: 'A rule failed while checking this document.' },
} as const satisfies Record<string, RuleCodeInfo>;

export type RuleCode = keyof typeof RULE_CODES;

export function isRuleCode(code: string): code is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULE_CODES, code);
}

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

export const RULES_DOCS_BASE = 'https://github.com/statecraft/statecraft/blob/main/docs/rules/';

export function ruleDocsUrl(code: RuleCode): string {
  return `${RULES_DOCS_BASE}${code}.md`;
}
