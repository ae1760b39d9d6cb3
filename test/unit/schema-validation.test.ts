import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, problems, single } from './helpers';

const SCHEMA_CODES = ['unknown-field', 'missing-field', 'invalid-type', 'invalid-value'] as const;

/** Every problem of the schema validation codes, as `code: underlined text: message`. */
function schemaProblems(definition: string | object): string[] {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2);
  return lint(text)
    .filter((d) => (SCHEMA_CODES as readonly string[]).includes(d.code))
    .map((d) => `${d.code}: ${text.slice(d.offset, d.offset + d.length)}: ${d.message}`);
}

const LAMBDA = 'arn:aws:states:::lambda:invoke';

describe('unknown-field', () => {
  it('underlines a misspelt field and suggests the right one', () => {
    assert.deepEqual(problems(single({ Type: 'Pass', Nxt: 'S' }), 'unknown-field'), [
      {
        at: '"Nxt"',
        message: '`Nxt` is not a field of a Pass state; did you mean `Next`?',
        data: { field: 'Nxt', suggestions: ['Next'] },
      },
    ]);
    assert.deepEqual(problems(single({ Type: 'Pass', Next: 'S' }), 'unknown-field'), []);
  });

  it('knows the fields of every kind of object', () => {
    const definition = {
      StartAt: 'T',
      TimeoutSecond: 60,
      States: {
        T: {
          Type: 'Task',
          Resource: LAMBDA,
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempt: 2 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'M', ResultPth: '$.error' }],
          Next: 'M',
        },
        M: {
          Type: 'Map',
          ItemProcessor: { ProcessorConfig: { Mode: 'INLINE', ExecutionTyp: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          ItemBatcher: { MaxItemsPerBach: 10 },
          End: true,
        },
      },
    };
    assert.deepEqual(
      problems(definition, 'unknown-field').map((p) => [p.at, p.message]),
      [
        ['"TimeoutSecond"', '`TimeoutSecond` is not a field of the state machine; did you mean `TimeoutSeconds`?'],
        ['"MaxAttempt"', '`MaxAttempt` is not a field of a retrier; did you mean `MaxAttempts`?'],
        ['"ResultPth"', '`ResultPth` is not a field of a catcher; did you mean `ResultPath`?'],
        ['"ExecutionTyp"', '`ExecutionTyp` is not a field of `ProcessorConfig`; did you mean `ExecutionType`?'],
        ['"MaxItemsPerBach"', '`MaxItemsPerBach` is not a field of `ItemBatcher`; did you mean `MaxItemsPerBatch`?'],
      ],
    );
  });

  it('rejects transition fields on states that have none', () => {
    const definition = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'D' }], Next: 'D' },
        D: { Type: 'Succeed', End: true },
      },
    };
    assert.deepEqual(
      problems(definition, 'unknown-field').map((p) => [p.at, p.message]),
      [
        ['"Next"', '`Next` is not a field of a Choice state.'],
        ['"End"', '`End` is not a field of a Succeed state.'],
      ],
    );
  });

  it('accepts the fields of both query languages and suggests only those of the state', () => {
    // Fields of the other query language are the `query-language-field` rule's concern.
    const both = single({ Type: 'Task', Resource: LAMBDA, Parameters: {}, Arguments: {}, Output: {}, ResultPath: '$.r', End: true });
    assert.deepEqual(problems(both, 'unknown-field'), []);
    const jsonata = single({ Type: 'Task', Resource: LAMBDA, Parameter: {}, End: true }, { QueryLanguage: 'JSONata' });
    assert.deepEqual(problems(jsonata, 'unknown-field').map((p) => p.message), ['`Parameter` is not a field of a Task state.']);
    const jsonpath = single({ Type: 'Task', Resource: LAMBDA, Parameter: {}, End: true });
    assert.deepEqual(problems(jsonpath, 'unknown-field').map((p) => p.message), [
      '`Parameter` is not a field of a Task state; did you mean `Parameters`?',
    ]);
  });

  it('leaves Choice rules, payload templates and CloudFormation intrinsic functions open', () => {
    const definition = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', Whatever: 1, Next: 'T' }], Default: 'T' },
        T: {
          Type: 'Task',
          Resource: { 'Fn::GetAtt': ['Function', 'Arn'] },
          Parameters: { Anything: { 'Nested.$': '$.x' } },
          Credentials: { 'Fn::If': ['Cross', { RoleArn: 'arn:aws:iam::1:role/R' }, { Ref: 'AWS::NoValue' }] },
          End: true,
        },
      },
    };
    assert.deepEqual(schemaProblems(definition), []);
  });
});

