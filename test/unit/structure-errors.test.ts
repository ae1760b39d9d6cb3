import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { LAMBDA_ERRORS, STATES_ERRORS, statesError } from '../../server/src/asl/errors';
import { lint, problems } from './helpers';

/** A Task state with these retriers and catchers. */
const task = (handlers: { Retry?: unknown[]; Catch?: unknown[] }) => ({
  StartAt: 'T',
  States: {
    T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...handlers, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
});

describe('error name table', () => {
  it('lists each States error once, sorted, with a description', () => {
    const names = STATES_ERRORS.map((e) => e.name);
    assert.deepEqual(names, [...new Set(names)].sort());
    for (const info of [...STATES_ERRORS, ...LAMBDA_ERRORS]) assert.ok(info.description.length > 10, info.name);
    assert.ok(STATES_ERRORS.every((e) => e.name.startsWith('States.')));
    assert.ok(LAMBDA_ERRORS.every((e) => e.name.startsWith('Lambda.')));
  });

  it('knows that States.Runtime can never be caught', () => {
    assert.equal(statesError('States.Runtime')?.catchable, false);
    assert.equal(statesError('States.Timeout')?.catchable, true);
    assert.equal(statesError('States.timeout'), undefined);
  });
});

describe('unknown-error-name', () => {
  it('reports a States name AWS does not define, with a suggestion', () => {
    const def = task({ Retry: [{ ErrorEquals: ['States.Timout'] }] });
    assert.deepEqual(problems(def, 'unknown-error-name'), [
      {
        at: '"States.Timout"',
        message:
          '`States.Timout` is not an error Step Functions defines, so it never matches; names starting with `States.` are reserved; did you mean `States.Timeout`?',
        data: { name: 'States.Timout', suggestions: ['States.Timeout'] },
      },
    ]);
  });

  it('checks catchers too, and suggests the right case', () => {
    const def = task({ Catch: [{ ErrorEquals: ['States.all'], Next: 'Done' }] });
    assert.deepEqual(problems(def, 'unknown-error-name').map((p) => p.data), [{ name: 'States.all', suggestions: ['States.ALL'] }]);
  });

  it('accepts every defined States name, user error names and substitutions', () => {
    const def = task({
      Retry: [{ ErrorEquals: STATES_ERRORS.map((e) => e.name).filter((n) => n !== 'States.ALL') }],
      Catch: [{ ErrorEquals: ['Lambda.ServiceException', 'MyError', 'states.whatever', 'States.${Suffix}'], Next: 'Done' }],
    });
    assert.deepEqual(problems(def, 'unknown-error-name'), []);
  });

  it('checks Parallel and Map states in nested scopes', () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'M',
              States: {
                M: {
                  Type: 'Map',
                  ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } },
                  Retry: [{ ErrorEquals: ['States.BranchFailled'] }],
                  End: true,
                },
              },
            },
          ],
          End: true,
        },
      },
    };
    assert.deepEqual(problems(def, 'unknown-error-name').map((p) => p.data), [
      { name: 'States.BranchFailled', suggestions: ['States.BranchFailed'] },
    ]);
  });
});

describe('states-all-position', () => {
  it('reports States.ALL that is not alone', () => {
    const def = task({ Retry: [{ ErrorEquals: ['MyError', 'States.ALL'] }] });
    assert.deepEqual(problems(def, 'states-all-position'), [
      {
        at: '"States.ALL"',
        message: '`States.ALL` must be alone in `ErrorEquals` (it already matches every error).',
        data: { field: 'Retry', index: 0, alone: false, last: true },
      },
    ]);
  });

  it('reports States.ALL before the last catcher, pointing at the catchers after it', () => {
    const text = JSON.stringify(
      task({
        Catch: [
          { ErrorEquals: ['States.ALL'], Next: 'Done' },
          { ErrorEquals: ['States.Timeout'], Next: 'Done' },
        ],
      }),
      null,
      2,
    );
    const found = lint(text).filter((d) => d.code === 'states-all-position');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].offset, found[0].offset + found[0].length), '"States.ALL"');
    assert.equal(found[0].message, '`States.ALL` must be in the last catcher (the catchers after it could never match).');
    assert.deepEqual(found[0].data, { field: 'Catch', index: 0, alone: true, last: false });
    assert.deepEqual(
      found[0].related!.map((r) => [text.slice(r.offset, r.offset + r.length).replace(/\s+/g, ''), r.message]),
      [['["States.Timeout"]', 'This catcher comes after the one with `States.ALL`.']],
    );
  });

  it('says both when neither holds', () => {
    const def = task({ Retry: [{ ErrorEquals: ['States.ALL', 'E'] }, { ErrorEquals: ['F'] }] });
    assert.deepEqual(problems(def, 'states-all-position').map((p) => p.message), [
      '`States.ALL` must be alone in `ErrorEquals` (it already matches every error) and in the last retrier (the retriers after it could never match).',
    ]);
  });

  it('checks retriers of states in nested scopes', () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'T',
              States: {
                T: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke',
                  Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['States.Timeout'] }],
                  End: true,
                },
              },
            },
          ],
          End: true,
        },
      },
    };
    assert.deepEqual(problems(def, 'states-all-position').map((p) => p.data), [{ field: 'Retry', index: 0, alone: true, last: false }]);
  });

  it('is silent for States.ALL alone in the last retrier and catcher', () => {
    const def = task({
      Retry: [{ ErrorEquals: ['States.Timeout'] }, { ErrorEquals: ['States.ALL'] }],
      Catch: [{ ErrorEquals: ['MyError'], Next: 'Done' }, { ErrorEquals: ['States.ALL'], Next: 'Done' }],
    });
    assert.deepEqual(problems(def, 'states-all-position'), []);
  });

  it('ignores malformed handlers (the schema reports them)', () => {
    const def = task({ Retry: ['States.ALL', { ErrorEquals: 'States.ALL' }, { ErrorEquals: [true, 'States.ALL'] }, {}] });
    assert.deepEqual(problems(def, 'states-all-position').map((p) => p.data), [
      { field: 'Retry', index: 2, alone: false, last: false },
    ]);
  });
});
