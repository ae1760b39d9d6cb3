import {
  canReach,
  isTerminal,
  reachableFrom,
  scopeGraph,
  stronglyConnectedComponents,
} from '../../../asl/graph-analysis';
import { spanOf, type Rule } from '../../rule';
import { listNames } from './messageWords';
import { hasIncompleteTransition, hasKnownType, lacksTransition } from './stateFlow';

/**
 * `infinite-loop`: states that, once entered, can never reach a terminal state. Reported once per
 * loop (a strongly connected set of such states), on its first state in document order.
 *
 * A way out is any transition: a Choice rule, `Default` or a catcher's `Next` that leads to a state
 * that can finish. States whose flow is not fully known count as a way out, so they are not
 * reported here: a target that names no state of the scope (unknown, or a template substitution),
 * a missing `Next`, a transition field without a string value, a missing or unknown `Type`.
 * Unreachable states and scopes without any terminal state are left to `unreachable-state` and
 * `no-terminal-state`.
 */
export const infiniteLoopRule: Rule = {
  name: 'infinite-loop',
  codes: ['infinite-loop'],
  modelOnly: true,
  check({ doc, report }) {
    for (const scope of doc.scopes) {
      const graph = scopeGraph(scope);
      if (graph.start < 0 || !graph.nodes.some(isTerminal)) continue;
      const wayOut = graph.nodes.map(
        (state, index) =>
          isTerminal(state) ||
          graph.unresolved[index] ||
          lacksTransition(state) ||
          hasIncompleteTransition(state) ||
          !hasKnownType(state),
      );
      const finishes = canReach(graph.successors, wayOut);
      const reached = reachableFrom(graph.successors, graph.start);
      const trapped = graph.nodes.map((_, index) => reached[index] && !finishes[index]);
      if (!trapped.includes(true)) continue;
      const loops = stronglyConnectedComponents(graph.successors, trapped)
        .filter((members) => members.length > 1 || graph.successors[members[0]].includes(members[0]))
        .sort((a, b) => a[0] - b[0]);
      for (const members of loops) {
        const states = members.map((index) => graph.nodes[index]);
        const names = states.map((state) => state.name);
        const [first, ...others] = states;
        const message =
          states.length === 1
            ? `\`${first.name}\` loops forever: it only leads back to itself and never reaches a terminal state.`
            : `${listNames(names)} loop forever: none of them can reach a terminal state (\`"End": true\`, Succeed or Fail).`;
        report('infinite-loop', {
          ...spanOf(first.nameNode),
          message,
          data: { states: names },
          related: others.map((state) => ({
            ...spanOf(state.nameNode),
            message: `\`${state.name}\` is part of the same loop.`,
          })),
        });
      }
    }
  },
};