describe('missing-field', () => {
  it('underlines the state name of a state without a required field', () => {
    assert.deepEqual(problems(single({ Type: 'Task', End: true }), 'missing-field'), [
      { at: '"S"', message: 'A Task state requires `Resource`.', data: { field: 'Resource' } },
    ]);
    assert.deepEqual(problems(single({ Type: 'Task', Resource: LAMBDA, End: true }), 'missing-field'), []);
  });

  it('underlines the opening brace of the document and of array items', () => {
    const text = '{\n  "States": {}\n}';
    assert.deepEqual(problems(text, 'missing-field').map((p) => [p.at, p.message]), [['{', 'The state machine requires `StartAt`.']]);
    const catcher = single({ Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: ['States.ALL'] }], End: true });
    assert.deepEqual(problems(catcher, 'missing-field').map((p) => [p.at, p.message]), [['{', 'A catcher requires `Next`.']]);
  });

  it('asks for `ExecutionType` in Distributed mode only', () => {
    const map = (ProcessorConfig: object) =>
      single({ Type: 'Map', ItemProcessor: { ProcessorConfig, StartAt: 'P', States: { P: { Type: 'Succeed' } } }, End: true });
    assert.deepEqual(problems(map({ Mode: 'DISTRIBUTED' }), 'missing-field'), [
      {
        at: '"ProcessorConfig"',
        message: 'A `ProcessorConfig` whose `Mode` is `DISTRIBUTED` requires `ExecutionType`.',
        data: { field: 'ExecutionType' },
      },
    ]);
    assert.deepEqual(problems(map({ Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }), 'missing-field'), []);
    assert.deepEqual(problems(map({ Mode: 'INLINE' }), 'missing-field'), []);
  });

  it('says only that `Type` is missing, not what the state could not have', () => {
    assert.deepEqual(schemaProblems(single({ Resource: LAMBDA, Nxt: 'S', Seconds: 'x', End: true })), [
      'missing-field: "S": State `S` requires `Type`.',
    ]);
  });
});

