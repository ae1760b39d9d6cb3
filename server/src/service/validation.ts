/**
 * Runs every rule over a parsed document. One rule's bug never hides another rule's problems:
 * each rule runs guarded, and a failure becomes an `internal-error` diagnostic plus a log line.
 */
import { contentRevision, latestRevision, revisedSince } from '../asl/incremental';
import type { AslDocument, JsonNode, State, TextSpan } from '../asl/model';
import type { AslDiagnostic, Rule, RuleContext } from './rule';
import { RULES } from './rules';
import { RULE_CODES, type RuleCode, type Severity, type SeveritySetting } from './ruleCodes';
import { stateFactsList, type StateFacts } from './stateFacts';

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
  /** The findings before the state last changed, to keep what the change left as it was. */
  previous?: (StateFindings | undefined)[];
}

/**
 * What the per-state checks found in each state of one document, kept from one validation to the
 * next while the document is edited. A state's findings are reused as long as its property node
 * (`"Name": {...}`) stays in the tree with the same content revision (see `incremental.ts`) and
 * the same facts: a keystroke in one state then costs the checks of that state alone. When the
 * model is the one of the last validation, what all states gave is kept put together, and only
 * the states revised since are looked at: the others are not even visited.
 */
export class StateMemory {
  private readonly states = new WeakMap<JsonNode, RememberedState>();
  /** What the last validation read, for the next one when the model is the same. */
  private last?: {
    model: readonly State[];
    rules: string;
    /** `latestRevision()` then: the states revised since are those to look at again. */
    revision: number;
    remembered: RememberedState[];
    /** The position of each state's property node in the model (made when first needed). */
    positions?: Map<JsonNode, number>;
    /** What the per-state rules found, put together, when every rule ran on every state. */
    assembled?: Assembled;
  };

  /** What is remembered of a state, forgotten when the state or the rules (`count` of them) changed. */
  remembered(property: JsonNode, facts: string, rules: string, count: number): RememberedState {
    const revision = contentRevision(property);
    let remembered = this.states.get(property);
    if (!remembered || remembered.revision !== revision || remembered.facts !== facts || remembered.rules !== rules) {
      const previous = remembered?.facts === facts && remembered.rules === rules ? remembered.findings : undefined;
      remembered = { revision, facts, rules, findings: new Array(count), previous };
      this.states.set(property, remembered);
    }
    return remembered;
  }

  /**
   * What is remembered of each state of the document, in the order of `doc.states`, and the
   * positions of the states to look at again (all of them when `changed` is undefined). When the
   * last validation had the same model, only the states revised since are looked up again: after
   * an edit inside one state, that is one state instead of thousands.
   */
  rememberedStates(
    doc: AslDocument,
    facts: readonly StateFacts[],
    rules: string,
    count: number,
  ): { remembered: RememberedState[]; changed?: number[]; assembled?: Assembled } {
    const last = this.last;
    const revision = latestRevision();
    const revised = last?.model === doc.states && last.rules === rules ? revisedSince(last.revision) : undefined;
    if (last && revised) {
      const changed = new Set<number>();
      if (revised.length > 0) {
        last.positions ??= new Map(doc.states.map((state, position) => [state.nameNode.parent!, position]));
        for (const node of revised) {
          const position = last.positions.get(node);
          if (position === undefined) continue;
          last.remembered[position] = this.remembered(node, facts[position].key, rules, count);
          changed.add(position);
        }
      }
      last.revision = revision;
      return { remembered: last.remembered, changed: [...changed].sort((a, b) => a - b), assembled: last.assembled };
    }
    const remembered = doc.states.map((state, position) => this.remembered(state.nameNode.parent!, facts[position].key, rules, count));
    this.last = { model: doc.states, rules, revision, remembered };
    return { remembered };
  }

  /** Keeps what the per-state rules found, put together, for the next validation of the same model. */
  assemble(assembled: Assembled | undefined): void {
    if (this.last) this.last.assembled = assembled;
  }
}

/** What the per-state rules found in all states, by the rule's position among them. */
interface Assembled {
  /** The positions of the states where the rule found problems, in document order. */
  problems: number[][];
  /** What the rule gathered, by state, in document order (states where it found nothing left out). */
  gathered: Map<State, unknown[]>[];
}

