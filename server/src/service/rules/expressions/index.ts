/** The expressions rules, in the order their problems are listed. */
import type { Rule } from '../../rule';
import { invalidIntrinsicRule } from './invalidIntrinsic';
import { invalidJsonataRule } from './invalidJsonata';
import { invalidPathRule } from './invalidPath';
import { invalidReferencePathRule } from './invalidReferencePath';
import { noDollarRule } from './noDollar';
import { noPathRule } from './noPath';
import { payloadTemplateKeysRule } from './payloadTemplateKeys';
import { queryLanguageFieldRule } from './queryLanguageField';
import { undefinedVariableRule } from './undefinedVariable';

export const EXPRESSIONS_RULES: readonly Rule[] = [
  queryLanguageFieldRule,
  invalidPathRule,
  invalidReferencePathRule,
  noPathRule,
  payloadTemplateKeysRule,
  noDollarRule,
  invalidIntrinsicRule,
  invalidJsonataRule,
  undefinedVariableRule,
];
