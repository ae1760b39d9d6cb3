/** The extension: starts the Statecraft language server for ASL documents. */
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { registerCommands } from './commands';
import { registerDebugging } from './debug/register';
import { registerGraphPreview } from './graph/register';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'asl', scheme: 'file' },
      { language: 'asl', scheme: 'untitled' },
    ],
    synchronize: { configurationSection: 'statecraft' },
  };
  registerCommands(context);
  registerDebugging(context);
  registerGraphPreview(context);
  client = new LanguageClient('statecraft', 'Statecraft Language Server', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
