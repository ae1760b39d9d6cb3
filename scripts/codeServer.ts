/**
 * Runs the extension in a real VS Code: code-server (VS Code in the browser), installed once into a
 * cache by scripts/setup-e2e.sh. Shared by `npm start` and the end-to-end tests.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { ROOT } from './vsix';

export interface SetupOptions {
  /** Also require a Chromium to drive (the tests do; `npm start` leaves the browser to you). */
  browser: boolean;
}

/** Installs what is missing (see scripts/setup-e2e.sh) and returns code-server's entry script. */
export function ensureCodeServer({ browser }: SetupOptions): string {
  const output = execFileSync('bash', [path.join(ROOT, 'scripts', 'setup-e2e.sh')], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SKIP_BROWSER: browser ? '' : '1' },
  });
  const entry = output.trim().split('\n').pop();
  if (!entry) throw new Error('scripts/setup-e2e.sh printed no code-server entry');
  return entry;
}

/** Installs a .vsix into an extensions folder, replacing an installed copy of the same version. */
export function installExtension(entry: string, vsix: string, extensionsDir: string): void {
  mkdirSync(extensionsDir, { recursive: true });
  execFileSync(process.execPath, [entry, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Settings that keep the workbench quiet and predictable: no welcome page, tips or update checks. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const dir = path.join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const quiet = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ ...quiet, ...settings }, null, 2));
}

export interface CodeServerOptions {
  entry: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  folder: string;
  /** Ask whether to trust the folder, as VS Code does by default (off: every folder is trusted). */
  workspaceTrust?: boolean;
  /** Where code-server's own stdout/stderr go; inherited when absent. */
  log?: (chunk: string) => void;
}

export interface RunningCodeServer {
  url: string;
  /** The URL that opens `folder` in the workbench. */
  folderUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const { entry, port, userDataDir, extensionsDir, folder, workspaceTrust, log } = options;
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    // Its own config file, so ~/.config/code-server (and any password there) stays untouched.
    '--config', path.join(userDataDir, 'code-server.yaml'),
    '--extensions-dir', extensionsDir,
    folder,
  ];
  mkdirSync(userDataDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'code-server.yaml'), 'auth: none\n');
  // Its own process group, so stopping it also stops the extension host and language server it spawned.
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: log ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // Never leave a server behind, however this process ends.
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  if (log) {
    child.stdout?.setEncoding('utf8').on('data', log);
    child.stderr?.setEncoding('utf8').on('data', log);
  }
  const url = `http://127.0.0.1:${port}/`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running: RunningCodeServer = {
    url,
    folderUrl: `${url}?folder=${encodeURIComponent(folder)}`,
    process: child,
    async stop() {
      process.off('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        killGroup('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      killGroup('SIGKILL'); // whatever of the group outlived its leader
    },
  };
  try {
    await waitForHttp(`${url}healthz`, child, 120_000);
  } catch (error) {
    await running.stop();
    throw error;
  }
  return running;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before it answered`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** A port nobody listens on now, for runs that must not collide with another code-server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
