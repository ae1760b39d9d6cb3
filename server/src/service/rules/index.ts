/** The rules the validator runs, in the order their problems are listed. */
import type { Rule } from '../rule';
import { jsonSyntaxRule } from './jsonSyntax';
import { duplicateKeyRule } from './duplicateKey';

export const RULES: readonly Rule[] = [jsonSyntaxRule, duplicateKeyRule];
