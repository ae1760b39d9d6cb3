/** Helpers for the editing features tests: caret markers, documents, and applying the edits a feature returns. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { getEditingService } from '../../server/src/service/editingService';

export const URI = 'file:///workflow.asl.json';

/** Splits a text with one `|` caret marker into the text and the caret's offset. */
export function withCaret(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('Mark exactly one caret with `|`.');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export function documentOf(text: string, version = 1): TextDocument {
  return TextDocument.create(URI, 'asl', version, text);
}

/** A document and the caret position of a marked text. */
export function caretDocument(marked: string): { document: TextDocument; position: ReturnType<TextDocument['positionAt']>; text: string } {
  const { text, offset } = withCaret(marked);
  const document = documentOf(text);
  return { document, position: document.positionAt(offset), text };
}

/** The position of the `nth` (0-based) occurrence of `needle`, plus `shift` characters. */
export function positionOf(document: TextDocument, needle: string, nth = 0, shift = 1) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = document.getText().indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`\`${needle}\` occurs fewer than ${nth + 1} times.`);
  }
  return document.positionAt(offset + shift);
}

export function textOf(document: TextDocument, range: Range): string {
  return document.getText().slice(document.offsetAt(range.start), document.offsetAt(range.end));
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(documentOf(text), edits);
}

export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | null | undefined): string {
  return applyEdits(text, edit?.changes?.[URI] ?? []);
}

export const service = getEditingService();

/** The JSON text of a definition, indented as users usually write it. */
export function json(definition: object): string {
  return JSON.stringify(definition, null, 2);
}
