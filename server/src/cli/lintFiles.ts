/** The files `statecraft lint` reads: literal paths as given, glob patterns expanded. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { InputProblem } from './format/lintResult';

export interface InputFile {
  /** As given, or as the glob matched it. */
  path: string;
  absolutePath: string;
}

export interface ExpandedInputs {
  files: InputFile[];
  problems: InputProblem[];
}

/** Folders a glob never descends into: dependencies are not the user's definitions. */
const IGNORED = ['**/node_modules/**'];

/**
 * Expands the patterns in order. A path that exists is taken literally even if it contains glob
 * characters (`[1].json`); a file named twice is linted once, under its first spelling.
 */
export async function expandPatterns(patterns: readonly string[], cwd: string): Promise<ExpandedInputs> {
  const files: InputFile[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (filePath: string) => {
    const absolutePath = path.resolve(cwd, filePath);
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    files.push({ path: filePath, absolutePath });
  };

  for (const pattern of patterns) {
    const stat = await fs.stat(path.resolve(cwd, pattern)).catch(() => undefined);
    if (stat?.isDirectory()) {
      problems.push({
        path: pattern,
        message: `\`${pattern}\` is a folder; give files or a glob such as \`${path.posix.join(pattern, '**/*.asl.json')}\``,
      });
    } else if (stat) {
      add(pattern);
    } else if (isDynamicPattern(pattern)) {
      const matches = await glob(pattern, {
        cwd,
        onlyFiles: true,
        expandDirectories: false,
        absolute: path.isAbsolute(pattern),
        ignore: IGNORED,
      });
      if (matches.length === 0) problems.push({ message: `no file matches \`${pattern}\`` });
      for (const match of matches.sort()) add(match);
    } else {
      problems.push({ path: pattern, message: `cannot read \`${pattern}\`: no such file` });
    }
  }
  return { files, problems };
}

/** The text of a file (without a byte order mark, as editors show it), or why it cannot be read. */
export async function readInput(file: InputFile): Promise<{ text: string } | { problem: InputProblem }> {
  try {
    const text = await fs.readFile(file.absolutePath, 'utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return { problem: { path: file.path, message: `cannot read \`${file.path}\`: ${describeIoError(error)}` } };
  }
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
