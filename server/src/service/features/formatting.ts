/** Document and range formatting with the user's indentation settings (tab size, spaces or tabs). */
import { format as formatJson } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TextEdit, type FormattingOptions, type Range } from 'vscode-languageserver-types';
import { spanRange } from './locate';

export function format(document: TextDocument, range: Range | undefined, options: FormattingOptions): TextEdit[] {
  const text = document.getText();
  const span = range
    ? { offset: document.offsetAt(range.start), length: document.offsetAt(range.end) - document.offsetAt(range.start) }
    : undefined;
  const edits = formatJson(text, span, {
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
    // A final newline the document already has is kept, even when the editor would not add one.
    insertFinalNewline: options.insertFinalNewline === true || /\r?\n$/.test(text),
    // Keep the document's own line endings.
    eol: lineEnding(text),
  });
  return edits.map((edit) => TextEdit.replace(spanRange(document, edit), edit.content));
}

function lineEnding(text: string): string {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}
