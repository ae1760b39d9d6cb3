/** What `statecraft lint` found, as handed to the output formats. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Severity } from '../../service/ruleCodes';

export interface LintedFile {
  /** The path as the user gave it (or as a glob matched it, relative to the working directory). */
  path: string;
  /** The absolute path, for URIs. */
  absolutePath: string;
  /** LSP diagnostics sorted by position: 0-based lines and UTF-16 characters. */
  diagnostics: Diagnostic[];
}

/** A file that could not be linted, or a pattern that matched nothing. */
export interface InputProblem {
  message: string;
  path?: string;
}

export interface LintReport {
  files: LintedFile[];
  inputProblems: InputProblem[];
  /** The working directory relative paths are resolved against. */
  cwd: string;
}

const SEVERITY_NAMES: Record<DiagnosticSeverity, Severity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** The severity name of an LSP diagnostic (a missing severity is an error, as LSP clients read it). */
export function severityName(diagnostic: Diagnostic): Severity {
  return SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Error];
}

export function diagnosticCode(diagnostic: Diagnostic): string {
  return String(diagnostic.code ?? 'unknown');
}

/** Orders diagnostics as compilers list them: by start position, stable for ties. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
