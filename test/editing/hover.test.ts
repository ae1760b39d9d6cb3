import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { caretDocument, service, textOf } from './helpers';

/** The hover at the caret: its markdown and the text it spans. */
function hover(marked: string): { markdown: string; over: string } | null {
  const { document, position } = caretDocument(marked);
  const result = service.doHover(document, position);
  if (!result) return null;
  return { markdown: (result.contents as { value: string }).value, over: textOf(document, result.range!) };
}

/** The workflow with the caret at the `#` of `caretAt`, a piece of its text. */
const WORKFLOW = (caretAt: string) =>
  JSON.stringify(
    {
      TimeoutSeconds: 300,
      StartAt: 'Fetch',
      States: {
        Fetch: {
          Type: 'Task',
          Comment: 'Loads the order',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fetch',
          TimeoutSeconds: 30,
          Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], MaxAttempts: 2 }],
          Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Failed' }],
          Next: 'Pause',
        },
        Pause: { Type: 'Wait', Seconds: 5, Next: 'Done' },
        Done: { Type: 'Succeed' },
        Failed: { Type: 'Fail', Error: 'FetchFailed' },
      },
    },
    null,
    2,
  ).replace(caretAt.replace('#', ''), caretAt.replace('#', '|'));

describe('hover', () => {
  it("describes a field from the schema of the object it is in", () => {
    const task = hover(WORKFLOW('"Timeout#Seconds": 30,'))!;
    assert.equal(task.over, '"TimeoutSeconds"');
    assert.match(task.markdown, /field of a Task state/);
    assert.match(task.markdown, /the task may run/);
    // The same name at the top level is the state machine's field, with its own description.
    const machine = hover(WORKFLOW('"Timeout#Seconds": 300'))!;
    assert.doesNotMatch(machine.markdown, /Task state/);
    assert.match(machine.markdown, /execution may run/);
    const wait = hover(WORKFLOW('"Sec#onds": 5'))!;
    assert.match(wait.markdown, /field of a Wait state \(optional\)/);
    const retrier = hover(WORKFLOW('"MaxAtt#empts"'))!;
    assert.match(retrier.markdown, /field of a retrier/);
  });

  it('describes a state type', () => {
    const result = hover(WORKFLOW('"Type": "Wa#it"'))!;
    assert.equal(result.over, '"Wait"');
    assert.match(result.markdown, /^\*\*Wait\*\* state\n\nA Wait state pauses/);
  });

  it('shows the target of a state reference: its type, comment and where it goes', () => {
    const result = hover(WORKFLOW('"StartAt": "Fe#tch"'))!;
    assert.equal(result.over, '"Fetch"');
    assert.equal(result.markdown, '**Fetch** · Task state\n\nLoads the order\n\nNext: `Pause` · On error: `Failed`');
    assert.equal(hover(WORKFLOW('"Next": "Do#ne"'))!.markdown, '**Done** · Task state'.replace('Task state', 'Succeed state') + '\n\nEnds successfully.');
    assert.match(hover(WORKFLOW('"Next": "Fai#led"'))!.markdown, /Fails with `FetchFailed`/);
  });

  it('says when a referenced state does not exist', () => {
    const result = hover('{"StartAt": "Nowh|ere", "States": {}}')!;
    assert.equal(result.markdown, 'No state named `Nowhere` in this scope.');
  });

  it('describes error names', () => {
    const timeout = hover(WORKFLOW('"States.Time#out"'))!;
    assert.match(timeout.markdown, /^\*\*States\.Timeout\*\*\n\nA Task state ran longer than its `TimeoutSeconds`/);
    const lambda = hover(WORKFLOW('"Lambda.TooMany#RequestsException"'))!;
    assert.match(lambda.markdown, /throttled/);
    assert.match(hover('{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "x", "Retry": [{"ErrorEquals": ["States.Run|time"]}], "End": true}}}')!.markdown, /No retrier or catcher can handle it/);
  });

  it('describes a Resource ARN', () => {
    assert.match(hover(WORKFLOW('function:fe#tch'))!.markdown, /A Lambda function/);
    const sync = hover('{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTa|sk.sync", "End": true}}}')!;
    assert.match(sync.markdown, /Amazon ECS\/Fargate\. Run a Job \(`\.sync`\)/);
    const sdk = hover('{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:get|Object", "End": true}}}')!;
    assert.match(sdk.markdown, /the `getObject` action of the `s3` service/);
  });

  it('describes an intrinsic function, with its signature and an example', () => {
    const result = hover('{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"s.$": "States.Array(States.Format(\'{}\', $.a), States.UU|ID())"}, "End": true}}}')!;
    assert.equal(result.over, 'States.UUID');
    assert.match(result.markdown, /States\.UUID\(\): string/);
    assert.match(result.markdown, /Example:/);
  });

  it('describes context object fields in both query languages', () => {
    const jsonPath = hover('{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"id.$": "$$.Execution.I|d"}, "End": true}}}')!;
    assert.equal(jsonPath.over, '$$.Execution.Id');
    assert.match(jsonPath.markdown, /The ARN of the execution/);
    const jsonata = hover('{"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.context.State.Na|me %}", "End": true}}}')!;
    assert.match(jsonata.markdown, /The name of the current state/);
  });

  it('describes JSONata functions, `$states` and variables', () => {
    const machine = (output: string) =>
      `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"total": 1}, "Next": "B"}, "B": {"Type": "Pass", "Output": "${output}", "End": true}}}`;
    const fn = hover(machine('{% $part|ition($states.input.items, 2) %}'))!;
    assert.equal(fn.over, '$partition');
    assert.match(fn.markdown, /\$partition\(array, chunkSize\)/);
    assert.match(fn.markdown, /Provided by Step Functions/);
    assert.match(hover(machine('{% $states.inp|ut %}'))!.markdown, /The state's input/);
    const variable = hover(machine('{% $tot|al + 1 %}'))!;
    assert.equal(variable.over, '$total');
    assert.match(variable.markdown, /Assigned in state `A`/);
  });

  it('answers nothing on plain text', () => {
    assert.equal(hover('{"Comment": "just te|xt", "StartAt": "A", "States": {}}'), null);
    assert.equal(hover('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"Seco|nds": 1}, "End": true}}}'), null);
  });
});
