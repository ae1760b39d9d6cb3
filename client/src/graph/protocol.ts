/**
 * The messages between the extension and the graph preview's webview, and their validation. Both
 * sides check every message they receive against these guards before acting on it: the webview
 * draws only well-formed graphs, and the extension opens save dialogs and moves the editor's
 * selection only on well-formed requests. This module is shared by both bundles, so it uses no
 * Node, VS Code or DOM API.
 */
import type { AslGraph, GraphDetail, GraphEdge, GraphNode, GraphScope } from '../../../server/src/asl/graph';
import { STATE_TYPES } from '../../../server/src/asl/model';
import type { ExecutionStateEventBody, ExecutionStatus } from '../../../server/src/debug/executionEvent';

export type ExportFormat = 'svg' | 'png';

export type Severity = 'error' | 'warning' | 'info';

/** The diagnostics of one state, for its badge and its hover. */
export interface StateDiagnostics {
  id: string;
  severity: Severity;
  messages: string[];
}

/** Extension → webview. */
export type HostMessage =
  /**
   * A graph to draw, of the document `uri` (a new uri resets the view). `problem` is set when the
   * document does not parse and no earlier version of it did: the graph is what could be read.
   */
  | { type: 'graph'; uri: string; title: string; graph: AslGraph; problem?: string }
  /** The document no longer parses: keep the graph drawn, say why in a banner. */
  | { type: 'problem'; message: string }
  /** The statecraft diagnostics of the document: per state, and the totals (states or not). */
  | { type: 'diagnostics'; states: StateDiagnostics[]; errors: number; warnings: number }
  /** The state holding the editor's cursor, or null. */
  | { type: 'selection'; id: string | null }
  /** Where a debug session is in this workflow; null clears the overlay. */
  | { type: 'execution'; execution: ExecutionStateEventBody | null }
  /** Export the drawn graph (the answer is an `exported` message). */
  | { type: 'export'; format: ExportFormat };

/** Webview → extension. */
export type WebviewMessage =
  /** The webview has loaded and listens: send it the current graph. */
  | { type: 'ready' }
  /** Reveal and select the state with this id in the editor. */
  | { type: 'reveal'; id: string }
  /** The drawn graph as an SVG document (text) or a PNG image (base64), to be saved. */
  | { type: 'exported'; format: ExportFormat; data: string }
  /** Something failed in the webview (layout, rendering, an invalid message). */
  | { type: 'error'; message: string };

type Guard<T> = (value: unknown) => value is T;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function isArrayOf<T>(value: unknown, guard: Guard<T>): value is T[] {
  return Array.isArray(value) && value.every((item) => guard(item));
}

function isOneOf<T extends string>(values: readonly T[]): Guard<T> {
  return (value): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
}

const isStateType = isOneOf(STATE_TYPES);
const isEdgeKind = isOneOf(['start', 'next', 'default', 'choice', 'catch', 'end'] as const);
const isScopeKind = isOneOf(['root', 'branch', 'processor'] as const);
const isExportFormat = isOneOf<ExportFormat>(['svg', 'png']);
const isSeverity = isOneOf<Severity>(['error', 'warning', 'info']);
const isExecutionStatus = isOneOf<ExecutionStatus>(['running', 'paused', 'succeeded', 'failed', 'aborted', 'timedOut']);

function isDetail(value: unknown): value is GraphDetail {
  return isRecord(value) && isString(value.label) && isString(value.value);
}

function isNode(value: unknown): value is GraphNode {
  if (!isRecord(value) || !isString(value.id)) return false;
  switch (value.kind) {
    case 'start':
    case 'end':
      return true;
    case 'missing':
      return isString(value.name) && typeof value.substitution === 'boolean';
    case 'state':
      return (
        isString(value.name) &&
        (value.type === undefined || isStateType(value.type)) &&
        isString(value.subtitle) &&
        isArrayOf(value.details, isDetail) &&
        isArrayOf(value.scopes, isScope)
      );
    default:
      return false;
  }
}

function isEdge(value: unknown): value is GraphEdge {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isEdgeKind(value.kind) &&
    isString(value.from) &&
    isString(value.to) &&
    (value.label === undefined || isString(value.label)) &&
    (value.title === undefined || isString(value.title))
  );
}

function isScope(value: unknown): value is GraphScope {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isScopeKind(value.kind) &&
    isString(value.label) &&
    isArrayOf(value.nodes, isNode) &&
    isArrayOf(value.edges, isEdge)
  );
}

/** A well-formed graph whose edges all join nodes of their own scope and whose ids are unique. */
export function isGraph(value: unknown): value is AslGraph {
  if (!isRecord(value) || !isFiniteNumber(value.stateCount) || !isScope(value.root)) return false;
  const ids = new Set<string>();
  const scopes: GraphScope[] = [value.root];
  while (scopes.length > 0) {
    const scope = scopes.pop()!;
    const local = new Set<string>();
    for (const node of scope.nodes) {
      if (ids.has(node.id) || node.id === scope.id) return false;
      ids.add(node.id);
      local.add(node.id);
      if (node.kind === 'state') scopes.push(...node.scopes);
    }
    if (!scope.edges.every((edge) => local.has(edge.from) && local.has(edge.to))) return false;
  }
  return true;
}

function isStateDiagnostics(value: unknown): value is StateDiagnostics {
  return isRecord(value) && isString(value.id) && isSeverity(value.severity) && isArrayOf(value.messages, isString);
}

function isEdgePair(value: unknown): value is [string, string] {
  return Array.isArray(value) && value.length === 2 && isString(value[0]) && isString(value[1]);
}

export function isExecutionStateEventBody(value: unknown): value is ExecutionStateEventBody {
  return (
    isRecord(value) &&
    isString(value.program) &&
    isExecutionStatus(value.status) &&
    isArrayOf(value.current, isString) &&
    isArrayOf(value.visited, isString) &&
    isArrayOf(value.takenEdges, isEdgePair) &&
    isArrayOf(value.failed, isString)
  );
}

export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'graph':
      return (
        isString(value.uri) &&
        isString(value.title) &&
        isGraph(value.graph) &&
        (value.problem === undefined || isString(value.problem))
      );
    case 'problem':
      return isString(value.message);
    case 'diagnostics':
      return isArrayOf(value.states, isStateDiagnostics) && isFiniteNumber(value.errors) && isFiniteNumber(value.warnings);
    case 'selection':
      return value.id === null || isString(value.id);
    case 'execution':
      return value.execution === null || isExecutionStateEventBody(value.execution);
    case 'export':
      return isExportFormat(value.format);
    default:
      return false;
  }
}

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'reveal':
      return isString(value.id);
    case 'exported':
      return isExportFormat(value.format) && isString(value.data);
    case 'error':
      return isString(value.message);
    default:
      return false;
  }
}
