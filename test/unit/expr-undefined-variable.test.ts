import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { problems } from './helpers';

describe('undefined-variable', () => {
  it('warns about a JSONata variable no Assign defines, with suggestions', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { customerName: '{% $states.input.name %}' }, Next: 'B' },
        B: { Type: 'Pass', Output: { name: '{% $customerNam %}', ok: '{% $customerName %}' }, End: true },
      },
    };
    assert.deepEqual(problems(definition, 'undefined-variable'), [
      {
        at: '$customerNam',
        message: '`$customerNam` is not assigned by any `Assign` in this state machine; did you mean `customerName`?',
        data: { name: 'customerNam', suggestions: ['customerName'] },
      },
    ]);
  });

  it('warns when the assignment cannot run before the read', () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { 'v.$': '$later' }, Next: 'B' },
        B: { Type: 'Pass', Assign: { later: 1 }, End: true },
      },
    };
    assert.deepEqual(problems(definition, 'undefined-variable').map((p) => [p.at, p.message]), [
      ['$later', '`$later` is assigned only in `B`, which cannot run before state `A` in its scope or an enclosing one.'],
    ]);
  });

  it('reads variables in paths, filters and intrinsic arguments of JSONPath states', () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f',
          InputPath: '$.items[?(@.price > $limit)]',
          Parameters: { 'msg.$': "States.Format('{}', $greeting.text)" },
          End: true,
        },
      },
    };
    assert.deepEqual(problems(definition, 'undefined-variable').map((p) => p.at), ['$limit', '$greeting']);
  });

  it('follows scopes: outer variables are visible inside, inner ones are not outside', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { outer: 1 }, Next: 'P' },
        P: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'In',
              States: {
                In: { Type: 'Pass', Assign: { inner: '{% $outer %}' }, Next: 'In2' },
                In2: { Type: 'Pass', Output: '{% $inner + $outer %}', End: true },
              },
            },
          ],
          Next: 'After',
        },
        After: { Type: 'Pass', Output: '{% $inner %}', End: true },
      },
    };
    const found = problems(definition, 'undefined-variable');
    assert.deepEqual(found.map((p) => [p.at, p.message]), [
      ['$inner', '`$inner` is assigned only in `In`, which cannot run before state `After` in its scope or an enclosing one.'],
    ]);
  });

  it('explains that Distributed Map iterations cannot read outer variables', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { bucket: 'b' }, Next: 'M' },
        M: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Work',
            States: { Work: { Type: 'Pass', Output: '{% $bucket %}', End: true } },
          },
          End: true,
        },
      },
    };
    assert.deepEqual(problems(definition, 'undefined-variable').map((p) => p.message), [
      '`$bucket` is assigned outside the Distributed Map `M`: its iterations run as child workflows and cannot read outer variables. Pass the value in through `ItemSelector` instead.',
    ]);
  });

  it('is silent on assigned variables, loops, bound names, functions and $states', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Loop',
      States: {
        Loop: {
          Type: 'Pass',
          Assign: { count: '{% $exists($count) ? $count + 1 : 1 %}' },
          Output: '{% ($x := 1; $map($states.input, function($v) { $v + $x + $count })) %}',
          Next: 'Check',
        },
        Check: { Type: 'Choice', Choices: [{ Condition: '{% $count < 3 %}', Next: 'Loop' }], Default: 'Done' },
        Done: { Type: 'Succeed', Output: '{% $string($count) & $uuid() %}' },
      },
    };
    assert.deepEqual(problems(definition, 'undefined-variable'), []);
  });

  it('counts catcher and Choice rule assignments', () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f',
          Catch: [{ ErrorEquals: ['States.ALL'], Assign: { 'failure.$': '$.Cause' }, Next: 'C' }],
          Next: 'C',
        },
        C: { Type: 'Choice', Choices: [{ Variable: '$failure', IsPresent: true, Assign: { seen: true }, Next: 'D' }], Default: 'D' },
        D: { Type: 'Pass', Parameters: { 'f.$': '$failure', 's.$': '$seen' }, End: true },
      },
    };
    assert.deepEqual(problems(definition, 'undefined-variable'), []);
  });
});
