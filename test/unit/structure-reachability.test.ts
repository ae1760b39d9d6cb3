import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { canReach, reachableFrom, stronglyConnectedComponents } from '../../server/src/asl/graph-analysis';
import { parseAsl } from '../../server/src/asl/parse';
import { STRUCTURE_RULES } from '../../server/src/service/rules/structure';
import { validate } from '../../server/src/service/validation';
import { lint, problems } from './helpers';

const pass = (extra: object = {}) => ({ Type: 'Pass', ...extra });

describe('unreachable-state', () => {
  it('underlines the name of a state nothing leads to', () => {
    const def = {
      StartAt: 'Start',
      States: {
        Start: pass({ Next: 'Finished' }),
        Orphan: { Type: 'Choice', Choices: [{ Variable: '$.x', BooleanEquals: false, Next: 'Finished' }], Default: 'Finished' },
        Finished: pass({ End: true }),
      },
    };
    assert.deepEqual(problems(def, 'unreachable-state'), [
      {
        at: '"Orphan"',
        message: '`Orphan` is unreachable: no path from `StartAt` leads to it, so it never runs.',
        data: { state: 'Orphan' },
      },
    ]);
  });

  it('reports a group of unreachable states at its entry, naming the states it leads to', () => {
    const def = {
      StartAt: 'A',
      States: { A: pass({ End: true }), B: pass({ Next: 'C' }), C: pass({ Next: 'D' }), D: pass({ End: true }) },
    };
    assert.deepEqual(problems(def, 'unreachable-state').map((p) => [p.at, p.message]), [
      ['"B"', '`B` is unreachable: no path from `StartAt` leads to it, so it never runs, nor do the states it leads to: `C` and `D`.'],
    ]);
  });

  it('does not cascade from a misspelt Next', () => {
    const states: Record<string, object> = { Start: pass({ Next: 'step1' }) };
    for (let i = 1; i <= 20; i++) states[`Step${i}`] = pass(i < 20 ? { Next: `Step${i + 1}` } : { End: true });
    const def = { StartAt: 'Start', States: states };
    assert.deepEqual(problems(def, 'unknown-state').map((p) => p.data), [{ target: 'step1', suggestions: ['Step1'] }]);
    assert.deepEqual(problems(def, 'unreachable-state'), [], 'the states after the typo follow from it');
  });

  it('does not cascade from a missing Next', () => {
    const def = { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 10 }, Check: pass({ Next: 'Done' }), Done: pass({ End: true }) } };
    assert.deepEqual(problems(def, 'missing-transition').map((p) => p.data), [{ state: 'Wait', nextCandidate: 'Check' }]);
    assert.deepEqual(problems(def, 'unreachable-state'), []);
  });

  it('still reports an orphan that a misspelt Next did not mean', () => {
    const def = {
      StartAt: 'Start',
      States: { Start: pass({ Next: 'Finsh' }), Finish: pass({ End: true }), Orphan: pass({ Next: 'Finish' }) },
    };
    assert.deepEqual(problems(def, 'unknown-state').map((p) => p.data), [{ target: 'Finsh', suggestions: ['Finish'] }]);
    assert.deepEqual(problems(def, 'unreachable-state').map((p) => p.message), [
      '`Orphan` is unreachable: no path from `StartAt` leads to it, so it never runs, nor do the states it leads to: `Finish`.',
    ]);
  });

  it('reports an unreachable loop once, with its other states as related information', () => {
    const text = JSON.stringify(
      { StartAt: 'A', States: { A: pass({ End: true }), B: pass({ Next: 'C' }), C: pass({ Next: 'B' }) } },
      null,
      2,
    );
    const found = lint(text).filter((d) => d.code === 'unreachable-state');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].offset, found[0].offset + found[0].length), '"B"');
    assert.equal(found[0].message, '`B` and `C` are unreachable: no path from `StartAt` leads to them, so they never run.');
    assert.deepEqual(found[0].data, { state: 'B', states: ['B', 'C'] });
    assert.deepEqual(
      found[0].related!.map((r) => [text.slice(r.offset, r.offset + r.length), r.message]),
      [['"C"', '`C` is unreachable too.']],
    );
  });

  it('follows Next, Default, Choice rules and catchers', () => {
    const def = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'T' }], Default: 'D' },
        D: pass({ Next: 'Done' }),
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handler' }],
          Next: 'Done',
        },
        Handler: { Type: 'Fail' },
        Done: { Type: 'Succeed' },
      },
    };
    assert.deepEqual(problems(def, 'unreachable-state'), []);
  });

  it('checks each nested scope from its own StartAt', () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'A', States: { A: pass({ End: true }), Lost: pass({ End: true }) } }],
          Next: 'M',
        },
        M: {
          Type: 'Map',
          Iterator: { StartAt: 'X', States: { X: pass({ End: true }), Gone: pass({ End: true }) } },
          Next: 'M2',
        },
        M2: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'Z', States: { Z: pass({ End: true }), Away: pass({ End: true }) } },
          End: true,
        },
      },
    };
    assert.deepEqual(problems(def, 'unreachable-state').map((p) => p.at), ['"Lost"', '"Gone"', '"Away"']);
  });

  it('does not cascade from a missing or unknown StartAt', () => {
    const states: Record<string, object> = {};
    for (let i = 0; i < 20; i++) states[`S${i}`] = pass(i < 19 ? { Next: `S${i + 1}` } : { End: true });
    assert.deepEqual(problems({ StartAt: 'Nope', States: states }, 'unreachable-state'), []);
    assert.deepEqual(problems({ States: states }, 'unreachable-state'), []);
    const structureCodes = new Set<string>(STRUCTURE_RULES.flatMap((rule) => rule.codes));
    const errors = lint({ StartAt: 'Nope', States: states }).filter((d) => d.severity === 'error' && structureCodes.has(d.code));
    assert.deepEqual(errors.map((d) => d.code), ['unknown-state']);
  });

  it('reports nothing in a scope where a target is a template substitution', () => {
    const def = { StartAt: 'A', States: { A: pass({ Next: '${Target}' }), B: pass({ End: true }) } };
    assert.deepEqual(problems(def, 'unreachable-state'), []);
  });
});

