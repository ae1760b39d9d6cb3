import { hasSubstitution, reachableFrom, scopeGraph } from '../../../asl/graph-analysis';
import { spanOf, type Rule } from '../../rule';

/**
 * `unreachable-state`: every state must be reachable from its scope's `StartAt`; AWS rejects a
 * definition with a state nothing leads to. Nothing is reported for a scope whose `StartAt` is
 * missing or names no state (that is already an error, and every state would follow from it), nor
 * for a scope where a transition's target is a template substitution (it may name any state).
 */
export const unreachableStateRule: Rule = {
  name: 'unreachable-state',
  codes: ['unreachable-state'],
  check({ doc, report }) {
    for (const scope of doc.scopes) {
      const graph = scopeGraph(scope);
      if (graph.start < 0) continue;
      if (scope.stateList.some((state) => state.transitions.some((t) => hasSubstitution(t.target)))) continue;
      const reached = reachableFrom(graph.successors, graph.start);
      const leadsHere = new Array<boolean>(graph.nodes.length).fill(false);
      graph.successors.forEach((next) => next.forEach((to) => (leadsHere[to] = true)));
      graph.nodes.forEach((state, index) => {
        if (reached[index]) return;
        const message = leadsHere[index]
          ? `\`${state.name}\` can never run: only unreachable states lead to it.`
          : `No transition leads to \`${state.name}\`: it can never run.`;
        report('unreachable-state', {
          ...spanOf(state.nameNode),
          message,
          data: { state: state.name },
        });
      });
    }
  },
};