describe('invalid-type', () => {
  it('names the expected and the actual type', () => {
    assert.deepEqual(problems(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: '60', End: true }), 'invalid-type'), [
      { at: '"60"', message: '`TimeoutSeconds` must be a positive integer, not a string.', data: { field: 'TimeoutSeconds' } },
    ]);
    assert.deepEqual(problems(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 60, End: true }), 'invalid-type'), []);
  });

  it('reports array items, states and the document by what they are', () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA, Catch: [{ ErrorEquals: [true], Next: 'X' }], Credentials: null, Next: 'X' },
        X: 'Pass',
        P: { Type: 'Parallel', Branches: [[]], End: true },
      },
    };
    assert.deepEqual(schemaProblems(definition), [
      'invalid-type: true: Item 1 of `ErrorEquals` must be a string, not a boolean.',
      'invalid-type: null: `Credentials` must be an object, not `null`.',
      'invalid-type: "Pass": State `X` must be an object, not a string.',
      'invalid-type: []: Item 1 of `Branches` must be an object, not an array.',
    ]);
    assert.deepEqual(schemaProblems('[]'), ['invalid-type: []: The state machine must be an object, not an array.']);
  });

  it('accepts JSONata expressions for numeric fields of JSONata states', () => {
    const state = {
      Type: 'Task',
      Resource: LAMBDA,
      TimeoutSeconds: '{% $timeout %}',
      HeartbeatSeconds: '{% $heartbeat %}',
      Arguments: '{% $states.input %}',
      End: true,
    };
    assert.deepEqual(schemaProblems(single(state, { QueryLanguage: 'JSONata' })), []);
    const map = {
      Type: 'Map',
      QueryLanguage: 'JSONata',
      Items: '{% $states.input.items %}',
      MaxConcurrency: '{% $n %}',
      ToleratedFailurePercentage: '{% $p %}',
      ToleratedFailureCount: '{% $c %}',
      ItemBatcher: { MaxItemsPerBatch: '{% $b %}', MaxInputBytesPerBatch: '{% $bytes %}' },
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON', MaxItems: '{% $m %}' }, Arguments: { Bucket: 'b', Key: 'k' } },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'P', States: { P: { Type: 'Succeed' } } },
      End: true,
    };
    assert.deepEqual(schemaProblems(single(map)), []);
    assert.deepEqual(schemaProblems(single({ Type: 'Wait', QueryLanguage: 'JSONata', Seconds: '{% $wait %}', End: true })), []);
  });

  it('offers JSONata only in JSONata states', () => {
    const jsonata = single({ Type: 'Wait', Seconds: 'ten', End: true }, { QueryLanguage: 'JSONata' });
    assert.deepEqual(problems(jsonata, 'invalid-type').map((p) => p.message), [
      '`Seconds` must be a non-negative integer or a JSONata expression `{% ... %}`, not a string.',
    ]);
    const jsonpath = single({ Type: 'Wait', Seconds: '{% $wait %}', End: true });
    assert.deepEqual(problems(jsonpath, 'invalid-type'), [
      {
        at: '"{% $wait %}"',
        message: '`Seconds` must be a non-negative integer, not a string: JSONata expressions `{% ... %}` are only evaluated in JSONata states.',
        data: { field: 'Seconds' },
      },
    ]);
  });

  it('accepts a whole-value `${...}` substitution wherever a value of another type could replace it', () => {
    const state = {
      Type: 'Task',
      Resource: '${FunctionArn}',
      TimeoutSeconds: '${Timeout}',
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: '${Attempts}', JitterStrategy: '${Jitter}' }],
      End: true,
    };
    assert.deepEqual(schemaProblems(single(state)), []);
    // Only a whole-string substitution can become a number.
    assert.deepEqual(schemaProblems(single({ ...state, TimeoutSeconds: '${Timeout}s' })), [
      'invalid-type: "${Timeout}s": `TimeoutSeconds` must be a positive integer, not a string.',
    ]);
  });
});

