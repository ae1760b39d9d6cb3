/** Inputs chosen to break a parser or a rule: empty, huge, deep, binary, and every wrong root. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { validationProblems } from './checkDiagnostics';

const HELLO = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };

const CASES: [string, string][] = [
  ['an empty document', ''],
  ['only whitespace', ' \n\t\r\n '],
  ['a bare null', 'null'],
  ['a bare string', '"StartAt"'],
  ['a bare number', '42'],
  ['an empty array', '[]'],
  ['an array of state machines', JSON.stringify([HELLO, HELLO])],
  ['an empty object', '{}'],
  ['States as null', '{"StartAt": "A", "States": null}'],
  ['States as an array', '{"StartAt": "A", "States": [{"Type": "Pass"}]}'],
  ['a state as a string', '{"StartAt": "A", "States": {"A": "Pass"}}'],
  ['a state as null', '{"StartAt": "A", "States": {"A": null}}'],
  ['a state without a value', '{"StartAt": "A", "States": {"A": }}'],
  ['a key without a value at the end', '{"StartAt": "A", "States": {"A": {"Type": '],
  ['Branches of wrong types', '{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [null, 1, "x", [], {}], "End": true}}}'],
  ['an ItemProcessor of a wrong type', '{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": [], "Iterator": 1, "End": true}}}'],
  ['Choices of wrong types', '{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [null, 1, [], {"Not": null}, {"And": {}}, {"Or": [null]}], "Default": 3}}}'],
  ['Retry and Catch of wrong types', '{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": 1, "Retry": {}, "Catch": [1, null, {"ErrorEquals": "x"}], "End": "yes"}}}'],
  ['a StartAt naming the prototype', '{"StartAt": "__proto__", "States": {"__proto__": {"Type": "Pass", "End": true}, "constructor": {"Type": "Pass", "End": true}}}'],
  ['control characters and a NUL', '{"StartAt": "A\u0000", "States": {"A\u0000": {"Type": "Pass\u0007", "End": true}}}'],
  ['lone surrogates', `{"StartAt": "\ud800", "States": {"\udfff": {"Type": "Pass", "End": true}}}`],
  ['CRLF line ends', JSON.stringify(HELLO, null, 2).replace(/\n/g, '\r\n').replace('"Pass"', '"Pas"')],
  ['comments', '// comment\n{"StartAt": "A", /* c */ "States": {"A": {"Type": "Pass", "End": true}}}'],
  ['objects nested 50,000 deep', '{"a":'.repeat(50_000)],
  ['arrays nested 100,000 deep and closed', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ['a nested Parallel 300 levels deep', nestedParallels(300)],
  ['a 5 MB string value', JSON.stringify({ ...HELLO, Comment: 'x'.repeat(5 * 1024 * 1024) })],
  ['a 1 MB key', `{"${'k'.repeat(1024 * 1024)}": 1, "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`],
  ['5,000 states', JSON.stringify(manyStates(5_000))],
  ['a JSONPath of 100,000 brackets', JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', InputPath: `$${'['.repeat(100_000)}`, End: true } } })],
  ['a JSONata expression of 100,000 parentheses', JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', Output: `{% ${'('.repeat(100_000)} %}`, End: true } } })],
  ['an intrinsic function nested 10,000 deep', JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'x.$': `${'States.Array('.repeat(10_000)}1${')'.repeat(10_000)}` }, End: true } } })],
];

function nestedParallels(depth: number): string {
  let scope: object = { StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } };
  for (let level = 0; level < depth; level++) {
    scope = { StartAt: `P${level}`, States: { [`P${level}`]: { Type: 'Parallel', Branches: [scope], End: true } } };
  }
  return JSON.stringify(scope);
}

function manyStates(count: number): object {
  const states: Record<string, object> = {};
  for (let i = 0; i < count; i++) states[`S${i}`] = i + 1 < count ? { Type: 'Pass', Next: `S${i + 1}` } : { Type: 'Succeed' };
  return { StartAt: 'S0', States: states };
}

describe('pathological documents', () => {
  for (const [name, text] of CASES) {
    it(`validates ${name} without throwing, with ranges inside the document`, () => {
      const { problems } = validationProblems(text);
      assert.deepEqual(problems, []);
    });
  }

  it('reports deep nesting as one json-syntax problem at the deepest bracket', () => {
    const text = `{"a": ${'['.repeat(100_000)}`;
    const { diagnostics } = validationProblems(text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.character]),
      [['json-syntax', text.length - 1]],
    );
    assert.match(diagnostics[0].message, /^Nesting too deep: objects and arrays are nested 100001 levels deep here/);
  });
});
