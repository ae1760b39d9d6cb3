/**
 * The typed ASL tree shared by every feature: diagnostics, completion, hover, the graph and the
 * interpreter. It is a view over the `jsonc-parser` tree, so every element keeps the offsets of
 * the text it came from. Offsets stay offsets inside the core; they become lines only at the edge.
 */
import type { Node as JsonNode } from 'jsonc-parser';

export type { JsonNode };

export type QueryLanguage = 'JSONPath' | 'JSONata';

export const STATE_TYPES = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];

/** A span of the source text. */
export interface TextSpan {
  offset: number;
  length: number;
}

export interface SyntaxProblem extends TextSpan {
  message: string;
}

/** A key that appears twice in the same JSON object. */
export interface DuplicateKey {
  key: string;
  /** The property node of the repeated occurrence. */
  property: JsonNode;
  /** The property node of the first occurrence. */
  first: JsonNode;
}

export type TransitionKind = 'StartAt' | 'Next' | 'Default' | 'Choice' | 'Catch';

/** A reference to a state by name: `StartAt`, `Next`, `Default`, a Choice rule's or a catcher's `Next`. */
export interface Transition {
  kind: TransitionKind;
  target: string;
  /** The string value node that names the target. */
  node: JsonNode;
  /** The state the transition leaves (undefined for `StartAt`). */
  from?: State;
  /** The scope in which the target is looked up. */
  scope: Scope;
}

export type ScopeKind = 'root' | 'branch' | 'processor';

/** A set of states with its own `StartAt`: the state machine, a Parallel branch or a Map processor. */
export interface Scope {
  kind: ScopeKind;
  /** The object holding `StartAt` and `States`. */
  node: JsonNode;
  /** The value node of `States`, when it is an object. */
  statesNode?: JsonNode;
  startAt?: Transition;
  /** States by name (the first one, when a name is repeated). */
  states: Map<string, State>;
  /** States in document order (including repeated names). */
  stateList: State[];
  /** The Parallel or Map state that owns this scope. */
  owner?: State;
  /** Index of the branch in a Parallel state. */
  index?: number;
  /** The query language states of this scope default to. */
  queryLanguage: QueryLanguage;
  /** Segments from the document root to `node`, as `jsonc-parser` locations. */
  path: (string | number)[];
}

export interface State {
  name: string;
  /** The property key node that names the state. */
  nameNode: JsonNode;
  /** The state's value (an object for a well-formed state). */
  node: JsonNode;
  /** The `Type` value, when it is a string. */
  type?: string;
  scope: Scope;
  /** The effective query language: the state's own `QueryLanguage`, else the scope's. */
  queryLanguage: QueryLanguage;
  /** Outgoing transitions (`Next`, `Default`, Choice rules, Catch). */
  transitions: Transition[];
  /** `"End": true`. */
  end: boolean;
  /** Parallel branches or the Map processor. */
  children: Scope[];
  /** Segments from the document root to `node`. */
  path: (string | number)[];
}

export interface StateMachine {
  node: JsonNode;
  root: Scope;
  queryLanguage: QueryLanguage;
}

/**
 * The parsed text of one version of a document. A new version made by `updateAsl` (as the
 * language service does while the document is edited) takes over the previous version's tree,
 * updated in place, and shares its states, scopes and transitions when the edit changed nothing
 * they are made of: keep only the latest version, and remember derived facts per `AslDocument`
 * (not per `State` or node) when they depend on more than the model.
 */
export interface AslDocument {
  text: string;
  /** The root of the JSON tree; undefined when the text holds no JSON value at all. */
  root?: JsonNode;
  syntaxErrors: SyntaxProblem[];
  duplicateKeys: DuplicateKey[];
  /** Present when the root is an object. */
  stateMachine?: StateMachine;
  /** Every state of every scope, in document order. */
  states: State[];
  scopes: Scope[];
  /** Every transition, including each scope's `StartAt`. */
  transitions: Transition[];
}
