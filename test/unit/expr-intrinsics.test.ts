import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  INTRINSIC_FUNCTIONS,
  checkIntrinsic,
  countPlaceholders,
  getIntrinsicFunction,
  looksLikeIntrinsic,
  parseIntrinsic,
  type IntrinsicCall,
} from '../../server/src/asl/intrinsics';
import { closest } from '../../server/src/service/suggest';

function parse(text: string): IntrinsicCall {
  const { call, error } = parseIntrinsic(text);
  assert.equal(error, undefined, `${text}: ${error?.message}`);
  return call!;
}

function failure(text: string): [string, string] {
  const { call, error } = parseIntrinsic(text);
  assert.equal(call, undefined, `${text} should not parse`);
  return [text.slice(error!.offset, error!.offset + error!.length), error!.message];
}

/** The problems of a call, each as [underlined text, message]. */
function problems(text: string): [string, string][] {
  return checkIntrinsic(parse(text), closest).map((p) => [text.slice(p.offset, p.offset + p.length), p.message]);
}

describe('intrinsic function table', () => {
  it('describes the 18 functions', () => {
    assert.equal(INTRINSIC_FUNCTIONS.length, 18);
    assert.equal(new Set(INTRINSIC_FUNCTIONS.map((f) => f.name)).size, 18);
    for (const fn of INTRINSIC_FUNCTIONS) {
      assert.ok(fn.signature.startsWith(`${fn.name}(`), fn.name);
      assert.ok(fn.doc.length > 20, fn.name);
      // Every example is itself a valid call of the function.
      const call = parse(fn.example);
      assert.equal(call.name, fn.name);
      assert.deepEqual(checkIntrinsic(call, closest), [], fn.example);
    }
    assert.equal(getIntrinsicFunction('States.MathAdd')?.returns, 'integer');
  });
});

describe('parseIntrinsic', () => {
  it('parses nested calls and every kind of argument', () => {
    const call = parse("States.Format('{} {} {} {} {}', 'it\\'s \\{x\\}', -1.5e2, true, null, States.ArrayLength($$.Execution.Input.machines))");
    assert.equal(call.name, 'States.Format');
    assert.deepEqual(call.arguments.map((a) => a.kind), ['string', 'string', 'number', 'boolean', 'null', 'call']);
    const text = call.arguments[1];
    assert.deepEqual(text.kind === 'string' && [text.value, text.raw], ["it's {x}", "it\\'s \\{x\\}"]);
    const number = call.arguments[2];
    assert.equal(number.kind === 'number' && number.value, -150);
    const nested = call.arguments[5];
    assert.ok(nested.kind === 'call' && nested.arguments[0].kind === 'path');
    assert.equal(nested.kind === 'call' && nested.arguments[0].kind === 'path' && nested.arguments[0].path.root, '$$');
  });

  it('reads paths with brackets, commas and filters as one argument', () => {
    const call = parse('States.ArrayGetItem($.a[?(@.k == FooBar)].v, 0)');
    assert.equal(call.arguments.length, 2);
    const path = call.arguments[0];
    assert.equal(path.kind === 'path' && path.path.text, '$.a[?(@.k == FooBar)].v');
    assert.equal(parse('States.Array($.a[0,1], $v)').arguments.length, 2);
  });

  it('reports syntax errors where they are', () => {
    assert.deepEqual(failure("States.Array('a' 'b')"), ["'", "Expected `,` or `)` after an argument, found `'`"]);
    assert.deepEqual(failure('States.Array('), ['(', 'Unclosed `(`: expected the arguments and `)`']);
    assert.deepEqual(failure('States.Array("a")'), ['"', "String arguments of intrinsic functions use single quotes: write `'text'`, not `\"text\"`"]);
    assert.deepEqual(failure('States.Array(foo)'), ['foo', "`foo` is not a valid argument: quote text as `'foo'`, or start a path with `$`"]);
    assert.deepEqual(failure("States.Format('{}', $.a) x"), ['x', 'Unexpected text after the closing `)` of the intrinsic function']);
    assert.deepEqual(failure("States.Format('abc"), ["'abc", "Unterminated string: expected a closing `'` (write a quote inside the text as `\\'`)"]);
    assert.deepEqual(failure('States.Array(1,)'), [',', 'Expected an argument after `,`']);
    const inPath = parseIntrinsic('States.Array($.a..)');
    assert.equal(inPath.error?.inPath, true);
  });

  it('limits nesting to 10 calls', () => {
    const nest = (depth: number) => 'States.Array('.repeat(depth) + ')'.repeat(depth);
    assert.ok(parseIntrinsic(nest(10)).call);
    assert.equal(parseIntrinsic(nest(11)).error?.message, 'Intrinsic functions can be nested at most 10 deep');
  });

  it('tells intrinsic calls from other text', () => {
    assert.equal(looksLikeIntrinsic("States.Format('x')"), true);
    assert.equal(looksLikeIntrinsic('States.Format'), true);
    assert.equal(looksLikeIntrinsic('Format ()'), true);
    assert.equal(looksLikeIntrinsic('$.a'), false);
    assert.equal(looksLikeIntrinsic('hello world'), false);
  });

  it('counts placeholders without escaped braces', () => {
    assert.equal(countPlaceholders('{} and {}'), 2);
    assert.equal(countPlaceholders('\\{} and {}'), 1);
    assert.equal(countPlaceholders('\\\\{}'), 1);
  });
});

