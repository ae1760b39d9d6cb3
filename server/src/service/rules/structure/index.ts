/** The structure rules, in the order their problems are listed. */
import type { Rule } from '../../rule';

export const STRUCTURE_RULES: readonly Rule[] = [];
