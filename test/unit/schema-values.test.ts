import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, problems, single } from './helpers';

const wait = (Timestamp: string, top: object = {}) => single({ Type: 'Wait', Timestamp, End: true }, top);
const PROCESSOR = { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Succeed' } } };

describe('invalid-value: Wait Timestamp', () => {
  it('fires on a timestamp that is not RFC 3339', () => {
    assert.deepEqual(problems(wait('2016-03-14 01:59:00'), 'invalid-value'), [
      {
        at: '"2016-03-14 01:59:00"',
        message:
          '`2016-03-14 01:59:00` is not an RFC 3339 timestamp: write e.g. `2016-03-14T01:59:00Z`, with an uppercase `T` between date and time and `Z` or an offset such as `+01:00` at the end.',
        data: { field: 'Timestamp', value: '2016-03-14 01:59:00' },
      },
    ]);
    assert.equal(problems(wait('2016-03-14T01:59:00'), 'invalid-value').length, 1, 'no time zone');
    assert.equal(problems(wait('2016-03-14'), 'invalid-value').length, 1, 'date only');
    assert.equal(problems(wait('tomorrow'), 'invalid-value').length, 1);
  });

  it('says when only the case of `T` and `Z` is wrong', () => {
    assert.deepEqual(problems(wait('2016-03-14t01:59:00z'), 'invalid-value').map((p) => p.message), [
      '`2016-03-14t01:59:00z` is not a timestamp AWS accepts: the `T` between date and time and the `Z` must be uppercase, e.g. `2016-03-14T01:59:00Z`.',
    ]);
  });

  it('fires on a date or time that does not exist', () => {
    for (const timestamp of ['2016-02-30T01:59:00Z', '2015-02-29T00:00:00Z', '2016-13-01T00:00:00Z', '2016-03-14T24:00:00Z', '2016-03-14T01:60:00Z']) {
      assert.deepEqual(problems(wait(timestamp), 'invalid-value').map((p) => p.message), [`\`${timestamp}\` is not a valid date and time.`]);
    }
  });

  it('accepts UTC, offsets, fractions of a second and leap days', () => {
    for (const timestamp of ['2016-03-14T01:59:00Z', '2016-03-14T01:59:00+05:30', '2016-03-14T01:59:00-08:00', '2016-03-14T01:59:00.123Z', '2016-02-29T23:59:59Z']) {
      assert.deepEqual(problems(wait(timestamp), 'invalid-value'), [], timestamp);
    }
  });

  it('leaves substitutions alone, and JSONata expressions in JSONata states', () => {
    assert.deepEqual(problems(wait('${WakeUpTime}'), 'invalid-value'), []);
    assert.deepEqual(problems(wait('{% $states.input.when %}', { QueryLanguage: 'JSONata' }), 'invalid-value'), []);
    assert.equal(problems(wait('{% $states.input.when %}'), 'invalid-value').length, 1, 'a JSONPath state does not evaluate it');
  });
});

describe('invalid-value: HeartbeatSeconds below TimeoutSeconds', () => {
  const task = (fields: object) => single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...fields, End: true });

  it('fires when the heartbeat timeout is not lower than the task timeout', () => {
    const text = JSON.stringify(task({ TimeoutSeconds: 60, HeartbeatSeconds: 300 }), null, 2);
    assert.deepEqual(problems(text, 'invalid-value'), [
      {
        at: '300',
        message: '`HeartbeatSeconds` (300) must be lower than `TimeoutSeconds` (60).',
        data: { field: 'HeartbeatSeconds', limit: 60 },
      },
    ]);
    const [diagnostic] = lint(text).filter((d) => d.code === 'invalid-value');
    assert.deepEqual(diagnostic.related?.map((r) => text.slice(r.offset, r.offset + r.length)), ['60']);
    assert.equal(problems(task({ TimeoutSeconds: 60, HeartbeatSeconds: 60 }), 'invalid-value').length, 1);
  });

  it('is silent when it is lower, or when either is computed at run time', () => {
    assert.deepEqual(problems(task({ TimeoutSeconds: 60, HeartbeatSeconds: 59 }), 'invalid-value'), []);
    assert.deepEqual(problems(task({ TimeoutSecondsPath: '$.t', HeartbeatSeconds: 300 }), 'invalid-value'), []);
    assert.deepEqual(problems(task({ HeartbeatSeconds: 300 }), 'invalid-value'), []);
  });
});

describe('invalid-value: Map Label', () => {
  const map = (Label: string, name = 'M') => ({ Type: 'Map', Label, ItemProcessor: { ...PROCESSOR, StartAt: `${name}P`, States: { [`${name}P`]: { Type: 'Succeed' } } } });

  it('fires on characters AWS does not allow and on labels over 40 characters', () => {
    assert.deepEqual(problems(single({ ...map('nightly export #2'), End: true }), 'invalid-value'), [
      {
        at: '"nightly export #2"',
        message: '`Label` cannot contain whitespace or `#`: AWS uses it in the names of the Map Run\'s child executions.',
        data: { field: 'Label', value: 'nightly export #2' },
      },
    ]);
    assert.deepEqual(problems(single({ ...map('x'.repeat(41)), End: true }), 'invalid-value').map((p) => p.message), [
      '`Label` must be at most 40 characters long, not 41.',
    ]);
    assert.deepEqual(problems(single({ ...map('nightly-export_2'), End: true }), 'invalid-value'), []);
    assert.deepEqual(problems(single({ ...map('x'.repeat(40)), End: true }), 'invalid-value'), []);
  });

  it('fires on a label used twice', () => {
    const definition = { StartAt: 'A', States: { A: { ...map('export', 'A'), Next: 'B' }, B: { ...map('export', 'B'), End: true } } };
    assert.deepEqual(problems(definition, 'invalid-value').map((p) => p.message), [
      'The label `export` is already used by the Map state `A`; labels must be unique within a state machine.',
    ]);
    const distinct = { StartAt: 'A', States: { A: { ...map('export-a', 'A'), Next: 'B' }, B: { ...map('export-b', 'B'), End: true } } };
    assert.deepEqual(problems(distinct, 'invalid-value'), []);
  });
});

describe('deprecated-field', () => {
  it('warns about a Map state’s `Iterator` and `Parameters`', () => {
    const old = single({ Type: 'Map', Iterator: { StartAt: 'P', States: { P: { Type: 'Succeed' } } }, Parameters: { 'item.$': '$$.Map.Item.Value' }, End: true });
    assert.deepEqual(problems(old, 'deprecated-field'), [
      { at: '"Iterator"', message: '`Iterator` is deprecated; use `ItemProcessor` instead.', data: { field: 'Iterator', replacement: 'ItemProcessor' } },
      { at: '"Parameters"', message: '`Parameters` is deprecated; use `ItemSelector` instead.', data: { field: 'Parameters', replacement: 'ItemSelector' } },
    ]);
    assert.ok(lint(old).filter((d) => d.code === 'deprecated-field').every((d) => d.severity === 'warning'));
    const current = single({ Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Succeed' } } }, ItemSelector: { 'item.$': '$$.Map.Item.Value' }, End: true });
    assert.deepEqual(problems(current, 'deprecated-field'), []);
  });

  it('does not confuse other states’ `Parameters` with the Map’s', () => {
    const task = single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'Payload.$': '$' }, End: true });
    assert.deepEqual(problems(task, 'deprecated-field'), []);
  });
});
