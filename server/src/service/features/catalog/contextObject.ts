/**
 * The fields of the context object: `$$.` in JSONPath, `$states.context.` in JSONata. Source:
 * "Accessing execution data from the Context object" in the AWS Step Functions developer guide.
 */

export interface ContextField {
  /** Dotted path below the context object's root. */
  path: string;
  type: 'string' | 'number' | 'object' | 'any';
  description: string;
  /** Where the field holds a value: only in the `ItemSelector` of a Map state, or only in a Task state. */
  only?: 'map-item-selector' | 'task';
}

export const CONTEXT_FIELDS: readonly ContextField[] = [
  { path: 'Execution.Id', type: 'string', description: 'The ARN of the execution.' },
  { path: 'Execution.Input', type: 'object', description: 'The input the execution started with.' },
  { path: 'Execution.Name', type: 'string', description: 'The name of the execution.' },
  { path: 'Execution.RoleArn', type: 'string', description: 'The ARN of the IAM role the execution runs with.' },
  { path: 'Execution.StartTime', type: 'string', description: 'When the execution started (ISO 8601).' },
  { path: 'Execution.RedriveCount', type: 'number', description: 'How many times the execution has been redriven; 0 until it is.' },
  { path: 'Execution.RedriveTime', type: 'string', description: 'When the execution was last redriven (ISO 8601); present only after a redrive.' },
  { path: 'State.EnteredTime', type: 'string', description: 'When the current state was entered (ISO 8601).' },
  { path: 'State.Name', type: 'string', description: 'The name of the current state.' },
  { path: 'State.RetryCount', type: 'number', description: 'How many times the current state has been retried.' },
  { path: 'StateMachine.Id', type: 'string', description: 'The ARN of the state machine.' },
  { path: 'StateMachine.Name', type: 'string', description: 'The name of the state machine.' },
  {
    path: 'Task.Token',
    type: 'string',
    description: 'The task token of a `.waitForTaskToken` task: pass it to the worker, which returns it with `SendTaskSuccess` or `SendTaskFailure`.',
    only: 'task',
  },
  { path: 'Map.Item.Index', type: 'number', description: 'The index of the item the current Map iteration processes.', only: 'map-item-selector' },
  { path: 'Map.Item.Value', type: 'any', description: 'The item the current Map iteration processes.', only: 'map-item-selector' },
];

const BY_PATH = new Map(CONTEXT_FIELDS.map((field) => [field.path, field]));

export function contextField(path: string): ContextField | undefined {
  return BY_PATH.get(path);
}

/** The fields of `$states` in JSONata expressions. */
export const STATES_FIELD_DOCS: Record<string, string> = {
  input: "The state's input.",
  result: 'The result of the task, the branches or the iterations (in `Output` and `Assign`).',
  errorOutput: "The error output, with `Error` and `Cause` (in a catcher's `Output` and `Assign`).",
  context: 'The context object: `Execution`, `State`, `StateMachine`, `Task`, `Map`.',
};
