/**
 * The debugger's runtime: runs one execution with the interpreter and pauses it at state boundaries.
 * It knows nothing of the Debug Adapter Protocol: it speaks of threads (the execution, each Parallel
 * branch and Map iteration being run), pause points (a state's entry, its exit, the moment its own
 * Retry or Catch handles an error) and stops, and reports them as typed events.
 *
 * Stopping is all-or-nothing: when one thread stops, every other thread pauses at its next state
 * boundary (a state already running, such as a task waiting on a handler, finishes first), so what
 * the developer sees holds still; continuing or stepping releases them all.
 */
import type { State } from '../asl/model';
import { Execution } from '../interpreter/engine';
import { RealClock, VirtualClock } from '../interpreter/clock';
import { errorMatches, ExecutionAborted, StatesError } from '../interpreter/errors';
import { isObject } from '../interpreter/json';
import type {
  Clock,
  ErrorHandling,
  ExecutionController,
  ExecutionResult,
  HistoryEvent,
  Json,
  JsonObject,
  StateEdits,
  StateFrame,
  TaskOutcome,
  TaskRequest,
  TaskResolver,
} from '../interpreter/types';
import type { BreakpointTable, StateBreakpoint } from './breakpoints';
import { evaluate, interpolate, isTrue, type StateView } from './evaluate';
import type { ExecutionStateEventBody, ExecutionStatus } from './executionEvent';
import { preview, stateNamedBy, summarize } from './historyLine';
import type { LoadedProgram } from './launch';

/** Where in a state a thread is: about to run it, done with it, or about to retry or catch its error. */
export type PausePoint = 'entry' | 'exit' | 'error';

export type StopReason = 'entry' | 'step' | 'breakpoint' | 'exception' | 'pause';

export interface Stop {
  reason: StopReason;
  threadId: number;
  /** A sentence for the developer, e.g. "Paused on a breakpoint at `Charge`". */
  description: string;
  /** The error's name, for exception stops. */
  text?: string;
  breakpointIds?: number[];
}

/** An error a state raised, and whether a Retry or Catch handles it (`caught`). */
export interface RaisedError {
  error: string;
  cause?: string;
  caught: boolean;
  handling?: ErrorHandling;
}

export type OutputCategory = 'history' | 'info' | 'log' | 'result' | 'error';

export interface OutputLine {
  text: string;
  category: OutputCategory;
  /** The state the line is about, to link the line to its definition. */
  state?: State;
}

export interface ExceptionFilters {
  /** Pause when an error is about to fail the execution. */
  uncaught: boolean;
  /** Pause when a Retry or Catch is about to handle an error. */
  caught: boolean;
}

/** A Parallel branch or Map iteration being run, or the execution itself (the root thread). */
export class DebugThread {
  /** The state the thread is at; set before anyone sees the thread. */
  frame!: StateFrame;
  point: PausePoint = 'entry';
  /** At an `error` point: how the state's own Retry or Catch handles the error. */
  handling?: ErrorHandling;
  exception?: RaisedError;
  /** The last state that finished in this thread. */
  previous?: StateFrame;
  /** Changes made while paused at an entry, handed to the interpreter when the thread goes on. */
  edits: StateEdits = {};
  /** Waiting at a pause point. */
  paused = false;

  constructor(
    readonly id: number,
    readonly key: string,
    /** The interpreter's location: `["Fan out", 1, "Each order", 17]`. */
    readonly location: readonly (string | number)[],
    readonly name: string,
    readonly parent?: DebugThread,
  ) {}
}

/** One frame of a thread's stack: the thread's own state on top, then the Parallel/Map states around it. */
export interface FrameView {
  thread: DebugThread;
  frame: StateFrame;
  /** Where that thread is; an enclosing Parallel or Map state is `running` its branches or iterations. */
  point: PausePoint | 'running';
  /** The state has not run yet and its thread is paused: its input and variables can be changed. */
  editable: boolean;
}

export class RuntimeError extends Error {}

interface RuntimeEvents {
  stopped: Stop;
  continued: undefined;
  output: OutputLine;
  threadStarted: DebugThread;
  threadExited: DebugThread;
  /** The position changed (a stop, a continue, the end): the body of the custom event. */
  position: ExecutionStateEventBody;
  ended: ExecutionResult;
}

type Listener<T> = (value: T) => void;

interface Step {
  kind: 'over' | 'in' | 'out';
  location: readonly (string | number)[];
  enteredEventId: number;
  point: PausePoint;
}

