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
import { stronglyConnectedComponents } from './graph-analysis';
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

/**
 * Answers "can this state see variable `name`?" for a whole document. Each scope's answers for all
 * names at once are computed the first time one of its states is asked about: one pass over the
 * scope's transition graph with a set of names per state, which keeps a document of thousands of
 * states and variables linear. They are reused for a later version of the document with the same
 * scope (see `updateAsl`) where the same states assign the same names.
 */
export class VariableScopes {
  private readonly assignmentsByName = new Map<string, Assignment[]>();
  private readonly assignmentsByScope = new Map<Scope, Assignment[]>();

  /** `assignments`: those of the document's states in document order, when already known. */
  constructor(
    readonly doc: AslDocument,
    assignments: Iterable<Assignment> = doc.states.flatMap(assignmentsOf),
  ) {
    for (const assignment of assignments) {
      let list = this.assignmentsByName.get(assignment.name);
      if (!list) this.assignmentsByName.set(assignment.name, (list = []));
      list.push(assignment);
      let inScope = this.assignmentsByScope.get(assignment.state.scope);
      if (!inScope) this.assignmentsByScope.set(assignment.state.scope, (inScope = []));
      inScope.push(assignment);
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
    if (!this.assignmentsByName.has(name)) return false;
    for (let current: State | undefined = state; current; ) {
      if (this.reachedIn(current.scope).has(current, name)) return true;
      if (!acrossDistributedMaps && isDistributedScope(current.scope)) return false;
      current = current.scope.owner;
    }
    return false;
  }

  /** The names `state` can read. */
  visibleNames(state: State): string[] {
    return this.names().filter((name) => this.isVisible(state, name));
  }

  private readonly visibility = new Map<Scope, ScopeVisibility>();

  private reachedIn(scope: Scope): ScopeVisibility {
    let visibility = this.visibility.get(scope);
    if (!visibility) {
      const assignments = this.assignmentsByScope.get(scope) ?? [];
      const indexOf = stateIndexes(scope);
      const signature = assignments.map(({ state, name }) => `${indexOf.get(state)}:${name}`).join(',');
      visibility = knownVisibility.get(scope);
      if (visibility?.signature !== signature) {
        visibility = new ScopeVisibility(scope, indexOf, assignments, signature);
        knownVisibility.set(scope, visibility);
      }
      this.visibility.set(scope, visibility);
    }
    return visibility;
  }
}

/** The position of each state in `scope.stateList`. */
function stateIndexes(scope: Scope): ReadonlyMap<State, number> {
  let indexes = indexesByScope.get(scope);
  if (!indexes) {
    indexes = new Map(scope.stateList.map((state, index) => [state, index]));
    indexesByScope.set(scope, indexes);
  }
  return indexes;
}

const indexesByScope = new WeakMap<Scope, ReadonlyMap<State, number>>();

/** The visibility last computed for each scope (scopes live as long as their document's model). */
const knownVisibility = new WeakMap<Scope, ScopeVisibility>();

/**
 * For each state of one scope, the names assigned by a state of the scope from which it can be
 * reached through one or more transitions (`Assign` takes effect when its state finishes), as bit
 * sets.
 */
class ScopeVisibility {
  /** Bit `i` of a set stands for the `i`-th name assigned in the scope. */
  private readonly bits = new Map<string, number>();
  private readonly words: number;
  /** The set of state `i` is `reached[i * words, (i + 1) * words)`. */
  private readonly reached: Uint32Array;

  constructor(
    scope: Scope,
    private readonly indexOf: ReadonlyMap<State, number>,
    /** The assignments of the scope's states. */
    assignments: readonly Assignment[],
    /** What the sets were computed from: which states assign which names. */
    readonly signature: string,
  ) {
    const states = scope.stateList;
    for (const { name } of assignments) if (!this.bits.has(name)) this.bits.set(name, this.bits.size);
    const words = (this.words = Math.ceil(this.bits.size / 32));
    const count = states.length;
    // A transition leads to the state `scope.states` names (the first of a repeated name).
    const successors = states.map((state) => {
      const targets: number[] = [];
      for (const transition of state.transitions) {
        const target = scope.states.get(transition.target);
        if (target) targets.push(this.indexOf.get(target)!);
      }
      return targets;
    });
    const assigned = new Uint32Array(count * words);
    for (const { state, name } of assignments) {
      const bit = this.bits.get(name)!;
      assigned[indexOf.get(state)! * words + (bit >>> 5)] |= 1 << (bit & 31);
    }
    const reached = (this.reached = new Uint32Array(count * words));
    if (words === 0) return;
    // Components in topological order (the algorithm lists them in reverse): everything that leads
    // into a component is known before it. Within a cycle, every state reaches every other one.
    const components = stronglyConnectedComponents(successors).reverse();
    const componentOf = new Int32Array(count);
    components.forEach((members, id) => members.forEach((member) => (componentOf[member] = id)));
    const gathered = new Uint32Array(words);
    components.forEach((members, id) => {
      // What the component passes on: what reached it, and what its states assign.
      const cyclic = members.length > 1 || successors[members[0]].includes(members[0]);
      if (cyclic) {
        gathered.fill(0);
        for (const member of members) {
          for (let word = 0; word < words; word++) gathered[word] |= reached[member * words + word] | assigned[member * words + word];
        }
        for (const member of members) reached.set(gathered, member * words);
      }
      for (const member of members) {
        for (const target of successors[member]) {
          if (componentOf[target] === id) continue;
          for (let word = 0; word < words; word++) {
            reached[target * words + word] |= reached[member * words + word] | assigned[member * words + word];
          }
        }
      }
    });
  }

  has(state: State, name: string): boolean {
    const index = this.indexOf.get(state);
    const bit = this.bits.get(name);
    if (index === undefined || bit === undefined) return false;
    return (this.reached[index * this.words + (bit >>> 5)] & (1 << (bit & 31))) !== 0;
  }
}
