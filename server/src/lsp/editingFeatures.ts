/**
 * Protocol wiring of the editing features: each request handler finds the document, asks the
 * editing service and returns its answer. Every handler is guarded: a bug is logged and answered
 * with an empty result, never a dead server. A refused rename is the one error the user sees.
 */
import {
  CodeActionKind,
  ErrorCodes,
  ResponseError,
  type ClientCapabilities,
  type Connection,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RenameRefusal, type EditingService } from '../service/editingService';

export function registerEditingFeatures(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  service: EditingService,
  clientCapabilities: ClientCapabilities = {},
): ServerCapabilities {
  /** Runs `handler` on the open document `uri`, answering `fallback` when it is not open or the handler fails. */
  function withDocument<R>(name: string, uri: string, fallback: R, handler: (document: TextDocument) => R): R | ResponseError<void> {
    const document = documents.get(uri);
    if (!document) return fallback;
    try {
      return handler(document);
    } catch (error) {
      if (error instanceof RenameRefusal) return new ResponseError(ErrorCodes.InvalidRequest, error.message);
      connection.console.error(`${name} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  }

  connection.onCompletion(({ textDocument, position }) =>
    withDocument('completion', textDocument.uri, null, (document) => service.doComplete(document, position)),
  );
  connection.onCompletionResolve((item) => {
    const uri = (item.data as { uri?: unknown } | undefined)?.uri;
    return typeof uri === 'string' ? withDocument('completionItem/resolve', uri, item, (document) => service.resolveCompletionItem(document, item)) : item;
  });
  connection.onHover(({ textDocument, position }) =>
    withDocument('hover', textDocument.uri, null, (document) => service.doHover(document, position)),
  );
  connection.onCodeAction(({ textDocument, range, context }) =>
    withDocument('codeAction', textDocument.uri, [], (document) => service.getCodeActions(document, range, context)),
  );
  // Definition links carry the span of the name under the caret; clients that do not announce them get locations.
  const linkSupport = clientCapabilities.textDocument?.definition?.linkSupport === true;

  connection.onDefinition(({ textDocument, position }) =>
    withDocument('definition', textDocument.uri, null, (document) => {
      const links = service.findDefinition(document, position);
      return linkSupport ? links : links.map((link) => ({ uri: link.targetUri, range: link.targetSelectionRange }));
    }),
  );
  connection.onReferences(({ textDocument, position, context }) =>
    withDocument('references', textDocument.uri, [], (document) => service.findReferences(document, position, context)),
  );
  connection.onDocumentHighlight(({ textDocument, position }) =>
    withDocument('documentHighlight', textDocument.uri, [], (document) => service.findDocumentHighlights(document, position)),
  );
  connection.onPrepareRename(({ textDocument, position }) =>
    withDocument('prepareRename', textDocument.uri, null, (document) => service.prepareRename(document, position)),
  );
  connection.onRenameRequest(({ textDocument, position, newName }) =>
    withDocument('rename', textDocument.uri, null, (document) => service.doRename(document, position, newName)),
  );
  connection.onDocumentSymbol(({ textDocument }) =>
    withDocument('documentSymbol', textDocument.uri, [], (document) => service.findDocumentSymbols(document)),
  );
  const rangeLimit = clientCapabilities.textDocument?.foldingRange?.rangeLimit;
  connection.onFoldingRanges(({ textDocument }) =>
    withDocument('foldingRange', textDocument.uri, [], (document) => service.getFoldingRanges(document, { rangeLimit })),
  );
  connection.onSelectionRanges(({ textDocument, positions }) =>
    withDocument('selectionRange', textDocument.uri, [], (document) => service.getSelectionRanges(document, positions)),
  );
  connection.onDocumentFormatting(({ textDocument, options }) =>
    withDocument('formatting', textDocument.uri, [], (document) => service.format(document, undefined, options)),
  );
  connection.onDocumentRangeFormatting(({ textDocument, range, options }) =>
    withDocument('rangeFormatting', textDocument.uri, [], (document) => service.format(document, range, options)),
  );
  connection.languages.semanticTokens.on(({ textDocument }) =>
    withDocument('semanticTokens', textDocument.uri, { data: [] }, (document) => service.getSemanticTokens(document)),
  );
  connection.languages.semanticTokens.onRange(({ textDocument, range }) =>
    withDocument('semanticTokens/range', textDocument.uri, { data: [] }, (document) => service.getSemanticTokens(document, range)),
  );

  return {
    // Quotes open a state name or a field, `.` and `$` an expression, `:` and `[` a value.
    completionProvider: { triggerCharacters: ['"', ':', '.', '$', '(', ',', '['], resolveProvider: true },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    renameProvider: { prepareProvider: true },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    semanticTokensProvider: { legend: service.semanticTokensLegend, full: true, range: true },
  };
}
