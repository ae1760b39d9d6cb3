import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { lint, problems } from './helpers';

const pass = (extra: object = {}) => ({ Type: 'Pass', ...extra });

describe('duplicate-state-name', () => {
  it('reports a name reused in a nested scope at the later one, pointing at the first', () => {
    const text = JSON.stringify(
      {
        StartAt: 'Map',
        States: {
          Map: { Type: 'Map', Iterator: { StartAt: 'Final State', States: { 'Final State': pass({ End: true }) } }, Next: 'Final State' },
          'Final State': pass({ End: true }),
        },
      },
      null,
      2,
    );
    const found = lint(text).filter((d) => d.code === 'duplicate-state-name');
    assert.equal(found.length, 1);
    const underlined = found[0].offset;
    assert.equal(text.slice(underlined, underlined + found[0].length), '"Final State"');
    assert.equal(underlined, text.lastIndexOf('"Final State": {'), 'the top-level state comes later in the text');
    assert.equal(
      found[0].message,
      'The state name `Final State` is already used in the `Iterator` of Map state `Map`: state names must be unique across the whole state machine, nested states included.',
    );
    assert.deepEqual(found[0].data, { name: 'Final State' });
    const related = found[0].related![0];
    assert.equal(related.offset, text.indexOf('"Final State": {'));
    assert.equal(related.message, '`Final State` is first defined here.');
  });

  it('reports names shared by two Parallel branches', () => {
    const branch = { StartAt: 'Work', States: { Work: pass({ End: true }) } };
    const def = { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [branch, branch], End: true } } };
    assert.deepEqual(problems(def, 'duplicate-state-name').map((p) => p.message), [
      'The state name `Work` is already used in a branch of Parallel state `P`: state names must be unique across the whole state machine, nested states included.',
    ]);
  });

  it('leaves a name repeated in one States object to duplicate-key', () => {
    const text = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "A": {"Type": "Pass", "End": true}}}';
    const codes = lint(text).map((d) => d.code);
    assert.ok(codes.includes('duplicate-key'));
    assert.ok(!codes.includes('duplicate-state-name'));
  });

  it('is silent when every name is unique', () => {
    const def = {
      StartAt: 'P',
      States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: pass({ End: true }) } }], End: true } },
    };
    assert.deepEqual(problems(def, 'duplicate-state-name'), []);
  });
});

describe('invalid-state-name', () => {
  it('reports a name over 80 characters', () => {
    const long = 'This is an exceptionally long state name that I know will fail when I try to deploy to AWS';
    const def = { StartAt: 'A', States: { A: pass({ Next: long }), [long]: pass({ End: true }) } };
    assert.deepEqual(problems(def, 'invalid-state-name'), [
      {
        at: JSON.stringify(long),
        message: 'The state name is 90 characters long; AWS allows at most 80.',
        data: { name: long, reason: 'too-long', length: 90, maxLength: 80 },
      },
    ]);
  });

  it('counts Unicode characters, not UTF-16 units', () => {
    const emoji = '🚀'.repeat(80);
    assert.equal(emoji.length, 160);
    assert.deepEqual(problems({ StartAt: emoji, States: { [emoji]: pass({ End: true }) } }, 'invalid-state-name'), []);
    const tooLong = 'é'.repeat(81);
    assert.equal(problems({ StartAt: tooLong, States: { [tooLong]: pass({ End: true }) } }, 'invalid-state-name').length, 1);
  });

  it('reports an empty name and control characters', () => {
    const def = { StartAt: '', States: { '': pass({ Next: 'tab\there' }), 'tab\there': pass({ End: true }) } };
    assert.deepEqual(problems(def, 'invalid-state-name'), [
      { at: '""', message: 'A state name cannot be empty.', data: { name: '', reason: 'empty' } },
      {
        at: '"tab\\there"',
        message: 'The state name contains the control character U+0009; AWS rejects control characters in state names.',
        data: { name: 'tab\there', reason: 'control-character', character: 'U+0009' },
      },
    ]);
  });

  it('checks the names of nested states', () => {
    const long = 'n'.repeat(81);
    const def = {
      StartAt: 'M',
      States: { M: { Type: 'Map', ItemProcessor: { StartAt: long, States: { [long]: pass({ End: true }) } }, End: true } },
    };
    assert.deepEqual(problems(def, 'invalid-state-name').map((p) => p.data), [
      { name: long, reason: 'too-long', length: 81, maxLength: 80 },
    ]);
  });

  it('accepts spaces, punctuation and non-ASCII letters, and exactly 80 characters', () => {
    const names = ['Wait 20s', 'Is it done?', 'Étape #1: [check] {x} $y', 'x'.repeat(80)];
    const states: Record<string, object> = {};
    names.forEach((name, i) => (states[name] = i + 1 < names.length ? pass({ Next: names[i + 1] }) : pass({ End: true })));
    assert.deepEqual(problems({ StartAt: names[0], States: states }, 'invalid-state-name'), []);
  });
});
