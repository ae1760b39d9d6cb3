import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseAsl } from '../../server/src/asl/parse';

describe('parseAsl', () => {
  it('builds nested scopes with query languages and transitions', () => {
    const doc = parseAsl(JSON.stringify({
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } } }],
          Next: 'M',
        },
        M: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'P' }],
          End: true,
        },
      },
    }));
    assert.equal(doc.syntaxErrors.length, 0);
    assert.deepEqual(doc.states.map((s) => s.name), ['P', 'A', 'M', 'B']);
    const [p, a, m, b] = doc.states;
    assert.equal(p.queryLanguage, 'JSONata');
    assert.equal(a.queryLanguage, 'JSONPath');
    assert.equal(b.queryLanguage, 'JSONata');
    assert.equal(a.scope.kind, 'branch');
    assert.equal(a.scope.owner, p);
    assert.equal(b.scope.owner, m);
    assert.deepEqual(p.transitions.map((t) => [t.kind, t.target]), [['Next', 'M']]);
    assert.deepEqual(m.transitions.map((t) => [t.kind, t.target]), [['Catch', 'P']]);
    assert.equal(m.end, true);
    assert.deepEqual(b.path, ['States', 'M', 'ItemProcessor', 'States', 'B']);
    assert.equal(doc.transitions.filter((t) => t.kind === 'StartAt').length, 3);
  });

  it('never throws and reports syntax errors with offsets', () => {
    const text = '{"StartAt": "A", "States": {"A": {"Type": "Pass",, }}';
    const doc = parseAsl(text);
    assert.ok(doc.syntaxErrors.length > 0);
    assert.ok(doc.syntaxErrors[0].offset >= text.indexOf(',,'));
    assert.equal(doc.states[0]?.name, 'A');
  });

  it('finds duplicate keys at every depth', () => {
    const doc = parseAsl('{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"End":true}},"StartAt":"A"}');
    assert.deepEqual(doc.duplicateKeys.map((d) => d.key), ['End', 'StartAt']);
  });
});

describe('syntax errors', () => {
  it('reports a trailing comma once, by name', () => {
    const text = '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true,}}}';
    const doc = parseAsl(text);
    assert.deepEqual(
      doc.syntaxErrors.map((e) => [e.offset, e.message]),
      [[text.indexOf(',}') + 1, 'Trailing comma: JSON allows no comma before a closing bracket or brace']],
    );
  });

  it('says an empty document is empty', () => {
    assert.deepEqual(parseAsl(' \n').syntaxErrors.map((e) => e.message), [
      'The document is empty: a state machine is a JSON object',
    ]);
  });
});
