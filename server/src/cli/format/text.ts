/**
 * The text format, as compilers print: `file:line:col: severity code: message` with 1-based lines
 * and columns, so terminals, editors and problem matchers can jump to the place. Related places
 * follow as `file:line:col: note: message`. A summary line closes the output when anything was found;
 * a clean run prints nothing, as eslint does.
 */
import type { Severity } from '../../service/ruleCodes';
import { diagnosticCode, severityName, type LintReport } from './lintResult';

export function formatText(report: LintReport): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let filesWithProblems = 0;
  for (const file of report.files) {
    if (file.diagnostics.length > 0) filesWithProblems++;
    for (const diagnostic of file.diagnostics) {
      const severity = severityName(diagnostic);
      counts[severity]++;
      const { line, character } = diagnostic.range.start;
      lines.push(`${file.path}:${line + 1}:${character + 1}: ${severity} ${diagnosticCode(diagnostic)}: ${diagnostic.message}`);
      for (const related of diagnostic.relatedInformation ?? []) {
        const at = related.location.range.start;
        lines.push(`${file.path}:${at.line + 1}:${at.character + 1}: note: ${related.message}`);
      }
    }
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) return '';
  const kinds = (['error', 'warning', 'info', 'hint'] as const)
    .filter((severity) => counts[severity] > 0)
    // "info" is uncountable: "2 errors, 1 info".
    .map((severity) => (severity === 'info' ? `${counts.info} info` : plural(counts[severity], severity)));
  lines.push('', `${plural(total, 'problem')} (${kinds.join(', ')}) in ${plural(filesWithProblems, 'file')}.`);
  return lines.join('\n') + '\n';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
