/**
 * Rename a state: its key and every transition of its scope that names it. A rename that would
 * produce an invalid definition is refused with a reason the editor shows.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Range, TextEdit, type Position, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { AslDocument } from '../../asl/model';
import { MAX_STATE_NAME_LENGTH } from '../rules/structure/invalidStateName';
import { getIndex, innerSpan, referencesOf, spanRange, stateSymbolAt, type StateSymbol } from './locate';

/** A rename the service refuses; its message is meant for the user. */
export class RenameRefusal extends Error {
  override readonly name = 'RenameRefusal';
}

/** C0 and C1 control characters, which AWS rejects in state names. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** Why `name` cannot name a state, or undefined when it can. */
export function stateNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'A state name cannot be empty.';
  const length = [...name].length;
  if (length > MAX_STATE_NAME_LENGTH) {
    return `A state name is at most ${MAX_STATE_NAME_LENGTH} characters long; \`${name.slice(0, 20)}…\` has ${length}.`;
  }
  if (CONTROL_CHARACTER.test(name)) return 'A state name cannot contain control characters.';
  return undefined;
}

function renameableSymbol(asl: AslDocument, offset: number): StateSymbol & { state: NonNullable<StateSymbol['state']> } {
  const symbol = stateSymbolAt(asl, offset);
  if (!symbol) throw new RenameRefusal('Place the cursor on a state name to rename it.');
  if (!symbol.state) throw new RenameRefusal(`No state named \`${symbol.name}\` exists in this scope.`);
  return { ...symbol, state: symbol.state };
}

export function prepareRename(
  document: TextDocument,
  asl: AslDocument,
  position: Position,
): { range: Range; placeholder: string } {
  const symbol = renameableSymbol(asl, document.offsetAt(position));
  return { range: spanRange(document, innerSpan(symbol.node)), placeholder: symbol.name };
}

export function doRename(document: TextDocument, asl: AslDocument, position: Position, newName: string): WorkspaceEdit {
  const symbol = renameableSymbol(asl, document.offsetAt(position));
  if (newName === symbol.name) return { changes: { [document.uri]: [] } };
  const problem = stateNameProblem(newName);
  if (problem) throw new RenameRefusal(problem);
  // State names are unique across the whole state machine, branches and processors included.
  if (getIndex(asl).statesByName.has(newName)) {
    throw new RenameRefusal(`A state named \`${newName}\` already exists.`);
  }
  // On a definition, rename that very key (which also resolves a repeated name); on a reference, the state it names.
  const definition = symbol.transition ? symbol.state.nameNode : symbol.node;
  const quoted = JSON.stringify(newName);
  const edits = [TextEdit.replace(spanRange(document, definition), quoted)];
  // References follow the state they resolve to (the first of a repeated name).
  if (definition === symbol.state.nameNode) {
    for (const transition of referencesOf(asl, symbol.state)) {
      edits.push(TextEdit.replace(spanRange(document, transition.node), quoted));
    }
  }
  return { changes: { [document.uri]: edits } };
}
