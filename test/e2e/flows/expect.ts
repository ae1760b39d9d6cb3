/** Expected Problems panel rows, described by what a user reads in them. */
import type { Problem, ProblemSeverity } from '../workbench';

export interface ExpectedProblem {
  code: string;
  line: number;
  severity: ProblemSeverity;
  /** Fragments the message must contain: the names it is about and the suggested fix. */
  says: string[];
}

export function matches(problem: Problem, expected: ExpectedProblem): boolean {
  return (
    problem.code === expected.code &&
    problem.line === expected.line &&
    problem.severity === expected.severity &&
    problem.source === 'statecraft' &&
    expected.says.every((fragment) => problem.message.includes(fragment))
  );
}

export function hasAll(problems: Problem[], expected: ExpectedProblem[]): boolean {
  return expected.every((one) => problems.some((problem) => matches(problem, one)));
}

export function describeExpected(expected: ExpectedProblem[]): string {
  return expected.map((one) => `${one.severity} ${one.code} on line ${one.line} saying ${one.says.map((s) => `"${s}"`).join(' and ')}`).join('; ');
}
