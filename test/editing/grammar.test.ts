import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, { name: string }>;
}

const grammar = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'syntaxes', 'asl-expressions.injection.tmLanguage.json'), 'utf8')) as {
  scopeName: string;
  injectionSelector: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
};

function* rules(): Generator<[string, Rule]> {
  const stack: [string, Rule][] = [...grammar.patterns.map((rule, i): [string, Rule] => [`patterns[${i}]`, rule]), ...Object.entries(grammar.repository)];
  while (stack.length > 0) {
    const [where, rule] = stack.pop()!;
    yield [where, rule];
    rule.patterns?.forEach((child, i) => stack.push([`${where}.patterns[${i}]`, child]));
  }
}

/** The regular expression of a repository rule (its `match`, or its `begin`). */
function regex(name: string, part: 'match' | 'begin' | 'end' = 'match'): RegExp {
  const source = grammar.repository[name][part];
  assert.ok(source, `${name} has no ${part}`);
  return new RegExp(source, 'g');
}

/** What `regex` matches in `text`, as [matched text, first capture]. */
function matches(pattern: RegExp, text: string): string[][] {
  return [...text.matchAll(pattern)].map((m) => [...m].filter((g) => g !== undefined));
}

describe('the expression grammar injected into ASL strings', () => {
  it('is injected into the JSON strings of ASL documents only', () => {
    assert.equal(grammar.scopeName, 'asl.expressions.injection');
    assert.equal(grammar.injectionSelector, 'L:source.asl string.quoted.double.json');
  });

  it('has regular expressions that compile and includes that resolve', () => {
    for (const [where, rule] of rules()) {
      for (const part of ['match', 'begin', 'end'] as const) {
        const source = rule[part];
        if (source !== undefined) assert.doesNotThrow(() => new RegExp(source), `${where}.${part}`);
      }
      if (rule.include?.startsWith('#')) assert.ok(grammar.repository[rule.include.slice(1)], `${where} includes ${rule.include}`);
      if (rule.name) assert.match(rule.name, /\.asl$/, `${where}: scopes end in .asl`);
      for (const capture of Object.values(rule.captures ?? {})) assert.match(capture.name, /\.asl$/);
    }
  });

  it('opens JSONata only where a string starts with {%', () => {
    assert.deepEqual(matches(regex('jsonata', 'begin'), '"{% $states.input %}"'), [['{%', '{%']]);
    assert.deepEqual(matches(regex('jsonata', 'begin'), '"  {% 1 %}"'), [['  {%', '{%']]);
    assert.deepEqual(matches(regex('jsonata', 'begin'), '"price {% 1 %}"'), []);
  });

  it('tells $states, function calls and variables apart in JSONata', () => {
    assert.deepEqual(matches(regex('jsonata-states'), '$states.input.a'), [['$states.input', '$states', '.', 'input']]);
    assert.deepEqual(matches(regex('jsonata-function-call'), '$sum($x) + $count ($y)'), [['$sum', '$sum'], ['$count ', '$count']]);
    assert.deepEqual(matches(regex('jsonata-variable'), '$total'), [['$total']]);
  });

  it('recognises an intrinsic call and its function name', () => {
    assert.deepEqual(matches(regex('intrinsic', 'begin'), '"States.Format(\'{}\', $.a)"'), [['']]);
    assert.deepEqual(matches(regex('intrinsic', 'begin'), '"Call States.Format(1)"'), []);
    assert.deepEqual(matches(regex('intrinsic-name'), "States.Array(States.UUID(), 'x')"), [
      ['States.Array', 'States', '.', 'Array'],
      ['States.UUID', 'States', '.', 'UUID'],
    ]);
  });

  it('reads paths from $, $$ and variables, with members, brackets and filters', () => {
    assert.deepEqual(matches(regex('jsonpath', 'begin'), '"$.order.id"'), [['']]);
    assert.deepEqual(matches(regex('jsonpath', 'begin'), '"price in $"'), []);
    const roots = grammar.repository['path-root'].patterns!.map((rule) => new RegExp(`^(?:${rule.match})`));
    const rootOf = (text: string) => grammar.repository['path-root'].patterns![roots.findIndex((r) => r.test(text))].name;
    assert.equal(rootOf('$$.Execution.Id'), 'variable.language.context.jsonpath.asl');
    assert.equal(rootOf('$total.count'), 'variable.other.jsonpath.asl');
    assert.equal(rootOf('$.a'), 'variable.language.input.jsonpath.asl');
    assert.deepEqual(matches(regex('path-member'), '$.items..price.length()'), [
      ['.items', '.', 'items'],
      ['..price', '..', 'price'],
      ['.length()', '.', 'length', '()'],
    ]);
    assert.deepEqual(matches(regex('path-filter', 'begin'), '$.a[?(@.b > 1)]'), [['[?(', '[', '?', '(']]);
  });
});
