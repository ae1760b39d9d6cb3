/**
 * The workflow variables a state can read, for completion: the names assigned by the states that
 * can run before it in its scope, and those its enclosing Parallel or Map state can read (not
 * across the boundary of a Distributed Map). The same approximation of "runs before" as the
 * `undefined-variable` rule, computed for one state by a walk backwards over its scope's
 * transitions instead of for every name of the document.
 */
import { scopeGraph, type ScopeGraph } from '../../asl/graph-analysis';
import type { State } from '../../asl/model';
import { assignmentsOf, isDistributedScope, type Assignment } from '../../asl/variables';

const predecessorsCache = new WeakMap<ScopeGraph, number[][]>();

/** The variables `state` can read, one per name: the assignment nearest upstream. */
export function variablesVisibleAt(state: State): Assignment[] {
  const visible = new Map<string, Assignment>();
  for (let current: State | undefined = state; current; current = current.scope.owner) {
    for (const upstream of statesBefore(current)) {
      for (const assignment of assignmentsOf(upstream)) if (!visible.has(assignment.name)) visible.set(assignment.name, assignment);
    }
    if (isDistributedScope(current.scope)) break;
  }
  return [...visible.values()];
}

/** The states of the same scope from which `state` can be reached through one or more transitions, nearest first. */
function statesBefore(state: State): State[] {
  const graph = scopeGraph(state.scope);
  const start = graph.indexOf.get(state);
  if (start === undefined) return [];
  const predecessors = predecessorsOf(graph);
  const seen = new Array<boolean>(graph.nodes.length).fill(false);
  const queue: number[] = [];
  for (const previous of predecessors[start]) {
    if (!seen[previous]) {
      seen[previous] = true;
      queue.push(previous);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    for (const previous of predecessors[queue[head]]) {
      if (!seen[previous]) {
        seen[previous] = true;
        queue.push(previous);
      }
    }
  }
  return queue.map((index) => graph.nodes[index]);
}

function predecessorsOf(graph: ScopeGraph): number[][] {
  let predecessors = predecessorsCache.get(graph);
  if (!predecessors) {
    const lists: number[][] = graph.nodes.map(() => []);
    graph.successors.forEach((next, from) => {
      for (const to of next) lists[to].push(from);
    });
    predecessors = lists;
    predecessorsCache.set(graph, predecessors);
  }
  return predecessors;
}
