/**
 * The custom debug event that carries a debug session's position in the workflow to anything that
 * draws it (the graph preview). Sent by the debug adapter as a DAP event named
 * `EXECUTION_STATE_EVENT`; the extension forwards it to the preview.
 */
export const EXECUTION_STATE_EVENT = 'statecraft.executionState';

export type ExecutionStatus = 'running' | 'paused' | 'succeeded' | 'failed' | 'aborted' | 'timedOut';

/** A state as the graph knows it: by its unique name (ASL state names are unique across scopes). */
export interface ExecutionStateEventBody {
  /** Absolute path of the definition file being executed. */
  program: string;
  status: ExecutionStatus;
  /** States where a thread is paused now (one per paused thread; empty while running freely). */
  current: string[];
  /** Every state entered so far, in first-entered order. */
  visited: string[];
  /** Transitions taken so far, as [from, to] state names. */
  takenEdges: [string, string][];
  /** States that failed (their error was not caught by a retrier). */
  failed: string[];
}
