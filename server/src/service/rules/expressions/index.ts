/** The expressions rules, in the order their problems are listed. */
import type { Rule } from '../../rule';

export const EXPRESSIONS_RULES: readonly Rule[] = [];
