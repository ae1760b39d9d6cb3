import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, problems, single } from './helpers';

const pass = (fields: object) => single({ Type: 'Pass', End: true, ...fields });
const jsonata = (fields: object) => single({ Type: 'Pass', QueryLanguage: 'JSONata', End: true, ...fields });

describe('invalid-intrinsic', () => {
  it('underlines the wrong argument, function name or syntax', () => {
    assert.deepEqual(problems(pass({ Parameters: { 'foo.$': "States.MathAdd(1,'-1')" } }), 'invalid-intrinsic'), [
      {
        at: "'-1'",
        message: "Argument `step` of `States.MathAdd` must be a number, but it is the string '-1'.",
        data: { field: 'foo.$', name: 'States.MathAdd', parameter: 'step', expected: 'number' },
      },
    ]);
    assert.deepEqual(problems(pass({ Parameters: { 'a.$': "States.Fromat('{}', $.a)" } }), 'invalid-intrinsic').map((p) => [p.at, p.message]), [
      ['States.Fromat', '`States.Fromat` is not an intrinsic function; did you mean `States.Format`?'],
    ]);
    assert.deepEqual(problems(pass({ Parameters: { 'a.$': 'States.Array($.a' } }), 'invalid-intrinsic').map((p) => [p.at, p.message]), [
      ['(', 'Invalid intrinsic function in `a.$`: Unclosed `(`: expected `)` at the end of the arguments.'],
    ]);
    assert.deepEqual(problems(pass({ ResultSelector: { deep: [{ 'u.$': 'States.UUID(1)' }] } }), 'invalid-intrinsic').map((p) => p.at), ['1']);
  });

  it('checks ErrorPath and CausePath calls', () => {
    const fail = single({ Type: 'Fail', ErrorPath: "States.Format('{}')", CausePath: 'States.JsonToString($.a)' });
    assert.deepEqual(problems(fail, 'invalid-intrinsic').map((p) => p.at), ["'{}'"]);
  });

  it('maps positions through JSON escapes', () => {
    const text = JSON.stringify(pass({ Parameters: { 'a.$': `States.Format('say "{}"', 1, 2)` } }));
    assert.deepEqual(problems(text, 'invalid-intrinsic').map((p) => p.at), [`'say \\"{}\\"'`]);
  });

  it('is silent on valid calls, literal text and JSONata states', () => {
    const valid = pass({
      Parameters: {
        'Format.$': "States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)",
        'MathAdd.$': 'States.MathAdd(States.ArrayLength($$.Execution.Input.machines),-1)',
        'Item.$': 'States.ArrayGetItem($.Records[?(@.Key == FooBar)].Value, 0)',
        literal: 'States.Fromat(1)',
        'sub.$': "States.Format('${Template}', $.a)",
      },
    });
    assert.deepEqual(problems(valid, 'invalid-intrinsic'), []);
    assert.deepEqual(problems(jsonata({ Output: { a: 'States.Fromat(1)' } }), 'invalid-intrinsic'), []);
  });
});

