import { hasSubstitution } from '../../../asl/graph-analysis';
import type { Scope, ScopeKind, State, Transition } from '../../../asl/model';
import { spanOf, type Rule } from '../../rule';
import { didYouMean } from '../../suggest';
import { scopeFromOutside, thisScope } from './messageWords';
import { SuggestionBudget } from './suggestionBudget';

/**
 * `unknown-state`: `StartAt`, `Next`, `Default`, a Choice rule's or a catcher's `Next` must name a
 * state of its own scope. A Parallel branch or a Map processor is a closed world: its states can
 * neither be entered from outside nor leave it except by ending it.
 */
export const unknownStateRule: Rule = {
  name: 'unknown-state',
  codes: ['unknown-state'],
  modelOnly: true,
  check({ doc, report }) {
    let everywhere: Map<string, State> | undefined;
    const budget = new SuggestionBudget();
    const namesByScope = new Map<Scope, string[]>();
    for (const transition of doc.transitions) {
      const { target, scope } = transition;
      if (scope.states.has(target)) continue;
      // Without a `States` object, the schema's error on it is the one to fix.
      if (!scope.statesNode) continue;
      // A template substitution becomes a state name only at deployment.
      if (hasSubstitution(target)) continue;
      if (!everywhere) {
        everywhere = new Map();
        for (const state of doc.states) if (!everywhere.has(state.name)) everywhere.set(state.name, state);
      }
      let names = namesByScope.get(scope);
      if (!names) namesByScope.set(scope, (names = [...scope.states.keys()]));
      const suggestions = budget.closest(target, names);
      const elsewhere = everywhere.get(target);
      const field = fieldName(transition);
      if (elsewhere) {
        const place = isInside(elsewhere.scope, scope)
          ? `inside ${scopeFromOutside(elsewhere.scope)}`
          : `outside ${thisScope(scope)}`;
        const where = `\`${target}\` is ${place}: ${SCOPE_SUBJECT[scope.kind]} can only move to its own states`;
        report('unknown-state', {
          ...spanOf(transition.node),
          message: `${where}${suggestions.length > 0 ? didYouMean(suggestions) : '.'}`,
          data: { target, suggestions },
          related: [{ ...spanOf(elsewhere.nameNode), message: `\`${target}\` is defined here, in ${scopeFromOutside(elsewhere.scope)}.` }],
        });
      } else if (target === '') {
        report('unknown-state', {
          ...spanOf(transition.node),
          message: `${field} is empty: name a state of ${thisScope(scope)}${suggestions.length > 0 ? didYouMean(suggestions) : '.'}`,
          data: { target, suggestions },
        });
      } else {
        report('unknown-state', {
          ...spanOf(transition.node),
          message: `${field} names \`${target}\`, but ${thisScope(scope)} has no such state${suggestions.length > 0 ? didYouMean(suggestions) : '.'}`,
          data: { target, suggestions },
        });
      }
    }
  },
};

const SCOPE_SUBJECT: Record<ScopeKind, string> = {
  root: 'the top level',
  branch: 'a branch',
  processor: 'an item processor',
};

/** `inner` is nested (at any depth) in a state of `outer`. */
function isInside(inner: Scope, outer: Scope): boolean {
  for (let scope = inner.owner?.scope; scope; scope = scope.owner?.scope) {
    if (scope === outer) return true;
  }
  return false;
}

function fieldName(transition: Transition): string {
  switch (transition.kind) {
    case 'StartAt':
      return '`StartAt`';
    case 'Next':
      return '`Next`';
    case 'Default':
      return '`Default`';
    case 'Choice':
      return "The Choice rule's `Next`";
    case 'Catch':
      return "The catcher's `Next`";
  }
}
