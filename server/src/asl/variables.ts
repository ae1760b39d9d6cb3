/**
 * Workflow variables: which states assign which names, and which assignments a state can see.
 *
 * The rules, from the Step Functions guide ("Passing data between states with variables"):
 * - `Assign` (on a state, a catcher, or a top-level Choice rule) sets variables when the state
 *   finishes, so a state sees the assignments of the states that ran before it, not its own.
 * - The top-level states share one scope. Each Parallel branch and each Map iteration has a scope
 *   of its own that reads the enclosing scopes (as they were when the Parallel or Map state was
 *   entered); the enclosing scopes never see what an inner scope assigns.
 * - A Distributed Map's iterations run as child workflows and cannot read outer variables.
 *
 * "Ran before" is approximated by the transition graph: a state sees a name when some state of its
 * own scope that assigns it can reach it through one or more transitions, or when its scope's owner
 * (the Parallel or Map state) sees it. This never misses an assignment that can happen at run time.
 */
import { getPropertyValue, properties } from './jsonNode';
import type { AslDocument, JsonNode, Scope, State } from './model';

export interface Assignment {
  name: string;
  state: State;
  /** The key node in the `Assign` object. */
  keyNode: JsonNode;
}

/** The variable a key of `Assign` sets: in JSONPath states, a `.$` suffix marks the value as a path. */
export function assignedName(key: string, queryLanguage: State['queryLanguage']): string {
  return queryLanguage === 'JSONPath' && key.endsWith('.$') ? key.slice(0, -2) : key;
}

/** The `Assign` objects of a state: its own, its catchers' and its top-level Choice rules'. */
export function assignObjects(state: State): JsonNode[] {
  const objects: JsonNode[] = [];
  const own = getPropertyValue(state.node, 'Assign');
  if (own) objects.push(own);
  for (const key of ['Catch', 'Choices']) {
    const list = getPropertyValue(state.node, key);
    for (const item of list?.type === 'array' ? list.children ?? [] : []) {
      const assign = getPropertyValue(item, 'Assign');
      if (assign) objects.push(assign);
    }
  }
  return objects.filter((node) => node.type === 'object');
}

export function assignmentsOf(state: State): Assignment[] {
  const assignments: Assignment[] = [];
  for (const object of assignObjects(state)) {
    for (const [key, , property] of properties(object)) {
      assignments.push({ name: assignedName(key, state.queryLanguage), state, keyNode: property.children![0] });
    }
  }
  return assignments;
}

/** Whether a scope runs as a Distributed Map's child workflow. */
export function isDistributedScope(scope: Scope): boolean {
  if (scope.kind !== 'processor') return false;
  const mode = getPropertyValue(getPropertyValue(scope.node, 'ProcessorConfig'), 'Mode');
  return mode?.type === 'string' && mode.value === 'DISTRIBUTED';
}

/** Answers "can this state see variable `name`?" for a whole document, caching per scope and name. */
export class VariableScopes {
  private readonly assignmentsByName = new Map<string, Assignment[]>();
  /** Per scope and name: the states reached, through at least one transition, from a state that assigns it. */
  private readonly reached = new Map<Scope, Map<string, Set<State>>>();

  constructor(readonly doc: AslDocument) {
    for (const state of doc.states) {
      for (const assignment of assignmentsOf(state)) {
        let list = this.assignmentsByName.get(assignment.name);
        if (!list) this.assignmentsByName.set(assignment.name, (list = []));
        list.push(assignment);
      }
    }
  }

  /** Every assignment of `name` anywhere in the document. */
  assignments(name: string): readonly Assignment[] {
    return this.assignmentsByName.get(name) ?? [];
  }

  /** Every name assigned anywhere in the document. */
  names(): string[] {
    return [...this.assignmentsByName.keys()];
  }

  /**
   * Whether `state` can read `name`: assigned before it in its scope, or visible to its scope's
   * owner. With `acrossDistributedMaps`, the boundary of a Distributed Map is ignored, which tells
   * "assigned, but outside the Distributed Map" from "not assigned before this state at all".
   */
  isVisible(state: State, name: string, acrossDistributedMaps = false): boolean {
    for (let current: State | undefined = state; current; ) {
      if (this.reachedIn(current.scope, name).has(current)) return true;
      if (!acrossDistributedMaps && isDistributedScope(current.scope)) return false;
      current = current.scope.owner;
    }
    return false;
  }

  /** The names `state` can read. */
  visibleNames(state: State): string[] {
    return this.names().filter((name) => this.isVisible(state, name));
  }

  private reachedIn(scope: Scope, name: string): Set<State> {
    let byName = this.reached.get(scope);
    if (!byName) this.reached.set(scope, (byName = new Map()));
    let reached = byName.get(name);
    if (reached) return reached;
    reached = new Set();
    const queue: State[] = [];
    for (const assignment of this.assignments(name)) {
      if (assignment.state.scope === scope) queue.push(assignment.state);
    }
    // Breadth-first from the assigning states; a state is reached when a transition enters it.
    for (let i = 0; i < queue.length; i++) {
      for (const transition of queue[i].transitions) {
        const target = scope.states.get(transition.target);
        if (target && !reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    byName.set(name, reached);
    return reached;
  }
}
