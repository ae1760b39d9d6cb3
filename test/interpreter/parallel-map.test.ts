/** Parallel and Map, from the AWS developer guide's Parallel, Map and Distributed Map pages. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { execute } from '../../server/src/interpreter';
import { loadMocks } from '../../server/src/interpreter/mocks';
import type { ExecutionOptions, Json, TaskRequest } from '../../server/src/interpreter/types';

const run = (definition: unknown, input: Json = {}, options: ExecutionOptions = {}) => execute(JSON.stringify(definition), { input, ...options });

const map = (fields: Record<string, unknown>, processor: Record<string, unknown> = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }) => ({
  StartAt: 'M',
  States: { M: { Type: 'Map', ItemProcessor: processor, End: true, ...fields } },
});

describe('Parallel', () => {
  it('gives every branch the input and outputs the results in branch order', async () => {
    const result = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 10, Next: 'A2' }, A2: { Type: 'Pass', Parameters: { 'a.$': '$.x' }, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Result: 'b', End: true } } },
          ],
        },
      },
    }, { x: 1 });
    assert.deepEqual(result.output, [{ a: 1 }, 'b']);
  });

  it("one branch's failure fails the state with that error and can be caught", async () => {
    const result = await run({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Next: 'Done',
          Catch: [{ ErrorEquals: ['BranchFailed'], ResultPath: '$.err', Next: 'Done' }],
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Fail', Error: 'BranchFailed', Cause: 'bad' } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
          ],
        },
        Done: { Type: 'Pass', End: true },
      },
    }, { k: 1 });
    assert.deepEqual(result.output, { k: 1, err: { Error: 'BranchFailed', Cause: 'bad' } });
  });
});

describe('Map', () => {
  it('runs ItemsPath items with ItemSelector and $$.Map.Item, output in item order', async () => {
    const result = await run(map({ ItemsPath: '$.xs', ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index', 'k.$': '$.k' }, MaxConcurrency: 2 }), { xs: ['a', 'b', 'c'], k: 0 });
    assert.deepEqual(result.output, [{ v: 'a', i: 0, k: 0 }, { v: 'b', i: 1, k: 0 }, { v: 'c', i: 2, k: 0 }]);
  });

  it('an input that is not an array fails the state', async () => {
    const result = await run(map({ ItemsPath: '$.xs' }), { xs: { not: 'array' } });
    assert.equal(result.error, 'States.Runtime');
    assert.match(result.cause!, /Map state input must be an array but was: \{"not":"array"\}/);
  });

  it('a failing iteration fails the Map unless failures are tolerated', async () => {
    const processor = { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 0, Next: 'F' }], Default: 'OK' }, F: { Type: 'Fail', Error: 'Zero' }, OK: { Type: 'Pass', End: true } } };
    const distributed = { ...processor, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } };
    const failing = await run(map({}, processor), [1, 0, 2]);
    assert.equal(failing.error, 'Zero');
    const tolerated = await run(map({ ToleratedFailureCount: 1 }, distributed), [1, 0, 2]);
    assert.equal(tolerated.status, 'SUCCEEDED');
    assert.deepEqual(tolerated.output, [1, { Error: 'Zero' }, 2]);
    const exceeded = await run(map({ ToleratedFailurePercentage: 30 }, distributed), [1, 0, 0, 2]);
    assert.equal(exceeded.error, 'States.ExceedToleratedFailureThreshold');
  });

  it('with both ToleratedFailureCount and ToleratedFailurePercentage, exceeding either one fails the Map Run', async () => {
    // "If you specify both values, the workflow fails when it exceeds either of them." (maprun-fail-threshold)
    const processor = { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 0, Next: 'F' }], Default: 'OK' }, F: { Type: 'Fail', Error: 'Zero' }, OK: { Type: 'Pass', End: true } }, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } };
    const oneInFour = [1, 0, 2, 3];
    const countExceeded = await run(map({ ToleratedFailureCount: 0, ToleratedFailurePercentage: 50 }, processor), oneInFour);
    assert.equal(countExceeded.error, 'States.ExceedToleratedFailureThreshold', '1 failure > a count of 0, though 25% <= 50%');
    const percentageExceeded = await run(map({ ToleratedFailureCount: 5, ToleratedFailurePercentage: 10 }, processor), oneInFour);
    assert.equal(percentageExceeded.error, 'States.ExceedToleratedFailureThreshold', '25% > 10%, though 1 failure <= 5');
    const neither = await run(map({ ToleratedFailureCount: 1, ToleratedFailurePercentage: 25 }, processor), oneInFour);
    assert.equal(neither.status, 'SUCCEEDED');
    assert.deepEqual(neither.output, [1, { Error: 'Zero' }, 2, 3]);
  });

  it('ItemBatcher groups items into {Items, BatchInput}', async () => {
    const result = await run(map({ ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'tag.$': '$.tag' } }, ItemsPath: '$.xs' }), { xs: [1, 2, 3], tag: 't' });
    assert.deepEqual(result.output, [{ Items: [1, 2], BatchInput: { tag: 't' } }, { Items: [3], BatchInput: { tag: 't' } }]);
  });

  it('ItemReader and ResultWriter are answered by the mock file as `<Map>.ItemReader` and `<Map>.ResultWriter`', async () => {
    const mocks = loadMocks({
      StateMachines: { SM: { TestCases: { T: { 'M.ItemReader': 'Rows', 'M.ResultWriter': 'Written' } } } },
      MockedResponses: { Rows: { '0': { Return: 'id,name\n1,a\n2,b' } }, Written: { '0': { Return: { MapRunArn: 'arn:x', ResultWriterDetails: { Bucket: 'b', Key: 'k' } } } } },
    }, 'T');
    const seen: string[] = [];
    const result = await run(map({
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket: 'b', Key: 'rows.csv' } },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'out' } },
    }, { StartAt: 'P', ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, States: { P: { Type: 'Pass', End: true } } }), {}, {
      taskResolver: { resolve: (request: TaskRequest) => (seen.push(`${request.resource} ${JSON.stringify(request.input)}`), mocks.resolve(request)) },
    });
    assert.deepEqual(result.output, { MapRunArn: 'arn:x', ResultWriterDetails: { Bucket: 'b', Key: 'k' } });
    assert.deepEqual(seen, ['arn:aws:states:::s3:getObject {"Bucket":"b","Key":"rows.csv"}', 'arn:aws:states:::s3:putObject [{"id":"1","name":"a"},{"id":"2","name":"b"}]']);
  });

  it('JSONata Items must evaluate to an array', async () => {
    const ok = await run({ QueryLanguage: 'JSONata', StartAt: 'M', States: { M: { Type: 'Map', Items: '{% $states.input.xs %}', ItemSelector: { 'x': '{% $states.context.Map.Item.Value * 2 %}' }, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } }, { xs: [1, 2] });
    assert.deepEqual(ok.output, [{ x: 2 }, { x: 4 }]);
    const bad = await run({ QueryLanguage: 'JSONata', StartAt: 'M', States: { M: { Type: 'Map', Items: '{% 1 %}', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } });
    assert.equal(bad.error, 'States.QueryEvaluationError');
    assert.match(bad.cause!, /Expected 'array', but was 'number' for value: 1$/);
  });
});
