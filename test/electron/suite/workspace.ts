/** Helpers for specs running in the extension host: the example files and their diagnostics. */
import * as vscode from 'vscode';

export function exampleUri(file: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The tests need the examples folder open as the workspace');
  return vscode.Uri.joinPath(folder.uri, file);
}

export async function open(file: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(exampleUri(file));
  return vscode.window.showTextDocument(document);
}

/** A diagnostic's code as a string, whether given plainly or with a link to its documentation. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code ?? '');
}

/** Waits until the diagnostics of `uri` satisfy `accept`, re-checking each time they change. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  description: string,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = 45_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      const listed = vscode.languages
        .getDiagnostics(uri)
        .map((diagnostic) => `  ${diagnostic.range.start.line + 1}: ${codeOf(diagnostic)} ${diagnostic.message}`)
        .join('\n');
      reject(new Error(`Timed out waiting for ${description}; the diagnostics are:\n${listed || '  (none)'}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      listener.dispose();
    };
    check();
  });
}
