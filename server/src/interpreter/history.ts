/** The execution history in AWS's shape, with the 25,000-event guard. */
import type { ExecutionController, HistoryEvent, Json } from './types';

export const MAX_HISTORY_EVENTS = 25_000;

/** Raised when the next event would pass the history limit; the execution fails, uncatchably. */
export class HistoryLimitReached extends Error {
  constructor(readonly limit: number) {
    super(`The execution reached the maximum number of history events (${limit}).`);
  }
}

/** A chain of events that follow each other (the execution, one Parallel branch, one Map iteration). */
export interface Thread {
  lastEventId: number;
  /** The history the chain belongs to when it is not the execution's (a Distributed Map child execution). */
  history?: History;
}

const TERMINAL = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);

export class History {
  readonly events: HistoryEvent[] = [];
  count = 0;
  /** The last timestamp and its text: the virtual clock stands still between waits. */
  private lastTime = NaN;
  private lastTimeText = '';

  constructor(
    private readonly now: () => number,
    private readonly limit: number,
    private readonly record: boolean,
    private readonly controller: ExecutionController | undefined,
  ) {}

  /**
   * Appends an event and returns its id. `link: false` leaves the thread's last event unchanged
   * (AWS chains some events, e.g. `MapStateSucceeded`, to an earlier one).
   */
  add(type: string, thread: Thread, details?: Record<string, unknown>, link = true): number {
    // Event number `limit` may only be the execution's end; anything else fails the execution.
    if (this.count >= this.limit - 1 && !TERMINAL.has(type)) throw new HistoryLimitReached(this.limit);
    const id = ++this.count;
    const previousEventId = thread.lastEventId;
    if (link) thread.lastEventId = id;
    if (!this.record && !this.controller?.onEvent) return id;
    const now = this.now();
    if (now !== this.lastTime) {
      this.lastTime = now;
      this.lastTimeText = new Date(now).toISOString();
    }
    const event: HistoryEvent = { timestamp: this.lastTimeText, type, id, previousEventId };
    if (details) {
      for (const key in details) event[key] = details[key];
    }
    if (this.record) this.events.push(event);
    this.controller?.onEvent?.(event);
    return id;
  }
}

const NOT_TRUNCATED = Object.freeze({ truncated: false });

/**
 * Event details that carry a value as JSON text (`input` or `output`), as AWS's do. The text is made
 * when first read or serialised: values are never mutated, and most histories are never printed, so
 * an execution does not pay for stringifying every state's input and output.
 */
abstract class PayloadDetails {
  #value: Json | undefined;
  #text: string | undefined;
  constructor(value: Json | undefined, fields?: Record<string, unknown>) {
    this.#value = value;
    if (fields) Object.assign(this, fields);
  }
  protected text(): string {
    return (this.#text ??= JSON.stringify(this.#value ?? null));
  }
}

export class InputDetails extends PayloadDetails {
  get input(): string {
    return this.text();
  }
  get inputDetails(): { truncated: boolean } {
    return NOT_TRUNCATED;
  }
  toJSON(): object {
    return { ...this, input: this.text(), inputDetails: NOT_TRUNCATED };
  }
}

export class OutputDetails extends PayloadDetails {
  get output(): string {
    return this.text();
  }
  get outputDetails(): { truncated: boolean } {
    return NOT_TRUNCATED;
  }
  toJSON(): object {
    return { ...this, output: this.text(), outputDetails: NOT_TRUNCATED };
  }
}
