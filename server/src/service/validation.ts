/**
 * Runs every rule over a parsed document. One rule's bug never hides another rule's problems:
 * each rule runs guarded, and a failure becomes an `internal-error` diagnostic plus a log line.
 */
import { contentRevision } from '../asl/incremental';
import type { AslDocument, JsonNode, State, TextSpan } from '../asl/model';
import type { AslDiagnostic, Rule, RuleContext } from './rule';
import { RULES } from './rules';
import { RULE_CODES, type RuleCode, type Severity, type SeveritySetting } from './ruleCodes';
import { stateFactsList } from './stateFacts';

export type RuleSeverities = Partial<Record<string, SeveritySetting>>;

export interface ValidationOptions {
  /** Severity overrides by rule code (the `statecraft.rules` setting). */
  rules?: RuleSeverities;
  /** Where internal errors are logged. */
  log?: (message: string) => void;
  /** What earlier validations of this document found in its states, to reuse (see `StateMemory`). */
  memory?: StateMemory;
}

export interface SeverityDiagnostic extends AslDiagnostic {
  severity: Severity;
}

export function effectiveSeverity(code: RuleCode, overrides: RuleSeverities | undefined): SeveritySetting {
  const override = overrides?.[code];
  return override ?? RULE_CODES[code].severity;
}

/** What a rule found in one state on its own, at offsets from the start of the state (its name). */
interface StateFindings {
  problems: AslDiagnostic[];
  gathered: unknown[];
}

interface RememberedState {
  /** The `contentRevision` of the state's property node when the findings were made. */
  revision: number;
  /** The state's facts (`stateFacts`) then. */
  facts: string;
  /** The per-state rules the findings are of (a `stateRulesKey`). */
  rules: string;
  /** What each of those rules found, by its position; missing where it has not run yet. */
  findings: (StateFindings | undefined)[];
  /** Once every rule ran: the positions of the rules that found something. */
  found?: number[];
}

/**
 * What the per-state checks found in each state of one document, kept from one validation to the
 * next while the document is edited. A state's findings are reused as long as its property node
 * (`"Name": {...}`) stays in the tree with the same content revision (see `incremental.ts`) and
 * the same facts: a keystroke in one state then costs the checks of that state alone.
 */
export class StateMemory {
  private readonly states = new WeakMap<JsonNode, RememberedState>();

  /** What is remembered of a state, forgotten when the state or the rules changed. */
  remembered(property: JsonNode, facts: string, rules: string): RememberedState {
    const revision = contentRevision(property);
    let remembered = this.states.get(property);
    if (!remembered || remembered.revision !== revision || remembered.facts !== facts || remembered.rules !== rules) {
      remembered = { revision, facts, rules, findings: [] };
      this.states.set(property, remembered);
    }
    return remembered;
  }
}

/** What one rule found in a validation. */
interface RuleOutcome {
  rule: Rule;
  found: SeverityDiagnostic[];
  gathered: Map<State, unknown[]>;
  /** The rule threw: what it found until then, and the internal error, are all it reports. */
  failed: boolean;
}

export function validate(
  doc: AslDocument,
  options: ValidationOptions = {},
  rules: readonly Rule[] = RULES,
): SeverityDiagnostic[] {
  const run = new ValidationRun(doc, options, rules);
  run.checkStates();
  return run.checkDocument();
}

/** One validation: what each rule found, rule by rule. */
class ValidationRun {
  private readonly outcomes: RuleOutcome[];

  constructor(
    private readonly doc: AslDocument,
    private readonly options: ValidationOptions,
    rules: readonly Rule[],
  ) {
    this.outcomes = rules
      .filter((rule) => rule.codes.some((code) => effectiveSeverity(code, options.rules) !== 'off'))
      .map((rule) => ({ rule, found: [], gathered: new Map(), failed: false }));
  }