interface Waiter {
  thread: DebugThread;
  resolve(): void;
  reject(reason: unknown): void;
}

export interface RuntimeOptions {
  program: LoadedProgram;
  breakpoints: BreakpointTable;
  exceptions: ExceptionFilters;
  stopOnEntry: boolean;
  /** Run without pausing: no breakpoints, logpoints or exception stops. */
  noDebug: boolean;
}

const ROOT_THREAD_ID = 1;

/** Which way a thread's location relates to another's: the same scope, around it, inside it, or apart. */
function relation(location: readonly (string | number)[], other: readonly (string | number)[]): 'same' | 'ancestor' | 'descendant' | 'other' {
  const n = Math.min(location.length, other.length);
  for (let i = 0; i < n; i++) if (location[i] !== other[i]) return 'other';
  if (location.length === other.length) return 'same';
  return location.length < other.length ? 'ancestor' : 'descendant';
}

/** Whether an error message pattern list (`ErrorEquals`) matches. */
function matches(errorEquals: Json | undefined, failure: StatesError): boolean {
  return Array.isArray(errorEquals) && errorEquals.some((pattern) => typeof pattern === 'string' && errorMatches(pattern, failure));
}

export class DebugRuntime {
  readonly program: LoadedProgram;
  /** States by name: names are unique across a state machine. */
  private readonly states = new Map<string, State>();
  private readonly listeners = new Map<keyof RuntimeEvents, Listener<never>[]>();
  private readonly clock: Clock;
  private readonly startTime: number;
  private execution?: Execution;
  private finished?: Promise<void>;
  private result?: ExecutionResult;
  private mode: 'idle' | 'running' | 'paused' | 'terminating' | 'ended' = 'idle';
  private readonly waiters: Waiter[] = [];
  private step?: Step;
  private entryPending: boolean;
  private exceptions: ExceptionFilters;
  private lastExceptionStop?: { error: string; cause?: string; caught: boolean; location: readonly (string | number)[] };

  private readonly threadsByKey = new Map<string, DebugThread>();
  private readonly threadsById = new Map<number, DebugThread>();
  private nextThreadId = ROOT_THREAD_ID;

  private readonly visited = new Set<string>();
  private readonly edges = new Map<string, [string, string]>();
  private readonly failed = new Set<string>();
  private eventCount = 0;
  /** For Debug Console lines: the state and thread each history event belongs to. */
  private readonly eventStates = new Map<number, string>();
  private readonly eventThreads = new Map<number, DebugThread>();
  /** Retries used per retrier of a state run (`<thread key>#<entered event id>`), to tell whether an error will be retried. */
  private readonly retriesUsed = new Map<string, number[]>();
  private readonly tokens = new Map<string, { stateName: string; input: Json }>();

  constructor(private readonly options: RuntimeOptions) {
    this.program = options.program;
    for (const state of options.program.document.states) if (!this.states.has(state.name)) this.states.set(state.name, state);
    this.clock = options.program.realTime ? new RealClock() : new VirtualClock();
    this.startTime = this.clock.now();
    this.entryPending = options.stopOnEntry && !options.noDebug;
    this.exceptions = { ...options.exceptions };
  }

