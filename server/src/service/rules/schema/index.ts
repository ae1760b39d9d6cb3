/** The schema rules, in the order their problems are listed. */
import type { Rule } from '../../rule';

export const SCHEMA_RULES: readonly Rule[] = [];
