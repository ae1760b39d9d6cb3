/** Helpers for the editing features tests: caret markers, documents, and applying the edits a feature returns. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { InsertTextFormat, type CompletionItem, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
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

/** The text a snippet inserts when every placeholder keeps its default (the first option of a choice). */
export function expandSnippet(snippet: string): string {
  let result = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length) {
      result += snippet[++i];
    } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else if (c === '$' && snippet[i + 1] === '{') {
      const body = /^\$\{\d+(?::((?:\\.|[^\\}])*)|\|((?:\\.|[^\\|])*)\|)?\}/.exec(snippet.slice(i));
      if (!body) throw new Error(`Unreadable snippet at ${snippet.slice(i, i + 20)}`);
      const fallback = body[1] ?? body[2]?.split(/(?<!\\),/)[0] ?? '';
      result += fallback.replace(/\\(.)/g, '$1');
      i += body[0].length - 1;
    } else {
      result += c;
    }
  }
  return result;
}

/** Applies a completion item (its edit with placeholders at their defaults, and its additional edits). */
export function applyCompletion(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const newText = item.insertTextFormat === InsertTextFormat.Snippet ? expandSnippet(edit.newText) : edit.newText;
  return applyEdits(text, [{ range: edit.range, newText }, ...(item.additionalTextEdits ?? [])]);
}

/** The completion items at the caret of a marked text. */
export function complete(marked: string): { items: CompletionItem[]; text: string; item(label: string): CompletionItem } {
  const { document, position, text } = caretDocument(marked);
  const items = service.doComplete(document, position).items;
  return {
    items,
    text,
    item(label: string) {
      const found = items.find((candidate) => candidate.label === label);
      if (!found) throw new Error(`No completion \`${label}\` among ${items.map((i) => i.label).join(', ')}`);
      return found;
    },
  };
}

/** The labels of the completion items, in the order the editor shows them (by sort text, then label). */
export function labels(items: CompletionItem[]): string[] {
  return [...items]
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label))
    .map((item) => item.label);
}
