/**
 * The interpreter's public types: what an execution is given (definition, input, clock, random source,
 * task resolver, controller) and what it produces (status, output or error, history).
 */
import type { State } from '../asl/model';

/** A JSON value as state machines see it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** Time as the execution sees it. The virtual clock jumps instead of sleeping. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Work outside the execution is in progress (a handler process, an answer to a task token): a
   * virtual clock lets time pass at real speed until the returned function is called.
   */
  hold?(): () => void;
  /** The execution is stopped (a debugger's pause): a virtual clock stands still until released. */
  freeze?(): () => void;
}

/** A source of uniformly distributed numbers in [0, 1), seeded for reproducible runs. */
export interface RandomSource {
  next(): number;
}

/** What a task resolver is asked to do: one attempt of one Task state. */
export interface TaskRequest {
  /** The Task state's name. */
  stateName: string;
  /** The state machine's name (for mock files). */
  stateMachineName: string;
  resource: string;
  /** The effective parameters (`Parameters`/`Arguments` after evaluation, or the effective input). */
  input: Json;
  /**
   * How many times this state's task ran before in this execution, from 0: retries, loops back to
   * the state and other Map iterations all count (a mock file's invocation number).
   */
  attempt: number;
  /** The Context object as the task sees it (`$$`). */
  context: JsonObject;
  /** Present for `.waitForTaskToken` resources. */
  taskToken?: string;
  /** The task's `TimeoutSeconds`, when set. */
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  /** Aborted when the task is no longer wanted (timeout, a sibling branch failed, execution stopped). */
  signal: AbortSignal;
}

/** How a task ended: its result, or an error with its cause. */
export type TaskOutcome = { result: Json } | { error: string; cause?: string };

/**
 * Answers Task states. Returns `undefined` when it has nothing for this task, so resolvers can be
 * chained (mock file, then local handlers).
 */
export interface TaskResolver {
  resolve(request: TaskRequest): TaskOutcome | undefined | Promise<TaskOutcome | undefined>;
}

/** One AWS-shaped history event. */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: string;
  type: string;
  [details: string]: unknown;
}

/** What a debugger sees of a state, before and after it runs. */
export interface StateFrame {
  /** The state in the parsed document (offsets for the editor). */
  state: State;
  name: string;
  type: string;
  /** The state's raw input. */
  input: Json;
  /**
   * The input the state works on: after `InputPath` and `Parameters` (JSONPath) or `Arguments`
   * (JSONata); set for `afterState` once the state computed it.
   */
  effectiveInput?: Json;
  /**
   * What the state's work produced before `ResultSelector`/`ResultPath`: a Task's answer, the array of
   * Parallel branch or Map iteration outputs; set for `afterState` when there is one.
   */
  result?: Json;
  /** The state's output, set for `afterState` when the state succeeded. */
  output?: Json;
  /** The error, set for `afterState` when the state failed. */
  error?: { error: string; cause?: string };
  /** The next state's name, set for `afterState` when there is one in this scope. */
  next?: string;
  /** Variables visible to the state (read-only view). */
  variables: Readonly<JsonObject>;
  /** The Context object (`$$`). */
  context: JsonObject;
  /** Nesting: the Parallel branch / Map iteration path, e.g. `["Par", 0, "Map", 3]`. */
  location: (string | number)[];
  /** Id of the `...StateEntered` event. */
  enteredEventId: number;
}

/**
 * Changes `beforeState` may make to a state that has not run yet (what-if debugging): a new raw
 * input, and variables assigned as the state's own `Assign` would (a Parallel branch or Map iteration
 * keeps them to itself).
 */
export interface StateEdits {
  input?: Json;
  variables?: JsonObject;
}

/** How a state's own `Retry` or `Catch` is about to handle its error. */
export type ErrorHandling =
  /** The retrier at `retrier` runs the state again after `delaySeconds`; `attempt` 1 is the first retry. */
  | { kind: 'retry'; retrier: number; attempt: number; delaySeconds: number }
  /** The catcher at `catcher` handles the error and goes to `next`. */
  | { kind: 'catch'; catcher: number; next?: string };

/** Hooks a debugger installs; the interpreter awaits them and knows nothing of any protocol. */
export interface ExecutionController {
  /** Called once the state is entered, before it runs; may change its input or variables. */
  beforeState?(frame: StateFrame): void | StateEdits | Promise<void | StateEdits>;
  afterState?(frame: StateFrame): void | Promise<void>;
  /**
   * A Task, Parallel or Map state failed (`frame.error`) and one of its own retriers or catchers is
   * about to handle the error: called before the retry waits or the catcher runs.
   */
  beforeErrorHandled?(frame: StateFrame, handling: ErrorHandling): void | Promise<void>;
  onEvent?(event: HistoryEvent): void;
  /**
   * A `.waitForTaskToken` task that no resolver answered now waits for `sendTaskSuccess`,
   * `sendTaskFailure` or `sendTaskHeartbeat` with this token.
   */
  onTaskToken?(request: { token: string; stateName: string; input: Json }): void;
}

export interface ExecutionOptions {
  input?: Json;
  /** The name under which mocks are looked up and ARNs are built; default `StateMachine`. */
  stateMachineName?: string;
  executionName?: string;
  /** Default: a virtual clock starting at the real current time. */
  clock?: Clock;
  /** Default: seeded with 1. */
  random?: RandomSource;
  taskResolver?: TaskResolver;
  controller?: ExecutionController;
  /** Aborting stops the execution with status ABORTED. */
  signal?: AbortSignal;
  /** Default 25,000, the AWS limit on history events. */
  maxHistoryEvents?: number;
  /** Keep the history events (default true); when false only the count is kept. */
  recordHistory?: boolean;
  region?: string;
  accountId?: string;
  roleArn?: string;
}

export interface ExecutionResult {
  status: ExecutionStatus;
  output?: Json;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
}