describe('invalid-jsonata', () => {
  it('underlines syntax errors inside the string', () => {
    assert.deepEqual(problems(jsonata({ Output: '{% 10 + * 2 %}' }), 'invalid-jsonata'), [
      { at: '2', message: 'Invalid JSONata expression in `Output`: Syntax error: 2.', data: { field: 'Output', code: 'S0201' } },
    ]);
    assert.deepEqual(problems(jsonata({ Output: '{% $sum($states.input.items %}' }), 'invalid-jsonata').map((p) => p.at), ['%}']);
    const nested = jsonata({ Assign: { top: { array: [{ child: '{% 420. %}' }] } } });
    assert.deepEqual(problems(nested, 'invalid-jsonata').map((p) => [p.at, p.message]), [['%}', 'Invalid JSONata expression in `Assign`: Unexpected end of expression.']]);
  });

  it('checks every evaluated field: rules, catchers, numbers, Map fields', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.a = %}', Next: 'T' }], Default: 'T' },
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          TimeoutSeconds: '{% ( %}',
          Catch: [{ ErrorEquals: ['States.ALL'], Output: { e: '{% [ %}' }, Next: 'M' }],
          Next: 'M',
        },
        M: { Type: 'Map', Items: '{% ] %}', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true },
      },
    };
    assert.equal(problems(definition, 'invalid-jsonata').length, 4);
  });

  it('flags strings with only one delimiter', () => {
    assert.deepEqual(problems(jsonata({ Output: '{% 10 %' }), 'invalid-jsonata').map((p) => p.at), ['{% 10 %']);
    assert.deepEqual(problems(jsonata({ Output: { a: '10 %}' } }), 'invalid-jsonata').map((p) => p.at), ['10 %}']);
  });

  it('flags reads of a context value that Step Functions does not provide', () => {
    assert.deepEqual(problems(jsonata({ Output: { v: '{% phone %}' } }), 'invalid-jsonata'), [
      {
        at: 'phone',
        message: '`phone` reads a field of the context value, which JSONata expressions in Step Functions do not have at the top level: the state input is `$states.input.phone`.',
        data: { field: 'Output', replacement: '$states.input.phone' },
      },
    ]);
    assert.deepEqual(problems(jsonata({ Output: '{% $.a %}' }), 'invalid-jsonata').map((p) => p.at), ['$']);
  });

  it('knows the fields of $states and where errorOutput exists', () => {
    assert.deepEqual(problems(jsonata({ Output: '{% $states.inptu %}' }), 'invalid-jsonata').map((p) => [p.at, p.message]), [
      ['inptu', '`$states.inptu` does not exist: `$states` has `input`, `result`, `errorOutput` and `context`; did you mean `input`?'],
    ]);
    assert.deepEqual(problems(jsonata({ Output: '{% $states.errorOutput %}' }), 'invalid-jsonata').map((p) => p.at), ['errorOutput']);
    const caught = single({
      Type: 'Task',
      QueryLanguage: 'JSONata',
      Resource: 'arn:aws:states:::lambda:invoke',
      Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Assign: { e: '{% $states.errorOutput.Cause %}' }, Next: 'S' }],
      End: true,
    });
    assert.deepEqual(problems(caught, 'invalid-jsonata'), []);
  });

  it('flags $eval', () => {
    assert.deepEqual(problems(jsonata({ Output: "{% $eval('1') %}" }), 'invalid-jsonata').map((p) => [p.at, p.message]), [
      ['$eval', '`$eval` is not available in Step Functions; to read JSON text, use `$parse`.'],
    ]);
  });

  it('is silent on valid expressions, comments, literals and JSONPath states', () => {
    const valid = jsonata({
      Comment: '{% This is a comment',
      Output: {
        a: '{% $states.input.data.items %}',
        b: '{%$states.input.x%}',
        c: ' {% states.input %} ',
        d: '{% ($e := $states.input.email; $states.input.interests[category = "home"]{"email": $e, "total": $sum(value)}) %}',
        e: "{% $match($states.input.id, /^[a-z]+$/) %}",
        f: '{% $x.${Field} %}',
        g: '$.literal',
      },
    });
    assert.deepEqual(problems(valid, 'invalid-jsonata'), []);
    assert.deepEqual(problems(pass({ Parameters: { a: '{% 1 + %}' } }), 'invalid-jsonata'), []);
  });
});

