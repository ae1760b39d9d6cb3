/** What must hold for the diagnostics of any text, however broken. */
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { getLanguageService } from '../../server/src/service/languageService';
import { isRuleCode } from '../../server/src/service/ruleCodes';

/** Runs the full validation of `text` and returns the reasons it is wrong, none when it holds. */
export function validationProblems(text: string): { problems: string[]; diagnostics: Diagnostic[] } {
  const logs: string[] = [];
  const service = getLanguageService({ log: (message) => logs.push(message) });
  const document = TextDocument.create('file:///fuzz.asl.json', 'asl', 1, text);
  const problems: string[] = [];
  let diagnostics: Diagnostic[] = [];
  try {
    diagnostics = service.doValidation(document);
  } catch (error) {
    problems.push(`doValidation threw: ${error instanceof Error ? error.stack : String(error)}`);
    return { problems, diagnostics };
  }
  if (!Array.isArray(diagnostics)) problems.push('doValidation returned no array');
  for (const line of logs) problems.push(`logged: ${line.split('\n').slice(0, 4).join(' / ')}`);
  for (const diagnostic of diagnostics) {
    const code = String(diagnostic.code);
    if (!isRuleCode(code)) problems.push(`unknown code ${code}`);
    if (code === 'internal-error') problems.push(`internal-error: ${diagnostic.message}`);
    if (typeof diagnostic.message !== 'string' || diagnostic.message.length === 0) problems.push(`${code}: empty message`);
    const { start, end } = diagnostic.range;
    if (!inDocument(document, start) || !inDocument(document, end)) {
      problems.push(`${code}: range ${JSON.stringify(diagnostic.range)} is outside the document`);
    } else if (document.offsetAt(start) > document.offsetAt(end)) {
      problems.push(`${code}: range ${JSON.stringify(diagnostic.range)} ends before it starts`);
    }
    for (const related of diagnostic.relatedInformation ?? []) {
      if (!inDocument(document, related.location.range.start) || !inDocument(document, related.location.range.end)) {
        problems.push(`${code}: related range ${JSON.stringify(related.location.range)} is outside the document`);
      }
    }
  }
  return { problems, diagnostics };
}

/** A position that names a real place: integers, an existing line, a character within it. */
function inDocument(document: TextDocument, position: Position): boolean {
  if (!Number.isInteger(position.line) || !Number.isInteger(position.character)) return false;
  if (position.line < 0 || position.character < 0 || position.line >= document.lineCount) return false;
  // A position past the end of its line is clamped by `offsetAt`; converting back reveals it.
  const back = document.positionAt(document.offsetAt(position));
  return back.line === position.line && back.character === position.character;
}

export function assertValidates(text: string, context: () => string): void {
  const { problems } = validationProblems(text);
  assert.deepEqual(problems, [], context());
}
