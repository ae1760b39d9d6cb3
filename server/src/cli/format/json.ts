/**
 * The JSON format: one entry per linted file, diagnostics with LSP's 0-based ranges, so tools that
 * already speak LSP positions can consume it unchanged.
 */
import { diagnosticCode, severityName, type LintReport } from './lintResult';

export interface JsonFileResult {
  file: string;
  diagnostics: {
    code: string;
    severity: string;
    message: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
  }[];
}

export function formatJson(report: LintReport): string {
  const results: JsonFileResult[] = report.files.map((file) => ({
    file: file.path,
    diagnostics: file.diagnostics.map((diagnostic) => ({
      code: diagnosticCode(diagnostic),
      severity: severityName(diagnostic),
      message: diagnostic.message,
      range: {
        start: { line: diagnostic.range.start.line, character: diagnostic.range.start.character },
        end: { line: diagnostic.range.end.line, character: diagnostic.range.end.character },
      },
    })),
  }));
  return JSON.stringify(results, null, 2) + '\n';
}