  on<K extends keyof RuntimeEvents>(event: K, listener: Listener<RuntimeEvents[K]>): void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as Listener<never>);
    this.listeners.set(event, list);
  }

  private emit<K extends keyof RuntimeEvents>(event: K, value: RuntimeEvents[K]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as Listener<RuntimeEvents[K]>)(value);
  }

  // -----------------------------------------------------------------------------------------------
  // Running

  /** Starts the execution; `ended` is emitted when it is over. */
  start(): void {
    if (this.mode !== 'idle') return;
    const program = this.program;
    const controller: ExecutionController = {
      beforeState: (frame) => this.onEntry(frame),
      afterState: (frame) => this.onExit(frame),
      beforeErrorHandled: (frame, handling) => this.onErrorHandled(frame, handling),
      onEvent: (event) => this.onHistoryEvent(event),
      onTaskToken: (request) => this.onTaskToken(request),
    };
    this.execution = new Execution(program.document, {
      input: program.input,
      stateMachineName: program.stateMachineName,
      clock: this.clock,
      taskResolver: this.resolver(),
      controller,
    });
    this.mode = 'running';
    this.threadFor([]);
    this.finished = this.execution.run().then(
      (result) => this.finish(result),
      (error: unknown) => this.finish({ status: 'FAILED', error: 'States.Runtime', cause: `Internal interpreter error: ${(error as Error)?.message ?? String(error)}`, history: [] }),
    );
  }

  /** Stops the execution (status ABORTED) and waits until it has ended. */
  async terminate(): Promise<void> {
    if (this.mode === 'idle') {
      this.mode = 'ended';
      this.program.handlers?.resolver.dispose();
      return;
    }
    if (this.mode === 'ended') return;
    if (this.mode !== 'terminating') {
      this.mode = 'terminating';
      const reason = new ExecutionAborted('The debug session was stopped.');
      this.execution?.stop(reason.reason);
      for (const waiter of this.waiters.splice(0)) waiter.reject(reason);
    }
    await this.finished;
  }

  private finish(result: ExecutionResult): void {
    this.result = result;
    this.mode = 'ended';
    for (const waiter of this.waiters.splice(0)) waiter.reject(new ExecutionAborted('The execution ended.'));
    this.program.handlers?.resolver.dispose();
    if (result.status === 'SUCCEEDED') {
      this.output('result', `Execution SUCCEEDED with the output ${JSON.stringify(result.output, null, 2)}`);
    } else {
      const error = [result.error, result.cause].filter((part) => part !== undefined && part !== '').join(': ');
      this.output('error', `Execution ${result.status}${error ? ` — ${error}` : ''}`);
    }
    for (const thread of [...this.threadsByKey.values()].reverse()) if (thread.id !== ROOT_THREAD_ID) this.endThread(thread);
    this.emit('position', this.position());
    this.emit('ended', result);
  }

  // -----------------------------------------------------------------------------------------------
  // Commands

  continue(): void {
    this.step = undefined;
    this.resume();
  }

  stepOver(threadId: number): void {
    this.stepFrom('over', threadId);
  }

  stepIn(threadId: number): void {
    this.stepFrom('in', threadId);
  }

  stepOut(threadId: number): void {
    this.stepFrom('out', threadId);
  }

  private stepFrom(kind: Step['kind'], threadId: number): void {
    const thread = this.threadsById.get(threadId) ?? this.threadsById.get(ROOT_THREAD_ID);
    this.step = thread?.frame ? { kind, location: thread.location, enteredEventId: thread.frame.enteredEventId, point: thread.point } : undefined;
    this.resume();
  }

  /** Stops every thread at its next pause point; the stop is reported at once. */
  pause(threadId?: number): void {
    if (this.mode !== 'running') return;
    const thread = (threadId !== undefined ? this.threadsById.get(threadId) : undefined) ?? this.threadsById.get(ROOT_THREAD_ID)!;
    this.stopAt(thread, { reason: 'pause', threadId: thread.id, description: 'Paused' });
  }

  setExceptionFilters(filters: ExceptionFilters): void {
    this.exceptions = { ...filters };
  }

  private resume(): void {
    if (this.mode !== 'paused') return;
    this.mode = 'running';
    const waiting = this.waiters.splice(0);
    this.emit('continued', undefined);
    this.emit('position', this.position());
    for (const waiter of waiting) waiter.resolve();
  }

  // -----------------------------------------------------------------------------------------------
  // Hooks

  private async onEntry(frame: StateFrame): Promise<StateEdits | void> {
    const thread = this.threadFor(frame.location);
    const previous = thread.previous;
    if (previous && previous.next === frame.name) this.edges.set(`${previous.name}\u0000${frame.name}`, [previous.name, frame.name]);
    thread.frame = frame;
    thread.point = 'entry';
    thread.edits = {};
    thread.handling = undefined;
    thread.exception = undefined;
    this.visited.add(frame.name);
    this.eventThreads.set(frame.enteredEventId, thread);
    this.output('history', this.historyText(thread, frame.name, `${frame.type}StateEntered`, preview(frame.input)), frame.state);
    await this.checkpoint(thread, 'entry');
    const edits = thread.edits;
    return edits.input !== undefined || edits.variables !== undefined ? edits : undefined;
  }

  private async onExit(frame: StateFrame): Promise<void> {
    const thread = this.threadFor(frame.location);
    thread.frame = frame;
    thread.point = 'exit';
    thread.handling = undefined;
    thread.exception = undefined;
    if (frame.error) {
      this.failed.add(frame.name);
      thread.exception = { ...frame.error, caught: this.willBeHandled(thread, frame.error) };
    }
    await this.checkpoint(thread, 'exit');
    thread.previous = frame;
    // A Parallel or Map state is over: so are its branches and iterations.
    if (frame.state.children.length > 0) this.endDescendants(thread);
    if ((frame.error || frame.next === undefined) && thread.id !== ROOT_THREAD_ID) this.endThread(thread);
  }

  private async onErrorHandled(frame: StateFrame, handling: ErrorHandling): Promise<void> {
    const thread = this.threadFor(frame.location);
    thread.frame = frame;
    thread.point = 'error';
    thread.handling = handling;
    if (handling.kind === 'retry') {
      const key = `${thread.key}#${frame.enteredEventId}`;
      const used = this.retriesUsed.get(key) ?? [];
      used[handling.retrier] = (used[handling.retrier] ?? 0) + 1;
      this.retriesUsed.set(key, used);
    } else {
      this.failed.add(frame.name);
    }
    const error = frame.error ?? { error: '' };
    thread.exception = { ...error, caught: true, handling };
    const how = handling.kind === 'retry'
      ? `retry ${handling.attempt} in ${handling.delaySeconds} s (Retry[${handling.retrier}])`
      : `caught by Catch[${handling.catcher}]${handling.next ? ` → ${handling.next}` : ''}`;
    this.output('info', `${this.threadPrefix(thread)}${frame.name} failed with ${error.error}${error.cause ? `: ${error.cause}` : ''} — ${how}`, frame.state);
    await this.checkpoint(thread, 'error');
  }

  private onHistoryEvent(event: HistoryEvent): void {
    this.eventCount++;
    let state = stateNamedBy(event) ?? this.eventStates.get(event.previousEventId);
    let thread = this.eventThreads.get(event.previousEventId);
    const aggregate = /^(Parallel|Map)(State|Run)/.exec(event.type)?.[1];
    if (aggregate) {
      // The end of a Parallel or Map follows the last event of a branch or iteration: it belongs to
      // the thread running the Parallel or Map state itself.
      let owner = thread;
      while (owner && !(owner.frame?.type === aggregate && owner.point !== 'exit')) owner = owner.parent;
      if (owner) {
        thread = owner;
        state = owner.frame.name;
      }
    } else if (event.type.startsWith('MapIteration')) {
      thread = [...this.threadsByKey.values()].find((t) => t.frame?.name === state && t.frame.type === 'Map') ?? thread;
    }
    if (state !== undefined) this.eventStates.set(event.id, state);
    if (thread) this.eventThreads.set(event.id, thread);
    // Entered events are written with their thread once it is known; the end is written by `finish`.
    if (event.type.endsWith('StateEntered') || event.type.startsWith('Execution')) return;
    const stateNode = state !== undefined ? this.states.get(state) : undefined;
    this.output('history', this.historyText(thread, state ?? 'Execution', event.type, summarize(event)), stateNode);
  }

  private onTaskToken(request: { token: string; stateName: string; input: Json }): void {
    this.tokens.set(request.token, { stateName: request.stateName, input: request.input });
    const state = this.states.get(request.stateName);
    this.output('info', `${request.stateName} waits for its task token ${request.token}: answer it with the command "Send Task Success" or "Send Task Failure".`, state);
  }

  private historyText(thread: DebugThread | undefined, state: string, type: string, summary: string): string {
    return `${this.threadPrefix(thread)}${state} · ${type}${summary ? ` · ${summary}` : ''}`;
  }

  private threadPrefix(thread: DebugThread | undefined): string {
    return thread && thread.id !== ROOT_THREAD_ID ? `[${thread.name}] ` : '';
  }

  private output(category: OutputCategory, text: string, state?: State): void {
    this.emit('output', { category, text, state });
  }

  // -----------------------------------------------------------------------------------------------
  // Pausing

  /**
   * A pause point: waits while the world is stopped, then decides whether this thread stops here
   * (entry, breakpoint, step, exception). Breakpoints are tested once per arrival.
   */
  private async checkpoint(thread: DebugThread, point: PausePoint): Promise<void> {
    if (this.mode === 'terminating' || this.mode === 'ended') throw new ExecutionAborted('The debug session was stopped.');
    if (this.options.noDebug) return;
    let hits: StateBreakpoint[] | undefined;
    for (;;) {
      while (this.mode === 'paused') await this.wait(thread);
      if (point === 'entry' && hits === undefined) {
        hits = await this.breakpointsHit(thread);
        continue;
      }
      const stop = this.decide(thread, point, hits ?? []);
      if (!stop) return;
      this.stopAt(thread, stop);
      await this.wait(thread);
      return;
    }
  }

  private decide(thread: DebugThread, point: PausePoint, hits: StateBreakpoint[]): Stop | undefined {
    const name = thread.frame.name;
    const threadId = thread.id;
    if (this.entryPending && point === 'entry' && thread.id === ROOT_THREAD_ID) {
      this.entryPending = false;
      return { reason: 'entry', threadId, description: `Paused at the first state, \`${name}\`` };
    }
    const exception = this.exceptionStop(thread, point);
    if (exception) return exception;
    if (hits.length > 0) return { reason: 'breakpoint', threadId, description: `Paused on a breakpoint at \`${name}\``, breakpointIds: hits.map((hit) => hit.id) };
    if (this.step && this.stepEndsAt(this.step, thread, point)) {
      const where = point === 'entry' ? `before \`${name}\`` : point === 'exit' ? `after \`${name}\`` : `at the ${thread.handling?.kind === 'retry' ? 'retry' : 'catch'} of \`${name}\``;
      return { reason: 'step', threadId, description: `Paused ${where}` };
    }
    return undefined;
  }

  private exceptionStop(thread: DebugThread, point: PausePoint): Stop | undefined {
    const raised = thread.exception;
    if (point === 'entry' || !raised) return undefined;
    const last = this.lastExceptionStop;
    // The same error on its way out of the branch that already stopped for it.
    if (last && last.error === raised.error && last.cause === raised.cause && last.caught === raised.caught && relation(thread.location, last.location) === 'ancestor') return undefined;
    if (raised.caught ? !this.exceptions.caught : !this.exceptions.uncaught) return undefined;
    this.lastExceptionStop = { error: raised.error, cause: raised.cause, caught: raised.caught, location: thread.location };
    const how = raised.caught ? (raised.handling ? (raised.handling.kind === 'retry' ? 'it will be retried' : 'a Catch handles it') : 'a Retry or Catch around it handles it') : 'nothing catches it: the execution fails';
    return {
      reason: 'exception',
      threadId: thread.id,
      description: `\`${thread.frame.name}\` failed with ${raised.error || 'an error'} (${how})`,
      text: raised.error,
    };
  }

  /** Whether a step that began at `step` ends at this thread's pause point. */
  private stepEndsAt(step: Step, thread: DebugThread, point: PausePoint): boolean {
    const where = relation(thread.location, step.location);
    const frame = thread.frame;
    // A thread that waited while another one was stopped goes on from where the step began.
    if (where === 'same' && frame.enteredEventId === step.enteredEventId && point === step.point) return false;
    // The state the step began at ends its scope (End, Succeed, Fail) or fails: stop after it.
    const endOfOrigin = where === 'same' && frame.enteredEventId === step.enteredEventId && step.point === 'entry' && point === 'exit' && (frame.error !== undefined || frame.next === undefined);
    switch (step.kind) {
      case 'over':
        if (where === 'ancestor') return true;
        return where === 'same' && (point === 'entry' || endOfOrigin);
      case 'in':
        if (where === 'other') return false;
        return point !== 'exit' || where === 'ancestor' || endOfOrigin;
      case 'out':
        // From the execution's own states: to its end.
        if (step.location.length === 0) return where === 'same' && point === 'exit' && (frame.error !== undefined || frame.next === undefined);
        return where === 'ancestor';
    }
  }

  private stopAt(thread: DebugThread, stop: Stop): void {
    this.mode = 'paused';
    this.step = undefined;
    // A pause request stops a thread that may be busy in a state; the others wait at a pause point.
    if (stop.reason !== 'pause') thread.paused = true;
    // The position first: whoever draws it is up to date when the stop is shown.
    this.emit('position', this.position());
    this.emit('stopped', stop);
  }

  private wait(thread: DebugThread): Promise<void> {
    if (this.mode === 'terminating' || this.mode === 'ended') return Promise.reject(new ExecutionAborted('The debug session was stopped.'));
    thread.paused = true;
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({
        thread,
        resolve: () => {
          thread.paused = false;
          resolve();
        },
        reject: (reason) => {
          thread.paused = false;
          reject(reason);
        },
      });
    });
  }

  /** The breakpoints at the thread's state whose condition and hit count say stop; logpoints print. */
  private async breakpointsHit(thread: DebugThread): Promise<StateBreakpoint[]> {
    const list = this.options.breakpoints.at(thread.frame.state);
    if (list.length === 0) return [];
    const view = this.viewOf(thread);
    const hits: StateBreakpoint[] = [];
    for (const breakpoint of list) {
      const condition = breakpoint.request.condition?.trim();
      if (condition) {
        try {
          if (!isTrue(await evaluate(condition, view))) continue;
        } catch (error) {
          this.output('error', `The condition \`${condition}\` of the breakpoint at \`${thread.frame.name}\` cannot be evaluated, so it stops: ${(error as Error).message}`, thread.frame.state);
          hits.push(breakpoint);
          continue;
        }
      }
      breakpoint.hits++;
      if (breakpoint.hitTest && !breakpoint.hitTest(breakpoint.hits)) continue;
      if (breakpoint.request.logMessage !== undefined) {
        this.output('log', `${this.threadPrefix(thread)}${await interpolate(breakpoint.request.logMessage, view)}`, thread.frame.state);
        continue;
      }
      hits.push(breakpoint);
    }
    return hits;
  }

  /**
   * Whether a Retry or Catch of an enclosing Parallel or Map will handle an error that leaves this
   * thread's state (a Map's tolerated failures count as handled). The error's own state has already
   * used its retriers and catchers.
   */
  private willBeHandled(thread: DebugThread, error: { error: string; cause?: string }): boolean {
    if (error.error === 'States.Runtime') return false;
    const raisedByTask = thread.frame.type === 'Task' && (!error.error.startsWith('States.') || ['States.TaskFailed', 'States.Timeout', 'States.HeartbeatTimeout', 'States.DataLimitExceeded'].includes(error.error));
    const failure = new StatesError(error.error, error.cause, raisedByTask);
    for (let around = thread.parent; around; around = around.parent) {
      const owner = around.frame;
      const def = this.definitionOf(owner.state);
      if (owner.type === 'Map' && ['ToleratedFailureCount', 'ToleratedFailurePercentage', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath'].some((field) => def[field] !== undefined)) return true;
      const retriers = Array.isArray(def.Retry) ? def.Retry.filter(isObject) : [];
      const index = retriers.findIndex((retrier) => matches(retrier.ErrorEquals, failure));
      if (index >= 0) {
        const max = typeof retriers[index].MaxAttempts === 'number' ? retriers[index].MaxAttempts : 3;
        const used = this.retriesUsed.get(`${around.key}#${owner.enteredEventId}`)?.[index] ?? 0;
        if (used < (max as number)) return true;
      }
      const catchers = Array.isArray(def.Catch) ? def.Catch.filter(isObject) : [];
      if (catchers.some((catcher) => matches(catcher.ErrorEquals, failure))) return true;
    }
    return false;
  }

  definitionOf(state: State): JsonObject {
    return this.execution?.definitionOf(state) ?? {};
  }

  // -----------------------------------------------------------------------------------------------
  // Threads

  private threadFor(location: readonly (string | number)[]): DebugThread {
    const key = JSON.stringify(location);
    let thread = this.threadsByKey.get(key);
    if (thread) return thread;
    const parent = location.length >= 2 ? this.threadFor(location.slice(0, -2)) : undefined;
    thread = new DebugThread(this.nextThreadId++, key, location, this.threadName(location), parent);
    this.threadsByKey.set(key, thread);
    this.threadsById.set(thread.id, thread);
    this.emit('threadStarted', thread);
    return thread;
  }

  /** `Execution "orders"`, `Parallel "Fan out" › branch 2`, `Map "Each order" › item 17`. */
  private threadName(location: readonly (string | number)[]): string {
    if (location.length === 0) return `Execution "${this.program.stateMachineName}"`;
    const parts: string[] = [];
    for (let i = 0; i + 1 < location.length; i += 2) {
      const owner = String(location[i]);
      const index = Number(location[i + 1]);
      const type = this.states.get(owner)?.type;
      parts.push(type === 'Parallel' ? `Parallel "${owner}" › branch ${index + 1}` : `Map "${owner}" › item ${index}`);
    }
    return parts.join(' › ');
  }

  private endThread(thread: DebugThread): void {
    if (!this.threadsByKey.has(thread.key)) return;
    this.endDescendants(thread);
    this.threadsByKey.delete(thread.key);
    this.threadsById.delete(thread.id);
    this.emit('threadExited', thread);
  }

  private endDescendants(thread: DebugThread): void {
    for (const other of [...this.threadsByKey.values()]) {
      if (other !== thread && relation(other.location, thread.location) === 'descendant') this.endThread(other);
    }
  }

  threads(): DebugThread[] {
    return [...this.threadsById.values()].filter((thread) => thread.frame !== undefined).sort((a, b) => a.id - b.id);
  }

  thread(threadId: number): DebugThread | undefined {
    return this.threadsById.get(threadId);
  }

  /** The thread's stack: its own state, then each enclosing Parallel or Map state out to the execution. */
  stack(threadId: number): FrameView[] {
    const thread = this.threadsById.get(threadId);
    if (!thread?.frame) return [];
    const frames: FrameView[] = [{ thread, frame: thread.frame, point: thread.point, editable: this.isEditable(thread) }];
    for (let around = thread.parent; around; around = around.parent) {
      if (around.frame) frames.push({ thread: around, frame: around.frame, point: 'running', editable: false });
    }
    return frames;
  }

  private isEditable(thread: DebugThread): boolean {
    return this.mode === 'paused' && thread.paused && thread.point === 'entry';
  }

  // -----------------------------------------------------------------------------------------------
  // Values

  /** What expressions see at the thread's state, edits included. */
  viewOf(thread: DebugThread): StateView {
    const frame = thread.frame;
    const edits = thread.edits;
    return {
      input: edits.input !== undefined ? edits.input : frame.input,
      variables: edits.variables ? { ...frame.variables, ...edits.variables } : frame.variables,
      context: frame.context,
      now: this.clock.now(),
    };
  }

  /** Replaces a value inside the state's input before the state runs; returns the value set. */
  editInput(threadId: number, path: readonly (string | number)[], value: Json): Json {
    const thread = this.editableThread(threadId);
    thread.edits.input = setAt(this.viewOf(thread).input, path, value);
    return value;
  }

  /** Sets a variable (or a value inside one) before the state runs; returns the value set. */
  editVariable(threadId: number, name: string, path: readonly (string | number)[], value: Json): Json {
    const thread = this.editableThread(threadId);
    const current = this.viewOf(thread).variables;
    if (path.length > 0 && !Object.prototype.hasOwnProperty.call(current, name)) throw new RuntimeError(`There is no variable \`$${name}\` here.`);
    thread.edits.variables = { ...thread.edits.variables, [name]: path.length === 0 ? value : setAt(current[name], path, value) };
    return value;
  }

  private editableThread(threadId: number): DebugThread {
    const thread = this.threadsById.get(threadId);
    if (!thread || !this.isEditable(thread)) {
      throw new RuntimeError('Values can be changed only at a state that has not run yet: pause before it (a breakpoint or a step), then change its input or a variable.');
    }
    return thread;
  }

  /** The execution as a whole, for the Execution scope. */
  executionSummary(): JsonObject {
    const summary: JsonObject = {
      name: this.execution?.name ?? '',
      stateMachine: this.program.stateMachineName,
      status: this.result?.status ?? (this.mode === 'paused' ? 'RUNNING (paused)' : 'RUNNING'),
      input: this.program.input,
      elapsedSeconds: (this.clock.now() - this.startTime) / 1000,
      eventCount: this.eventCount,
    };
    const waiting = this.waitingTaskTokens();
    if (waiting.length > 0) summary.waitingTaskTokens = waiting.map((entry) => ({ token: entry.token, state: entry.stateName }));
    if (this.result?.status === 'SUCCEEDED' && this.result.output !== undefined) summary.output = this.result.output;
    if (this.result?.error !== undefined) summary.error = this.result.error;
    if (this.result?.cause !== undefined) summary.cause = this.result.cause;
    return summary;
  }

  // -----------------------------------------------------------------------------------------------
  // Task tokens

  waitingTaskTokens(): { token: string; stateName: string; input: Json }[] {
    const waiting = this.execution?.waitingTaskTokens ?? [];
    return waiting.map((token) => ({ token, stateName: this.tokens.get(token)?.stateName ?? '', input: this.tokens.get(token)?.input ?? null }));
  }

  sendTaskSuccess(token: string | undefined, output: Json): string {
    const chosen = this.tokenToAnswer(token);
    this.execution!.sendTaskSuccess(chosen.token, output);
    this.output('info', `Task token of ${chosen.stateName} answered with success: ${preview(output)}`);
    return chosen.token;
  }

  sendTaskFailure(token: string | undefined, error: string | undefined, cause: string | undefined): string {
    const chosen = this.tokenToAnswer(token);
    this.execution!.sendTaskFailure(chosen.token, error, cause);
    this.output('info', `Task token of ${chosen.stateName} answered with failure: ${error ?? ''}${cause ? `: ${cause}` : ''}`);
    return chosen.token;
  }

  private tokenToAnswer(token: string | undefined): { token: string; stateName: string } {
    const waiting = this.waitingTaskTokens();
    if (token !== undefined) {
      const found = waiting.find((entry) => entry.token === token);
      if (!found) throw new RuntimeError(`No task waits for the token ${token}.`);
      return found;
    }
    if (waiting.length === 0) throw new RuntimeError('No task waits for a task token.');
    if (waiting.length > 1) throw new RuntimeError(`${waiting.length} tasks wait for a task token; say which: ${waiting.map((entry) => entry.token).join(', ')}.`);
    return waiting[0];
  }

  // -----------------------------------------------------------------------------------------------
  // Tasks: the mock file, then the handlers; each answer is reported

  private resolver(): TaskResolver {
    const { mocks, handlers } = this.program;
    return {
      resolve: async (request: TaskRequest): Promise<TaskOutcome | undefined> => {
        const state = this.states.get(request.stateName.replace(/\.(ItemReader|ResultWriter)$/, ''));
        const mocked = mocks?.resolver.resolve(request);
        if (mocked) {
          this.output('info', `${request.stateName} answered by the mock ${this.mockName(request)} (test case \`${mocks!.resolver.selection.testCase}\`, invocation ${request.attempt}): ${outcomeText(mocked)}`, state);
          return mocked;
        }
        const target = handlers?.resolver.targetFor(request.resource, request.input);
        if (handlers && target) {
          const outcome = await handlers.resolver.resolve(request);
          if (outcome) {
            this.output('info', `${request.stateName} answered by the handler ${target.file}#${target.exportName}: ${outcomeText(outcome)}`, state);
            return outcome;
          }
        }
        if (request.taskToken === undefined) {
          this.output('error', `${request.stateName}: nothing answers this task (${request.resource}); mock it in the mock file's test case, or map its resource to a local handler.`, state);
        }
        return undefined;
      },
    };
  }

  private mockName(request: TaskRequest): string {
    const { config, resolver } = this.program.mocks!;
    const machines = isObject(config.StateMachines) ? config.StateMachines : {};
    const machine = machines[resolver.selection.stateMachine];
    const cases = isObject(machine) && isObject(machine.TestCases) ? machine.TestCases : {};
    const testCase = cases[resolver.selection.testCase];
    const name = isObject(testCase) ? testCase[request.stateName] : undefined;
    return typeof name === 'string' ? `\`${name}\`` : `of \`${request.stateName}\``;
  }

  // -----------------------------------------------------------------------------------------------
  // The position, for the graph

  position(): ExecutionStateEventBody {
    let status: ExecutionStatus = this.mode === 'paused' ? 'paused' : 'running';
    if (this.result) {
      status = ({ SUCCEEDED: 'succeeded', FAILED: 'failed', ABORTED: 'aborted', TIMED_OUT: 'timedOut' } as const)[this.result.status];
    }
    const current = [...new Set(this.threads().filter((thread) => thread.paused).map((thread) => thread.frame.name))];
    return {
      program: this.program.path,
      status,
      current,
      visited: [...this.visited],
      takenEdges: [...this.edges.values()],
      failed: [...this.failed],
    };
  }
}

function outcomeText(outcome: TaskOutcome): string {
  return 'result' in outcome ? preview(outcome.result) : `throws ${outcome.error}${outcome.cause ? `: ${outcome.cause}` : ''}`;
}

/** A copy of `root` with the value at `path` replaced (objects and arrays on the path are copied). */
export function setAt(root: Json, path: readonly (string | number)[], value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root) && typeof head === 'number' && head >= 0 && head < root.length) {
    const copy = root.slice();
    copy[head] = setAt(root[head], rest, value);
    return copy;
  }
  if (isObject(root) && typeof head === 'string') {
    return { ...root, [head]: setAt(root[head] ?? null, rest, value) };
  }
  throw new RuntimeError(`There is no \`${String(head)}\` to change here.`);
}
