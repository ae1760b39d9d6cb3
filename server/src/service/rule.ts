/**
 * A rule is a small, pluggable check over the ASL model. It reports problems against spans of the
 * text (offsets); the service turns them into ranges at the edge.
 */
import type { AslDocument, State, TextSpan } from '../asl/model';
import type { RuleCode } from './ruleCodes';

export interface RelatedSpan extends TextSpan {
  message: string;
}

export interface AslDiagnostic extends TextSpan {
  code: RuleCode;
  message: string;
  /** Machine-readable facts for quick fixes, e.g. `{ suggestions: ["Ship"] }`. */
  data?: Record<string, unknown>;
  related?: RelatedSpan[];
}

export interface Problem extends TextSpan {
  message: string;
  data?: Record<string, unknown>;
  related?: RelatedSpan[];
}

export interface RuleContext {
  readonly doc: AslDocument;
  report(code: RuleCode, problem: Problem): void;
}

/**
 * A rule checks the whole document (`check`), or each state on its own (`checkState`), or gathers
 * facts from each state on its own (`gatherState`) that it then judges over the whole document.
 *
 * What a rule finds in one state on its own is remembered with the state while the document is
 * edited, and reused without running the rule again while the state's text (its name and value) is
 * unchanged. So `checkState` and `gatherState` may read nothing outside the state's name and value
 * but the facts of `stateFacts` (the state's query language, the state machine's, whether the state
 * is in a Distributed Map, ...); they leave the states nested in a Parallel or Map state to those
 * states' own turn, and report spans inside the state.
 */
export interface Rule<G = unknown> {
  /** A name for logs when the rule itself fails. */
  readonly name: string;
  /** The codes this rule may report. */
  readonly codes: readonly RuleCode[];
  /** Checks one state, for every state in document order (`doc.states`). */
  checkState?(state: State, context: RuleContext): void;
  /**
   * The facts of one state that `check` judges, e.g. the variables it reads. They hold no offsets:
   * nodes of the state (which move with the edits before them) and positions within those nodes.
   */
  gatherState?(state: State, context: RuleContext): G[];
  /**
   * Checks the whole document, after `checkState` went through the states; with `gatherState`,
   * `gathered` holds what it found in each state (nothing for a state where it found nothing).
   */
  check?(context: RuleContext, gathered: ReadonlyMap<State, readonly G[]>): void;
  /** The rule's problems are listed in text order rather than state by state. */
  readonly textOrder?: boolean;
  /**
   * `check` reads nothing but the model (states, scopes, transitions, and the fields of states the
   * model is made of: names, `Type`, `Next`, `End`...) and what `gatherState` found: its problems
   * are reused for versions of the document that share the model (see `updateAsl`) while the
   * states give the same facts.
   */
  readonly modelOnly?: boolean;
}

/** The span of a JSON node. */
export function spanOf(node: { offset: number; length: number }): TextSpan {
  return { offset: node.offset, length: node.length };
}