describe('query-language-field', () => {
  it('flags JSONPath fields in JSONata states, with the JSONata replacement', () => {
    const definition = { QueryLanguage: 'JSONata', StartAt: 'S', States: { S: { Type: 'Pass', Parameters: ['abc'], ResultPath: '$.x', End: true } } };
    assert.deepEqual(problems(definition, 'query-language-field'), [
      {
        at: '"Parameters"',
        message: "`Parameters` is a JSONPath field, but state `S` uses JSONata (the state machine's `QueryLanguage`): use `Arguments` instead.",
        data: { field: 'Parameters', replacement: 'Arguments', queryLanguage: 'JSONata' },
      },
      {
        at: '"ResultPath"',
        message: "`ResultPath` is a JSONPath field, but state `S` uses JSONata (the state machine's `QueryLanguage`): use `Output` instead.",
        data: { field: 'ResultPath', replacement: 'Output', queryLanguage: 'JSONata' },
      },
    ]);
    assert.deepEqual(problems(jsonata({ InputPath: '$.a' }), 'query-language-field').map((p) => p.message), [
      '`InputPath` is a JSONPath field, but state `S` uses JSONata: read the input as `$states.input` in `Arguments` or `Output` instead.',
    ]);
  });

  it('flags nested JSONPath fields: catchers, ItemReader, ItemBatcher', () => {
    const map = single({
      Type: 'Map',
      QueryLanguage: 'JSONata',
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b' }, ReaderConfig: { MaxItemsPath: '$.max' } },
      ItemBatcher: { MaxItemsPerBatchPath: '$.n' },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.e', Next: 'S' }],
      End: true,
    });
    assert.deepEqual(problems(map, 'query-language-field').map((p) => [p.at, (p.data as { replacement: string }).replacement]), [
      ['"ResultPath"', 'Output'],
      ['"Parameters"', 'Arguments'],
      ['"MaxItemsPath"', 'MaxItems'],
      ['"MaxItemsPerBatchPath"', 'MaxItemsPerBatch'],
    ]);
  });

  it('flags JSONata fields in JSONPath states', () => {
    assert.deepEqual(problems(pass({ Output: { a: 1 } }), 'query-language-field'), [
      {
        at: '"Output"',
        message: '`Output` is a JSONata field, but state `S` uses JSONPath (the state machine\'s `QueryLanguage`): use `OutputPath`, or set `"QueryLanguage": "JSONata"` on the state.',
        data: { field: 'Output', replacement: 'OutputPath', queryLanguage: 'JSONPath' },
      },
    ]);
    const task = single({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: {},
      Catch: [{ ErrorEquals: ['States.ALL'], Output: {}, Next: 'S' }],
      End: true,
    });
    assert.deepEqual(problems(task, 'query-language-field').map((p) => p.at), ['"Arguments"', '"Output"']);
  });

  it('applies the state machine language to nested states, not the enclosing state\'s', () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          QueryLanguage: 'JSONata',
          Branches: [{ StartAt: 'In', States: { In: { Type: 'Pass', OutputPath: '$.a', End: true } } }],
          End: true,
        },
      },
    };
    assert.deepEqual(problems(definition, 'query-language-field'), []);
  });

  it('forbids JSONPath states in a JSONata state machine', () => {
    const definition = { QueryLanguage: 'JSONata', StartAt: 'S', States: { S: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } } };
    assert.deepEqual(problems(definition, 'query-language-field').map((p) => p.at), ['"JSONPath"']);
    const distributed = {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'L', States: { L: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } } },
          End: true,
        },
      },
    };
    assert.deepEqual(problems(distributed, 'query-language-field'), []);
  });

  it('is silent on fields of the state\'s own language and shared fields', () => {
    assert.deepEqual(problems(jsonata({ Output: '{% 1 %}', Assign: { a: 1 } }), 'query-language-field'), []);
    assert.deepEqual(problems(pass({ Parameters: {}, ResultPath: '$.a', Assign: { a: 1 } }), 'query-language-field'), []);
  });
});

describe('expression rules on malformed definitions', () => {
  it('never fail on values of the wrong JSON type', () => {
    const odd = [null, 1, true, 'text', [], {}, [1, 'a', null], { 'a.$': null }];
    for (const value of odd) {
      for (const queryLanguage of ['JSONPath', 'JSONata']) {
        const state = {
          Type: 'Map',
          QueryLanguage: queryLanguage,
          InputPath: value, ResultPath: value, ItemsPath: value, Parameters: value, ResultSelector: value, ItemSelector: value,
          Arguments: value, Output: value, Assign: value, Items: value, Credentials: value, ItemReader: value, ItemBatcher: value,
          ResultWriter: value, Catch: value, Choices: value, MaxConcurrencyPath: value,
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Choice', Choices: [value, { Variable: value, Condition: value, And: value, Not: value }] } } },
          End: true,
        };
        const found = lint(single(state)).filter((d) => d.code === 'internal-error');
        assert.deepEqual(found, [], `${queryLanguage} ${JSON.stringify(value)}`);
      }
    }
  });

  it('never fail on half-typed text', () => {
    const text = JSON.stringify(
      single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'a.$': "States.Format('{}', $.a[?(@.b > $c)])" }, Assign: { x: '{% $y + 1 %}' }, End: true }),
    );
    for (let end = 0; end <= text.length; end++) {
      const found = lint(text.slice(0, end)).filter((d) => d.code === 'internal-error');
      assert.deepEqual(found, [], text.slice(0, end));
    }
  });
});
