/** The 18 intrinsic functions, with the examples of the AWS developer guide and AWS's recorded quirks. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { execute } from '../../server/src/interpreter';
import { INTRINSICS } from '../../server/src/interpreter/intrinsics';
import { INTRINSIC_FUNCTIONS } from '../../server/src/asl/intrinsics';
import type { Json } from '../../server/src/interpreter/types';

async function call(expression: string, input: Json = {}): Promise<{ value?: Json; error?: string; cause?: string }> {
  const result = await execute(JSON.stringify({ StartAt: 'S', States: { S: { Type: 'Pass', Parameters: { 'v.$': expression }, End: true } } }), { input });
  return result.status === 'SUCCEEDED' ? { value: (result.output as { v: Json }).v } : { error: result.error, cause: result.cause };
}

describe('intrinsic functions', () => {
  it('implements exactly the functions of the shared table', () => {
    assert.deepEqual(Object.keys(INTRINSICS).sort(), INTRINSIC_FUNCTIONS.map((f) => f.name).sort());
  });

  it('States.Format fills placeholders, prints objects Java-style and honours escapes', async () => {
    assert.deepEqual(await call("States.Format('Hello, my name is {}.', $.name)", { name: 'Arnav' }), { value: 'Hello, my name is Arnav.' });
    assert.deepEqual(await call("States.Format('{} and {}', $.o, $.n)", { o: { Arg1: 1, Arg2: [] }, n: null }), { value: '{Arg1=1, Arg2=[]} and null' });
    // In the definition's JSON this is '\\{literal\\}': the state machine sees \{ and \}.
    assert.deepEqual(await call("States.Format('\\{literal\\} {}', 1)"), { value: '{literal} 1' });
    const wrong = await call("States.Format('{} {}', 1)");
    assert.equal(wrong.error, 'States.IntrinsicFailure');
  });

  it('States.StringToJson and States.JsonToString', async () => {
    assert.deepEqual(await call('States.StringToJson($.s)', { s: '{"a":[1,2]}' }), { value: { a: [1, 2] } });
    assert.deepEqual(await call('States.StringToJson($.s)', { s: '' }), { value: null });
    assert.deepEqual(await call('States.JsonToString($.o)', { o: { a: 1, b: 'x' } }), { value: '{"a":1,"b":"x"}' });
    assert.equal((await call('States.StringToJson($.s)', { s: '{oops' })).error, 'States.IntrinsicFailure');
  });

  it('array functions', async () => {
    assert.deepEqual(await call("States.Array('a', 1, $.x)", { x: true }), { value: ['a', 1, true] });
    assert.deepEqual(await call('States.ArrayPartition($.a, 4)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] }), { value: [[1, 2, 3, 4], [5, 6, 7, 8], [9]] });
    assert.deepEqual(await call('States.ArrayContains($.a, $.v)', { a: [1, { b: 2 }], v: { b: 2 } }), { value: true });
    assert.deepEqual(await call('States.ArrayRange(1, 9, 2)'), { value: [1, 3, 5, 7, 9] });
    assert.deepEqual(await call('States.ArrayRange(0, 10, 3)'), { value: [0, 3, 6, 9] });
    assert.deepEqual(await call('States.ArrayGetItem($.a, 1)', { a: ['x', 'y'] }), { value: 'y' });
    assert.deepEqual(await call('States.ArrayLength($.a)', { a: [1, 2, 3] }), { value: 3 });
    assert.deepEqual(await call('States.ArrayUnique($.a)', { a: [1, 2, 1, { x: 1 }, { x: 1 }] }), { value: [1, 2, { x: 1 }] });
    assert.equal((await call('States.ArrayPartition($.a, 0)', { a: [1] })).error, 'States.IntrinsicFailure');
    assert.equal((await call('States.ArrayRange(0, 2000, 1)')).error, 'States.IntrinsicFailure');
    assert.equal((await call('States.ArrayGetItem($.a, 5)', { a: [1] })).error, 'States.IntrinsicFailure');
  });

  it('encoding and hashing', async () => {
    assert.deepEqual(await call("States.Base64Encode('Data to encode')"), { value: 'RGF0YSB0byBlbmNvZGU=' });
    assert.deepEqual(await call("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"), { value: 'Data to encode' });
    assert.deepEqual(await call("States.Hash('input data', 'SHA-1')"), { value: 'aaff4a450a104cd177d28d18d74485e8cae074b7' });
    assert.deepEqual(await call("States.Hash('input data', 'MD5')"), { value: '812f45842bc6d66ee14572ce20db8e86' });
    assert.equal((await call("States.Hash('x', 'SHA-3')")).error, 'States.IntrinsicFailure');
  });

  it('States.JsonMerge is shallow only', async () => {
    assert.deepEqual(await call('States.JsonMerge($.a, $.b, false)', { a: { x: 1, n: { p: 1 } }, b: { y: 2, n: { q: 2 } } }), { value: { x: 1, n: { q: 2 }, y: 2 } });
    assert.equal((await call('States.JsonMerge($.a, $.b, true)', { a: {}, b: {} })).error, 'States.IntrinsicFailure');
  });

  it('States.MathAdd rounds each operand half toward positive infinity first', async () => {
    assert.deepEqual(await call('States.MathAdd($.a, $.b)', { a: 1.5, b: -2.5 }), { value: 0 });
    assert.deepEqual(await call('States.MathAdd($.a, $.b)', { a: -1.51, b: 0 }), { value: -2 });
    assert.deepEqual(await call('States.MathAdd(111, -1)'), { value: 110 });
  });

  it('States.MathRandom stays in [start, end) and is reproducible with a seed', async () => {
    const first = await call('States.MathRandom(1, 999, 7)');
    const second = await call('States.MathRandom(1, 999, 7)');
    assert.deepEqual(first, second);
    assert.ok(typeof first.value === 'number' && first.value >= 1 && first.value < 999);
  });

  it('States.StringSplit splits on every delimiter character and drops empty tokens', async () => {
    assert.deepEqual(await call("States.StringSplit('1,2,,3', ',')"), { value: ['1', '2', '3'] });
    assert.deepEqual(await call("States.StringSplit('This.is+a,test=string', '.+,=')"), { value: ['This', 'is', 'a', 'test', 'string'] });
  });

  it('States.UUID gives a version 4 UUID', async () => {
    const { value } = await call('States.UUID()');
    assert.match(String(value), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('nested calls and paths to variables and the Context object', async () => {
    const result = await execute(
      JSON.stringify({
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Assign: { sep: '-' }, Next: 'B' },
          B: { Type: 'Pass', Parameters: { 'v.$': 'States.ArrayGetItem(States.StringSplit($$.State.Name, $sep), 0)' }, End: true },
        },
      }),
      {},
    );
    assert.deepEqual(result.output, { v: 'B' });
  });
});
