import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { STRUCTURE_RULES } from '../../server/src/service/rules/structure';
import { lint, problems } from './helpers';

const pass = (extra: object = {}) => ({ Type: 'Pass', ...extra });

describe('unknown-state', () => {
  it('reports a Next naming no state, with the closest names of the scope', () => {
    const def = { StartAt: 'A', States: { A: pass({ Next: 'Finshed' }), Finished: pass({ End: true }) } };
    assert.deepEqual(problems(def, 'unknown-state'), [
      {
        at: '"Finshed"',
        message: '`Next` names `Finshed`, but this state machine has no such state; did you mean `Finished`?',
        data: { target: 'Finshed', suggestions: ['Finished'] },
      },
    ]);
  });

  it('is silent when every transition names a state of its scope', () => {
    const def = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'T' }], Default: 'Done' },
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    };
    assert.deepEqual(problems(def, 'unknown-state'), []);
  });

  it('checks StartAt, Default, Choice rule Next and catcher Next', () => {
    const def = {
      StartAt: 'Strat',
      States: {
        Start: {
          Type: 'Choice',
          Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Nowhere' }],
          Default: 'Dfault',
        },
        Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['E'], Next: 'Handler' }], End: true },
        Default: { Type: 'Succeed' },
      },
    };
    assert.deepEqual(
      problems(def, 'unknown-state').map((p) => [p.at, p.message]),
      [
        ['"Strat"', '`StartAt` names `Strat`, but this state machine has no such state; did you mean `Start`?'],
        ['"Nowhere"', "The Choice rule's `Next` names `Nowhere`, but this state machine has no such state."],
        ['"Dfault"', '`Default` names `Dfault`, but this state machine has no such state; did you mean `Default`?'],
        ['"Handler"', "The catcher's `Next` names `Handler`, but this state machine has no such state."],
      ],
    );
  });

  it('says when a Parallel branch names a state outside it, and points at that state', () => {
    const text = JSON.stringify(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [{ StartAt: 'Inner', States: { Inner: pass({ Next: 'Final State' }) } }],
            Next: 'Final State',
          },
          'Final State': pass({ End: true }),
        },
      },
      null,
      2,
    );
    const found = lint(text).filter((d) => d.code === 'unknown-state');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].offset, found[0].offset + found[0].length), '"Final State"');
    assert.equal(found[0].message, '`Final State` is outside this Parallel branch: a branch can only move to its own states.');
    assert.deepEqual(found[0].data, { target: 'Final State', suggestions: [] });
    const related = found[0].related![0];
    assert.equal(text.slice(related.offset, related.offset + related.length), '"Final State"');
    assert.ok(related.offset > found[0].offset, 'the related span is the state name key at the top level');
    assert.equal(related.message, '`Final State` is defined here, in the top level of the state machine.');
  });

  it('says when a Map ItemProcessor or a legacy Iterator names a state outside it', () => {
    for (const key of ['ItemProcessor', 'Iterator']) {
      const def = {
        StartAt: 'M',
        States: {
          M: { Type: 'Map', [key]: { StartAt: 'X', States: { X: pass({ Next: 'After' }) } }, Next: 'After' },
          After: pass({ End: true }),
        },
      };
      assert.deepEqual(
        problems(def, 'unknown-state').map((p) => [p.at, p.message]),
        [['"After"', `\`After\` is outside this Map \`${key}\`: an item processor can only move to its own states.`]],
      );
    }
  });

  it('says when the top level names a state inside a branch', () => {
    const def = {
      StartAt: 'Inner',
      States: {
        P: { Type: 'Parallel', Branches: [{ StartAt: 'Inner', States: { Inner: pass({ End: true }) } }], End: true },
      },
    };
    assert.deepEqual(problems(def, 'unknown-state').map((p) => p.message), [
      '`Inner` is inside a branch of Parallel state `P`: the top level can only move to its own states.',
    ]);
  });

  it('says when a branch names a state nested inside one of its own states', () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Item',
              States: {
                M: { Type: 'Map', ItemProcessor: { StartAt: 'Item', States: { Item: pass({ End: true }) } }, End: true },
              },
            },
          ],
          End: true,
        },
      },
    };
    assert.deepEqual(problems(def, 'unknown-state').map((p) => p.message), [
      '`Item` is inside the `ItemProcessor` of Map state `M`: a branch can only move to its own states.',
    ]);
  });

  it('only suggests names of the same scope', () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 1, Next: 'Chek' }, Check: pass({ End: true }) } }],
          Next: 'Checks',
        },
        Check2: pass({ End: true }),
      },
    };
    assert.deepEqual(problems(def, 'unknown-state').map((p) => p.data), [
      { target: 'Checks', suggestions: ['Check2'] },
      { target: 'Chek', suggestions: ['Check'] },
    ]);
  });

  it('accepts a template substitution as a target', () => {
    const def = { StartAt: 'A', States: { A: pass({ Next: '${NextState}' }), B: pass({ End: true }) } };
    assert.deepEqual(problems(def, 'unknown-state'), []);
  });
});

