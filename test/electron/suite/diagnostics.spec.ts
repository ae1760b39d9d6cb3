import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { BROKEN_EXAMPLE, BROKEN_EXAMPLE_PROBLEMS } from '../../e2e/flows/brokenExample';
import type { ExpectedProblem } from '../../e2e/flows/expect';
import { codeOf, exampleUri, open, waitForDiagnostics } from './workspace';

const SEVERITIES: Record<ExpectedProblem['severity'], vscode.DiagnosticSeverity> = {
  Error: vscode.DiagnosticSeverity.Error,
  Warning: vscode.DiagnosticSeverity.Warning,
  Info: vscode.DiagnosticSeverity.Information,
  Hint: vscode.DiagnosticSeverity.Hint,
};

function matches(diagnostic: vscode.Diagnostic, expected: ExpectedProblem): boolean {
  return (
    codeOf(diagnostic) === expected.code &&
    diagnostic.range.start.line === expected.line - 1 &&
    diagnostic.severity === SEVERITIES[expected.severity] &&
    diagnostic.source === 'statecraft' &&
    expected.says.every((fragment) => diagnostic.message.includes(fragment))
  );
}

describe('diagnostics in desktop VS Code', () => {
  it('activates on an .asl.json file and reports each mistake of the broken example', async () => {
    const editor = await open(BROKEN_EXAMPLE);
    assert.equal(editor.document.languageId, 'asl');
    await waitForDiagnostics(exampleUri(BROKEN_EXAMPLE), 'the broken example’s problems', (diagnostics) =>
      BROKEN_EXAMPLE_PROBLEMS.every((expected) => diagnostics.some((diagnostic) => matches(diagnostic, expected))),
    );
    assert.ok(vscode.extensions.getExtension('statecraft.statecraft')?.isActive, 'the extension is active');
  });

  for (const file of ['order-pipeline.asl.json', 'jsonata-variables.asl.json', 'sam-substitutions.asl.json']) {
    it(`reports nothing in ${file}`, async () => {
      const editor = await open(file);
      const uri = editor.document.uri;
      // Proves the file is validated: a character past the end is reported, and taking it away
      // leaves no diagnostics at all.
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      await editor.edit((edit) => edit.insert(end, 'x'));
      await waitForDiagnostics(uri, `a json-syntax problem in ${file}`, (diagnostics) => diagnostics.some((d) => codeOf(d) === 'json-syntax'));
      await vscode.commands.executeCommand('undo');
      await waitForDiagnostics(uri, `no diagnostics in ${file}`, (diagnostics) => diagnostics.length === 0);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
