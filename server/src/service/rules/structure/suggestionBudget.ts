import { closest } from '../../suggest';

/**
 * Did-you-mean suggestions with a bound on the work per document. Each candidate compared costs an
 * edit distance; without a bound, a machine of thousands of states whose every `Next` is wrong (a
 * bulk rename) would take quadratic time. Past the budget, names get no suggestions.
 */
export class SuggestionBudget {
  constructor(private remaining = 100_000) {}

  closest(name: string, candidates: readonly string[]): string[] {
    if (candidates.length > this.remaining) return [];
    this.remaining -= candidates.length;
    return closest(name, candidates);
  }
}
