/**
 * `npm run test:electron`: a smaller suite that runs inside a desktop VS Code's extension host,
 * through @vscode/test-electron. It downloads VS Code (VSCODE_VERSION, default the latest stable)
 * into .cache/vscode-test, so it needs a machine that can reach VS Code's download site; the suite
 * that runs everywhere, in code-server, is `npm run test:e2e`.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  // The extension host loads plain CommonJS: bundle the suite, leaving `vscode` (the host's) and
  // mocha (which loads its reporters dynamically) to be required at run time.
  const suite = path.join(ROOT, 'out', 'electron', 'suite.js');
  await build({
    entryPoints: [path.join(__dirname, 'suite', 'index.ts')],
    outfile: suite,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: true,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });

  const temp = mkdtempSync(path.join(os.tmpdir(), 'statecraft-electron-'));
  const workspace = path.join(temp, 'workspace');
  cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION,
      cachePath: path.join(ROOT, '.cache', 'vscode-test'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suite,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(temp, 'user-data')],
    });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const offline = /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(message);
  console.error(`test:electron: ${offline ? `could not download VS Code (${message}); this suite needs a machine that can, npm run test:e2e runs everywhere` : message}`);
  process.exit(1);
});
