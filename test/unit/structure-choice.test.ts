import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isRfc3339Timestamp } from '../../server/src/service/rules/structure/choiceOperators';
import { lint, problems } from './helpers';

/** A machine whose Choice state `C` has these rules (JSONPath unless `queryLanguage` says otherwise). */
const choice = (rules: unknown[], extra: object = {}, queryLanguage?: 'JSONata') => ({
  ...(queryLanguage ? { QueryLanguage: queryLanguage } : {}),
  StartAt: 'C',
  States: {
    C: { Type: 'Choice', Choices: rules, Default: 'Done', ...extra },
    Yes: { Type: 'Succeed' },
    Done: { Type: 'Succeed' },
  },
});

const at = (def: object) => problems(def, 'choice-rule').map((p) => [p.at, p.message]);

describe('choice-rule (JSONPath)', () => {
  it('accepts every operator with an operand of its type', () => {
    const rules = [
      { Variable: '$.s', StringEquals: 'a', Next: 'Yes' },
      { Variable: '$.s', StringLessThanEqualsPath: '$.t', Next: 'Yes' },
      { Variable: '$.s', StringMatches: 'log-*.txt', Next: 'Yes' },
      { Variable: '$.n', NumericGreaterThan: 1.5, Next: 'Yes' },
      { Variable: '$.n', NumericEqualsPath: '$$.Execution.Input.n', Next: 'Yes' },
      { Variable: '$.b', BooleanEquals: false, Next: 'Yes' },
      { Variable: '$.b', BooleanEqualsPath: '$.c', Next: 'Yes' },
      { Variable: '$.t', TimestampLessThan: '2016-08-18T17:33:00Z', Next: 'Yes' },
      { Variable: '$.t', TimestampEquals: '2016-08-18T17:33:00.123+02:00', Next: 'Yes' },
      { Variable: '$.t', TimestampGreaterThanPath: '$.u', Next: 'Yes' },
      { Variable: '$.x', IsNull: true, Next: 'Yes' },
      { Variable: '$.x', IsPresent: false, Next: 'Yes' },
      { Variable: '$.x', IsNumeric: true, Next: 'Yes' },
      { Variable: '$.x', IsString: true, Next: 'Yes' },
      { Variable: '$.x', IsBoolean: true, Next: 'Yes' },
      { Variable: '$.x', IsTimestamp: true, Next: 'Yes', Comment: 'a comment', Assign: { seen: true } },
      {
        And: [
          { Variable: '$.a', IsPresent: true, Comment: 'nested comment' },
          { Or: [{ Variable: '$.b', NumericLessThan: 3 }, { Not: { Variable: '$.c', StringEquals: 'x' } }] },
        ],
        Next: 'Yes',
      },
    ];
    assert.deepEqual(problems(choice(rules), 'choice-rule'), []);
  });

  it('suggests the operator a misspelt key meant', () => {
    const def = choice([{ Variable: '$.s', StringEqualz: 'a', Next: 'Yes' }]);
    assert.deepEqual(problems(def, 'choice-rule'), [
      {
        at: '"StringEqualz"',
        message: '`StringEqualz` is not a field of a Choice rule; did you mean `StringEquals`?',
        data: { field: 'StringEqualz', suggestions: ['StringEquals'] },
      },
    ]);
  });

  it('reports a rule with two operators at the second one', () => {
    const def = choice([{ Variable: '$.s', StringEquals: 'a', NumericEquals: 1, Next: 'Yes' }]);
    assert.deepEqual(problems(def, 'choice-rule'), [
      {
        at: '"NumericEquals"',
        message: 'A Choice rule takes exactly one operator, and this one already has `StringEquals`: combine several tests with `And` or `Or`.',
        data: { operators: ['StringEquals', 'NumericEquals'], reason: 'several-operators' },
      },
    ]);
  });

  it('reports a rule with no operator', () => {
    assert.deepEqual(at(choice([{ Variable: '$.s', Next: 'Yes' }])), [
      [
        '"Variable"',
        'This Choice rule has no comparison: give it `Variable` and an operator such as `StringEquals`, or combine rules with `And`, `Or` or `Not`.',
      ],
    ]);
  });

  it('reports a comparison without Variable, and Variable on And/Or/Not', () => {
    assert.deepEqual(at(choice([{ NumericEquals: 1, Next: 'Yes' }])), [
      [
        '"NumericEquals"',
        '`NumericEquals` compares `Variable` with a value, but this rule has no `Variable`: add the path of the value to test, e.g. `"Variable": "$.status"`.',
      ],
    ]);
    const def = choice([{ Variable: '$.a', Not: { Variable: '$.a', IsNull: true }, Next: 'Yes' }]);
    assert.deepEqual(at(def), [
      ['"Variable"', '`Not` combines nested rules and compares nothing itself: move `Variable` into the nested rules.'],
    ]);
  });

  it('checks the operand type of each operator', () => {
    const rules = [
      { Variable: '$.n', NumericEquals: '5', Next: 'Yes' },
      { Variable: '$.n', NumericLessThan: 'five', Next: 'Yes' },
      { Variable: '$.b', BooleanEquals: 'true', Next: 'Yes' },
      { Variable: '$.x', IsPresent: 1, Next: 'Yes' },
      { Variable: '$.s', StringEquals: 5, Next: 'Yes' },
      { Variable: '$.s', StringMatches: null, Next: 'Yes' },
      { Variable: '$.t', TimestampEquals: '2016-08-18 17:33:00', Next: 'Yes' },
      { Variable: '$.t', TimestampEquals: 1471541580, Next: 'Yes' },
      { Variable: '$.s', StringEqualsPath: 5, Next: 'Yes' },
      // The syntax of a path string is `invalid-path`'s to check.
      { Variable: '$.s', StringEqualsPath: 'expected', Next: 'Yes' },
    ];
    assert.deepEqual(at(choice(rules)), [
      ['"5"', '`NumericEquals` takes a number, not a string: write `5` without quotes.'],
      ['"five"', '`NumericLessThan` takes a number, e.g. `5`.'],
      ['"true"', '`BooleanEquals` takes a boolean, not a string: write `true` without quotes.'],
      ['1', '`IsPresent` takes `true` or `false`.'],
      ['5', '`StringEquals` takes a string, e.g. `"done"`.'],
      ['null', '`StringMatches` takes a string, e.g. `"done"`.'],
      [
        '"2016-08-18 17:33:00"',
        '`TimestampEquals` takes an RFC 3339 timestamp with an uppercase `T` and a `Z` or offset, e.g. `"2016-08-18T17:33:00Z"`; `2016-08-18 17:33:00` is not one.',
      ],
      ['1471541580', '`TimestampEquals` takes a timestamp string, e.g. `"2016-08-18T17:33:00Z"`.'],
      [
        '5',
        '`StringEqualsPath` takes a path to the value to compare with, e.g. `"$.expected"`; to compare with a literal value, use `StringEquals`.',
      ],
    ]);
    assert.deepEqual(problems(choice([rules[0]]), 'choice-rule')[0].data, {
      operator: 'NumericEquals',
      expected: 'number',
      reason: 'operand-type',
    });
  });

  it('accepts template substitutions as operands', () => {
    const rules = [
      { Variable: '$.n', NumericEquals: '${Threshold}', Next: 'Yes' },
      { Variable: '$.t', TimestampLessThan: '${Deadline}', Next: 'Yes' },
    ];
    assert.deepEqual(problems(choice(rules), 'choice-rule'), []);
  });

  it('requires Next on top-level rules and forbids it in nested rules', () => {
    const def = choice([
      { Variable: '$.a', IsPresent: true },
      { Not: { Variable: '$.a', IsNull: true, Next: 'Yes' }, Next: 'Yes' },
      { And: [{ Variable: '$.a', IsNull: true, Assign: { x: 1 } }], Next: 'Yes' },
      { Variable: '$.a', IsPresent: true, Next: 42 },
    ]);
    assert.deepEqual(at(def), [
      ['"Variable"', 'This Choice rule has no `Next`: name the state to go to when it matches.'],
      ['"Next"', 'A nested rule cannot have `Next`: only the top-level rule in `Choices` names the state to go to.'],
      ['"Assign"', 'A nested rule cannot have `Assign`: only the top-level rule in `Choices` assigns variables.'],
      ['42', '`Next` must be the name of a state (a string).'],
    ]);
  });

  it('says that a rule cannot end the execution, once', () => {
    const def = choice([{ Variable: '$.foo', NumericEquals: 1, End: true }]);
    assert.deepEqual(problems(def, 'choice-rule'), [
      {
        at: '"End"',
        message:
          'A Choice rule cannot end the execution: replace `End` with `Next` naming the state to go to (a Succeed state ends the execution).',
        data: { field: 'End', reason: 'end-in-rule' },
      },
    ]);
  });

  it('checks the shape of And, Or and Not', () => {
    const def = choice([
      { And: [], Next: 'Yes' },
      { Or: { Variable: '$.a', IsNull: true }, Next: 'Yes' },
      { Not: [{ Variable: '$.a', IsNull: true }], Next: 'Yes' },
      { And: ['$.a'], Next: 'Yes' },
    ]);
    assert.deepEqual(at(def), [
      ['[]', '`And` takes a non-empty array of rules.'],
      ['{\n            "Variable": "$.a",\n            "IsNull": true\n          }', '`Or` takes a non-empty array of rules.'],
      ['[\n            {\n              "Variable": "$.a",\n              "IsNull": true\n            }\n          ]', '`Not` takes one rule (an object), not a list.'],
      ['"$.a"', 'A nested Choice rule must be an object, e.g. `{ "Variable": "$.n", "NumericGreaterThan": 1 }`.'],
    ]);
  });

  it('reports nested rules in document order', () => {
    const def = choice([
      { And: [{ Variable: '$.a', NumericEquals: 'first' }, { Variable: '$.b', NumericEquals: 'second' }], Next: 'Yes' },
    ]);
    assert.deepEqual(problems(def, 'choice-rule').map((p) => p.at), ['"first"', '"second"']);
  });

  it('leaves a repeated operator key to duplicate-key', () => {
    const text = '{"StartAt": "C", "States": {"C": {"Type": "Choice", "Default": "Y", "Choices": [' +
      '{"Variable": "$.a", "StringEquals": "x", "StringEquals": "y", "Next": "Y"}]}, "Y": {"Type": "Succeed"}}}';
    const codes = lint(text).map((d) => d.code);
    assert.ok(codes.includes('duplicate-key'));
    assert.ok(!codes.includes('choice-rule'));
  });

  it('checks nested rules at any depth', () => {
    const def = choice([{ Not: { Or: [{ And: [{ Variable: '$.a', NumericEquals: 'x' }] }] }, Next: 'Yes' }]);
    assert.deepEqual(at(def), [['"x"', '`NumericEquals` takes a number, e.g. `5`.']]);
  });

  it('points JSONata fields in a JSONPath state to QueryLanguage', () => {
    assert.deepEqual(at(choice([{ Condition: '{% true %}', Next: 'Yes' }])), [
      [
        '"Condition"',
        '`Condition` is a JSONata field, but this state uses JSONPath: compare `Variable` with an operator such as `StringEquals`, or set `"QueryLanguage": "JSONata"`.',
      ],
    ]);
  });

  it('leaves Choices itself (missing, empty, not objects) to the schema', () => {
    for (const choices of [[], 'none', [1, 'x']]) {
      assert.deepEqual(problems(choice(choices as unknown[]), 'choice-rule'), [], JSON.stringify(choices));
    }
  });

  it('checks Choice states in nested scopes', () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [choice([{ Variable: '$.s', StringEqualz: 'a', Next: 'Yes' }])],
          End: true,
        },
      },
    };
    assert.deepEqual(problems(def, 'choice-rule').map((p) => p.at), ['"StringEqualz"']);
  });
});