  /** Every state once, with each per-state rule; of a state seen before, only what was found. */
  checkStates(): void {
    const { doc, options } = this;
    const outcomes = this.outcomes.filter(({ rule }) => rule.checkState || rule.gatherState);
    if (outcomes.length === 0) return;
    const rulesKey = stateRulesKey(outcomes);
    const checker = new StateChecker(doc, options.log);
    const facts = stateFactsList(doc);
    let anyFailed = false;
    doc.states.forEach((state, position) => {
      const property = state.nameNode.parent!;
      const start = property.offset;
      const remembered = options.memory?.remembered(property, facts[position].key, rulesKey);
      const findings = remembered?.findings ?? [];
      const deliver = (index: number) => {
        const outcome = outcomes[index];
        const found = findings[index]!;
        for (const problem of found.problems) this.add(outcome, moved(problem, start));
        if (found.gathered.length > 0) outcome.gathered.set(state, found.gathered);
      };
      if (remembered?.found && !anyFailed) {
        remembered.found.forEach(deliver);
        return;
      }
      // The positions of the rules that found something, unless some rule could not run.
      let found: number[] | undefined = [];
      outcomes.forEach((outcome, index) => {
        if (outcome.failed) {
          found = undefined;
          return;
        }
        if (!findings[index]) {
          try {
            findings[index] = checker.findings(outcome.rule, state, start);
          } catch (error) {
            if (!(error instanceof RuleFailure)) throw error;
            for (const problem of error.partial) this.add(outcome, moved(problem, start));
            this.fail(outcome, error.cause);
            anyFailed = true;
            found = undefined;
            return;
          }
        }
        if (findings[index] === NOTHING) return;
        found?.push(index);
        deliver(index);
      });
      if (remembered && found) remembered.found = found;
    });
  }

  /** The whole-document checks, then every rule's problems in the order of the rules. */
  checkDocument(): SeverityDiagnostic[] {
    const { doc, options } = this;
    const diagnostics: SeverityDiagnostic[] = [];
    for (const outcome of this.outcomes) {
      const { rule } = outcome;
      const reused = rule.modelOnly ? reusedProblems(doc, rule) : undefined;
      if (reused) {
        for (const problem of reused) this.add(outcome, problem);
      } else if (rule.check && !outcome.failed) {
        const reported: AslDiagnostic[] = [];
        const context: RuleContext = {
          doc,
          report: (code, problem) => {
            const diagnostic = { code, ...problem, ...spanWithin(doc.text, problem, rule, options.log) };
            reported.push(diagnostic);
            this.add(outcome, diagnostic);
          },
        };
        try {
          rule.check(context, outcome.gathered);
          if (rule.modelOnly) rememberProblems(doc, rule, reported);
        } catch (error) {
          this.fail(outcome, error);
        }
      }
      // A stable sort: problems at the same place keep the order the rule gave them.
      if (rule.textOrder && !outcome.failed) outcome.found.sort((a, b) => a.offset - b.offset);
      diagnostics.push(...outcome.found);
    }
    return diagnostics;
  }

  private add(outcome: RuleOutcome, { code, ...problem }: AslDiagnostic): void {
    const severity = effectiveSeverity(code, this.options.rules);
    if (severity !== 'off') outcome.found.push({ code, severity, ...problem });
  }

  private fail(outcome: RuleOutcome, error: unknown): void {
    outcome.failed = true;
    const internal = internalErrorDiagnostic(`rule \`${outcome.rule.name}\``, error, this.options.log, 'The other rules still ran.');
    const severity = effectiveSeverity('internal-error', this.options.rules);
    if (severity !== 'off') outcome.found.push({ ...internal, severity });
  }
}

/** A place in the text, by the node that starts there: nodes move with the edits before them. */
interface Anchor {
  node: JsonNode;
  revision: number;
}

interface AnchoredProblem {
  problem: AslDiagnostic;
  at: Anchor;
  related: Anchor[];
}

/** The problems of `modelOnly` rules, by the model they were found in. */
const modelProblems = new WeakMap<readonly State[], Map<Rule, AnchoredProblem[]>>();

function rememberProblems(doc: AslDocument, rule: Rule, problems: readonly AslDiagnostic[]): void {
  if (!doc.root) return;
  const anchored: AnchoredProblem[] = [];
  for (const problem of problems) {
    const at = anchorAt(doc.root, problem.offset);
    const related = (problem.related ?? []).map((span) => anchorAt(doc.root!, span.offset));
    // A place that no node starts at cannot be followed through edits: the rule runs again.
    if (!at || related.some((anchor) => !anchor)) return;
    anchored.push({ problem, at, related: related as Anchor[] });
  }
  let byRule = modelProblems.get(doc.states);
  if (!byRule) modelProblems.set(doc.states, (byRule = new Map()));
  byRule.set(rule, anchored);
}

