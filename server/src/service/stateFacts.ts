/**
 * What a state's checks may know about the world outside the state: its effective query language,
 * the state machine's, and where the state stands (in a Distributed Map, inside a CloudFormation
 * intrinsic function, whether its definition is the one that counts). Per-state checks read these
 * facts and nothing else outside the state, and the validator keys what it remembers of a state
 * with them: a state whose text and facts are unchanged has the same problems.
 */
import type { AslDocument, QueryLanguage, Scope, ScopeKind, State } from '../asl/model';
import { isDistributedScope } from '../asl/variables';
import { withinIntrinsicFunction } from './rules/schema/substitutions';

export interface StateFacts {
  /** The state's own `QueryLanguage`, else the one of its state machine. */
  queryLanguage: QueryLanguage;
  /** The top-level `QueryLanguage` of the state machine. */
  machineLanguage: QueryLanguage;
  scopeKind: ScopeKind;
  /** Some enclosing Map state runs its iterations as child workflows (`"Mode": "DISTRIBUTED"`). */
  inDistributedMap: boolean;
  /** An enclosing object is a CloudFormation intrinsic function (`{"Fn::...": ...}`), computed before AWS reads it. */
  inIntrinsicFunction: boolean;
  /**
   * The state is the one a JSON parser keeps: the last of its name in its `States` object, in a
   * state that is itself the one kept (an earlier state of the same name is dropped by `JSON.parse`).
   */
  kept: boolean;
  /** All of the above, as a key. */
  key: string;
}

interface ModelFacts {
  /** By state, and in the order of `doc.states`. */
  byState: Map<State, StateFacts>;
  list: StateFacts[];
}

/** By the model they come from: versions of a document that share their model share the facts. */
const factsByModel = new WeakMap<readonly State[], ModelFacts>();

function modelFacts(doc: AslDocument): ModelFacts {
  let facts = factsByModel.get(doc.states);
  if (!facts) {
    const byState = computeFacts(doc);
    facts = { byState, list: [...byState.values()] };
    factsByModel.set(doc.states, facts);
  }
  return facts;
}

/** The facts of a state of the document (computed for all its states at once). */
export function stateFacts(doc: AslDocument, state: State): StateFacts {
  return modelFacts(doc).byState.get(state)!;
}

/** The facts of every state, in the order of `doc.states`. */
export function stateFactsList(doc: AslDocument): readonly StateFacts[] {
  return modelFacts(doc).list;
}

interface ScopeFacts {
  inDistributedMap: boolean;
  inIntrinsicFunction: boolean;
  /** Each name's last state in the scope. */
  kept: Map<string, State>;
}

function computeFacts(doc: AslDocument): Map<State, StateFacts> {
  const machineLanguage = doc.stateMachine?.queryLanguage ?? 'JSONPath';
  const byScope = new Map<Scope, ScopeFacts>();
  const scopeFacts = (scope: Scope): ScopeFacts => {
    let facts = byScope.get(scope);
    if (!facts) {
      const outer = scope.owner ? scopeFacts(scope.owner.scope) : undefined;
      const kept = new Map<string, State>();
      for (const state of scope.stateList) kept.set(state.name, state);
      facts = {
        inDistributedMap: (outer?.inDistributedMap ?? false) || isDistributedScope(scope),
        inIntrinsicFunction: withinIntrinsicFunction(scope.statesNode ?? scope.node),
        kept,
      };
      byScope.set(scope, facts);
    }
    return facts;
  };
  const result = new Map<State, StateFacts>();
  // Document order puts a Parallel or Map state before the states nested in it.
  for (const state of doc.states) {
    const scope = scopeFacts(state.scope);
    const owner = state.scope.owner;
    const kept = scope.kept.get(state.name) === state && (!owner || result.get(owner)?.kept !== false);
    const { queryLanguage } = state;
    const { inDistributedMap, inIntrinsicFunction } = scope;
    const scopeKind = state.scope.kind;
    const key = `${queryLanguage}|${machineLanguage}|${scopeKind}|${+inDistributedMap}|${+inIntrinsicFunction}|${+kept}`;
    result.set(state, { queryLanguage, machineLanguage, scopeKind, inDistributedMap, inIntrinsicFunction, kept, key });
  }
  return result;
}
