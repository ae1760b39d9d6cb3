/**
 * Debugging in the editor: the `asl` debugger runs inline (the same session as `dist/debugAdapter.js`),
 * F5 on an open ASL file works without a launch.json (the input is asked for, remembered per file),
 * commands answer a task waiting for its task token, and hovers evaluate the path, intrinsic call or
 * JSONata expression under the pointer.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Json } from '../../../server/src/interpreter/types';
import { expressionAt } from './expressionAt';
import { AslDebugSession, SEND_TASK_FAILURE_REQUEST, SEND_TASK_SUCCESS_REQUEST, TASK_TOKENS_REQUEST, type AslLaunchArguments } from '../../../server/src/debug/session';

export const DEBUG_TYPE = 'asl';
export const SEND_TASK_SUCCESS_COMMAND = 'statecraft.debug.sendTaskSuccess';
export const SEND_TASK_FAILURE_COMMAND = 'statecraft.debug.sendTaskFailure';
export const DEBUG_FILE_COMMAND = 'statecraft.debug.debugFile';
export const RUN_FILE_COMMAND = 'statecraft.debug.runFile';

const INPUT_KEY = 'statecraft.debug.input:';

type AslConfiguration = vscode.DebugConfiguration & AslLaunchArguments;

export function registerDebugging(context: vscode.ExtensionContext): void {
  const configurations = new AslConfigurationProvider(context.workspaceState);
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, configurations),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new OpenFilesConfigurationProvider(), vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, {
      createDebugAdapterDescriptor: () => {
        const session = new AslDebugSession();
        // Local handlers are code from the workspace: they run only where the workspace is trusted.
        session.handlersAllowed = vscode.workspace.isTrusted;
        return new vscode.DebugAdapterInlineImplementation(session);
      },
    }),
    vscode.commands.registerCommand(SEND_TASK_SUCCESS_COMMAND, (token?: unknown) => answerTaskToken(true, token)),
    vscode.commands.registerCommand(SEND_TASK_FAILURE_COMMAND, (token?: unknown) => answerTaskToken(false, token)),
    vscode.commands.registerCommand(DEBUG_FILE_COMMAND, (uri?: vscode.Uri) => startFile(uri, false)),
    vscode.commands.registerCommand(RUN_FILE_COMMAND, (uri?: vscode.Uri) => startFile(uri, true)),
    vscode.languages.registerEvaluatableExpressionProvider({ language: 'asl' }, new ExpressionUnderPointer()),
  );
}

function activeAslDocument(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === 'asl' ? document : undefined;
}

class AslConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly memory: vscode.Memento) {}

  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return [
      { type: DEBUG_TYPE, request: 'launch', name: 'Debug the open state machine', program: '${file}' },
    ];
  }

  /** F5 without a launch.json: the open ASL file; the input is asked for when the configuration gives none. */
  async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    const resolved = { ...config } as AslConfiguration;
    if (!resolved.type && !resolved.request && !resolved.name) {
      const document = activeAslDocument();
      if (!document) {
        void vscode.window.showInformationMessage('Open an Amazon States Language file (.asl.json) to debug it, or add an `asl` configuration to launch.json.');
        return undefined;
      }
      resolved.type = DEBUG_TYPE;
      resolved.request = 'launch';
      resolved.name = `Debug ${path.basename(document.fileName)}`;
      resolved.program = document.uri.fsPath;
    }
    if (!resolved.program) {
      const document = activeAslDocument();
      if (!document) {
        void vscode.window.showErrorMessage('The `asl` launch configuration has no `program`, and no ASL file is open to run.');
        return undefined;
      }
      resolved.program = document.uri.fsPath;
    }
    if (resolved.program.startsWith('Untitled-') || vscode.workspace.textDocuments.some((d) => d.isUntitled && d.fileName === resolved.program)) {
      void vscode.window.showErrorMessage('Save the state machine to a file before running it.');
      return undefined;
    }
    if (resolved.cwd === undefined && folder) resolved.cwd = folder.uri.fsPath;
    if (resolved.input === undefined && resolved.inputFile === undefined) {
      const input = await this.askForInput(resolved.program);
      if (input === undefined) return undefined;
      resolved.input = input;
    }
    return resolved;
  }

  /** Asks for the execution input, starting from the last one given for this file. */
  private async askForInput(program: string): Promise<Json | undefined> {
    const key = INPUT_KEY + vscode.Uri.file(program).toString();
    const text = await vscode.window.showInputBox({
      title: `Execution input for ${path.basename(program)}`,
      prompt: 'A JSON value; remembered for this file. Set "input" or "inputFile" in launch.json to skip this question.',
      value: this.memory.get<string>(key) ?? '{}',
      ignoreFocusOut: true,
      validateInput: (value) => {
        try {
          JSON.parse(value);
          return undefined;
        } catch (error) {
          return `Not JSON: ${(error as Error).message}`;
        }
      },
    });
    if (text === undefined) return undefined;
    await this.memory.update(key, text);
    return JSON.parse(text) as Json;
  }
}