describe('infinite-loop', () => {
  it('reports a loop with no way out once, on its first state, with the others as related information', () => {
    const text = JSON.stringify(
      {
        StartAt: 'Start',
        States: {
          Start: pass({ Next: 'A' }),
          A: pass({ Next: 'B' }),
          B: { Type: 'Wait', Seconds: 5, Next: 'A' },
          Done: pass({ End: true }),
        },
      },
      null,
      2,
    );
    const loops = lint(text).filter((d) => d.code === 'infinite-loop');
    assert.equal(loops.length, 1);
    assert.equal(loops[0].severity, 'warning');
    assert.equal(text.slice(loops[0].offset, loops[0].offset + loops[0].length), '"A"');
    assert.equal(
      loops[0].message,
      '`A` and `B` loop forever: none of them can reach a terminal state (`"End": true`, Succeed or Fail).',
    );
    assert.deepEqual(loops[0].data, { states: ['A', 'B'] });
    assert.deepEqual(
      loops[0].related!.map((r) => [text.slice(r.offset, r.offset + r.length), r.message]),
      [['"B"', '`B` is part of the same loop.']],
    );
  });

  it('reports a state that only leads back to itself', () => {
    const def = { StartAt: 'A', States: { A: pass({ Next: 'A' }), Done: pass({ End: true }) } };
    assert.deepEqual(problems(def, 'infinite-loop').map((p) => [p.at, p.message]), [
      ['"A"', '`A` loops forever: it only leads back to itself and never reaches a terminal state.'],
    ]);
  });

  it('accepts a loop with a Choice rule, a Default or a catcher leading out', () => {
    const poll = (exit: object) => ({
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Next: 'Done?',
          ...('Catch' in exit ? exit : {}),
        },
        'Done?': {
          Type: 'Choice',
          Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'choice' in exit ? 'Finished' : 'Wait' }],
          Default: 'default' in exit ? 'Finished' : 'Wait',
        },
        Wait: { Type: 'Wait', Seconds: 10, Next: 'Check' },
        Finished: { Type: 'Succeed' },
      },
    });
    for (const exit of [{ choice: true }, { default: true }, { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Finished' }] }]) {
      assert.deepEqual(problems(poll(exit), 'infinite-loop'), [], JSON.stringify(exit));
    }
    assert.equal(problems(poll({}), 'infinite-loop').length, 1);
  });

  it('reports each separate loop, and not the states that merely lead into one', () => {
    const def = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'In1' }], Default: 'Out' },
        In1: pass({ Next: 'L1' }),
        L1: pass({ Next: 'L2' }),
        L2: pass({ Next: 'L1' }),
        Out: pass({ Next: 'M1' }),
        M1: pass({ Next: 'M1' }),
        Done: pass({ End: true }),
      },
    };
    assert.deepEqual(problems(def, 'infinite-loop').map((p) => p.data), [{ states: ['L1', 'L2'] }, { states: ['M1'] }]);
  });

  it('checks nested scopes', () => {
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'X', States: { X: pass({ Next: 'Y' }), Y: pass({ Next: 'X' }), Z: pass({ End: true }) } },
          End: true,
        },
      },
    };
    assert.deepEqual(problems(def, 'infinite-loop').map((p) => p.at), ['"X"']);
  });

  it('leaves unreachable loops, unknown targets, missing transitions and terminal-less scopes to other rules', () => {
    const unreachable = { StartAt: 'Done', States: { Done: pass({ End: true }), A: pass({ Next: 'B' }), B: pass({ Next: 'A' }) } };
    const unknownTarget = { StartAt: 'A', States: { A: pass({ Next: 'B' }), B: pass({ Next: 'Nowhere' }), Done: pass({ End: true }) } };
    const substituted = { StartAt: 'A', States: { A: pass({ Next: 'B' }), B: pass({ Next: '${Exit}' }), Done: pass({ End: true }) } };
    const missingNext = { StartAt: 'A', States: { A: pass({ Next: 'B' }), B: pass(), Done: pass({ End: true }) } };
    const noTerminal = { StartAt: 'A', States: { A: pass({ Next: 'B' }), B: pass({ Next: 'A' }) } };
    for (const def of [unreachable, unknownTarget, substituted, missingNext, noTerminal]) {
      assert.deepEqual(problems(def, 'infinite-loop'), [], JSON.stringify(def));
    }
  });
});

