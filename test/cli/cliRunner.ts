/** Runs the bundled CLI (`node dist/cli.js`, built by `npm test` first) in a scratch folder. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const CLI_BUNDLE = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string): CliRun {
  const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The parsed stdout of a `--format json|sarif` run, failing with its stderr when it is not JSON. */
export function jsonOutput<T = any>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.status}): ${JSON.stringify(run.stdout.slice(0, 200))}; stderr: ${run.stderr}`);
  }
}

/** A fresh folder holding `files` (relative path → content); removed by the returned function. */
export function scratchFolder(files: Record<string, string>): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statecraft-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