describe('choice-rule (JSONata)', () => {
  it('accepts Condition, Next, Assign, Output and Comment', () => {
    const rules = [
      { Condition: '{% $states.input.n > 1 %}', Next: 'Yes', Assign: { big: true }, Output: { n: 1 }, Comment: 'big' },
      { Condition: true, Next: 'Yes' },
    ];
    assert.deepEqual(problems(choice(rules, {}, 'JSONata'), 'choice-rule'), []);
  });

  it('uses the state QueryLanguage over the machine one', () => {
    const def = choice([{ Condition: '{% true %}', Next: 'Yes' }], { QueryLanguage: 'JSONata' });
    assert.deepEqual(problems(def, 'choice-rule'), []);
  });

  it('reports JSONPath comparisons once per rule, and a missing Condition or Next', () => {
    const def = choice(
      [
        { Variable: '$.a', StringEquals: 'x', Next: 'Yes' },
        { Next: 'Yes' },
        { Condition: '{% true %}' },
      ],
      {},
      'JSONata',
    );
    assert.deepEqual(at(def), [
      [
        '"Variable"',
        'This state uses JSONata, whose Choice rules have no `Variable` or comparison operators: write the test as a `Condition`, e.g. `"Condition": "{% $states.input.status = \'done\' %}"`.',
      ],
      [
        '"Next"',
        'This Choice rule has no `Condition`: add a JSONata expression that decides whether it matches, e.g. `"Condition": "{% $states.input.done %}"`.',
      ],
      ['"Condition"', 'This Choice rule has no `Next`: name the state to go to when it matches.'],
    ]);
  });

  it('reports a Condition that is neither an expression nor a boolean, leaving malformed delimiters to the expression checks', () => {
    const def = choice(
      [
        { Condition: '$states.input.ok', Next: 'Yes' },
        { Condition: 1, Next: 'Yes' },
        { Condition: '{% $states.input.ok %', Next: 'Yes' },
      ],
      {},
      'JSONata',
    );
    assert.deepEqual(at(def), [
      ['"$states.input.ok"', '`Condition` must be a JSONata expression in `{% %}`, e.g. `"{% $states.input.count > 1 %}"`, or a boolean.'],
      ['1', '`Condition` must be a JSONata expression in `{% %}`, e.g. `"{% $states.input.count > 1 %}"`, or a boolean.'],
    ]);
  });

  it('suggests the field a misspelt key meant', () => {
    const def = choice([{ Conditon: '{% true %}', Condition: '{% true %}', Next: 'Yes' }], {}, 'JSONata');
    assert.deepEqual(problems(def, 'choice-rule').map((p) => [p.at, p.data]), [
      ['"Conditon"', { field: 'Conditon', suggestions: ['Condition'] }],
    ]);
  });
});

