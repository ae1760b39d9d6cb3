/**
 * What the extension tells the graph preview about a document, as plain functions of its text: the
 * graph (or, while the JSON is broken, why the last good graph stays), the diagnostics per state,
 * the state under the cursor, the state to reveal for a click. No VS Code API here: the tests feed
 * the webview exactly these messages.
 */
import { buildGraph, findStateById, stateAt, stateId } from '../../../server/src/asl/graph';
import type { AslDocument } from '../../../server/src/asl/model';
import { parseAsl } from '../../../server/src/asl/parse';
import type { HostMessage, Severity, StateDiagnostics } from './protocol';

/** A diagnostic as the preview needs it: where it starts, how bad, what it says. */
export interface DiagnosticItem {
  offset: number;
  severity: Severity;
  message: string;
}

/** The text span a click on a node selects: the state's name, inside its quotes. */
export interface TextSelection {
  offset: number;
  length: number;
}

/**
 * Milliseconds between the last keystroke and the graph update: 100 for a workflow of ordinary size,
 * so the graph follows typing within 300 ms; a tenth of a second more per 200 KB of text, up to a
 * second, since every update parses the whole text again in the extension host.
 */
export function updateDelay(textLength: number): number {
  return 100 + Math.min(900, Math.floor(textLength / 2048));
}

/** Parses each version of a document once and remembers which graph the preview shows. */
export class GraphFeed {
  private parsed: { uri: string; version: number; doc: AslDocument } | undefined;
  /** The document of the graph last sent, and whether it came from text that parsed. */
  private drawn: { uri: string; parsed: boolean } | undefined;

  /** The parse of a document version (cached: the graph, the cursor and clicks share it). */
  document(uri: string, version: number, text: () => string): AslDocument {
    if (this.parsed?.uri !== uri || this.parsed.version !== version) this.parsed = { uri, version, doc: parseAsl(text()) };
    return this.parsed.doc;
  }

  /**
   * The message for a new version of the document: its graph when it parses; when it does not, a
   * problem banner over the last good graph of the same document, or (no good graph of it drawn)
   * what could be read of it, with the banner.
   */
  update(uri: string, title: string, doc: AslDocument): HostMessage {
    const error = doc.syntaxErrors[0];
    if (!error) {
      this.drawn = { uri, parsed: true };
      return { type: 'graph', uri, title, graph: buildGraph(doc) };
    }
    const { line, column } = lineAndColumn(doc.text, error.offset);
    const where = `Line ${line}, column ${column}: ${error.message}`;
    const more = doc.syntaxErrors.length > 1 ? ` (and ${doc.syntaxErrors.length - 1} more syntax error${doc.syntaxErrors.length > 2 ? 's' : ''})` : '';
    if (this.drawn?.uri === uri && this.drawn.parsed) {
      return { type: 'problem', message: `${where}${more}. The graph shows the last version that was valid JSON.` };
    }
    this.drawn = { uri, parsed: false };
    return { type: 'graph', uri, title, graph: buildGraph(doc), problem: `${where}${more}. The graph shows what could be read.` };
  }

  /** Forgets the graph drawn: the next update sends a whole graph (e.g. after the page reloaded). */
  reset(): void {
    this.drawn = undefined;
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The diagnostics message: each diagnostic on the innermost state it lies in, and the totals. */
export function diagnosticsMessage(doc: AslDocument, items: readonly DiagnosticItem[]): HostMessage {
  const states = new Map<string, StateDiagnostics>();
  let errors = 0;
  let warnings = 0;
  for (const item of items) {
    if (item.severity === 'error') errors++;
    if (item.severity === 'warning') warnings++;
    const state = stateAt(doc, item.offset);
    if (!state) continue;
    const id = stateId(state);
    const entry = states.get(id);
    if (!entry) states.set(id, { id, severity: item.severity, messages: [item.message] });
    else {
      entry.messages.push(item.message);
      if (SEVERITY_RANK[item.severity] > SEVERITY_RANK[entry.severity]) entry.severity = item.severity;
    }
  }
  return { type: 'diagnostics', states: [...states.values()], errors, warnings };
}

/** The selection message for a cursor offset: the innermost state holding it, or none. */
export function selectionMessage(doc: AslDocument, offset: number): HostMessage {
  const state = stateAt(doc, offset);
  return { type: 'selection', id: state ? stateId(state) : null };
}

/** Where the editor goes when a node is clicked: the state's name, if the document still has the state. */
export function revealTarget(doc: AslDocument, id: string): TextSelection | undefined {
  const state = findStateById(doc, id);
  if (!state) return undefined;
  // The key node spans the quotes; the selection is the name itself.
  return { offset: state.nameNode.offset + 1, length: Math.max(0, state.nameNode.length - 2) };
}
