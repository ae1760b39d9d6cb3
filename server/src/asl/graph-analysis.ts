/**
 * The transition graph of one scope (the state machine, a Parallel branch or a Map processor) and
 * the graph algorithms the structural diagnostics and the graph view share. Every algorithm here
 * is linear in states + transitions and iterative: a 10,000-state chain must not overflow the
 * stack or take quadratic time.
 */
import type { Scope, State } from './model';

/**
 * A `${...}` template substitution (CloudFormation `DefinitionSubstitutions`, SAM, CDK, Terraform):
 * the text is replaced before AWS sees the definition, so its final value is unknown here.
 */
const SUBSTITUTION = /\$\{[^}]*\}/;

export function hasSubstitution(text: string): boolean {
  return SUBSTITUTION.test(text);
}

/** A state that ends its scope: Succeed, Fail, or `"End": true` on a state allowed to end (not Choice). */
export function isTerminal(state: State): boolean {
  if (state.type === 'Succeed' || state.type === 'Fail') return true;
  return state.end && state.type !== 'Choice';
}

export interface ScopeGraph {
  scope: Scope;
  /** The states of the scope in document order; of a repeated name, only the one `scope.states` keeps. */
  nodes: State[];
  /** Node index by state. */
  indexOf: Map<State, number>;
  /** For each node, the nodes its transitions lead to (`Next`, `Default`, Choice rules, catchers). */
  successors: number[][];
  /**
   * For each node, whether one of its transitions names no state of this scope: an unknown or
   * out-of-scope name, or a template substitution whose value is unknown until deployment.
   */
  unresolved: boolean[];
  /** The node `StartAt` names, or -1 when `StartAt` is missing or names no state of this scope. */
  start: number;
}

const graphs = new WeakMap<Scope, ScopeGraph>();

/** The transition graph of a scope (computed once per scope object). */
export function scopeGraph(scope: Scope): ScopeGraph {
  let graph = graphs.get(scope);
  if (!graph) {
    graph = buildScopeGraph(scope);
    graphs.set(scope, graph);
  }
  return graph;
}

function buildScopeGraph(scope: Scope): ScopeGraph {
  const nodes = scope.stateList.filter((state) => scope.states.get(state.name) === state);
  const indexOf = new Map<State, number>();
  nodes.forEach((state, index) => indexOf.set(state, index));
  const successors: number[][] = [];
  const unresolved: boolean[] = [];
  for (const state of nodes) {
    const next: number[] = [];
    let open = false;
    for (const transition of state.transitions) {
      const target = scope.states.get(transition.target);
      if (target) next.push(indexOf.get(target)!);
      else open = true;
    }
    successors.push(next);
    unresolved.push(open);
  }
  const startState = scope.startAt ? scope.states.get(scope.startAt.target) : undefined;
  return { scope, nodes, indexOf, successors, unresolved, start: startState ? indexOf.get(startState)! : -1 };
}

/** The nodes reachable from `start` (itself included), by breadth-first search. */
export function reachableFrom(successors: readonly (readonly number[])[], start: number): boolean[] {
  const seen = new Array<boolean>(successors.length).fill(false);
  if (start < 0 || start >= successors.length) return seen;
  const queue = [start];
  seen[start] = true;
  for (let head = 0; head < queue.length; head++) {
    for (const next of successors[queue[head]]) {
      if (!seen[next]) {
        seen[next] = true;
        queue.push(next);
      }
    }
  }
  return seen;
}

/** The nodes from which some node of `targets` can be reached (the targets included). */
export function canReach(successors: readonly (readonly number[])[], targets: readonly boolean[]): boolean[] {
  const predecessors: number[][] = successors.map(() => []);
  successors.forEach((next, from) => {
    for (const to of next) predecessors[to].push(from);
  });
  const result = targets.slice();
  const queue: number[] = [];
  targets.forEach((isTarget, index) => {
    if (isTarget) queue.push(index);
  });
  for (let head = 0; head < queue.length; head++) {
    for (const previous of predecessors[queue[head]]) {
      if (!result[previous]) {
        result[previous] = true;
        queue.push(previous);
      }
    }
  }
  return result;
}

/**
 * The strongly connected components of the subgraph induced by `include` (all nodes when omitted),
 * by an iterative Tarjan: each component's nodes in ascending order, components in reverse
 * topological order (a component comes before every component that leads to it).
 */
export function stronglyConnectedComponents(
  successors: readonly (readonly number[])[],
  include?: readonly boolean[],
): number[][] {
  const count = successors.length;
  const index = new Array<number>(count).fill(-1);
  const lowLink = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  // The explicit call stack: a node and the position of the next successor to visit.
  const callNodes: number[] = [];
  const callEdges: number[] = [];
  let counter = 0;

  for (let root = 0; root < count; root++) {
    if (index[root] !== -1 || (include && !include[root])) continue;
    callNodes.push(root);
    callEdges.push(0);
    index[root] = lowLink[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (callNodes.length > 0) {
      const top = callNodes.length - 1;
      const node = callNodes[top];
      const edges = successors[node];
      if (callEdges[top] < edges.length) {
        const next = edges[callEdges[top]++];
        if (include && !include[next]) continue;
        if (index[next] === -1) {
          index[next] = lowLink[next] = counter++;
          stack.push(next);
          onStack[next] = true;
          callNodes.push(next);
          callEdges.push(0);
        } else if (onStack[next]) {
          lowLink[node] = Math.min(lowLink[node], index[next]);
        }
        continue;
      }
      callNodes.pop();
      callEdges.pop();
      if (callNodes.length > 0) {
        const parent = callNodes[callNodes.length - 1];
        lowLink[parent] = Math.min(lowLink[parent], lowLink[node]);
      }
      if (lowLink[node] === index[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          component.push(member);
        } while (member !== node);
        components.push(component.sort((a, b) => a - b));
      }
    }
  }
  return components;
}
