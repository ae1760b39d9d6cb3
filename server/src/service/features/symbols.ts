/**
 * The outline: states with their types, Parallel branches and Map processors nested under the
 * state that owns them, so the outline mirrors the workflow rather than the JSON.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { AslDocument, Scope, State } from '../../asl/model';
import { getPropertyValue, stringValue } from '../../asl/jsonNode';
import { spanRange, statePropertyOf } from './locate';

const KIND_BY_TYPE: Record<string, SymbolKind> = {
  Task: SymbolKind.Function,
  Pass: SymbolKind.Variable,
  Choice: SymbolKind.Enum,
  Wait: SymbolKind.Event,
  Succeed: SymbolKind.Boolean,
  Fail: SymbolKind.Boolean,
  Parallel: SymbolKind.Module,
  Map: SymbolKind.Array,
};

export function findDocumentSymbols(document: TextDocument, asl: AslDocument): DocumentSymbol[] {
  const root = asl.stateMachine?.root;
  return root ? scopeStates(document, root) : [];
}

function scopeStates(document: TextDocument, scope: Scope): DocumentSymbol[] {
  return scope.stateList.map((state) => stateSymbol(document, state));
}

function stateSymbol(document: TextDocument, state: State): DocumentSymbol {
  const children = state.children.map((scope) => scopeSymbol(document, scope));
  return DocumentSymbol.create(
    // An empty name is invalid in a DocumentSymbol; show the quotes instead.
    state.name || '""',
    detailOf(state),
    (state.type ? KIND_BY_TYPE[state.type] : undefined) ?? SymbolKind.Object,
    spanRange(document, statePropertyOf(state)),
    spanRange(document, state.nameNode),
    children,
  );
}

function detailOf(state: State): string {
  if (state.type === 'Map') {
    const config = getPropertyValue(getPropertyValue(state.node, 'ItemProcessor'), 'ProcessorConfig');
    return stringValue(getPropertyValue(config, 'Mode')) === 'DISTRIBUTED' ? 'Map (distributed)' : 'Map';
  }
  if (state.type === 'Task') {
    const resource = stringValue(getPropertyValue(state.node, 'Resource'));
    if (resource) return `Task · ${resourceLabel(resource)}`;
  }
  return state.type ?? '(no Type)';
}

/** `arn:aws:states:::lambda:invoke` → `lambda:invoke`; a Lambda function ARN → its function name. */
function resourceLabel(resource: string): string {
  const integration = /^arn:[^:]*:states:::(.+)$/.exec(resource);
  if (integration) return integration[1];
  const lambda = /^arn:[^:]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(resource);
  if (lambda) return `lambda ${lambda[1]}`;
  return resource;
}

function scopeSymbol(document: TextDocument, scope: Scope): DocumentSymbol {
  const name = scope.kind === 'branch' ? `Branch ${(scope.index ?? 0) + 1}` : String(scope.path[scope.path.length - 1]);
  const startAt = scope.startAt?.target;
  // A processor is selected by its key; a branch, which has none, by its opening brace.
  const key = scope.kind === 'processor' ? scope.node.parent?.children?.[0] : undefined;
  return DocumentSymbol.create(
    name,
    startAt !== undefined ? `starts at ${startAt}` : '',
    SymbolKind.Namespace,
    spanRange(document, key?.parent ?? scope.node),
    spanRange(document, key ?? { offset: scope.node.offset, length: 1 }),
    scopeStates(document, scope),
  );
}
