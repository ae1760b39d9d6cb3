import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, problems, single } from './helpers';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const PROCESSOR = { StartAt: 'P', States: { P: { Type: 'Succeed' } } };

describe('mutually-exclusive-fields', () => {
  it('underlines the second field and points at the first', () => {
    const text = JSON.stringify(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 20, TimeoutSecondsPath: '$.t', End: true }), null, 2);
    assert.deepEqual(problems(text, 'mutually-exclusive-fields'), [
      {
        at: '"TimeoutSecondsPath"',
        message: '`TimeoutSecondsPath` cannot be used together with `TimeoutSeconds`; use one or the other.',
        data: { fields: ['TimeoutSeconds', 'TimeoutSecondsPath'] },
      },
    ]);
    const [diagnostic] = lint(text).filter((d) => d.code === 'mutually-exclusive-fields');
    const related = diagnostic.related!.map((r) => [text.slice(r.offset, r.offset + r.length), r.message]);
    assert.deepEqual(related, [['"TimeoutSeconds"', '`TimeoutSeconds` is set here.']]);
    assert.deepEqual(problems(single({ Type: 'Task', Resource: LAMBDA, TimeoutSecondsPath: '$.t', End: true }), 'mutually-exclusive-fields'), []);
  });

  it('knows every pair AWS documents', () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, HeartbeatSecondsPath: '$.h', HeartbeatSeconds: 10, Next: 'F' },
        F: { Type: 'Fail', Error: 'E', ErrorPath: '$.e', Cause: 'C', CausePath: '$.c' },
        M: {
          Type: 'Map',
          ItemProcessor: PROCESSOR,
          ItemsPath: '$.items',
          ItemSelector: {},
          Parameters: {},
          MaxConcurrency: 1,
          MaxConcurrencyPath: '$.m',
          ToleratedFailureCount: 1,
          ToleratedFailureCountPath: '$.c',
          ToleratedFailurePercentage: 1,
          ToleratedFailurePercentagePath: '$.p',
          ItemBatcher: { MaxItemsPerBatch: 2, MaxItemsPerBatchPath: '$.b', MaxInputBytesPerBatch: 10, MaxInputBytesPerBatchPath: '$.y' },
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { MaxItems: 1, MaxItemsPath: '$.i' } },
          End: true,
        },
      },
    };
    assert.deepEqual(
      problems(definition, 'mutually-exclusive-fields').map((p) => p.data),
      [
        { fields: ['HeartbeatSecondsPath', 'HeartbeatSeconds'] },
        { fields: ['Error', 'ErrorPath'] },
        { fields: ['Cause', 'CausePath'] },
        { fields: ['ItemSelector', 'Parameters'] },
        { fields: ['MaxConcurrency', 'MaxConcurrencyPath'] },
        { fields: ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'] },
        { fields: ['ToleratedFailureCount', 'ToleratedFailureCountPath'] },
        { fields: ['MaxItemsPerBatch', 'MaxItemsPerBatchPath'] },
        { fields: ['MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'] },
        { fields: ['MaxItems', 'MaxItemsPath'] },
      ],
    );
  });

  it('allows exactly one way to say how long a Wait state waits', () => {
    const wait = (fields: object) => single({ Type: 'Wait', ...fields, End: true });
    assert.deepEqual(problems(wait({ Seconds: 10, Timestamp: '2016-03-14T01:59:00Z', SecondsPath: '$.s' }), 'mutually-exclusive-fields'), [
      {
        at: '"Timestamp"',
        message: '`Timestamp` cannot be used together with `Seconds`; a Wait state takes exactly one of `Seconds`, `SecondsPath`, `Timestamp` or `TimestampPath`.',
        data: { fields: ['Seconds', 'Timestamp'] },
      },
      {
        at: '"SecondsPath"',
        message: '`SecondsPath` cannot be used together with `Seconds`; a Wait state takes exactly one of `Seconds`, `SecondsPath`, `Timestamp` or `TimestampPath`.',
        data: { fields: ['Seconds', 'SecondsPath'] },
      },
    ]);
    for (const one of [{ Seconds: 1 }, { SecondsPath: '$.s' }, { Timestamp: '2016-03-14T01:59:00Z' }, { TimestampPath: '$.t' }]) {
      assert.deepEqual(problems(wait(one), 'mutually-exclusive-fields'), []);
      assert.deepEqual(problems(wait(one), 'missing-field'), []);
    }
  });
});

describe('missing-field for a group of which one is required', () => {
  it('asks a Wait state for the fields its query language offers', () => {
    assert.deepEqual(problems(single({ Type: 'Wait', End: true }), 'missing-field'), [
      {
        at: '"S"',
        message: 'A Wait state requires one of `Seconds`, `SecondsPath`, `Timestamp` or `TimestampPath`.',
        data: { field: 'Seconds', fields: ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'] },
      },
    ]);
    assert.deepEqual(problems(single({ Type: 'Wait', End: true }, { QueryLanguage: 'JSONata' }), 'missing-field').map((p) => p.message), [
      'A Wait state requires `Seconds` or `Timestamp`.',
    ]);
  });

  it('asks a Map state for `ItemProcessor`, not the deprecated `Iterator`', () => {
    assert.deepEqual(problems(single({ Type: 'Map', End: true }), 'missing-field'), [
      { at: '"S"', message: 'A Map state requires `ItemProcessor`.', data: { field: 'ItemProcessor', fields: ['ItemProcessor'] } },
    ]);
    assert.deepEqual(problems(single({ Type: 'Map', Iterator: PROCESSOR, End: true }), 'missing-field'), []);
    assert.deepEqual(problems(single({ Type: 'Map', Iterator: PROCESSOR, ItemProcessor: PROCESSOR, End: true }), 'mutually-exclusive-fields').map((p) => p.at), ['"ItemProcessor"']);
  });

  it('asks `Credentials` for its role', () => {
    const task = (Credentials: object) => single({ Type: 'Task', Resource: LAMBDA, Credentials, End: true });
    assert.deepEqual(problems(task({}), 'missing-field'), [
      { at: '"Credentials"', message: '`Credentials` requires `RoleArn` or `RoleArn.$`.', data: { field: 'RoleArn', fields: ['RoleArn', 'RoleArn.$'] } },
    ]);
    assert.deepEqual(problems(task({ RoleArn: 'arn:aws:iam::111122223333:role/R' }), 'missing-field'), []);
    assert.deepEqual(problems(task({ 'RoleArn.$': '$.role' }), 'missing-field'), []);
    assert.deepEqual(problems(task({ RoleArn: 'arn:aws:iam::1:role/R', 'RoleArn.$': '$.role' }), 'mutually-exclusive-fields').map((p) => p.at), ['"RoleArn.$"']);
  });
});

describe('mutually-exclusive-fields and query languages', () => {
  it('leaves a field of the other query language to `query-language-field`', () => {
    const fail = { Type: 'Fail', Error: 'E', ErrorPath: '$.e' };
    assert.equal(problems(single(fail), 'mutually-exclusive-fields').length, 1);
    assert.deepEqual(problems(single(fail, { QueryLanguage: 'JSONata' }), 'mutually-exclusive-fields'), []);
    // Nor is a Wait state whose only duration is of the other language told that it has none.
    assert.deepEqual(problems(single({ Type: 'Wait', SecondsPath: '$.s', End: true }, { QueryLanguage: 'JSONata' }), 'missing-field'), []);
  });
});
