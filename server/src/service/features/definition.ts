/** Go to definition: from a state reference (`StartAt`, `Next`, `Default`, a Choice rule's or a catcher's `Next`) to the state. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LocationLink, type Position } from 'vscode-languageserver-types';
import type { AslDocument } from '../../asl/model';
import { definitionsOf, spanRange, stateSymbolAt, statePropertyOf } from './locate';

export function findDefinition(document: TextDocument, asl: AslDocument, position: Position): LocationLink[] {
  const symbol = stateSymbolAt(asl, document.offsetAt(position));
  if (!symbol) return [];
  const origin = spanRange(document, symbol.node);
  // On a definition, answer with the state itself so the editor can fall back to its references.
  const targets = symbol.transition ? definitionsOf(symbol.scope, symbol.name) : symbol.state ? [symbol.state] : [];
  return targets.map((state) =>
    LocationLink.create(
      document.uri,
      spanRange(document, statePropertyOf(state)),
      spanRange(document, state.nameNode),
      origin,
    ),
  );
}
