import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { SymbolKind, type DocumentSymbol, type SelectionRange } from 'vscode-languageserver-types';
import { SEMANTIC_TOKENS_LEGEND } from '../../server/src/service/features/semanticTokens';
import { applyEdits, caretDocument, documentOf, json, service, textOf } from './helpers';

const WORKFLOW = json({
  StartAt: 'Load',
  States: {
    Load: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Each' },
    Each: {
      Type: 'Map',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Work',
        States: { Work: { Type: 'Pass', End: true } },
      },
      Next: 'Both',
    },
    Both: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'L', States: { L: { Type: 'Wait', Seconds: 1, End: true } } },
        { StartAt: 'R', States: { R: { Type: 'Succeed' } } },
      ],
      End: true,
    },
  },
});

describe('document symbols', () => {
  it('outlines states with their types, branches and processors nested', () => {
    const document = documentOf(WORKFLOW);
    const outline = (symbols: DocumentSymbol[]): unknown[] =>
      symbols.map((s) => [s.name, s.detail, s.kind, ...(s.children?.length ? [outline(s.children)] : [])]);
    assert.deepEqual(outline(service.findDocumentSymbols(document)), [
      ['Load', 'Task · lambda:invoke', SymbolKind.Function],
      ['Each', 'Map (distributed)', SymbolKind.Array, [['ItemProcessor', 'starts at Work', SymbolKind.Namespace, [['Work', 'Pass', SymbolKind.Variable]]]]],
      [
        'Both',
        'Parallel',
        SymbolKind.Module,
        [
          ['Branch 1', 'starts at L', SymbolKind.Namespace, [['L', 'Wait', SymbolKind.Event]]],
          ['Branch 2', 'starts at R', SymbolKind.Namespace, [['R', 'Succeed', SymbolKind.Boolean]]],
        ],
      ],
    ]);
  });

  it('selects the state name and spans the whole state', () => {
    const document = documentOf(WORKFLOW);
    const [load] = service.findDocumentSymbols(document);
    assert.equal(textOf(document, load.selectionRange), '"Load"');
    assert.match(textOf(document, load.range), /^"Load": \{[^]*"Next": "Each"\n {4}\}$/);
  });

  it('outlines what it can of a half-typed document', () => {
    const document = documentOf('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": }, "B": {"Ty');
    assert.deepEqual(service.findDocumentSymbols(document).map((s) => [s.name, s.detail]), [['A', 'Pass'], ['B', '(no Type)']]);
  });
});

describe('folding ranges', () => {
  it('folds every multi-line object and array up to the line before its closing bracket', () => {
    const document = documentOf(json({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }));
    const ranges = service.getFoldingRanges(document).map((r) => [r.startLine, r.endLine]);
    // 0 {  1 StartAt  2 States: {  3 A: {  4 Type  5 End  6 }  7 }  8 }
    assert.deepEqual(ranges, [[0, 7], [2, 6], [3, 5]]);
  });

  it('keeps the outermost ranges when the client sets a limit', () => {
    const document = documentOf(json({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }));
    assert.deepEqual(service.getFoldingRanges(document, { rangeLimit: 2 }).map((r) => r.startLine), [0, 2]);
  });
});

describe('selection ranges', () => {
  it('grows from the word to the string, the property, the state and out to the document', () => {
    const { document, position } = caretDocument('{"StartAt": "A", "States": {"A": {"Type": "Pa|ss", "End": true}}}');
    const chain: string[] = [];
    for (let range: SelectionRange | undefined = service.getSelectionRanges(document, [position])[0]; range; range = range.parent) {
      chain.push(textOf(document, range.range));
    }
    assert.deepEqual(chain, [
      'Pass',
      '"Pass"',
      '"Type": "Pass"',
      '"Type": "Pass", "End": true',
      '{"Type": "Pass", "End": true}',
      '"A": {"Type": "Pass", "End": true}',
      '{"A": {"Type": "Pass", "End": true}}',
      '"States": {"A": {"Type": "Pass", "End": true}}',
      '"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}',
      '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}',
    ]);
  });
});

describe('formatting', () => {
  const compact = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}';

  it('indents with the given number of spaces', () => {
    const formatted = applyEdits(compact, service.format(documentOf(compact), undefined, { tabSize: 4, insertSpaces: true }));
    assert.equal(formatted, JSON.stringify(JSON.parse(compact), null, 4));
  });

  it('indents with tabs when asked, and keeps CRLF line endings', () => {
    const crlf = '{\r\n"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}';
    const formatted = applyEdits(crlf, service.format(documentOf(crlf), undefined, { tabSize: 4, insertSpaces: false }));
    assert.equal(formatted, JSON.stringify(JSON.parse(crlf), null, '\t').replace(/\n/g, '\r\n'));
  });

  it('keeps a final newline the document has, and adds one when the editor asks', () => {
    const withNewline = `${compact}\n`;
    const formatted = applyEdits(withNewline, service.format(documentOf(withNewline), undefined, { tabSize: 2, insertSpaces: true }));
    assert.equal(formatted, `${JSON.stringify(JSON.parse(compact), null, 2)}\n`);
    const added = applyEdits(compact, service.format(documentOf(compact), undefined, { tabSize: 2, insertSpaces: true, insertFinalNewline: true }));
    assert.ok(added.endsWith('}\n'));
  });

  it('formats only the given range', () => {
    const text = '{\n"StartAt":"A",\n"States":{"A":{"Type":"Pass","End":true}}}';
    const document = documentOf(text);
    const edits = service.format(document, { start: { line: 2, character: 0 }, end: { line: 2, character: 43 } }, { tabSize: 2, insertSpaces: true });
    // Line 1 is outside the range and keeps its spacing; line 2 is laid out from its own indentation.
    assert.equal(
      applyEdits(text, edits),
      '{\n"StartAt":"A",\n"States": {\n  "A": {\n    "Type": "Pass",\n    "End": true\n  }\n}\n}',
    );
  });
});

describe('semantic tokens', () => {
  it('marks state names where they are defined and where they are named', () => {
    const text = json({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'Nowhere' } } });
    const document = documentOf(text);
    const { data } = service.getSemanticTokens(document);
    const tokens: [string, string[]][] = [];
    let line = 0;
    let character = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
      const offset = document.offsetAt({ line, character });
      const modifiers = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
      assert.equal(SEMANTIC_TOKENS_LEGEND.tokenTypes[data[i + 3]], 'class');
      tokens.push([text.slice(offset, offset + data[i + 2]), modifiers]);
    }
    // `Nowhere` names no state: it gets no token.
    assert.deepEqual(tokens, [['A', []], ['A', ['declaration']], ['B', []], ['B', ['declaration']]]);
  });

  it('answers only the tokens of a range', () => {
    const text = json({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } });
    const document = documentOf(text);
    const line = document.positionAt(text.indexOf('"B": {')).line;
    const { data } = service.getSemanticTokens(document, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    assert.equal(data.length, 5);
  });
});
