/**
 * The error names Step Functions itself raises, with when it raises them. Diagnostics check
 * `ErrorEquals` against this table; completion and hover show its descriptions.
 *
 * Sources: "Handling errors in Step Functions workflows" and "Handle Lambda service exceptions"
 * in the AWS Step Functions developer guide, and the States Language specification, appendix A.
 */

export interface ErrorNameInfo {
  name: string;
  /** When AWS raises this error, in one or two sentences. */
  description: string;
  /**
   * False when no retrier or catcher ever matches this error, not even one that names it:
   * the execution fails. True for every other error.
   */
  catchable: boolean;
}

/** The prefix reserved for the errors Step Functions defines; user errors may not use it. */
export const STATES_ERROR_PREFIX = 'States.';

/** Every `States.*` error name AWS defines, in alphabetical order. */
export const STATES_ERRORS: readonly ErrorNameInfo[] = [
  {
    name: 'States.ALL',
    description:
      'A wildcard that matches any error name. It must appear alone in `ErrorEquals`, in the last retrier or catcher. It does not match `States.Runtime`.',
    catchable: true,
  },
  {
    name: 'States.BranchFailed',
    description: 'A branch of a Parallel state failed.',
    catchable: true,
  },
  {
    name: 'States.DataLimitExceeded',
    description:
      "The output of a task or state, or a state's input after `Parameters`, is larger than the payload size quota.",
    catchable: true,
  },
  {
    name: 'States.ExceedToleratedFailureThreshold',
    description:
      'A Map state failed because more items failed than its `ToleratedFailureCount` or `ToleratedFailurePercentage` allows.',
    catchable: true,
  },
  {
    name: 'States.HeartbeatTimeout',
    description: 'A Task state sent no heartbeat for longer than its `HeartbeatSeconds`.',
    catchable: true,
  },
  {
    name: 'States.Http.Socket',
    description: 'An HTTP task timed out: the endpoint did not answer within 60 seconds.',
    catchable: true,
  },
  {
    name: 'States.IntrinsicFailure',
    description: 'An intrinsic function call in a payload template failed.',
    catchable: true,
  },
  {
    name: 'States.ItemReaderFailed',
    description: 'A Map state could not read its items from the source named in `ItemReader`.',
    catchable: true,
  },
  {
    name: 'States.NoChoiceMatched',
    description: 'No rule of a Choice state matched its input, and the state has no `Default`.',
    catchable: true,
  },
  {
    name: 'States.ParameterPathFailure',
    description: "A path in a state's `Parameters` (a field whose name ends in `.$`) could not be resolved.",
    catchable: true,
  },
  {
    name: 'States.Permissions',
    description: "A Task state failed because the execution role lacks the privileges to run it.",
    catchable: true,
  },
  {
    name: 'States.QueryEvaluationError',
    description:
      'A JSONata expression failed: a type error, a result that is not valid JSON, or an undefined value where a value is required.',
    catchable: true,
  },
  {
    name: 'States.ResultPathMatchFailure',
    description: "A state's `ResultPath` could not be applied to the input the state received.",
    catchable: true,
  },
  {
    name: 'States.ResultWriterFailed',
    description: 'A Map state could not write its results to the destination named in `ResultWriter`.',
    catchable: true,
  },
  {
    name: 'States.Runtime',
    description:
      'The execution failed on an exception it could not process, such as `InputPath` or `OutputPath` naming a field the input does not have. It is never retried or caught, not even by a retrier or catcher that names it.',
    catchable: false,
  },
  {
    name: 'States.TaskFailed',
    description:
      'A Task state failed. In `ErrorEquals` it matches any error except `States.Timeout`.',
    catchable: true,
  },
  {
    name: 'States.Timeout',
    description:
      'A Task state ran longer than its `TimeoutSeconds` or sent no heartbeat for longer than its `HeartbeatSeconds`.',
    catchable: true,
  },
];

/**
 * Errors the Lambda integration reports (`Lambda.` + the Lambda exception name). They are user-space
 * names as far as ASL is concerned; AWS recommends retrying the transient ones.
 */
export const LAMBDA_ERRORS: readonly ErrorNameInfo[] = [
  {
    name: 'Lambda.AWSLambdaException',
    description: 'A transient Lambda service error (HTTP 500). AWS recommends retrying it.',
    catchable: true,
  },
  {
    name: 'Lambda.ClientExecutionTimeoutException',
    description: 'The call to the Lambda service timed out (a transient service error). AWS recommends retrying it.',
    catchable: true,
  },
  {
    name: 'Lambda.SdkClientException',
    description: 'A transient error of the client that calls Lambda. AWS recommends retrying it.',
    catchable: true,
  },
  {
    name: 'Lambda.ServiceException',
    description: 'A transient Lambda service error (HTTP 500). AWS recommends retrying it.',
    catchable: true,
  },
  {
    name: 'Lambda.TooManyRequestsException',
    description: 'Lambda throttled the invocation: the function reached its concurrency limit.',
    catchable: true,
  },
  {
    name: 'Lambda.Unknown',
    description:
      'The function failed without a reported error type, for example it ran out of memory or timed out. `States.TaskFailed` and `States.ALL` also match it.',
    catchable: true,
  },
];

const STATES_ERRORS_BY_NAME = new Map(STATES_ERRORS.map((info) => [info.name, info]));

export const STATES_ERROR_NAMES: readonly string[] = STATES_ERRORS.map((info) => info.name);

/** The AWS-defined error of that exact (case-sensitive) name. */
export function statesError(name: string): ErrorNameInfo | undefined {
  return STATES_ERRORS_BY_NAME.get(name);
}

/** A name in the reserved `States.` namespace (defined by AWS or not). */
export function isReservedErrorName(name: string): boolean {
  return name.startsWith(STATES_ERROR_PREFIX);
}
