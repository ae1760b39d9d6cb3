import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  firstNonReferenceSegment,
  isContextPath,
  isReferencePath,
  isVariablePath,
  parsePath,
  variablesOf,
  type JsonPath,
} from '../../server/src/asl/jsonpath';

function parse(text: string): JsonPath {
  const { path, error } = parsePath(text);
  assert.equal(error, undefined, `${text}: ${error?.message}`);
  return path!;
}

/** The error as [the text it underlines, its message]. */
function failure(text: string): [string, string] {
  const { path, error } = parsePath(text);
  assert.equal(path, undefined, `${text} should not parse`);
  return [text.slice(error!.offset, error!.offset + error!.length), error!.message];
}

describe('parsePath', () => {
  it('parses the paths real workflows use', () => {
    for (const text of [
      '$', '$.a.b', "$['a b']", '$["a"]', '$.a[0]', '$.a[-1]', '$.books[-2]', '$.a[*]', '$.a.*', '$.a[1:3]', '$.vals[3:]',
      '$.a[:2]', '$.a[::2]', '$..a', '$..[0]', '$..*', '$.items[?(@.price < 10)]', '$.a[0,1]', "$['a','b']", '$$',
      '$$.Execution.Id', '$$.Map.Item.Value', '$name', '$name.field', '$name[0]', '$.input-foo-bar', '$[(@.length-1)].bar',
      '$.DescribeRecord.RecordOutputs[?(@.OutputKey == FooBar)].OutputValue', "$.abc.['def ghi']", '$.a.length()',
      "$.a[?(@.name =~ /^A.*/i && !(@.x in [1, 2]) || @.y)]", '$.a[?(@.b == $.limit)]', '$.a[?(@.b > $max)]', '$.a ',
    ]) {
      parse(text);
    }
  });

  it('builds an evaluable tree with offsets into the text', () => {
    const path = parse("$.store['book'][0].price");
    assert.equal(path.root, '$');
    assert.deepEqual(
      path.segments.map((s) => [s.kind, 'name' in s ? s.name : 'index' in s ? s.index : undefined, path.text.slice(s.offset, s.offset + s.length)]),
      [['member', 'store', '.store'], ['member', 'book', "['book']"], ['index', 0, '[0]'], ['member', 'price', '.price']],
    );
    const slice = parse('$.a[1:-1:2]').segments[1];
    assert.deepEqual(slice.kind === 'slice' && [slice.start, slice.end, slice.step], [1, -1, 2]);
    const union = parse("$['a','b']").segments[0];
    assert.deepEqual(union.kind === 'union' && union.selectors, [{ kind: 'member', name: 'a' }, { kind: 'member', name: 'b' }]);
    assert.equal(parse('$..a').segments[0].descendant, true);
  });

  it('parses filters into comparisons of operands', () => {
    const segment = parse('$.items[?(@.price < 10 && @.tag == \'x\')]').segments[1];
    assert.equal(segment.kind, 'filter');
    if (segment.kind !== 'filter') return;
    const expression = segment.expression;
    assert.equal(expression.kind, 'and');
    if (expression.kind !== 'and') return;
    const left = expression.left;
    assert.equal(left.kind, 'comparison');
    if (left.kind !== 'comparison') return;
    assert.equal(left.operator, '<');
    assert.equal(left.left.kind, 'current');
    assert.deepEqual(left.right.kind === 'literal' && left.right.value, 10);
    const bare = parse('$.a[?(@.key == FooBar)]').segments[1];
    assert.ok(bare.kind === 'filter' && bare.expression.kind === 'comparison' && bare.expression.right.kind === 'literal');
    assert.deepEqual(bare.kind === 'filter' && bare.expression.kind === 'comparison' && bare.expression.right, {
      kind: 'literal', value: 'FooBar', bare: true, offset: 15, length: 6,
    });
  });

  it('parses script indexes as arithmetic', () => {
    const segment = parse('$[(@.length-1)]').segments[0];
    assert.equal(segment.kind, 'script');
    assert.ok(segment.kind === 'script' && segment.expression.kind === 'binary' && segment.expression.operator === '-');
  });

  it('tells roots apart', () => {
    assert.equal(parse('$$.Execution.Id').root, '$$');
    assert.deepEqual(parse('$order.id').root, { variable: 'order' });
    assert.equal(isContextPath(parse('$$.Execution.Id')), true);
    assert.equal(isVariablePath(parse('$order[0]')), true);
    assert.equal(isVariablePath(parse('$.order')), false);
  });

  it('reports syntax errors at the offending characters', () => {
    assert.deepEqual(failure('.guid'), ['.', 'A path must start with `$` (the state input), `$$` (the context object) or `$name` (a variable), found `.`']);
    assert.deepEqual(failure('$...'), ['...', '`...` is not valid: use `.` for a child or `..` for any descendant']);
    assert.deepEqual(failure('$.'), ['.', 'A path cannot end with `.`: add a field name']);
    assert.deepEqual(failure('$.a['), ['[', 'Unclosed `[`: expected `]`']);
    assert.deepEqual(failure("$['a"), ["'a", "Unterminated string: expected a closing `'`"]);
    assert.deepEqual(failure('$.a b'), [' ', 'Unexpected space: expected `.` or `[` to start the next step of the path']);
    assert.deepEqual(failure('$.a[1.5]'), ['.', 'An index must be a whole number']);
    assert.deepEqual(failure('$.a]'), [']', 'Unexpected `]` with no matching opening bracket']);
    assert.deepEqual(failure('$.a[]'), ['[]', '`[]` selects nothing: put a field name, an index, `*` or a filter between the brackets']);
    assert.equal(failure('$.foo()')[0], 'foo');
    assert.equal(failure('$.a[?(@.x >)]')[0], ')');
    assert.equal(failure('$.a[?(@.x = 1)]')[1], 'Use `==` to compare in a filter, not `=`');
    assert.equal(failure("$.'a'")[1], "A quoted field name needs brackets: write `['...']` instead of `.'...'`");
    assert.equal(failure('$.a[0:1:0]')[1], 'A slice step cannot be 0');
    assert.equal(failure('$.a.length().b')[1], 'A function such as `length()` must be the last step of a path');
  });

  it('classifies reference paths', () => {
    for (const text of ['$', '$.a', "$['a b'][0]", '$$.Execution.Input.x', '$var.x[2]']) {
      assert.equal(isReferencePath(parse(text)), true, text);
    }
    for (const [text, kind] of [['$.a[*]', 'wildcard'], ['$..a', 'member'], ['$.a[?(@.x)]', 'filter'], ['$.a[0,1]', 'union'], ['$.a[1:]', 'slice'], ['$.a.length()', 'function']]) {
      assert.equal(isReferencePath(parse(text)), false, text);
      assert.equal(firstNonReferenceSegment(parse(text))?.kind, kind, text);
    }
  });

  it('lists the variables a path reads, with their spans', () => {
    const text = '$order.items[?(@.price > $limit)]';
    assert.deepEqual(variablesOf(parse(text)).map((v) => [v.name, text.slice(v.offset, v.offset + v.length)]), [
      ['order', '$order'],
      ['limit', '$limit'],
    ]);
  });

  it('returns the same result for the same text', () => {
    assert.equal(parsePath('$.cached'), parsePath('$.cached'));
  });
});
