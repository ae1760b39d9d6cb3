/** One line of text per history event, for the Debug Console: the event type and a short summary. */
import type { HistoryEvent } from '../interpreter/types';

const MAX_SUMMARY = 160;

/** A value cut to a readable length. */
export function shorten(text: string, max = MAX_SUMMARY): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Compact JSON of a value cut to a readable length. */
export function preview(value: unknown, max = MAX_SUMMARY): string {
  return shorten(JSON.stringify(value) ?? 'undefined', max);
}

function compact(jsonText: unknown): string {
  if (typeof jsonText !== 'string') return preview(jsonText);
  try {
    return preview(JSON.parse(jsonText));
  } catch {
    return shorten(jsonText);
  }
}

/** The event's `...EventDetails` object, when it has one. */
function detailsOf(event: HistoryEvent): Record<string, unknown> | undefined {
  for (const key of Object.keys(event)) {
    if (key.endsWith('EventDetails')) {
      const value = event[key];
      if (value !== null && typeof value === 'object') return value as Record<string, unknown>;
    }
  }
  return undefined;
}

/** The state an event names itself (entered, exited, Map iterations), if any. */
export function stateNamedBy(event: HistoryEvent): string | undefined {
  const details = detailsOf(event);
  return typeof details?.name === 'string' ? details.name : undefined;
}

/** What the event says in a few words: the output, the error, the parameters, the item count. */
export function summarize(event: HistoryEvent): string {
  const details = detailsOf(event);
  if (!details) return '';
  if (typeof details.error === 'string' || typeof details.cause === 'string') {
    const error = typeof details.error === 'string' ? details.error : '';
    return shorten(typeof details.cause === 'string' && details.cause !== '' ? `${error}: ${details.cause}` : error);
  }
  if (typeof details.index === 'number') return `item ${details.index}`;
  if (typeof details.length === 'number') return `${details.length} item${details.length === 1 ? '' : 's'}`;
  if ('output' in details) return compact(details.output);
  if (typeof details.parameters === 'string') {
    const resource = typeof details.resourceType === 'string' ? `${details.resourceType}:${details.resource} ` : '';
    return `${resource}${compact(details.parameters)}`;
  }
  if (typeof details.resource === 'string' && 'input' in details) return `${details.resource} ${compact(details.input)}`;
  if ('input' in details) return compact(details.input);
  if (typeof details.resourceType === 'string') return `${details.resourceType}:${details.resource}`;
  return '';
}
