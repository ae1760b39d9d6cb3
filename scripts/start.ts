/**
 * `npm start`: the extension as a user gets it, in a real VS Code in the browser. Builds and packages
 * the .vsix, installs it into a cached code-server, opens examples/ on 127.0.0.1 (port from PORT,
 * default 3000) and prints the URL. Ctrl+C stops it.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { ensureCodeServer, installExtension, startCodeServer, writeUserSettings } from './codeServer';
import { formatBytes, packageExtension, ROOT } from './vsix';

const STATE_DIR = path.join(ROOT, '.cache', 'start');

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  if (!(await isFree(port))) throw new Error(`Port ${port} is in use on 127.0.0.1; choose another with PORT=<port> npm start`);

  mkdirSync(STATE_DIR, { recursive: true });
  const vsix = packageExtension(path.join(STATE_DIR, 'statecraft.vsix'));
  console.log(`Packaged ${path.relative(ROOT, vsix.file)} (${formatBytes(vsix.bytes)})`);
  const entry = ensureCodeServer({ browser: false });
  const extensionsDir = path.join(STATE_DIR, 'extensions');
  installExtension(entry, vsix.file, extensionsDir);

  // The profile is kept between runs (your settings and open editors); only its first run seeds it.
  const userDataDir = path.join(STATE_DIR, 'user-data');
  if (!existsSync(path.join(userDataDir, 'User', 'settings.json'))) writeUserSettings(userDataDir, {});

  const logFile = path.join(STATE_DIR, 'code-server.log');
  const log = createWriteStream(logFile, { flags: 'w' });
  const server = await startCodeServer({
    entry,
    port,
    userDataDir,
    extensionsDir,
    folder: path.join(ROOT, 'examples'),
    log: (chunk) => log.write(chunk),
  }).catch((error: unknown) => {
    log.end();
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tail}`);
  });

  console.log(`\nStatecraft is running in VS Code with examples/ open:\n\n    ${server.folderUrl}\n`);
  console.log(`Open it in a browser; broken.asl.json shows what the Problems panel reports. Log: ${path.relative(ROOT, logFile)}`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (): Promise<void> => {
    stopping = true;
    console.log('\nStopping code-server...');
    await server.stop();
    log.end();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  server.process.once('exit', (code) => {
    if (stopping) return;
    console.error(`code-server stopped (exit code ${code}); see ${path.relative(ROOT, logFile)}`);
    process.exit(code === 0 ? 0 : 1);
  });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

main().catch((error: unknown) => {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