describe('checkIntrinsic', () => {
  it('accepts valid calls', () => {
    assert.deepEqual(problems("States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)"), []);
    assert.deepEqual(problems('States.MathAdd(States.ArrayLength($$.Execution.Input.machines), -1)'), []);
    assert.deepEqual(problems("States.Array('Foo', 2020, $.someJson, null)"), []);
    assert.deepEqual(problems('States.MathRandom(1, 10, 42)'), []);
    assert.deepEqual(problems('States.Format($.template, $.a, $.b)'), []);
  });

  it('reports unknown functions with suggestions', () => {
    assert.deepEqual(problems("States.Fromat('{}', $.a)"), [['States.Fromat', '`States.Fromat` is not an intrinsic function; did you mean `States.Format`?']]);
    assert.deepEqual(problems('UUID()'), [['UUID', '`UUID` is not an intrinsic function; did you mean `States.UUID`?']]);
  });

  it('reports argument counts', () => {
    assert.deepEqual(problems('States.UUID(1)'), [['1', '`States.UUID` takes 0 arguments but got 1: States.UUID(): string']]);
    assert.deepEqual(problems('States.ArrayLength()'), [['States.ArrayLength', '`States.ArrayLength` takes 1 argument but got 0: States.ArrayLength(array: array): integer']]);
    assert.equal(problems('States.MathRandom(1)')[0][1], '`States.MathRandom` takes 2 to 3 arguments but got 1: States.MathRandom(start: integer, end: integer, seed?: integer): integer');
  });

  it('reports literal arguments of the wrong type', () => {
    assert.deepEqual(problems("States.MathAdd(1,'-1')"), [["'-1'", "Argument `step` of `States.MathAdd` must be a number, but it is the string '-1'"]]);
    assert.deepEqual(problems('States.ArrayLength(States.Format($.a))'), [['States.Format($.a)', 'Argument `array` of `States.ArrayLength` must be an array, but it is `States.Format(...)`, which returns a string']]);
    assert.deepEqual(problems('States.ArrayGetItem($.a, 1.5)'), [['1.5', 'Argument `index` of `States.ArrayGetItem` must be an integer, but it is the number 1.5']]);
    assert.deepEqual(problems('States.MathAdd(null, 1)'), [['null', 'Argument `value` of `States.MathAdd` must be a number, but it is `null`']]);
  });

  it('reports the value rules of individual functions', () => {
    assert.deepEqual(problems("States.Hash($.a, 'SHA256')"), [["'SHA256'", "Argument `algorithm` of `States.Hash` must be one of 'MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'"]]);
    assert.deepEqual(problems('States.JsonMerge($.a, $.b, true)'), [['true', '`States.JsonMerge` only supports the shallow merge: its third argument must be `false`']]);
    assert.deepEqual(problems("States.Format('{} {}', $.a)"), [["'{} {}'", 'The template has 2 `{}` placeholders but 1 value follows it; `States.Format` needs one value per placeholder']]);
    assert.deepEqual(problems("States.Format('\\{} {}', $.a)"), []);
    assert.deepEqual(problems('States.ArrayRange(1, 10, 0)'), [['0', 'The step of `States.ArrayRange` cannot be 0']]);
    assert.equal(problems('States.ArrayRange(1, 5000, 1)')[0][1], '`States.ArrayRange` can return at most 1,000 items, but this range has 5000');
    assert.deepEqual(problems('States.ArrayRange(1, 1000, 1)'), []);
    assert.deepEqual(problems('States.ArrayPartition($.a, 0)'), [['0', 'The chunk size of `States.ArrayPartition` must be a positive integer']]);
  });

  it('checks nested calls too', () => {
    assert.deepEqual(problems("States.Array(States.MathAdd('a', 1))"), [["'a'", "Argument `value` of `States.MathAdd` must be a number, but it is the string 'a'"]]);
  });
});
