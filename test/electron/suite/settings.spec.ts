import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { BROKEN_EXAMPLE, DUPLICATE_KEY, MISSPELT_FIELD } from '../../e2e/flows/brokenExample';
import { codeOf, exampleUri, open, waitForDiagnostics } from './workspace';

describe('settings in desktop VS Code', () => {
  it('turning a rule off in statecraft.rules removes its diagnostics, restoring it brings them back', async () => {
    await open(BROKEN_EXAMPLE);
    const uri = exampleUri(BROKEN_EXAMPLE);
    const has = (code: string) => (diagnostics: readonly vscode.Diagnostic[]) => diagnostics.some((d) => codeOf(d) === code);
    await waitForDiagnostics(uri, 'the duplicate key', has(DUPLICATE_KEY.code));

    const settings = vscode.workspace.getConfiguration('statecraft');
    const original = settings.inspect<Record<string, string>>('rules')?.workspaceValue;
    await settings.update('rules', { ...original, [DUPLICATE_KEY.code]: 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(uri, 'no duplicate-key, the misspelt field still reported', (diagnostics) =>
        !has(DUPLICATE_KEY.code)(diagnostics) && has(MISSPELT_FIELD.code)(diagnostics),
      );
    } finally {
      await settings.update('rules', original, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(uri, 'the duplicate key again', has(DUPLICATE_KEY.code));
  });
});
