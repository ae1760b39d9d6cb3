/** Document highlights: the state under the caret where it is defined (write) and everywhere it is named (read). */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentHighlight, DocumentHighlightKind, type Position } from 'vscode-languageserver-types';
import type { AslDocument, Transition } from '../../asl/model';
import { definitionsOf, getIndex, innerSpan, referencesOf, spanRange, stateSymbolAt } from './locate';

export function findDocumentHighlights(document: TextDocument, asl: AslDocument, position: Position): DocumentHighlight[] {
  const symbol = stateSymbolAt(asl, document.offsetAt(position));
  if (!symbol) return [];
  // A name that resolves to no state still highlights its other mentions, which helps spot a typo.
  const transitions: Transition[] = symbol.state
    ? referencesOf(asl, symbol.state)
    : getIndex(asl).transitions.filter((t) => t.scope === symbol.scope && t.target === symbol.name);
  const highlights = definitionsOf(symbol.scope, symbol.name).map((state) =>
    DocumentHighlight.create(spanRange(document, innerSpan(state.nameNode)), DocumentHighlightKind.Write),
  );
  for (const transition of transitions) {
    highlights.push(DocumentHighlight.create(spanRange(document, innerSpan(transition.node)), DocumentHighlightKind.Read));
  }
  return highlights;
}
