/** The rules the validator runs, in the order their problems are listed. */
import type { Rule } from '../rule';
import { jsonSyntaxRule } from './jsonSyntax';
import { duplicateKeyRule } from './duplicateKey';
import { SCHEMA_RULES } from './schema';
import { STRUCTURE_RULES } from './structure';
import { EXPRESSIONS_RULES } from './expressions';

export const RULES: readonly Rule[] = [
  jsonSyntaxRule,
  duplicateKeyRule,
  ...SCHEMA_RULES,
  ...STRUCTURE_RULES,
  ...EXPRESSIONS_RULES,
];
