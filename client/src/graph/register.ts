/**
 * The graph preview's commands and the debug sessions' positions it shows:
 * - `statecraft.graph.open`: the preview of an ASL file (editor title button, context menus, Ctrl/Cmd+K V);
 * - `statecraft.graph.exportSvg`, `statecraft.graph.exportPng`: the drawn graph as an image file;
 * - the debugger's `statecraft.executionState` events, forwarded to the preview of the program they run.
 */
import * as vscode from 'vscode';
import { EXECUTION_STATE_EVENT, type ExecutionStateEventBody } from '../../../server/src/debug/executionEvent';
import { GraphPreview, type GraphPreviewHost } from './panel';
import { isExecutionStateEventBody, type ExportFormat } from './protocol';

export const OPEN_GRAPH_COMMAND = 'statecraft.graph.open';
export const EXPORT_SVG_COMMAND = 'statecraft.graph.exportSvg';
export const EXPORT_PNG_COMMAND = 'statecraft.graph.exportPng';

/** The debug type of the Statecraft debugger. */
const DEBUG_TYPE = 'asl';

export function registerGraphPreview(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Statecraft Graph Preview', { log: true });
  /** The latest position of each debug session still running, by its program's URI. */
  const executions = new Map<string, ExecutionStateEventBody>();
  /** The programs each debug session reported on, to forget their positions when it ends. */
  const programs = new Map<string, Set<string>>();
  const host: GraphPreviewHost = {
    extensionUri: context.extensionUri,
    log,
    executionOf: (uri) => executions.get(uri.toString()),
  };

  /** The document a command is about: the one clicked in a menu, else the active editor's. */
  const documentFor = async (resource: unknown): Promise<vscode.TextDocument | undefined> => {
    if (resource instanceof vscode.Uri) return vscode.workspace.openTextDocument(resource);
    const active = vscode.window.activeTextEditor?.document;
    if (active) return active;
    void vscode.window.showInformationMessage('Statecraft: open an ASL file to see its graph.');
    return undefined;
  };

  const exportGraph = async (format: ExportFormat, resource: unknown) => {
    let preview = GraphPreview.open;
    if (!preview || resource instanceof vscode.Uri) {
      const document = await documentFor(resource);
      if (!document) return;
      preview = GraphPreview.show(host, document);
    }
    preview.requestExport(format);
  };

  context.subscriptions.push(
    log,
    { dispose: () => GraphPreview.open?.dispose() },
    vscode.commands.registerCommand(OPEN_GRAPH_COMMAND, async (resource: unknown) => {
      // The document asked for is drawn as ASL whatever its language: a key bound to the command
      // without a `when` clause works on a definition in a plain `.json` file too.
      const document = await documentFor(resource);
      if (document) GraphPreview.show(host, document);
    }),
    vscode.commands.registerCommand(EXPORT_SVG_COMMAND, (resource: unknown) => exportGraph('svg', resource)),
    vscode.commands.registerCommand(EXPORT_PNG_COMMAND, (resource: unknown) => exportGraph('png', resource)),
    vscode.debug.onDidReceiveDebugSessionCustomEvent((event) => {
      if (event.session.type !== DEBUG_TYPE || event.event !== EXECUTION_STATE_EVENT) return;
      if (!isExecutionStateEventBody(event.body)) {
        log.warn(`Ignored a malformed ${EXECUTION_STATE_EVENT} event: ${JSON.stringify(event.body)?.slice(0, 200)}`);
        return;
      }
      const program = vscode.Uri.file(event.body.program).toString();
      executions.set(program, event.body);
      programs.set(event.session.id, (programs.get(event.session.id) ?? new Set()).add(program));
      GraphPreview.open?.showExecution(event.body);
    }),
    vscode.debug.onDidTerminateDebugSession((session) => {
      // The preview keeps the final picture of the run; a preview opened later starts clean.
      for (const program of programs.get(session.id) ?? []) executions.delete(program);
      programs.delete(session.id);
    }),
  );
}