describe('missing-transition', () => {
  it('reports a state with neither Next nor End, offering the following state', () => {
    const def = { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 1 }, B: pass({ End: true }) } };
    assert.deepEqual(problems(def, 'missing-transition'), [
      {
        at: '"A"',
        message: '`A` has neither `Next` nor `End`: add `"Next": "B"` or `"End": true`.',
        data: { state: 'A', nextCandidate: 'B' },
      },
    ]);
  });

  it('offers End alone for the last state, and names `"End": false`', () => {
    const def = { StartAt: 'A', States: { A: pass({ Next: 'B' }), B: pass({ End: false }) } };
    assert.deepEqual(problems(def, 'missing-transition'), [
      {
        at: '"B"',
        message: '`B` has `"End": false` and no `Next`: add a `Next` or set `"End": true`.',
        data: { state: 'B', nextCandidate: null },
      },
    ]);
  });

  it('is silent for states with Next or End, and for Choice, Succeed and Fail', () => {
    const def = {
      StartAt: 'A',
      States: {
        A: pass({ Next: 'C' }),
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'S' }], Default: 'F' },
        S: { Type: 'Succeed' },
        F: { Type: 'Fail' },
        E: pass({ End: true }),
      },
    };
    assert.deepEqual(problems(def, 'missing-transition'), []);
  });

  it('leaves states without a known Type, and a non-boolean End, to the schema', () => {
    const def = { StartAt: 'A', States: { A: { Comment: 'no type' }, B: { Type: 'Teleport' }, C: pass({ End: 'yes' }) } };
    assert.deepEqual(problems(def, 'missing-transition'), []);
  });

  it('checks nested scopes', () => {
    const def = {
      StartAt: 'M',
      States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'X', States: { X: pass() } }, End: true } },
    };
    assert.deepEqual(problems(def, 'missing-transition').map((p) => p.at), ['"X"']);
  });
});

describe('end-and-next', () => {
  it('underlines the later of Next and End, with the other as related information', () => {
    const text = JSON.stringify({ StartAt: 'A', States: { A: pass({ Next: 'B', End: true }), B: pass({ End: true }) } }, null, 2);
    const found = lint(text).filter((d) => d.code === 'end-and-next');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].offset, found[0].offset + found[0].length), '"End"');
    assert.equal(found[0].message, '`A` has both `Next` and `"End": true`: keep `Next` to move on, or `End` to end here.');
    assert.deepEqual(found[0].data, { state: 'A' });
    const related = found[0].related![0];
    assert.equal(text.slice(related.offset, related.offset + related.length), '"Next"');
    assert.equal(related.message, '`Next` is set here too; remove it or `End`.');
  });

  it('underlines Next when it comes after End', () => {
    const def = { StartAt: 'A', States: { A: pass({ End: true, Next: 'B' }), B: pass({ End: true }) } };
    assert.deepEqual(problems(def, 'end-and-next').map((p) => p.at), ['"Next"']);
  });

  it('checks states in Parallel branches', () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'X', States: { X: pass({ Next: 'Y', End: true }), Y: pass({ End: true }) } }],
          End: true,
        },
      },
    };
    assert.deepEqual(problems(def, 'end-and-next').map((p) => [p.at, p.data]), [['"End"', { state: 'X' }]]);
  });

  it('is silent with `"End": false` or only one of the two', () => {
    const def = { StartAt: 'A', States: { A: pass({ Next: 'B', End: false }), B: pass({ End: true }) } };
    assert.deepEqual(problems(def, 'end-and-next'), []);
  });
});

