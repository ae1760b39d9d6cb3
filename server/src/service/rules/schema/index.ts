/** The schema rules, in the order their problems are listed. */
import type { Rule } from '../../rule';
import { deprecatedFieldRule } from './deprecatedField';
import { heartbeatBelowTimeoutRule } from './heartbeatBelowTimeout';
import { invalidResourceRule } from './invalidResource';
import { mapLabelRule } from './mapLabel';
import { mutuallyExclusiveFieldsRule } from './mutuallyExclusiveFields';
import { schemaValidationRule } from './schemaValidation';
import { waitTimestampRule } from './waitTimestamp';

export const SCHEMA_RULES: readonly Rule[] = [
  schemaValidationRule,
  mutuallyExclusiveFieldsRule,
  heartbeatBelowTimeoutRule,
  waitTimestampRule,
  mapLabelRule,
  invalidResourceRule,
  deprecatedFieldRule,
];
