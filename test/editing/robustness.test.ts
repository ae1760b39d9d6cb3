/**
 * The editing features run on every keystroke, on whatever half-typed text the editor holds: each
 * one is called at positions all over truncated and mangled versions of realistic workflows, and
 * must answer without throwing (a refused rename is an answer).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/service/languageService';
import { RenameRefusal } from '../../server/src/service/editingService';
import { fixture, fixtureNames } from '../fixtures/fixtures';
import { service } from './helpers';

const language = getLanguageService();

/** mulberry32: the same mangled texts on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Calls every feature at positions spread over the text; returns how many calls were made. */
function exercise(text: string, version: number, stride: number): number {
  const document = TextDocument.create('file:///fuzz.asl.json', 'asl', version, text);
  let calls = 0;
  const renameable = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (!(error instanceof RenameRefusal)) throw error;
    }
  };
  for (let offset = 0; offset <= text.length; offset += stride) {
    const position = document.positionAt(offset);
    const list = service.doComplete(document, position);
    if (list.items[0]) service.resolveCompletionItem(document, list.items[0]);
    service.doHover(document, position);
    service.findDefinition(document, position);
    service.findReferences(document, position, { includeDeclaration: true });
    service.findDocumentHighlights(document, position);
    renameable(() => service.prepareRename(document, position));
    renameable(() => service.doRename(document, position, 'Renamed state'));
    calls += 8;
  }
  service.findDocumentSymbols(document);
  service.getFoldingRanges(document);
  service.getSelectionRanges(document, [document.positionAt(0), document.positionAt(text.length >> 1), document.positionAt(text.length)]);
  service.getSemanticTokens(document);
  service.format(document, undefined, { tabSize: 2, insertSpaces: true });
  const diagnostics = language.doValidation(document);
  for (const diagnostic of diagnostics) service.getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] });
  return calls + 5 + diagnostics.length;
}

describe('editing features on half-typed text', () => {
  for (const name of fixtureNames()) {
    it(`never throw on truncated and mangled versions of ${name}`, () => {
      const text = fixture(name);
      const next = random(name.length * 7919);
      let version = 1;
      let calls = 0;
      // Every prefix, as the text looks while it is typed from the top.
      for (let cut = 0; cut <= text.length; cut += 97) calls += exercise(text.slice(0, cut), version++, 13);
      // Characters deleted, and JSON punctuation inserted, at random places.
      for (let round = 0; round < 25; round++) {
        const at = Math.floor(next() * text.length);
        const mangled =
          round % 2 === 0
            ? text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 8))
            : text.slice(0, at) + '"{}[],:'[Math.floor(next() * 7)] + text.slice(at);
        calls += exercise(mangled, version++, 29);
      }
      assert.ok(calls > 1000, `${calls} calls`);
    });
  }

  it('never throw on text that is not a state machine at all', () => {
    for (const text of ['', ' ', '[]', '"States"', '{', '{"States": [', '{"States": {"A": []}}', '{"StartAt": 1, "States": {"A": {"Type": 5, "Next": {}}}}', '\u0000\uffff']) {
      exercise(text, 1, 1);
    }
  });
});