describe('graph analysis', () => {
  it('finds strongly connected components in reverse topological order', () => {
    // 0 → 1 → 2 → 0, 2 → 3, 3 → 4 → 3, 5 alone
    const successors = [[1], [2], [0, 3], [4], [3], []];
    assert.deepEqual(stronglyConnectedComponents(successors), [[3, 4], [0, 1, 2], [5]]);
    assert.deepEqual(stronglyConnectedComponents(successors, [true, true, true, false, true, false]), [[0, 1, 2], [4]]);
  });

  it('computes forward and backward reachability', () => {
    const successors = [[1], [2], [], [2]];
    assert.deepEqual(reachableFrom(successors, 0), [true, true, true, false]);
    assert.deepEqual(reachableFrom(successors, -1), [false, false, false, false]);
    assert.deepEqual(canReach(successors, [false, true, false, false]), [true, true, false, false]);
  });

  it('handles a 10,000-state chain and a 10,000-state cycle without recursion', () => {
    const count = 10_000;
    const chain = Array.from({ length: count }, (_, i) => (i + 1 < count ? [i + 1] : []));
    assert.equal(stronglyConnectedComponents(chain).length, count);
    const cycle = Array.from({ length: count }, (_, i) => [(i + 1) % count]);
    assert.equal(stronglyConnectedComponents(cycle).length, 1);
  });

  // Structure rules alone, in CPU time: wall time on a busy machine says little. The bounds are
  // an order of magnitude above what linear algorithms need, and far below a quadratic one.
  const structureCpuMs = (text: string): { ms: number; errors: number } => {
    const doc = parseAsl(text);
    validate(doc, {}, STRUCTURE_RULES); // warm up
    const before = process.cpuUsage();
    const diagnostics = validate(doc, {}, STRUCTURE_RULES);
    const used = process.cpuUsage(before);
    return { ms: (used.user + used.system) / 1000, errors: diagnostics.filter((d) => d.severity === 'error').length };
  };

  const bigMachine = (nextName: (i: number) => string): string => {
    const count = 8_500;
    const states: Record<string, object> = {};
    for (let i = 0; i < count; i++) {
      if (i % 10 === 0 && i + 10 < count) {
        states[`State${i}`] = {
          Type: 'Choice',
          Choices: [{ Variable: '$.n', NumericGreaterThan: i, Next: nextName(i + 1) }],
          Default: `State${i + 10}`,
        };
      } else {
        states[`State${i}`] = i + 1 < count ? pass({ Next: nextName(i + 1) }) : pass({ End: true });
      }
    }
    return JSON.stringify({ StartAt: 'State0', States: states });
  };

  it('validates a machine of 8,500 states in milliseconds', () => {
    const { ms, errors } = structureCpuMs(bigMachine((i) => `State${i}`));
    assert.equal(errors, 0);
    assert.ok(ms < 1000, `structure rules took ${ms.toFixed(0)} ms`);
  });

  it('stays fast when every one of 8,500 transitions is misspelt', () => {
    const { ms, errors } = structureCpuMs(bigMachine((i) => `Stat${i}`));
    assert.ok(errors > 8_000);
    assert.ok(ms < 2000, `structure rules took ${ms.toFixed(0)} ms`);
  });
});
