import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  delimiterProblem,
  freeVariables,
  isJsonataString,
  parseJsonataString,
  statesReferences,
  topLevelContextReferences,
  type JsonataNode,
} from '../../server/src/asl/jsonata';

function ast(value: string): { ast: JsonataNode; expression: string } {
  const parsed = parseJsonataString(value);
  assert.equal(parsed.error, undefined, `${value}: ${parsed.error?.message}`);
  return { ast: parsed.ast!, expression: parsed.expression };
}

function error(value: string): [string, string] {
  const parsed = parseJsonataString(value);
  assert.ok(parsed.error, `${value} should not parse`);
  return [value.slice(parsed.error.offset, parsed.error.offset + parsed.error.length), parsed.error.message];
}

describe('JSONata strings', () => {
  it('are exactly the strings that start with {% and end with %}', () => {
    assert.equal(isJsonataString('{% 1 %}'), true);
    assert.equal(isJsonataString('{%$states.input%}'), true);
    assert.equal(isJsonataString(' {% states.input %} '), false);
    assert.equal(isJsonataString('{% 1 %'), false);
    assert.equal(isJsonataString('{%}'), false);
  });

  it('flag strings with only one delimiter', () => {
    assert.match(delimiterProblem('{% 10 %')!.message, /starts with `\{%` but does not end with `%\}`/);
    assert.match(delimiterProblem('10 %}')!.message, /ends with `%\}` but does not start with `\{%`/);
    assert.equal(delimiterProblem(' {% states.input %} '), undefined);
    assert.equal(delimiterProblem('plain text'), undefined);
    assert.equal(delimiterProblem('{% 1 %}'), undefined);
  });

  it('report syntax errors at the token, inside the string', () => {
    assert.deepEqual(error('{% 10 + * 2 %}'), ['2', 'Syntax error: 2']);
    assert.deepEqual(error('{% $sum($states.input.items %}'), ['%}', 'Expected ")" before end of expression']);
    assert.deepEqual(error('{% 420. %}'), ['%}', 'Unexpected end of expression']);
    assert.deepEqual(error('{% $.store.book[?(@.price < 10)].title %}'), ['?', 'The symbol "?" cannot be used as a unary operator']);
    assert.deepEqual(error('{% a[1,2) %}'), [',', 'Expected "]", got ","']);
    assert.deepEqual(error('{%  %}'), ['{%  %}', 'The JSONata expression is empty']);
  });
});

describe('JSONata references', () => {
  it('finds the free variables, not functions, $states or bound names', () => {
    const { ast: tree, expression } = ast(
      "{% ($e := $inputPayload.email; $f := function($v) { $v & $suffix }; $map($states.input.items, $string) ~> $f() & $e & $items@$it.($it) & $uuid()) %}",
    );
    assert.deepEqual(freeVariables(tree).map((v) => expression.slice(v.offset, v.offset + v.length)).sort(), ['$inputPayload', '$items', '$suffix']);
  });

  it('finds the $states fields read', () => {
    const { ast: tree, expression } = ast('{% $states.input.a & $states.errorOutput.Cause & $states.foo %}');
    assert.deepEqual(
      statesReferences(tree).map((r) => [r.field?.name, expression.slice(r.field!.offset, r.field!.offset + r.field!.length)]),
      [['input', 'input'], ['errorOutput', 'errorOutput'], ['foo', 'foo']],
    );
  });

  it('finds reads of the context value at the top level only', () => {
    const spans = (value: string) => {
      const { ast: tree, expression } = ast(value);
      return topLevelContextReferences(tree).map((r) => expression.slice(r.offset, r.offset + r.length));
    };
    assert.deepEqual(spans('{% phone %}'), ['phone']);
    assert.deepEqual(spans('{% $.phone %}'), ['$']);
    assert.deepEqual(spans('{% $$.a %}'), ['$$']);
    assert.deepEqual(spans("{% { 'n': name } %}"), ['name']);
    assert.deepEqual(spans('{% $count(items) %}'), ['items']);
    assert.deepEqual(spans("{% $states.input.items[price > 10].name %}"), []);
    assert.deepEqual(spans("{% $states.input.x{ 'k': v }.(p * q) %}"), []);
    assert.deepEqual(spans('{% $map($states.input, function($v) { $v.a }) %}'), []);
    assert.deepEqual(spans("{% $inputPayload.interests[category = 'home']{'c': $sum(value)} %}"), []);
    assert.deepEqual(spans('{% [1, 2, 3][$ > 1] %}'), []);
    assert.deepEqual(spans('{% ($x := [1, 2]; $x[$ > 1]) %}'), []);
    assert.deepEqual(spans('{% ($states.input.a)[b > 1] %}'), []);
    assert.deepEqual(spans('{% items[0] %}'), ['items']);
  });
});
