/**
 * The editing features facade: completion, hover, quick fixes, navigation, outline, folding,
 * selection, formatting and semantic tokens. Pure functions over a `TextDocument` and its parsed
 * ASL model; the protocol layer (`lsp/editingFeatures.ts`) only converts requests and answers.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  DocumentHighlight,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  Location,
  LocationLink,
  Position,
  Range,
  SelectionRange,
  SemanticTokens,
  SemanticTokensLegend,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { AslDocument } from '../asl/model';
import { parseAsl } from '../asl/parse';
import { getCodeActions, type CodeActionContext } from './features/codeActions';
import { doComplete, resolveCompletionItem } from './features/completion';
import { findDefinition } from './features/definition';
import { getFoldingRanges, type FoldingContext } from './features/folding';
import { format } from './features/formatting';
import { findDocumentHighlights } from './features/highlights';
import { doHover } from './features/hover';
import { findReferences } from './features/references';
import { doRename, prepareRename } from './features/rename';
import { getSelectionRanges } from './features/selectionRanges';
import { getSemanticTokens, SEMANTIC_TOKENS_LEGEND } from './features/semanticTokens';
import { findDocumentSymbols } from './features/symbols';

export { RenameRefusal } from './features/rename';
export { DISABLE_RULE_COMMAND } from './features/codeActions';

export interface EditingServiceOptions {
  /** The parser to share, e.g. the language service's `parseAslDocument` and its per-version cache. */
  parse?: (document: TextDocument) => AslDocument;
  /** Where a rule that fails while a quick fix looks for problems of its kind is logged. */
  log?: (message: string) => void;
}

export interface EditingService {
  doComplete(document: TextDocument, position: Position): CompletionList;
  /** Adds what `doComplete` leaves out for speed (the documentation of state names); `document` is the item's. */
  resolveCompletionItem(document: TextDocument, item: CompletionItem): CompletionItem;
  doHover(document: TextDocument, position: Position): Hover | null;
  /** Quick fixes for the diagnostics of the context (Statecraft's own, recognised by their `data`). */
  getCodeActions(document: TextDocument, range: Range, context: CodeActionContext): CodeAction[];
  findDefinition(document: TextDocument, position: Position): LocationLink[];
  findReferences(document: TextDocument, position: Position, context: { includeDeclaration: boolean }): Location[];
  findDocumentHighlights(document: TextDocument, position: Position): DocumentHighlight[];
  /** Throws `RenameRefusal` (with a message for the user) where no state can be renamed. */
  prepareRename(document: TextDocument, position: Position): { range: Range; placeholder: string };
  /** Throws `RenameRefusal` when the new name is taken or invalid. */
  doRename(document: TextDocument, position: Position, newName: string): WorkspaceEdit;
  findDocumentSymbols(document: TextDocument): DocumentSymbol[];
  getFoldingRanges(document: TextDocument, context?: FoldingContext): FoldingRange[];
  getSelectionRanges(document: TextDocument, positions: Position[]): SelectionRange[];
  /** Formats the whole document, or only `range` when given. */
  format(document: TextDocument, range: Range | undefined, options: FormattingOptions): TextEdit[];
  readonly semanticTokensLegend: SemanticTokensLegend;
  getSemanticTokens(document: TextDocument, range?: Range): SemanticTokens;
}

export function getEditingService(options: EditingServiceOptions = {}): EditingService {
  const parse = options.parse ?? cachedParser();
  return {
    doComplete: (document, position) => doComplete(document, parse(document), position),
    resolveCompletionItem: (document, item) => resolveCompletionItem(parse(document), item),
    doHover: (document, position) => doHover(document, parse(document), position),
    getCodeActions: (document, _range, context) => getCodeActions(document, parse(document), context, options.log),
    findDefinition: (document, position) => findDefinition(document, parse(document), position),
    findReferences: (document, position, context) => findReferences(document, parse(document), position, context),
    findDocumentHighlights: (document, position) => findDocumentHighlights(document, parse(document), position),
    prepareRename: (document, position) => prepareRename(document, parse(document), position),
    doRename: (document, position, newName) => doRename(document, parse(document), position, newName),
    findDocumentSymbols: (document) => findDocumentSymbols(document, parse(document)),
    getFoldingRanges: (document, context) => getFoldingRanges(document, parse(document), context),
    getSelectionRanges: (document, positions) => getSelectionRanges(document, parse(document), positions),
    format: (document, range, formatting) => format(document, range, formatting),
    semanticTokensLegend: SEMANTIC_TOKENS_LEGEND,
    getSemanticTokens: (document, range) => getSemanticTokens(document, parse(document), range),
  };
}

/** One parse per document version, for when no shared parser is given. */
function cachedParser(): (document: TextDocument) => AslDocument {
  const cache = new WeakMap<TextDocument, { version: number; asl: AslDocument }>();
  return (document) => {
    const cached = cache.get(document);
    if (cached && cached.version === document.version) return cached.asl;
    const asl = parseAsl(document.getText());
    cache.set(document, { version: document.version, asl });
    return asl;
  };
}
