/**
 * Snippets of whole states and of the blocks inside them (retriers, catchers, Choice rules,
 * branches, item processors), in both query languages. Snippets are built as JSON-like values and
 * rendered with tabs, which the editor converts to the user's indentation.
 */
import type { QueryLanguage } from '../../asl/model';

/** Snippet text inserted as is: a placeholder, a tab stop, or text already escaped. */
export class Raw {
  constructor(readonly text: string) {}
}

export type SnippetValue = string | number | boolean | Raw | SnippetValue[] | { [key: string]: SnippetValue };

/** A key holding snippet syntax (a choice of field names): rendered quoted but not escaped. */
const RAW_KEY = '\u0000';
export function rawKey(snippet: string): string {
  return RAW_KEY + snippet;
}

/** A placeholder `${n:default}` for a JSON string (quotes included). */
export function stringPlaceholder(index: number, defaultText = ''): Raw {
  return new Raw(`"\${${index}${defaultText ? `:${escapePlaceholder(defaultText)}` : ''}}"`);
}

/** A choice `${n|a,b|}` between JSON strings (quotes included). */
export function stringChoice(index: number, options: readonly string[]): Raw {
  if (options.length === 0) return stringPlaceholder(index);
  const escaped = options.map((option) => escapeChoice(JSON.stringify(option).slice(1, -1)));
  return new Raw(`"\${${index}|${escaped.join(',')}|}"`);
}

/** A placeholder for a number. */
export function numberPlaceholder(index: number, value: number): Raw {
  return new Raw(`\${${index}:${value}}`);
}

