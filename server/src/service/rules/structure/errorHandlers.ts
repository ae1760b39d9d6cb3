/** The retriers and catchers of every state, as the error-name rules read them. */
import { getPropertyValue } from '../../../asl/jsonNode';
import type { JsonNode, State } from '../../../asl/model';

export type HandlerField = 'Retry' | 'Catch';

export interface HandlerList {
  state: State;
  field: HandlerField;
  /** The retrier or catcher nodes, in order (any JSON type: the schema checks they are objects). */
  handlers: JsonNode[];
}

/** A state's `Retry` and `Catch` arrays. */
export function handlerLists(state: State): HandlerList[] {
  const lists: HandlerList[] = [];
  for (const field of ['Retry', 'Catch'] as const) {
    const list = getPropertyValue(state.node, field);
    if (list?.type === 'array' && list.children) lists.push({ state, field, handlers: list.children });
  }
  return lists;
}

/** The elements of a retrier's or catcher's `ErrorEquals` (of any JSON type: the schema checks they are strings). */
export function errorEqualsElements(handler: JsonNode): JsonNode[] {
  const errorEquals = getPropertyValue(handler, 'ErrorEquals');
  return errorEquals?.type === 'array' ? errorEquals.children ?? [] : [];
}
