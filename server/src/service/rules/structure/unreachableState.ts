import {
  hasSubstitution,
  reachableFrom,
  scopeGraph,
  stronglyConnectedComponents,
  type ScopeGraph,
} from '../../../asl/graph-analysis';
import type { State } from '../../../asl/model';
import { spanOf, type Rule } from '../../rule';
import { listNames } from './messageWords';
import { hasIncompleteTransition, lacksTransition } from './stateFlow';
import { SuggestionBudget } from './suggestionBudget';

/** How many of the states after an unreachable entry a message names. */
const FOLLOWERS_IN_MESSAGE = 5;

/**
 * `unreachable-state`: AWS rejects a definition with a state that no path from its scope's `StartAt`
 * leads to. A group of unreachable states is reported at its entry, the state (or loop of states)
 * that no other unreachable state leads to, and the message names the states after it: a misspelt
 * `Next` or one orphan should not underline every state downstream of it.
 *
 * Nothing is reported for a scope whose `StartAt` is missing or names no state (that is already an
 * error, and every state would follow from it), nor for a scope where a transition's target is a
 * template substitution or has no string value yet (it may name any state).
 */
export const unreachableStateRule: Rule = {
  name: 'unreachable-state',
  codes: ['unreachable-state'],
  modelOnly: true,
  check({ doc, report }) {
    const budget = new SuggestionBudget();
    for (const scope of doc.scopes) {
      const graph = scopeGraph(scope);
      if (graph.start < 0) continue;
      const openEnded = (state: State) =>
        hasIncompleteTransition(state) || state.transitions.some((t) => hasSubstitution(t.target));
      if (scope.stateList.some(openEnded)) continue;
      const unreached = reachableFrom(graph.successors, graph.start).map((reached) => !reached);
      if (!unreached.includes(true)) continue;
      const groups = entries(graph, unreached);
      const meant = offeredAsFixes(graph, unreached, groups, budget);
      for (const members of groups) {
        if (members.some((index) => meant.has(index))) continue;
        const [first, ...others] = members.map((index) => graph.nodes[index]);
        const followers = statesAfter(graph, unreached, members);
        const one = members.length === 1;
        const after =
          followers.names.length > 0 ? `, nor do the states ${one ? 'it leads' : 'they lead'} to: ${followerList(followers)}` : '';
        const message = one
          ? `\`${first.name}\` is unreachable: no path from \`StartAt\` leads to it, so it never runs${after}.`
          : `${listNames(members.map((index) => graph.nodes[index].name))} are unreachable: no path from \`StartAt\` leads to them, so they never run${after}.`;
        report('unreachable-state', {
          ...spanOf(first.nameNode),
          message,
          data: { state: first.name, ...(one ? {} : { states: [first.name, ...others.map((state) => state.name)] }) },
          related: others.map((state) => ({ ...spanOf(state.nameNode), message: `\`${state.name}\` is unreachable too.` })),
        });
      }
    }
  },
};

/**
 * The entries of the unreachable part of the graph: its strongly connected components that no other
 * unreachable component leads to, in document order.
 */
function entries(graph: ScopeGraph, unreached: readonly boolean[]): number[][] {
  const components = stronglyConnectedComponents(graph.successors, unreached);
  const componentOf = new Array<number>(graph.nodes.length).fill(-1);
  components.forEach((members, id) => members.forEach((index) => (componentOf[index] = id)));
  const entered = new Array<boolean>(components.length).fill(false);
  graph.successors.forEach((next, from) => {
    if (!unreached[from]) return;
    for (const to of next) {
      if (unreached[to] && componentOf[to] !== componentOf[from]) entered[componentOf[to]] = true;
    }
  });
  return components.filter((_, id) => !entered[id]).sort((a, b) => a[0] - b[0]);
}

/**
 * The entry states that the fix of another error would make reachable: those a reachable state's
 * transition to an unknown name probably meant, and the state that follows a reachable state
 * lacking `Next` and `End` in the document.
 */
function offeredAsFixes(
  graph: ScopeGraph,
  unreached: readonly boolean[],
  groups: readonly number[][],
  budget: SuggestionBudget,
): Set<number> {
  const meant = new Set<number>();
  const entryIndex = new Map<string, number>();
  for (const members of groups) for (const index of members) entryIndex.set(graph.nodes[index].name, index);
  const names = graph.nodes.map((state) => state.name);
  graph.nodes.forEach((state, index) => {
    if (unreached[index] || !graph.unresolved[index]) return;
    for (const transition of state.transitions) {
      if (graph.scope.states.has(transition.target)) continue;
      for (const name of budget.closest(transition.target, names)) {
        const entry = entryIndex.get(name);
        if (entry !== undefined) meant.add(entry);
      }
    }
  });
  graph.scope.stateList.forEach((state, position) => {
    const index = graph.indexOf.get(state);
    if (index === undefined || unreached[index] || !lacksTransition(state)) return;
    const following = graph.scope.stateList[position + 1];
    const entry = following ? entryIndex.get(following.name) : undefined;
    if (entry !== undefined) meant.add(entry);
  });
  return meant;
}

/**
 * The first few unreachable states after an entry (breadth first), and whether there are more. The
 * search stops early, so many entries leading into one large region stay linear in practice.
 */
function statesAfter(
  graph: ScopeGraph,
  unreached: readonly boolean[],
  members: readonly number[],
): { names: string[]; more: boolean } {
  const seen = new Set<number>(members);
  const queue = [...members];
  const names: string[] = [];
  for (let head = 0; head < queue.length; head++) {
    for (const next of graph.successors[queue[head]]) {
      if (!unreached[next] || seen.has(next)) continue;
      if (names.length === FOLLOWERS_IN_MESSAGE) return { names, more: true };
      seen.add(next);
      names.push(graph.nodes[next].name);
      queue.push(next);
    }
  }
  return { names, more: false };
}

function followerList({ names, more }: { names: string[]; more: boolean }): string {
  return more ? `${names.map((name) => `\`${name}\``).join(', ')} and more` : listNames(names);
}