/** Escapes literal text for a snippet: `$`, `}` and `\` have meanings there. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function escapePlaceholder(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

/** Renders a snippet value as JSON text indented with tabs, starting at `depth`. */
export function renderSnippet(value: SnippetValue, depth = 0): string {
  if (value instanceof Raw) return value.text;
  if (typeof value === 'string') return escapeSnippet(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = '\t'.repeat(depth + 1);
  const outer = '\t'.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    // Short arrays of strings stay on one line, as people write `ErrorEquals`.
    if (value.every((item) => typeof item === 'string' || (item instanceof Raw && !item.text.includes('\n')))) {
      return `[${value.map((item) => renderSnippet(item, depth)).join(', ')}]`;
    }
    return `[\n${value.map((item) => inner + renderSnippet(item, depth + 1)).join(',\n')}\n${outer}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, item]) => {
    const renderedKey = key.startsWith(RAW_KEY) ? `"${key.slice(RAW_KEY.length)}"` : escapeSnippet(JSON.stringify(key));
    return `${inner}${renderedKey}: ${renderSnippet(item, depth + 1)}`;
  });
  return `{\n${lines.join(',\n')}\n${outer}}`;
}

/** An object or array with only a tab stop inside: `{\n\t$n\n}`. */
export function emptyBlock(open: '{' | '[', index: number, depth = 0): Raw {
  const close = open === '{' ? '}' : ']';
  return new Raw(`${open}\n${'\t'.repeat(depth + 1)}$${index}\n${'\t'.repeat(depth)}${close}`);
}

/** What a state snippet needs to know about where it goes. */
export interface StateSnippetContext {
  queryLanguage: QueryLanguage;
  /** The new state's own transition: `Next` to this state, or `"End": true` when undefined. */
  next?: string;
  /** The states of the scope, for `Next` and `Default` choices. */
  targets: readonly string[];
  /** A state name not used anywhere in the state machine (nor by this snippet yet). */
  uniqueName(base: string): string;
}

export interface StateSnippet {
  label: string;
  description: string;
  /** The default name of the new state. */
  name: string;
  /** Whether the new state moves on or ends its scope (Succeed and Fail do not take `Next`/`End`). */
  transitions: boolean;
  body(context: StateSnippetContext): Record<string, SnippetValue>;
}

const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

function transition(context: StateSnippetContext): Record<string, SnippetValue> {
  return context.next !== undefined ? { Next: context.next } : { End: true };
}

/** `Parameters` in JSONPath, `Arguments` in JSONata. */
function argumentsField(context: StateSnippetContext, jsonPath: SnippetValue, jsonata: SnippetValue): Record<string, SnippetValue> {
  return context.queryLanguage === 'JSONata' ? { Arguments: jsonata } : { Parameters: jsonPath };
}

/** A state list with one Pass state, for a new branch or item processor. */
export function singlePassStates(name: string): Record<string, SnippetValue> {
  return { StartAt: name, States: { [name]: { Type: 'Pass', End: true } } };
}

export function retrierSnippet(first: number): Record<string, SnippetValue> {
  return {
    ErrorEquals: [stringChoice(first, ['States.ALL', 'States.TaskFailed', 'States.Timeout', ...LAMBDA_TRANSIENT_ERRORS])],
    IntervalSeconds: numberPlaceholder(first + 1, 1),
    MaxAttempts: numberPlaceholder(first + 2, 3),
    BackoffRate: numberPlaceholder(first + 3, 2),
    JitterStrategy: 'FULL',
  };
}

export function catcherSnippet(queryLanguage: QueryLanguage, targets: readonly string[], first: number): Record<string, SnippetValue> {
  const catcher: Record<string, SnippetValue> = { ErrorEquals: ['States.ALL'], Next: stringChoice(first, targets) };
  // Keep the input and add the error to it, rather than replacing the input with the error.
  if (queryLanguage === 'JSONPath') catcher.ResultPath = '$.error';
  return catcher;
}

export interface ChoiceRuleSnippet {
  label: string;
  description: string;
  queryLanguage: QueryLanguage;
  /** `next` is the text of the rule's `Next` (absent in nested rules). */
  body(next: SnippetValue | undefined, first: number): Record<string, SnippetValue>;
}

const withNext = (rule: Record<string, SnippetValue>, next: SnippetValue | undefined) => (next === undefined ? rule : { ...rule, Next: next });

export const CHOICE_RULE_SNIPPETS: readonly ChoiceRuleSnippet[] = [
  {
    label: 'Choice rule: condition',
    description: 'A JSONata condition and the state to run when it holds.',
    queryLanguage: 'JSONata',
    body: (next, first) => withNext({ Condition: new Raw(`"{% \${${first}:\\$states.input.status = 'ready'} %}"`) }, next),
  },
  {
    label: 'Choice rule: string equals',
    description: 'Compares a string of the input with a literal.',
    queryLanguage: 'JSONPath',
    body: (next, first) => withNext({ Variable: new Raw(`"\\$.\${${first}:status}"`), StringEquals: stringPlaceholder(first + 1, 'ready') }, next),
  },
  {
    label: 'Choice rule: numeric comparison',
    description: 'Compares a number of the input with a literal.',
    queryLanguage: 'JSONPath',
    body: (next, first) =>
      withNext(
        {
          Variable: new Raw(`"\\$.\${${first}:count}"`),
          [rawKey(`\${${first + 1}|NumericGreaterThan,NumericGreaterThanEquals,NumericLessThan,NumericLessThanEquals,NumericEquals|}`)]: numberPlaceholder(first + 2, 0),
        },
        next,
      ),
  },
  {
    label: 'Choice rule: boolean equals',
    description: 'Tests a boolean of the input.',
    queryLanguage: 'JSONPath',
    body: (next, first) => withNext({ Variable: new Raw(`"\\$.\${${first}:done}"`), BooleanEquals: new Raw(`\${${first + 1}|true,false|}`) }, next),
  },
  {
    label: 'Choice rule: is present',
    description: 'Tests whether the input has a field.',
    queryLanguage: 'JSONPath',
    body: (next, first) => withNext({ Variable: new Raw(`"\\$.\${${first}:field}"`), IsPresent: true }, next),
  },
  {
    label: 'Choice rule: and',
    description: 'Matches when all nested rules match.',
    queryLanguage: 'JSONPath',
    body: (next, first) =>
      withNext(
        {
          And: [
            { Variable: new Raw(`"\\$.\${${first}:a}"`), IsPresent: true },
            { Variable: new Raw(`"\\$.\${${first + 1}:b}"`), IsPresent: true },
          ],
        },
        next,
      ),
  },
];

export const STATE_SNIPPETS: readonly StateSnippet[] = [
  {
    label: 'Task: invoke a Lambda function',
    description: 'Calls a Lambda function through the optimized integration and keeps its payload, retrying transient Lambda errors.',
    name: 'Invoke Function',
    transitions: true,
    body: (context) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      ...argumentsField(
        context,
        { FunctionName: stringPlaceholder(1, 'arn:aws:lambda:us-east-1:123456789012:function:my-function'), 'Payload.$': '$' },
        { FunctionName: stringPlaceholder(1, 'arn:aws:lambda:us-east-1:123456789012:function:my-function'), Payload: '{% $states.input %}' },
      ),
      ...(context.queryLanguage === 'JSONata' ? { Output: '{% $states.result.Payload %}' } : { OutputPath: '$.Payload' }),
      Retry: [{ ErrorEquals: LAMBDA_TRANSIENT_ERRORS, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }],
      ...transition(context),
    }),
  },
  {
    label: 'Task: call an AWS SDK action',
    description: 'Calls any AWS API action through the AWS SDK integration.',
    name: 'Call AWS API',
    transitions: true,
    body: (context) => ({
      Type: 'Task',
      Resource: new Raw('"arn:aws:states:::aws-sdk:${1:s3}:${2:getObject}"'),
      ...argumentsField(context, emptyBlock('{', 3, 1), emptyBlock('{', 3, 1)),
      ...transition(context),
    }),
  },
  {
    label: 'Task: run a job and wait (.sync)',
    description: 'Starts a child state machine execution and waits until it completes (`.sync:2` returns its output as JSON).',
    name: 'Run Child Workflow',
    transitions: true,
    body: (context) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      ...argumentsField(
        context,
        { StateMachineArn: stringPlaceholder(1, 'arn:aws:states:us-east-1:123456789012:stateMachine:child'), 'Input.$': '$' },
        { StateMachineArn: stringPlaceholder(1, 'arn:aws:states:us-east-1:123456789012:stateMachine:child'), Input: '{% $states.input %}' },
      ),
      ...transition(context),
    }),
  },
  {
    label: 'Task: wait for a callback (.waitForTaskToken)',
    description: 'Sends the task token in an SQS message and waits until a worker returns it with `SendTaskSuccess` or `SendTaskFailure`.',
    name: 'Wait For Callback',
    transitions: true,
    body: (context) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      ...argumentsField(
        context,
        {
          QueueUrl: stringPlaceholder(1, 'https://sqs.us-east-1.amazonaws.com/123456789012/my-queue'),
          MessageBody: { 'Input.$': '$', 'TaskToken.$': '$$.Task.Token' },
        },
        {
          QueueUrl: stringPlaceholder(1, 'https://sqs.us-east-1.amazonaws.com/123456789012/my-queue'),
          MessageBody: { Input: '{% $states.input %}', TaskToken: '{% $states.context.Task.Token %}' },
        },
      ),
      HeartbeatSeconds: numberPlaceholder(2, 3600),
      ...transition(context),
    }),
  },
  {
    label: 'Choice',
    description: 'Chooses the next state from the first rule that matches, else `Default`.',
    name: 'Choose',
    transitions: false,
    body: (context) => {
      const rule = CHOICE_RULE_SNIPPETS.find((snippet) => snippet.queryLanguage === context.queryLanguage)!;
      const last = context.queryLanguage === 'JSONata' ? 2 : 3;
      return {
        Type: 'Choice',
        Choices: [rule.body(stringChoice(last, context.targets), 1)],
        Default: stringChoice(last + 1, context.targets),
      };
    },
  },
  {
    label: 'Wait',
    description: 'Waits a number of seconds before moving on.',
    name: 'Wait',
    transitions: true,
    body: (context) => ({ Type: 'Wait', Seconds: numberPlaceholder(1, 10), ...transition(context) }),
  },
  {
    label: 'Pass',
    description: 'Passes its input to its output, optionally reshaped.',
    name: 'Pass',
    transitions: true,
    body: (context) => ({ Type: 'Pass', ...transition(context) }),
  },
  {
    label: 'Parallel',
    description: 'Runs branches at the same time and waits for all of them; the output is the array of their outputs.',
    name: 'Parallel',
    transitions: true,
    body: (context) => ({
      Type: 'Parallel',
      Branches: [singlePassStates(context.uniqueName('Branch 1')), singlePassStates(context.uniqueName('Branch 2'))],
      ...transition(context),
    }),
  },
  {
    label: 'Map (inline)',
    description: 'Runs its item processor for each item of an array of the input, within this execution.',
    name: 'Map',
    transitions: true,
    body: (context) => ({
      Type: 'Map',
      ...(context.queryLanguage === 'JSONata'
        ? { Items: new Raw('"{% \\$states.input.${1:items} %}"') }
        : { ItemsPath: new Raw('"\\$.${1:items}"') }),
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...singlePassStates(context.uniqueName('Process Item')) },
      ...transition(context),
    }),
  },
  {
    label: 'Map (distributed)',
    description: 'Runs a child workflow execution for each item of a data set read from Amazon S3, up to 10,000 at a time.',
    name: 'Distributed Map',
    transitions: true,
    body: (context) => ({
      Type: 'Map',
      ItemReader: {
        Resource: 'arn:aws:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON' },
        ...argumentsField(
          context,
          { Bucket: stringPlaceholder(1, 'my-bucket'), Key: stringPlaceholder(2, 'items.json') },
          { Bucket: stringPlaceholder(1, 'my-bucket'), Key: stringPlaceholder(2, 'items.json') },
        ),
      },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: stringChoice(3, ['STANDARD', 'EXPRESS']) },
        ...singlePassStates(context.uniqueName('Process Item')),
      },
      MaxConcurrency: numberPlaceholder(4, 1000),
      ...transition(context),
    }),
  },
  {
    label: 'Succeed',
    description: 'Ends the execution (or the branch, or the iteration) successfully.',
    name: 'Succeed',
    transitions: false,
    body: () => ({ Type: 'Succeed' }),
  },
  {
    label: 'Fail',
    description: 'Ends the execution with an error and a cause.',
    name: 'Fail',
    transitions: false,
    body: () => ({ Type: 'Fail', Error: stringPlaceholder(1, 'ErrorName'), Cause: stringPlaceholder(2, 'What went wrong') }),
  },
];

/** A new state machine, for an empty document. */
export function stateMachineSnippet(queryLanguage: QueryLanguage): string {
  const machine: Record<string, SnippetValue> = {
    Comment: new Raw('"${1:What this state machine does}"'),
    ...(queryLanguage === 'JSONata' ? { QueryLanguage: 'JSONata' } : {}),
    StartAt: 'Start',
    States: { Start: { Type: 'Pass', End: true } },
  };
  return renderSnippet(machine);
}
