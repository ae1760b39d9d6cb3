/**
 * Commands the language server's code actions ask the client to run: they change the user's
 * settings, which only the client can write.
 */
import { commands, ConfigurationTarget, window, workspace, type ExtensionContext } from 'vscode';
import { DISABLE_RULE_COMMAND } from '../../server/src/service/features/commandIds';

export function registerCommands(context: ExtensionContext): void {
  context.subscriptions.push(commands.registerCommand(DISABLE_RULE_COMMAND, disableRule));
}

async function disableRule(code: unknown): Promise<void> {
  if (typeof code !== 'string' || code === '') return;
  const configuration = workspace.getConfiguration('statecraft');
  // In a workspace the setting belongs to the project, as the rule's relevance usually does.
  const inWorkspace = (workspace.workspaceFolders?.length ?? 0) > 0;
  const target = inWorkspace ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
  const inspected = configuration.inspect<Record<string, string>>('rules');
  const current = (inWorkspace ? inspected?.workspaceValue : inspected?.globalValue) ?? {};
  await configuration.update('rules', { ...current, [code]: 'off' }, target);
  void window.showInformationMessage(`Statecraft: rule \`${code}\` is now off in the ${inWorkspace ? 'workspace' : 'user'} settings.`);
}
