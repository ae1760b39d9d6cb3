import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { problems, single } from './helpers';

const task = (fields: object) => single({ Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', End: true, ...fields });

describe('invalid-path', () => {
  it('underlines where a path field goes wrong', () => {
    assert.deepEqual(problems(task({ InputPath: '$.a..' }), 'invalid-path'), [
      { at: '..', message: 'Invalid path in `InputPath`: A path cannot end with `..`: add a field name.', data: { field: 'InputPath', path: '$.a..' } },
    ]);
    assert.deepEqual(problems(task({ ResultPath: '.guid' }), 'invalid-path').map((p) => p.at), ['.']);
    assert.deepEqual(problems(task({ OutputPath: '$...' }), 'invalid-path').map((p) => p.at), ['...']);
    assert.deepEqual(problems(single({ Type: 'Wait', SecondsPath: '$.a[', End: true }), 'invalid-path').map((p) => p.at), ['[']);
  });

  it('reads Choice rules, catchers and nested configuration', () => {
    const choice = single({
      Type: 'Choice',
      Choices: [{ And: [{ Variable: 'value', IsPresent: true }, { Variable: '$.b', StringEqualsPath: '$.c[' }], Next: 'S' }],
      Default: 'S',
    });
    assert.deepEqual(problems(choice, 'invalid-path').map((p) => p.at), ['v', '[']);
    const caught = task({ Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error.', Next: 'S' }] });
    assert.deepEqual(problems(caught, 'invalid-path').map((p) => p.at), ['.']);
  });

  it('explains that intrinsic functions are not evaluated in path fields', () => {
    const choice = single({ Type: 'Choice', Choices: [{ Variable: "States.ArrayContains($.a, 'x')", BooleanEquals: true, Next: 'S' }], Default: 'S' });
    assert.deepEqual(problems(choice, 'invalid-path').map((p) => [p.at, p.message]), [
      [
        "States.ArrayContains($.a, 'x')",
        '`Variable` must be a path starting with `$`; intrinsic functions are only evaluated in payload templates (keys ending in `.$`) and in `ErrorPath`/`CausePath`. Compute the value in an earlier state and refer to it here.',
      ],
    ]);
  });

  it('reads the .$ values of payload templates, at any depth', () => {
    const definition = task({ Parameters: { a: { 'b.$': '$.x y' }, list: [{ 'c.$': "$['open" }] } });
    assert.deepEqual(problems(definition, 'invalid-path').map((p) => p.at), [' ', "'open"]);
  });

  it('reads path arguments of intrinsic functions', () => {
    const definition = task({ Parameters: { 'a.$': "States.Format('{}', $.a[)" } });
    assert.deepEqual(problems(definition, 'invalid-path').map((p) => [p.at, p.message]), [
      [')', "Invalid path in an argument of the intrinsic function in `a.$`: Unexpected `)` after `[`: expected a quoted field name, an index, a slice, `*` or a filter `?(...)`."],
    ]);
  });

  it('maps positions through JSON escapes', () => {
    const text = JSON.stringify(task({ InputPath: '$["a\\"b"]x' }));
    assert.deepEqual(problems(text, 'invalid-path').map((p) => p.at), ['x']);
  });

  it('accepts valid paths, substitutions, null and JSONata states', () => {
    const valid = task({
      InputPath: '$$.Execution.Input',
      OutputPath: null,
      ResultPath: '$.result',
      Parameters: { 'a.$': '$.items[?(@.price < 10)]', 'b.$': '$.vals[3:]', 'c.$': '$.path-with-hyphen', 'd.$': '$..a', 'e.$': '${Path}' },
      TimeoutSecondsPath: '$.${Field}',
    });
    assert.deepEqual(problems(valid, 'invalid-path'), []);
    assert.deepEqual(problems(single({ Type: 'Pass', QueryLanguage: 'JSONata', OutputPath: '..bad', End: true }), 'invalid-path'), []);
  });
});

describe('invalid-reference-path', () => {
  it('underlines the step a reference path cannot have', () => {
    assert.deepEqual(problems(task({ ResultPath: '$.a[*].b' }), 'invalid-reference-path'), [
      {
        at: '[*]',
        message: '`ResultPath` must be a reference path, which selects a single node: a wildcard `*` is not allowed.',
        data: { field: 'ResultPath', segment: 'wildcard' },
      },
    ]);
    const map = single({ Type: 'Map', ItemsPath: '$..items', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true });
    assert.deepEqual(problems(map, 'invalid-reference-path').map((p) => p.at), ['..items']);
    const choice = single({ Type: 'Choice', Choices: [{ Variable: '$.a[?(@.b)]', IsPresent: true, Next: 'S' }], Default: 'S' });
    assert.deepEqual(problems(choice, 'invalid-reference-path').map((p) => p.at), ['[?(@.b)]']);
  });

  it('keeps ResultPath under $', () => {
    assert.deepEqual(problems(task({ ResultPath: '$foo' }), 'invalid-reference-path').map((p) => [p.at, p.message]), [
      ['$foo', "`ResultPath` says where the result goes in the state's output, so it must start with `$`; it cannot write to a variable (variables are set with `Assign`)."],
    ]);
    assert.deepEqual(problems(task({ ResultPath: '$$.Execution' }), 'invalid-reference-path').map((p) => p.at), ['$$.Execution']);
  });

  it('accepts reference paths, and full paths where paths are allowed', () => {
    const valid = task({
      InputPath: '$.a[*]',
      OutputPath: '$..b',
      ResultPath: "$.a['b c'][0]",
      TimeoutSecondsPath: '$$.Execution.Input.timeout',
      HeartbeatSecondsPath: '$timeout',
      Parameters: { 'x.$': '$.items[?(@.a)]' },
    });
    assert.deepEqual(problems(valid, 'invalid-reference-path'), []);
    assert.deepEqual(problems(single({ Type: 'Fail', CausePath: "States.Format('{}', $.a[*])" }), 'invalid-reference-path'), []);
  });
});

describe('no-path', () => {
  it('fires on .$ values that are neither a path nor an intrinsic function', () => {
    assert.deepEqual(problems(task({ Parameters: { foo: 'bar', 'lorem.$': 'ipsum', 'dolor.$': '$.sit' } }), 'no-path'), [
      {
        at: 'ipsum',
        message: '`lorem.$` must hold a path (`$.field`, `$$.Execution.Id`, `$variable`) or an intrinsic function (`States.Format(...)`), not `ipsum`; to pass the text as it is, name the key `lorem`.',
        data: { key: 'lorem.$', replacement: 'lorem' },
      },
    ]);
    assert.deepEqual(problems(task({ ResultSelector: { nested: { 'n.$': 42 } } }), 'no-path').map((p) => [p.at, p.message]), [
      ['42', '`n.$` must hold a path or an intrinsic function as a string, not a number; to pass the value as it is, name the key `n`.'],
    ]);
    assert.deepEqual(problems(task({ Credentials: { 'RoleArn.$': 'arn:aws:iam::1:role/r' } }), 'no-path').map((p) => p.at), ['arn:aws:iam::1:role/r']);
    assert.deepEqual(problems(single({ Type: 'Pass', Assign: { 'x.$': 'text' }, End: true }), 'no-path').map((p) => p.at), ['text']);
  });

  it('is silent on paths, intrinsics, substitutions, Pass Result and JSONata states', () => {
    const valid = task({ Parameters: { 'a.$': '$', 'b.$': '$$.Map.Item.Value', 'c.$': '$var', 'd.$': 'States.UUID()', 'e.$': '${Value}' } });
    assert.deepEqual(problems(valid, 'no-path'), []);
    assert.deepEqual(problems(single({ Type: 'Pass', Result: { 'a.$': 'literal' }, End: true }), 'no-path'), []);
    assert.deepEqual(problems(single({ Type: 'Pass', QueryLanguage: 'JSONata', Output: { 'a.$': 'literal' }, End: true }), 'no-path'), []);
  });
});

describe('no-dollar', () => {
  it('warns about paths and intrinsic calls under keys without .$', () => {
    const definition = task({ Parameters: { id: '$.order.id', exec: '$$.Execution.Id', msg: "States.Format('{}', $.a)" } });
    assert.deepEqual(problems(definition, 'no-dollar'), [
      { at: '$.order.id', message: '`id` holds a path, but it is passed on as literal text because the key does not end in `.$`; to evaluate it, name the key `id.$`.', data: { key: 'id', replacement: 'id.$' } },
      { at: '$$.Execution.Id', message: '`exec` holds a path, but it is passed on as literal text because the key does not end in `.$`; to evaluate it, name the key `exec.$`.', data: { key: 'exec', replacement: 'exec.$' } },
      { at: "States.Format('{}', $.a)", message: "`msg` holds an intrinsic function call, but it is passed on as literal text because the key does not end in `.$`; to evaluate it, name the key `msg.$`.", data: { key: 'msg', replacement: 'msg.$' } },
    ]);
  });

  it('warns about .$ keys in JSONata states, which stay literal there', () => {
    const definition = single({ Type: 'Pass', QueryLanguage: 'JSONata', Output: { 'title.$': '$.title' }, End: true });
    assert.deepEqual(problems(definition, 'no-dollar').map((p) => [p.at, p.message]), [
      ['"title.$"', 'In a JSONata state, `title.$` is an ordinary key and its value is passed on as it is, not evaluated as a path: name the key `title` and write the value as a JSONata expression, e.g. `{% $states.input.title %}`.'],
    ]);
  });

  it('is silent on text that is only likely literal', () => {
    const valid = task({ Parameters: { price: '$5.00', currency: '$', name: '$customerName', note: 'pay $.50 more', fn: 'States.Format', sub: '$.${Field}' } });
    assert.deepEqual(problems(valid, 'no-dollar'), []);
    assert.deepEqual(problems(single({ Type: 'Pass', Result: { a: '$.literal' }, End: true }), 'no-dollar'), []);
  });
});

describe('duplicate-key in payload templates', () => {
  it('reports a field given both with and without .$, at any depth', () => {
    const definition = task({ Parameters: { dynamic: { conflict: 'value', 'conflict.$': '$.value' }, list: [{ text: { 'type.$': '$.t', type: 'mrkdwn' } }] } });
    assert.deepEqual(problems(definition, 'duplicate-key'), [
      {
        at: '"conflict.$"',
        message: '`conflict.$` and `conflict` both set the field `conflict`: the `.$` suffix only says the value is evaluated. Keep one of them.',
        data: { key: 'conflict' },
      },
      {
        at: '"type"',
        message: '`type` and `type.$` both set the field `type`: the `.$` suffix only says the value is evaluated. Keep one of them.',
        data: { key: 'type' },
      },
    ]);
    assert.deepEqual(problems(single({ Type: 'Pass', Assign: { x: 1, 'x.$': '$.x' }, End: true }), 'duplicate-key').map((p) => p.at), ['"x.$"']);
  });

  it('is silent on distinct fields, Pass Result and JSONata states', () => {
    assert.deepEqual(problems(task({ Parameters: { a: 1, 'b.$': '$.b', nested: { 'a.$': '$.a' } } }), 'duplicate-key'), []);
    assert.deepEqual(problems(single({ Type: 'Pass', Result: { a: 1, 'a.$': 'x' }, End: true }), 'duplicate-key'), []);
    assert.deepEqual(problems(single({ Type: 'Pass', QueryLanguage: 'JSONata', Output: { a: 1, 'a.$': 'x' }, End: true }), 'duplicate-key'), []);
  });
});