describe('invalid-value', () => {
  it('suggests the state type meant', () => {
    assert.deepEqual(problems(single({ Type: 'Taks', Resource: LAMBDA, End: true }), 'invalid-value'), [
      {
        at: '"Taks"',
        message: '`Taks` is not a state type; did you mean `Task`?',
        data: {
          field: 'Type',
          value: 'Taks',
          suggestions: ['Task'],
          allowed: ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'],
        },
      },
    ]);
    assert.deepEqual(problems(single({ Type: 'Task', Resource: LAMBDA, End: true }), 'invalid-value'), []);
  });

  it('reports only the `Type` of a state whose type is wrong', () => {
    assert.deepEqual(schemaProblems(single({ Type: 'Taks', Resource: 5, Nxt: 'S', TimeoutSeconds: 'x' })), [
      'invalid-value: "Taks": `Taks` is not a state type; did you mean `Task`?',
    ]);
    assert.deepEqual(schemaProblems(single({ Type: 5, End: true })), ['invalid-type: 5: `Type` must be a string, not `5`.']);
  });

  it('lists the allowed values when none is close', () => {
    const retry = single({ Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['States.ALL'], JitterStrategy: 'RANDOM' }], End: true });
    assert.deepEqual(problems(retry, 'invalid-value').map((p) => p.message), [
      '`RANDOM` is not a jitter strategy: use `FULL` or `NONE`.',
    ]);
  });

  it('checks the ranges AWS documents', () => {
    const definition = single({
      Type: 'Map',
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Succeed' } } },
      ToleratedFailurePercentage: 105,
      MaxConcurrency: -1,
      ItemBatcher: { MaxInputBytesPerBatch: 300000 },
      Retry: [{ ErrorEquals: [], IntervalSeconds: 0, MaxAttempts: -1, BackoffRate: 0.5, MaxDelaySeconds: 31622401 }],
      End: true,
    });
    assert.deepEqual(
      problems(definition, 'invalid-value').map((p) => [p.at, p.message]),
      [
        ['105', '`ToleratedFailurePercentage` must be at most 100, not `105`.'],
        ['-1', '`MaxConcurrency` must be a non-negative integer, not `-1`.'],
        ['300000', '`MaxInputBytesPerBatch` must be at most 262144, not `300000`.'],
        ['[]', '`ErrorEquals` must not be empty.'],
        ['0', '`IntervalSeconds` must be a positive integer, not `0`.'],
        ['-1', '`MaxAttempts` must be a non-negative integer, not `-1`.'],
        ['0.5', '`BackoffRate` must be at least 1, not `0.5`.'],
        ['31622401', '`MaxDelaySeconds` must be at most 31622400, not `31622401`.'],
      ],
    );
    const valid = single({
      Type: 'Map',
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Succeed' } } },
      ToleratedFailurePercentage: 100,
      MaxConcurrency: 0,
      ItemBatcher: { MaxInputBytesPerBatch: 262144 },
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 0, BackoffRate: 1, MaxDelaySeconds: 31622400 }],
      End: true,
    });
    assert.deepEqual(schemaProblems(valid), []);
  });

  it('ignores a `${...}` substitution in a field with fixed values', () => {
    const map = single({
      Type: 'Map',
      ItemProcessor: { ProcessorConfig: { Mode: '${MapMode}', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Succeed' } } },
      End: true,
    });
    assert.deepEqual(schemaProblems(map), []);
  });
});

describe('schema problems are one per place, never validator plumbing', () => {
  it('reports a state that is not an object once, whatever type it could have', () => {
    assert.deepEqual(schemaProblems(single([1, 2])), ['invalid-type: [\n      1,\n      2\n    ]: State `S` must be an object, not an array.']);
  });

  it('never shows the validator’s own words', () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Taks' },
        B: { Type: 'Wait', Seconds: true, Next: 'A' },
        C: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'FAST' } }, End: 1 },
        D: [],
        E: { Type: 'Parallel', Branches: [{}], Retry: {}, End: true },
      },
    };
    const messages = schemaProblems(definition);
    assert.deepEqual(messages, [
      'invalid-value: "Taks": `Taks` is not a state type; did you mean `Task`?',
      'invalid-type: true: `Seconds` must be a non-negative integer, not a boolean.',
      'missing-field: "ItemProcessor": `ItemProcessor` requires `StartAt`.',
      'missing-field: "ItemProcessor": `ItemProcessor` requires `States`.',
      'invalid-value: "FAST": `FAST` is not an execution type: use `STANDARD` or `EXPRESS`.',
      'invalid-type: 1: `End` must be `true` or `false`, not `1`.',
      'invalid-type: []: State `D` must be an object, not an array.',
      'missing-field: {: A Parallel branch requires `StartAt`.',
      'missing-field: {: A Parallel branch requires `States`.',
      'invalid-type: {}: `Retry` must be an array, not an object.',
    ]);
    for (const message of messages) {
      assert.doesNotMatch(message, /must match|must NOT|"then"|"else"|schema|must be equal to|oneOf|anyOf/, message);
    }
  });

  it('keeps working on half-typed text', () => {
    assert.deepEqual(schemaProblems('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Nex'), [
      'unknown-field: "Nex: `Nex` is not a field of a Pass state; did you mean `Next`?',
    ]);
    assert.doesNotThrow(() => lint('{"StartAt": "A", "States": {"A": {"Type": }}}'));
    assert.doesNotThrow(() => lint('{"States": {"A": {"Type": "Map", "ItemProcessor": {"States": {"B": {"Type": "Ta'));
  });
});
