/** How a state says where the execution goes next, as the structural rules need to know it. */
import { getProperty, getPropertyValue } from '../../../asl/jsonNode';
import { STATE_TYPES, type JsonNode, type State, type StateType } from '../../../asl/model';

const KNOWN_TYPES: ReadonlySet<string> = new Set(STATE_TYPES);

/** Types that need `Next` or `End`: all but Choice (rules and `Default`), Succeed and Fail (always terminal). */
const MOVING_TYPES: ReadonlySet<string> = new Set<StateType>(
  STATE_TYPES.filter((type) => type !== 'Choice' && type !== 'Succeed' && type !== 'Fail'),
);

/** An object state with a known `Type`: the only kind whose transitions the rules can judge. */
export function hasKnownType(state: State): boolean {
  return state.node.type === 'object' && state.type !== undefined && KNOWN_TYPES.has(state.type);
}

/** A Task, Pass, Wait, Parallel or Map state with no `Next` and no `"End": true`. */
export function lacksTransition(state: State): boolean {
  if (state.node.type !== 'object' || !state.type || !MOVING_TYPES.has(state.type)) return false;
  if (getProperty(state.node, 'Next')) return false;
  // A non-boolean `End` is a type error reported by the schema, not a missing transition.
  const end = getPropertyValue(state.node, 'End');
  return !end || end.value === false;
}

/**
 * A transition that is not there yet or not readable: a Choice rule or a catcher without `Next`, or a
 * transition field (`Next`, `Default`, a rule's or a catcher's `Next`) without a string value,
 * half-typed (`"Next": ` with no value yet) or of the wrong type. Where it leads is unknown, so the
 * rules that follow transitions stay silent rather than guess; the error is reported where it is.
 */
export function hasIncompleteTransition(state: State): boolean {
  const node = state.node;
  if (node.type !== 'object') return false;
  if (state.type === 'Choice') {
    if (notAString(node, 'Default')) return true;
    if (arrayItems(getPropertyValue(node, 'Choices')).some((rule) => lacksTarget(rule))) return true;
  } else if (notAString(node, 'Next')) {
    return true;
  }
  return arrayItems(getPropertyValue(node, 'Catch')).some((catcher) => lacksTarget(catcher));
}

/** A rule or catcher object whose `Next` is missing or not a string. */
function lacksTarget(object: JsonNode): boolean {
  return object.type === 'object' && (!getProperty(object, 'Next') || notAString(object, 'Next'));
}

/** `key` is a property of the object, without a string value. */
function notAString(object: JsonNode, key: string): boolean {
  if (object.type !== 'object') return false;
  for (const property of object.children ?? []) {
    if (property.children?.[0]?.value !== key) continue;
    if (property.children[1]?.type !== 'string') return true;
  }
  return false;
}

function arrayItems(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? node.children ?? [] : [];
}
