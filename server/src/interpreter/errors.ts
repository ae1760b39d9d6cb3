/** Errors as Step Functions names them, and the rules of which retriers and catchers match them. */

/** An error raised while a state runs: the `Error` and `Cause` a catcher or the execution sees. */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause?: string,
    /** Raised by the task itself (matches `States.TaskFailed`), not by the interpreter. */
    readonly fromTask = false,
  ) {
    super(cause ? `${error}: ${cause}` : error);
  }
}

/** The execution was stopped from outside (abort signal); never caught by the state machine. */
export class ExecutionAborted extends Error {
  constructor(readonly reason = 'The execution was aborted.') {
    super(reason);
  }
}

/** StartExecution refuses the input: it is over AWS's payload limit, so no execution starts. */
export class ExecutionInputTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`The execution input is ${bytes.toLocaleString('en-US')} bytes; AWS Step Functions accepts at most 262,144 bytes (256 KiB). Pass a reference to the data (an S3 object key) instead of the data.`);
  }
}

/** The execution-level `TimeoutSeconds` expired. */
export class ExecutionTimedOut extends Error {
  constructor() {
    super('States.Timeout');
  }
}

export const RUNTIME = 'States.Runtime';
export const QUERY_EVALUATION = 'States.QueryEvaluationError';
export const INTRINSIC_FAILURE = 'States.IntrinsicFailure';
export const DATA_LIMIT = 'States.DataLimitExceeded';
export const TIMEOUT = 'States.Timeout';
export const HEARTBEAT_TIMEOUT = 'States.HeartbeatTimeout';
export const ITEM_READER_FAILED = 'States.ItemReaderFailed';
export const RESULT_WRITER_FAILED = 'States.ResultWriterFailed';

/** `States.Runtime` ends the execution whatever the catchers say. */
export function isUncatchable(error: StatesError): boolean {
  return error.error === RUNTIME;
}

/**
 * Whether one `ErrorEquals` entry matches an error. `States.ALL` matches everything but a state's own
 * `States.DataLimitExceeded` (a task that reports it is caught like any task failure, as AWS does);
 * `States.Timeout` also matches a missed heartbeat (AWS: a task "either ran longer than the
 * TimeoutSeconds value, or failed to send a heartbeat for a period longer than the HeartbeatSeconds
 * value"); `States.TaskFailed` matches every error a task raised except those timeouts.
 */
export function errorMatches(pattern: string, error: StatesError): boolean {
  if (pattern === error.error) return true;
  if (pattern === 'States.ALL') return error.error !== DATA_LIMIT || error.fromTask;
  if (pattern === TIMEOUT) return error.error === HEARTBEAT_TIMEOUT;
  if (pattern === 'States.TaskFailed') return error.fromTask && error.error !== TIMEOUT && error.error !== HEARTBEAT_TIMEOUT;
  return false;
}

/** The runtime-error cause prefix AWS uses: names the state and the event that entered it. */
export function stateCause(stateName: string, enteredEventId: number, detail: string): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${detail}`;
}