/** Offers "Debug <file>" for each open ASL file in the Run and Debug view's list. */
class OpenFilesConfigurationProvider implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return vscode.workspace.textDocuments
      .filter((document) => document.languageId === 'asl' && !document.isUntitled)
      .map((document) => ({ type: DEBUG_TYPE, request: 'launch', name: `Debug ${path.basename(document.fileName)}`, program: document.uri.fsPath }));
  }
}

async function startFile(uri: vscode.Uri | undefined, noDebug: boolean): Promise<void> {
  const target = uri ?? activeAslDocument()?.uri;
  if (!target) {
    void vscode.window.showInformationMessage('Open an Amazon States Language file to run it.');
    return;
  }
  const configuration: vscode.DebugConfiguration = { type: DEBUG_TYPE, request: 'launch', name: `${noDebug ? 'Run' : 'Debug'} ${path.basename(target.fsPath)}`, program: target.fsPath };
  await vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(target), configuration, { noDebug });
}

interface WaitingToken {
  token: string;
  stateName: string;
  input: unknown;
}

/** Send Task Success/Failure: answers a task waiting for its token in the active `asl` session. */
async function answerTaskToken(success: boolean, given: unknown): Promise<void> {
  const session = vscode.debug.activeDebugSession;
  if (!session || session.type !== DEBUG_TYPE) {
    void vscode.window.showInformationMessage('No state machine is being debugged.');
    return;
  }
  const { tokens } = (await session.customRequest(TASK_TOKENS_REQUEST)) as { tokens: WaitingToken[] };
  let token = typeof given === 'string' ? given : undefined;
  if (token === undefined) {
    if (tokens.length === 0) {
      void vscode.window.showInformationMessage('No task waits for a task token.');
      return;
    }
    const picked = tokens.length === 1
      ? tokens[0]
      : (await vscode.window.showQuickPick(tokens.map((t) => ({ label: t.stateName, description: t.token, waiting: t })), { title: 'Which task?' }))?.waiting;
    if (!picked) return;
    token = picked.token;
  }
  try {
    if (success) {
      const output = await vscode.window.showInputBox({ title: 'Send Task Success', prompt: 'The task\'s output, a JSON value', value: '{}', ignoreFocusOut: true, validateInput: jsonProblem });
      if (output === undefined) return;
      await session.customRequest(SEND_TASK_SUCCESS_REQUEST, { token, output: JSON.parse(output) });
    } else {
      const error = await vscode.window.showInputBox({ title: 'Send Task Failure', prompt: 'The error name', value: 'States.TaskFailed', ignoreFocusOut: true });
      if (error === undefined) return;
      const cause = await vscode.window.showInputBox({ title: 'Send Task Failure', prompt: 'The cause (optional)', ignoreFocusOut: true });
      if (cause === undefined) return;
      await session.customRequest(SEND_TASK_FAILURE_REQUEST, { token, error, cause: cause === '' ? undefined : cause });
    }
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
  }
}

function jsonProblem(value: string): string | undefined {
  try {
    JSON.parse(value);
    return undefined;
  } catch (error) {
    return `Not JSON: ${(error as Error).message}`;
  }
}

/**
 * Hovering a string that holds a path, an intrinsic call or a JSONata expression evaluates the whole
 * string, not the word under the pointer.
 */
class ExpressionUnderPointer implements vscode.EvaluatableExpressionProvider {
  provideEvaluatableExpression(document: vscode.TextDocument, position: vscode.Position): vscode.EvaluatableExpression | undefined {
    const found = expressionAt(document.lineAt(position.line).text, position.character);
    return found ? new vscode.EvaluatableExpression(new vscode.Range(position.line, found.start, position.line, found.end), found.expression) : undefined;
  }
}