/** The problems found in an earlier version with the same model, moved to where they are now. */
function reusedProblems(doc: AslDocument, rule: Rule): AslDiagnostic[] | undefined {
  const anchored = modelProblems.get(doc.states)?.get(rule);
  if (!anchored || !doc.root) return undefined;
  const problems: AslDiagnostic[] = [];
  for (const { problem, at, related } of anchored) {
    if (!isCurrent(doc.root, at) || !related.every((anchor) => isCurrent(doc.root!, anchor))) return undefined;
    const moved: AslDiagnostic = { ...problem, offset: at.node.offset };
    if (problem.related) moved.related = problem.related.map((span, index) => ({ ...span, offset: related[index].node.offset }));
    problems.push(moved);
  }
  return problems;
}

/** The innermost node that starts at `offset`. */
function anchorAt(root: JsonNode, offset: number): Anchor | undefined {
  let found: JsonNode | undefined;
  for (let node: JsonNode | undefined = root; node; ) {
    if (node.offset === offset) found = node;
    const children: readonly JsonNode[] = node.children ?? [];
    node = children[childAt(children, offset)];
  }
  return found && { node: found, revision: contentRevision(found) };
}

/** The index of the child whose span holds `offset`, or -1. */
function childAt(children: readonly JsonNode[], offset: number): number {
  let low = 0;
  let high = children.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const child = children[middle];
    if (offset < child.offset) high = middle - 1;
    else if (offset >= child.offset + child.length) low = middle + 1;
    else return middle;
  }
  return -1;
}

/** The anchor's node is still in the tree, unchanged. */
function isCurrent(root: JsonNode, anchor: Anchor): boolean {
  if (contentRevision(anchor.node) !== anchor.revision) return false;
  for (let node = anchor.node; node !== root; node = node.parent!) {
    const parent = node.parent;
    if (!parent?.children || parent.children[childAt(parent.children, node.offset)] !== node) return false;
  }
  return true;
}

const ruleIds = new WeakMap<Rule, number>();
let lastRuleId = 0;

/** A key for a set of rules, by the identity of each. */
function stateRulesKey(outcomes: readonly RuleOutcome[]): string {
  return outcomes
    .map(({ rule }) => {
      let id = ruleIds.get(rule);
      if (id === undefined) ruleIds.set(rule, (id = ++lastRuleId));
      return id;
    })
    .join(',');
}

/** A rule that threw on a state: what it reported there until then, and what it threw. */
class RuleFailure {
  constructor(
    readonly partial: AslDiagnostic[],
    readonly cause: unknown,
  ) {}
}

/** What a rule finds in most states. */
const NOTHING: StateFindings = { problems: [], gathered: [] };

/** Runs per-state rules on states, one rule and state at a time. */
class StateChecker {
  private problems: AslDiagnostic[] = [];
  private rule!: Rule;
  private start = 0;
  private readonly context: RuleContext;

  constructor(doc: AslDocument, log: ((message: string) => void) | undefined) {
    this.context = {
      doc,
      report: (code, problem) => {
        const diagnostic = { code, ...problem, ...spanWithin(doc.text, problem, this.rule, log) };
        this.problems.push(moved(diagnostic, -this.start));
      },
    };
  }

  /** The findings of a rule in one state, at offsets from `start`. */
  findings(rule: Rule, state: State, start: number): StateFindings {
    this.rule = rule;
    this.start = start;
    this.problems = [];
    let gathered: unknown[] = [];
    try {
      rule.checkState?.(state, this.context);
      if (rule.gatherState) gathered = rule.gatherState(state, this.context);
    } catch (cause) {
      throw new RuleFailure(this.problems, cause);
    }
    return this.problems.length === 0 && gathered.length === 0 ? NOTHING : { problems: this.problems, gathered };
  }
}

/** A diagnostic moved by `delta` characters, with its related spans. */
function moved<T extends AslDiagnostic>(diagnostic: T, delta: number): T {
  const result = { ...diagnostic, offset: diagnostic.offset + delta };
  if (diagnostic.related) result.related = diagnostic.related.map((related) => ({ ...related, offset: related.offset + delta }));
  return result;
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
