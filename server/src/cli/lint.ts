/**
 * `statecraft lint`: lints files through the same language service as the editor, so the CLI and the
 * Problems panel never disagree, and prints the result in one of the output formats.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { pathToFileURL } from 'node:url';
import { getLanguageService } from '../service/languageService';
import { RULES_DOCS_BASE, SEVERITY_SETTINGS } from '../service/ruleCodes';
import { byPosition, type LintedFile, type LintReport } from './format/lintResult';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { parseLintArgs, type OutputFormat } from './lintArgs';
import { expandPatterns, readInput } from './lintFiles';
import { endQuietlyOnClosedPipe } from './closedPipe';

/** Where the command writes; the process's streams, or a test's buffers. */
export interface CommandIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const EXIT_CLEAN = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE_OR_IO = 2;

export const LINT_USAGE = `Usage: statecraft lint [options] <file or glob>...

Checks Amazon States Language (AWS Step Functions) definitions: the problems AWS would reject, and more.

Options:
  -f, --format <format>   Output format, one of:
                            text   file:line:col: severity code: message (1-based), then a summary line;
                                   a clean run prints nothing
                            json   [{"file", "diagnostics": [{"code", "severity", "message", "range"}]}]
                                   with 0-based ranges as in LSP
                            sarif  SARIF 2.1.0, for code-scanning services
      --rule <code=severity>
                          Overrides the severity of a rule code: ${SEVERITY_SETTINGS.join(', ')}.
                          Repeatable; the last one for a code wins.
  -h, --help              Shows this help.

Files and globs:
  Quote globs so that the shell leaves them alone: statecraft lint 'workflows/**/*.asl.json'.
  Globs skip node_modules. A file that does not exist or cannot be read, and a glob that matches
  nothing, are reported on stderr; the other files are still linted.

Exit status:
  0  no problem of severity error (warnings and info do not fail a run)
  1  at least one problem of severity error, after --rule overrides
  2  a usage problem (nothing is linted), or a file that could not be read, or a glob that matched
     nothing; 2 wins over 1, because a run that skipped files cannot vouch for them

Rule codes and their pages: ${RULES_DOCS_BASE}README.md
`;

const FORMATTERS: Record<OutputFormat, (report: LintReport) => string> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
};

export async function lintCommand(args: string[], io: CommandIo = processIo()): Promise<number> {
  const parsed = parseLintArgs(args);
  if (!parsed.ok) {
    io.stderr(`statecraft lint: ${parsed.reason}; see \`statecraft lint --help\`\n`);
    return EXIT_USAGE_OR_IO;
  }
  const { options } = parsed;
  if (options.help) {
    io.stdout(LINT_USAGE);
    return EXIT_CLEAN;
  }
  if (options.patterns.length === 0) {
    io.stderr('statecraft lint: no file or glob given; see `statecraft lint --help`\n');
    return EXIT_USAGE_OR_IO;
  }

  const service = getLanguageService({ log: (message) => io.stderr(`statecraft lint: ${message}\n`) });
  service.configure({ rules: options.rules });

  const { files: inputs, problems } = await expandPatterns(options.patterns, io.cwd);
  const files: LintedFile[] = [];
  for (const input of inputs) {
    const read = await readInput(input);
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const document = TextDocument.create(pathToFileURL(input.absolutePath).href, 'asl', 1, read.text);
    const diagnostics = service.doValidation(document).sort(byPosition);
    files.push({ path: input.path, absolutePath: input.absolutePath, diagnostics });
  }

  for (const problem of problems) io.stderr(`statecraft lint: ${problem.message}\n`);
  io.stdout(FORMATTERS[options.format]({ files, inputProblems: problems, cwd: io.cwd }));

  if (problems.length > 0) return EXIT_USAGE_OR_IO;
  const anyError = files.some((file) => file.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error));
  return anyError ? EXIT_ERRORS : EXIT_CLEAN;
}

function processIo(): CommandIo {
  endQuietlyOnClosedPipe();
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}