/** What one rule found in a validation. */
interface RuleOutcome {
  rule: Rule;
  found: SeverityDiagnostic[];
  gathered: Map<State, unknown[]>;
  /** Known to hold what the last validation of the same model gathered (then the very same map). */
  gatheredAsBefore?: boolean;
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
    const memo = options.memory?.rememberedStates(doc, facts, rulesKey, outcomes.length);
    if (memo?.changed && memo.assembled && this.patch(outcomes, checker, memo.remembered, memo.changed, memo.assembled)) return;
    let anyFailed = false;
    doc.states.forEach((state, position) => {
      const start = state.nameNode.offset;
      const remembered = memo?.remembered[position];
      const findings = remembered?.findings ?? new Array<StateFindings | undefined>(outcomes.length);
      if (remembered?.found && !anyFailed) {
        for (const index of remembered.found) this.deliver(outcomes[index], findings[index]!, state, start);
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
            findings[index] = unchanged(checker.findings(outcome.rule, state, start), remembered?.previous?.[index]);
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
        this.deliver(outcome, findings[index]!, state, start);
      });
      if (remembered && found) remembered.found = found;
    });
    if (!memo) return;
    options.memory!.assemble(
      anyFailed
        ? undefined
        : {
            problems: outcomes.map((_, index) => positionsWithProblems(memo.remembered, index)),
            gathered: outcomes.map((outcome) => outcome.gathered),
          },
    );
  }

  /**
   * What the per-state rules found, from what they found in the last validation of the same model
   * and in the states revised since (`changed`); false, with nothing reported, when a rule fails on
   * one of those states (the full pass then reports it as usual).
   */
  private patch(
    outcomes: readonly RuleOutcome[],
    checker: StateChecker,
    remembered: readonly RememberedState[],
    changed: readonly number[],
    assembled: Assembled,
  ): boolean {
    const states = this.doc.states;
    for (const position of changed) {
      const state = states[position];
      const { findings, previous } = remembered[position];
      const found: number[] = [];
      for (let index = 0; index < outcomes.length; index++) {
        if (!findings[index]) {
          try {
            findings[index] = unchanged(checker.findings(outcomes[index].rule, state, state.nameNode.offset), previous?.[index]);
          } catch (error) {
            if (!(error instanceof RuleFailure)) throw error;
            return false;
          }
        }
        if (findings[index] !== NOTHING) found.push(index);
      }
      remembered[position].found = found;
    }
    outcomes.forEach((outcome, index) => {
      const withProblems = assembled.problems[index];
      const gathered = assembled.gathered[index];
      let gatheredAsBefore = true;
      let reorder = false;
      for (const position of changed) {
        const state = states[position];
        const { problems, gathered: items } = remembered[position].findings[index]!;
        setMember(withProblems, position, problems.length > 0);
        const before = gathered.get(state);
        if (before === items || (before === undefined && items.length === 0)) continue;
        gatheredAsBefore = false;
        if (items.length === 0) gathered.delete(state);
        else if (before) gathered.set(state, items);
        else reorder = true;
      }
      if (reorder) {
        // A state that gathered nothing before: its facts go in their place in document order.
        gathered.clear();
        states.forEach((state, position) => {
          const items = remembered[position].findings[index]!.gathered;
          if (items.length > 0) gathered.set(state, items);
        });
      }
      for (const position of withProblems) {
        for (const problem of remembered[position].findings[index]!.problems) this.add(outcome, moved(problem, states[position].nameNode.offset));
      }
      outcome.gathered = gathered;
      outcome.gatheredAsBefore = gatheredAsBefore;
    });
    return true;
  }

  /** What a rule found in a state that starts at `start`. */
  private deliver(outcome: RuleOutcome, found: StateFindings, state: State, start: number): void {
    for (const problem of found.problems) this.add(outcome, moved(problem, start));
    if (found.gathered.length > 0) outcome.gathered.set(state, found.gathered);
  }

  /** The whole-document checks, then every rule's problems in the order of the rules. */
  checkDocument(): SeverityDiagnostic[] {
    const { doc, options } = this;
    const diagnostics: SeverityDiagnostic[] = [];
    for (const outcome of this.outcomes) {
      const { rule } = outcome;
      const reused = rule.modelOnly ? reusedProblems(doc, rule, outcome) : undefined;
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
          if (rule.modelOnly) rememberProblems(doc, rule, outcome.gathered, reported);
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

/** A place in the text, by the node that holds it: nodes move with the edits before them. */
interface Anchor {
  node: JsonNode;
  /** From the node's start. */
  delta: number;
  revision: number;
}

interface AnchoredProblem {
  problem: AslDiagnostic;
  at: Anchor;
  related: Anchor[];
}

interface ModelProblems {
  /** What `gatherState` had found in each state. */
  gathered: ReadonlyMap<State, unknown[]>;
  problems: AnchoredProblem[];
}

/** The problems of `modelOnly` rules, by the model they were found in. */
const modelProblems = new WeakMap<readonly State[], Map<Rule, ModelProblems>>();

function rememberProblems(doc: AslDocument, rule: Rule, gathered: ReadonlyMap<State, unknown[]>, problems: readonly AslDiagnostic[]): void {
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
  byRule.set(rule, { gathered, problems: anchored });
}

/**
 * The problems found in an earlier version with the same model and the same facts gathered in its
 * states, moved to where they are now.
 */
function reusedProblems(doc: AslDocument, rule: Rule, outcome: RuleOutcome): AslDiagnostic[] | undefined {
  const known = modelProblems.get(doc.states)?.get(rule);
  if (!known || !doc.root) return undefined;
  // A map updated in place since (`gatheredAsBefore` false) is the same map with other facts.
  const asBefore = outcome.gatheredAsBefore ?? (known.gathered !== outcome.gathered && sameGathered(known.gathered, outcome.gathered));
  if (!asBefore) return undefined;
  const problems: AslDiagnostic[] = [];
  for (const { problem, at, related } of known.problems) {
    if (!isCurrent(doc.root, at) || !related.every((anchor) => isCurrent(doc.root!, anchor))) return undefined;
    const moved: AslDiagnostic = { ...problem, offset: at.node.offset + at.delta };
    if (problem.related) moved.related = problem.related.map((span, index) => ({ ...span, offset: related[index].node.offset + related[index].delta }));
    problems.push(moved);
  }
  return problems;
}

function sameGathered(a: ReadonlyMap<State, unknown[]>, b: ReadonlyMap<State, unknown[]>): boolean {
  if (a.size !== b.size) return false;
  for (const [state, items] of a) if (b.get(state) !== items) return false;
  return true;
}

/** The innermost node whose span holds `offset`. */
function anchorAt(root: JsonNode, offset: number): Anchor | undefined {
  let found: JsonNode | undefined;
  for (let node: JsonNode | undefined = root; node; ) {
    if (node.offset <= offset && offset < node.offset + node.length) found = node;
    const children: readonly JsonNode[] = node.children ?? [];
    node = children[childAt(children, offset)];
  }
  return found && { node: found, delta: offset - found.offset, revision: contentRevision(found) };
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

/** The positions of the states where the rule at `index` found problems. */
function positionsWithProblems(remembered: readonly RememberedState[], index: number): number[] {
  const positions: number[] = [];
  remembered.forEach((state, position) => {
    if (state.findings[index]!.problems.length > 0) positions.push(position);
  });
  return positions;
}

/** Adds `position` to, or removes it from, an ascending list. */
function setMember(positions: number[], position: number, member: boolean): void {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (positions[middle] < position) low = middle + 1;
    else high = middle;
  }
  const present = positions[low] === position;
  if (member && !present) positions.splice(low, 0, position);
  else if (!member && present) positions.splice(low, 1);
}

/**
 * The earlier findings when the new ones are the same facts and no problem: the whole-document
 * step of a rule then sees the same facts as before, which lets it reuse its problems.
 */
function unchanged(found: StateFindings, earlier: StateFindings | undefined): StateFindings {
  if (!earlier || found.problems.length > 0 || earlier.problems.length > 0) return found;
  const same = found.gathered.length === earlier.gathered.length && found.gathered.every((item, index) => sameFields(item, earlier.gathered[index]));
  return same ? earlier : found;
}

function sameFields(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => (a as Record<string, unknown>)[key] === (b as Record<string, unknown>)[key]);
}

/** What a rule finds in most states. */
const NOTHING: StateFindings = { problems: [], gathered: [] };

/** Runs per-state rules on states, one rule and state at a time. */
class StateChecker {
  /** The problems the current rule reported in the current state (allocated for the first one). */
  private problems: AslDiagnostic[] | undefined;
  private rule!: Rule;
  private start = 0;
  private readonly context: RuleContext;

  constructor(doc: AslDocument, log: ((message: string) => void) | undefined) {
    this.context = {
      doc,
      report: (code, problem) => {
        const diagnostic = { code, ...problem, ...spanWithin(doc.text, problem, this.rule, log) };
        (this.problems ??= []).push(moved(diagnostic, -this.start));
      },
    };
  }

  /** The findings of a rule in one state, at offsets from `start`. */
  findings(rule: Rule, state: State, start: number): StateFindings {
    this.rule = rule;
    this.start = start;
    this.problems = undefined;
    let gathered: unknown[] | undefined;
    try {
      rule.checkState?.(state, this.context);
      if (rule.gatherState) gathered = rule.gatherState(state, this.context);
    } catch (cause) {
      throw new RuleFailure(this.problems ?? [], cause);
    }
    if (!this.problems && !gathered?.length) return NOTHING;
    return { problems: this.problems ?? [], gathered: gathered ?? [] };
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
