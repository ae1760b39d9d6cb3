/** Find all references of a state: every transition of its scope that names it. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Location, type Position } from 'vscode-languageserver-types';
import type { AslDocument } from '../../asl/model';
import { definitionsOf, referencesOf, spanRange, stateSymbolAt } from './locate';

export function findReferences(
  document: TextDocument,
  asl: AslDocument,
  position: Position,
  context: { includeDeclaration: boolean },
): Location[] {
  const symbol = stateSymbolAt(asl, document.offsetAt(position));
  if (!symbol?.state) return [];
  const nodes = referencesOf(asl, symbol.state).map((transition) => transition.node);
  if (context.includeDeclaration) nodes.push(...definitionsOf(symbol.scope, symbol.name).map((state) => state.nameNode));
  return nodes
    .sort((a, b) => a.offset - b.offset)
    .map((node) => Location.create(document.uri, spanRange(document, node)));
}
