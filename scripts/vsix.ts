/** Packages the extension as a .vsix with @vscode/vsce, the way it is published. */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

export interface PackagedExtension {
  file: string;
  bytes: number;
  /** The files inside, as vsce lists them. */
  files: string[];
}

/**
 * `vsce package` runs the `vscode:prepublish` script (a minified build) first. `--no-dependencies`:
 * esbuild has bundled every dependency into dist/, so node_modules stays out of the package.
 */
export function packageExtension(out = defaultVsixPath()): PackagedExtension {
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  execFileSync(vsce, ['package', '--no-dependencies', '--out', out], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const listing = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return { file: out, bytes: statSync(out).size, files: listing.split('\n').filter((line) => line.trim() !== '') };
}

export function defaultVsixPath(): string {
  const { name, version } = require(path.join(ROOT, 'package.json')) as { name: string; version: string };
  return path.join(ROOT, `${name}-${version}.vsix`);
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}