describe('choice-no-default', () => {
  it('notes a Choice state without Default, as info', () => {
    const def = { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'Y' }] }, Y: { Type: 'Succeed' } } };
    const found = lint(def).filter((d) => d.code === 'choice-no-default');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'info');
    assert.deepEqual(problems(def, 'choice-no-default'), [
      {
        at: '"C"',
        message: 'Choice state `C` has no `Default`: when no rule matches, the execution fails with `States.NoChoiceMatched`.',
        data: { state: 'C' },
      },
    ]);
  });

  it('checks Choice states in a Map ItemProcessor', () => {
    const inner = { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'Y' }] }, Y: { Type: 'Succeed' } } };
    const def = { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: inner, End: true } } };
    assert.deepEqual(problems(def, 'choice-no-default').map((p) => p.at), ['"C"']);
  });

  it('is silent with a Default', () => {
    assert.deepEqual(problems(choice([{ Variable: '$.a', IsNull: true, Next: 'Yes' }]), 'choice-no-default'), []);
  });
});

describe('RFC 3339 timestamps', () => {
  it('accepts what Step Functions accepts', () => {
    for (const text of ['2016-08-18T17:33:00Z', '2016-03-05T21:29:29.243167252Z', '2016-08-18T17:33:00-07:00', '2024-02-29T00:00:00Z']) {
      assert.ok(isRfc3339Timestamp(text), text);
    }
  });

  it('rejects malformed and out-of-range timestamps', () => {
    for (const text of [
      '2016-08-18t17:33:00z',
      '2016-12-05 21:29:29Z',
      '2016-12-05T21:29:29',
      '05-12-2016T21:29:29Z',
      '2016-13-05T21:29:29Z',
      '2016-12-05T25:29:29Z',
      '2023-02-29T00:00:00Z',
      '2016-04-31T00:00:00Z',
      '2016-08-18T17:33:00+24:00',
    ]) {
      assert.ok(!isRfc3339Timestamp(text), text);
    }
  });
});
