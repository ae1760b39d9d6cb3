/** Choice rules, from the AWS developer guide's Choice state page. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { execute } from '../../server/src/interpreter';
import type { Json } from '../../server/src/interpreter/types';

/** Runs a Choice with one rule; returns which branch was taken. */
async function decide(rule: Record<string, unknown>, input: Json): Promise<string> {
  const result = await execute(
    JSON.stringify({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], Default: 'No' },
        Yes: { Type: 'Pass', Result: 'yes', End: true },
        No: { Type: 'Pass', Result: 'no', End: true },
      },
    }),
    { input },
  );
  if (result.status !== 'SUCCEEDED') return `${result.error}: ${result.cause}`;
  return result.output as string;
}

describe('Choice', () => {
  it('compares strings, numbers, booleans and timestamps', async () => {
    assert.equal(await decide({ Variable: '$.s', StringEquals: 'a' }, { s: 'a' }), 'yes');
    assert.equal(await decide({ Variable: '$.s', StringLessThan: 'b' }, { s: 'a' }), 'yes');
    assert.equal(await decide({ Variable: '$.n', NumericGreaterThanEquals: 2 }, { n: 2 }), 'yes');
    assert.equal(await decide({ Variable: '$.n', NumericLessThan: 2 }, { n: 2.5 }), 'no');
    assert.equal(await decide({ Variable: '$.b', BooleanEquals: false }, { b: false }), 'yes');
    assert.equal(await decide({ Variable: '$.t', TimestampEquals: '2016-03-14T01:59:00Z' }, { t: '2016-03-14T03:59:00+02:00' }), 'yes');
    assert.equal(await decide({ Variable: '$.t', TimestampGreaterThan: '2016-03-14T01:59:00Z' }, { t: '2016-03-14T01:59:00.001Z' }), 'yes');
  });

  it('compares against another path with the ...Path operators', async () => {
    assert.equal(await decide({ Variable: '$.a', NumericEqualsPath: '$.b' }, { a: 3, b: 3 }), 'yes');
    assert.equal(await decide({ Variable: '$.a', StringGreaterThanPath: '$.b' }, { a: 'b', b: 'a' }), 'yes');
  });

  it('values of the wrong type make a comparison false, not an error', async () => {
    assert.equal(await decide({ Variable: '$.n', NumericEquals: 1 }, { n: '1' }), 'no');
    assert.equal(await decide({ Variable: '$.s', StringEquals: '1' }, { s: 1 }), 'no');
    assert.equal(await decide({ Variable: '$.t', TimestampEquals: '2016-03-14T01:59:00Z' }, { t: 'yesterday' }), 'no');
  });

  it('type tests and IsPresent', async () => {
    assert.equal(await decide({ Variable: '$.x', IsNull: true }, { x: null }), 'yes');
    assert.equal(await decide({ Variable: '$.x', IsNumeric: true }, { x: 1.5 }), 'yes');
    assert.equal(await decide({ Variable: '$.x', IsString: false }, { x: 1 }), 'yes');
    assert.equal(await decide({ Variable: '$.x', IsBoolean: true }, { x: true }), 'yes');
    assert.equal(await decide({ Variable: '$.x', IsTimestamp: true }, { x: '2024-01-01T00:00:00Z' }), 'yes');
    assert.equal(await decide({ Variable: '$.x', IsPresent: false }, {}), 'yes');
    assert.equal(await decide({ Variable: '$.x', IsPresent: true }, { x: null }), 'yes');
  });

  it('StringMatches: * is a wildcard, \\* a literal star, \\\\ a backslash', async () => {
    assert.equal(await decide({ Variable: '$.f', StringMatches: 'log-*.txt' }, { f: 'log-2024.txt' }), 'yes');
    assert.equal(await decide({ Variable: '$.f', StringMatches: 'a\\*b' }, { f: 'a*b' }), 'yes');
    assert.equal(await decide({ Variable: '$.f', StringMatches: 'a\\*b' }, { f: 'axxb' }), 'no');
    assert.equal(await decide({ Variable: '$.f', StringMatches: 'c:\\\\*' }, { f: 'c:\\temp' }), 'yes');
  });

  it('And, Or and Not combine rules', async () => {
    const rule = { And: [{ Variable: '$.a', NumericGreaterThan: 1 }, { Or: [{ Variable: '$.b', StringEquals: 'x' }, { Not: { Variable: '$.c', IsPresent: true } }] }] };
    assert.equal(await decide(rule, { a: 2, b: 'y' }), 'yes');
    assert.equal(await decide(rule, { a: 2, b: 'y', c: 1 }), 'no');
  });

  it('a missing Variable is States.Runtime, except for IsPresent', async () => {
    assert.match(await decide({ Variable: '$.missing', NumericEquals: 1 }, {}), /^States\.Runtime: .*'\$\.missing'/);
  });

  it('with no match and no Default the execution fails with States.NoChoiceMatched', async () => {
    const result = await execute(JSON.stringify({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'E' }] }, E: { Type: 'Succeed' } } }), { input: {} });
    assert.equal(result.error, 'States.NoChoiceMatched');
    assert.match(result.cause!, /`C`|'C'/);
  });

  it('JSONata Condition must be a boolean', async () => {
    const definition = (condition: unknown) => JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: condition, Next: 'Y' }], Default: 'N' }, Y: { Type: 'Pass', Output: 'yes', End: true }, N: { Type: 'Pass', Output: 'no', End: true } } });
    assert.equal((await execute(definition('{% $states.input.n > 1 %}'), { input: { n: 2 } })).output, 'yes');
    assert.equal((await execute(definition(false), { input: {} })).output, 'no');
    const wrong = await execute(definition('{% $states.input.n %}'), { input: { n: 2 } });
    assert.equal(wrong.error, 'States.QueryEvaluationError');
    assert.match(wrong.cause!, /Expected 'boolean', but was 'number' for value: 2/);
  });
});
