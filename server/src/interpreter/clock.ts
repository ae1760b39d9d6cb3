/**
 * Clocks: a virtual one whose time jumps (the default: waits take no real time) and the real one.
 *
 * The virtual clock is an event scheduler. A sleep registers a timer; time moves only once every
 * runnable piece of the execution is idle (nothing left but sleepers), and then jumps to the earliest
 * deadline and wakes every sleeper due at that instant. Concurrent waits (Parallel branches, Map
 * iterations) therefore overlap as they do on AWS: two branches that each wait 100 seconds end at
 * 100 seconds, not 200.
 *
 * Two things suspend the jumps. Work outside the execution (a handler process, an answer to a task
 * token) holds the clock: while held, time passes at real speed, so a timeout racing that work fires
 * after its real duration. A debugger stopped at a breakpoint freezes the clock: time stands still.
 */
import type { Clock } from './types';

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

/** `setTimeout` fires at once for delays past 2^31 - 1 ms; longer delays are waited in steps. */
const MAX_TIMER_MS = 2_147_483_647;

interface Timer {
  at: number;
  /** Registration order: timers due at the same instant wake in the order they were set. */
  seq: number;
  wake(): void;
  /** Position in the heap, -1 once removed. */
  index: number;
}

/** A binary min-heap of timers by (at, seq), with removal of any timer. */
class TimerHeap {
  private readonly items: Timer[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Timer | undefined {
    return this.items[0];
  }

  push(timer: Timer): void {
    timer.index = this.items.length;
    this.items.push(timer);
    this.up(timer.index);
  }

  pop(): Timer | undefined {
    const top = this.items[0];
    if (top) this.remove(top);
    return top;
  }

  remove(timer: Timer): void {
    const index = timer.index;
    if (index < 0) return;
    const last = this.items.pop()!;
    timer.index = -1;
    if (last === timer) return;
    this.items[index] = last;
    last.index = index;
    this.down(index);
    this.up(last.index);
  }

  private before(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private swap(i: number, j: number): void {
    const a = this.items[i];
    const b = this.items[j];
    this.items[i] = b;
    this.items[j] = a;
    a.index = j;
    b.index = i;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.items[i], this.items[parent])) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.items.length && this.before(this.items[left], this.items[smallest])) smallest = left;
      if (right < this.items.length && this.before(this.items[right], this.items[smallest])) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}

/** Time starts at `start` and moves only when everything that runs is waiting on this clock. */
export class VirtualClock implements Clock {
  private time: number;
  private readonly timers = new TimerHeap();
  private seq = 0;
  private holds = 0;
  private freezes = 0;
  /** Set while held, not frozen and idle: time follows the real clock from this pair of instants. */
  private realBase?: { real: number; virtual: number };
  private realTimer?: NodeJS.Timeout;
  private pumpScheduled = false;

  constructor(start = Date.now()) {
    this.time = start;
  }

  now(): number {
    if (this.realBase) {
      const flowed = this.realBase.virtual + (Date.now() - this.realBase.real);
      if (flowed > this.time) this.time = flowed;
    }
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (!(ms > 0)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.timers.remove(timer);
        reject(abortReason(signal!));
      };
      const timer: Timer = {
        at: this.now() + ms,
        seq: this.seq++,
        index: -1,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
      this.schedule();
    });
  }

  /** Outside work is in progress: until released, time passes at real speed instead of jumping. */
  hold(): () => void {
    this.holds++;
    this.update();
    return this.releaser(() => this.holds--);
  }

  /** The execution is stopped (a debugger's pause): until released, time stands still. */
  freeze(): () => void {
    this.freezes++;
    this.update();
    return this.releaser(() => this.freezes--);
  }

  private releaser(undo: () => void): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      undo();
      this.update();
    };
  }

  /** Stops real-speed time once nothing holds the clock (or it is frozen), and lets jumps resume. */
  private update(): void {
    if (this.realBase && !(this.holds > 0 && this.freezes === 0)) {
      this.now();
      this.realBase = undefined;
      this.clearRealTimer();
    }
    this.schedule();
  }

  /**
   * Checks for idleness after everything runnable now has run: `setImmediate` callbacks run only
   * once the promise jobs queued before them (the execution's own continuations) are all done.
   */
  private schedule(): void {
    if (this.pumpScheduled || this.freezes > 0 || (this.timers.size === 0 && this.holds === 0)) return;
    this.pumpScheduled = true;
    setImmediate(this.pump);
  }

  private readonly pump = (): void => {
    this.pumpScheduled = false;
    if (this.freezes > 0) return;
    if (this.holds > 0) {
      // Idle, but outside work is running: time flows at real speed until it answers.
      this.realBase ??= { real: Date.now(), virtual: this.time };
      this.armRealTimer();
      return;
    }
    if (this.timers.size === 0) return;
    const at = this.timers.peek()!.at;
    if (at > this.time) this.time = at;
    this.wakeDue();
  };

  /** Wakes every timer due by now, in order, then looks again once the woken work has run. */
  private wakeDue(): void {
    const now = this.time;
    for (let timer = this.timers.peek(); timer && timer.at <= now; timer = this.timers.peek()) {
      this.timers.pop();
      timer.wake();
    }
    this.schedule();
  }

  /** While held: a real timer for the earliest deadline, which then becomes the exact current time. */
  private armRealTimer(): void {
    this.clearRealTimer();
    const next = this.timers.peek();
    if (!next) return;
    const delay = Math.max(0, next.at - this.now());
    this.realTimer = setTimeout(() => {
      this.realTimer = undefined;
      const base = this.realBase;
      if (!base) return;
      const due = this.timers.peek();
      if (due && base.virtual + (Date.now() - base.real) >= due.at - 1) {
        // A real timer fires a millisecond early or a few late: the deadline is the time it fired
        // (unless the clock was read in between, as time never goes back). Time stands at the
        // deadline while the woken work runs, and flows again once everything is idle.
        if (due.at > this.time) this.time = due.at;
        this.realBase = undefined;
        this.wakeDue();
      } else {
        this.armRealTimer();
      }
    }, Math.min(delay, MAX_TIMER_MS));
  }

  private clearRealTimer(): void {
    if (this.realTimer !== undefined) {
      clearTimeout(this.realTimer);
      this.realTimer = undefined;
    }
  }
}

/** Wall-clock time; sleeping uses a timer that is cleared when the signal aborts. */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (!(ms > 0)) return Promise.resolve();
    const until = Date.now() + ms;
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout;
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal!));
      };
      const arm = () => {
        const left = until - Date.now();
        if (left <= 0) {
          signal?.removeEventListener('abort', onAbort);
          resolve();
          return;
        }
        timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      arm();
    });
  }
}