describe('no-terminal-state', () => {
  it('underlines the States key of a scope with no terminal state', () => {
    const def = { StartAt: 'A', States: { A: pass({ Next: 'B' }), B: pass({ Next: 'A' }) } };
    assert.deepEqual(problems(def, 'no-terminal-state'), [
      {
        at: '"States"',
        message:
          'This state machine has no terminal state, so it can never finish: end one state with `"End": true`, or add a Succeed or Fail state.',
        data: { scope: 'root' },
      },
    ]);
  });

  it('checks each Parallel branch and Map processor', () => {
    const loop = { StartAt: 'X', States: { X: pass({ Next: 'Y' }), Y: pass({ Next: 'X' }) } };
    const def = {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [{ StartAt: 'Z', States: { Z: pass({ End: true }) } }, loop], Next: 'M' },
        M: { Type: 'Map', ItemProcessor: { StartAt: 'X2', States: { X2: pass({ Next: 'X2' }) } }, End: true },
      },
    };
    assert.deepEqual(problems(def, 'no-terminal-state').map((p) => p.message.split(' has')[0]), [
      'This Parallel branch',
      'This Map `ItemProcessor`',
    ]);
  });

  it('counts End, Succeed and Fail as terminal, but not End on a Choice state', () => {
    for (const terminal of [pass({ End: true }), { Type: 'Succeed' }, { Type: 'Fail', Error: 'E' }]) {
      const def = { StartAt: 'A', States: { A: pass({ Next: 'B' }), B: terminal } };
      assert.deepEqual(problems(def, 'no-terminal-state'), []);
    }
    const choiceEnd = {
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'C' }], Default: 'C', End: true } },
    };
    assert.equal(problems(choiceEnd, 'no-terminal-state').length, 1);
  });

  it('does not cascade from a missing End or an unknown target', () => {
    const missingEnd = { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 1 } } };
    assert.deepEqual(problems(missingEnd, 'no-terminal-state'), []);
    assert.equal(problems(missingEnd, 'missing-transition').length, 1);
    const unknownTarget = { StartAt: 'A', States: { A: pass({ Next: 'Finished' }) } };
    assert.deepEqual(problems(unknownTarget, 'no-terminal-state'), []);
    assert.equal(problems(unknownTarget, 'unknown-state').length, 1);
  });
});

describe('half-typed and malformed input', () => {
  const structureCodes = new Set<string>(STRUCTURE_RULES.flatMap((rule) => rule.codes));
  const structural = (text: string) =>
    lint(text)
      .filter((d) => structureCodes.has(d.code))
      .map((d) => `${d.code} ${text.slice(d.offset, d.offset + d.length)}`);

  it('does not report StartAt when States is missing or not an object', () => {
    assert.deepEqual(structural('{"StartAt": "A"}'), []);
    assert.deepEqual(structural('{"StartAt": "A", "States": []}'), []);
    assert.deepEqual(structural('{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "X"}], "End": true}}}'), []);
  });

  it('says an empty target is empty', () => {
    assert.deepEqual(problems('{"StartAt": "", "States": {"A": {"Type": "Pass", "End": true}}}', 'unknown-state'), [
      { at: '""', message: '`StartAt` is empty: name a state of this state machine; did you mean `A`?', data: { target: '', suggestions: ['A'] } },
    ]);
  });

  it('follows no transition that is still being typed', () => {
    assert.deepEqual(structural('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": '), []);
    assert.deepEqual(structural('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": }, "B": {"Type": "Pass", "End": true}}}'), []);
    const rule = '{"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true}], "Default": "A"}}}';
    assert.deepEqual(structural(rule), ['choice-rule "Variable"']);
  });

  it('judges no scope whose states have no known type', () => {
    assert.deepEqual(structural('{"StartAt": "A", "States": {"A": 5}}'), []);
    assert.deepEqual(structural('{"StartAt": "A", "States": {"A": {"Type": "Succed"}}}'), []);
  });
});
