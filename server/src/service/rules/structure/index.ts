/** The structure rules, in the order their problems are listed. */
import type { Rule } from '../../rule';
import { choiceNoDefaultRule } from './choiceNoDefault';
import { choiceRuleRule } from './choiceRule';
import { duplicateStateNameRule } from './duplicateStateName';
import { endAndNextRule } from './endAndNext';
import { infiniteLoopRule } from './infiniteLoop';
import { invalidStateNameRule } from './invalidStateName';
import { missingTransitionRule } from './missingTransition';
import { noTerminalStateRule } from './noTerminalState';
import { statesAllPositionRule } from './statesAllPosition';
import { unknownErrorNameRule } from './unknownErrorName';
import { unknownStateRule } from './unknownState';
import { unreachableStateRule } from './unreachableState';

export const STRUCTURE_RULES: readonly Rule[] = [
  duplicateStateNameRule,
  invalidStateNameRule,
  unknownStateRule,
  missingTransitionRule,
  endAndNextRule,
  noTerminalStateRule,
  unreachableStateRule,
  infiniteLoopRule,
  choiceRuleRule,
  choiceNoDefaultRule,
  unknownErrorNameRule,
  statesAllPositionRule,
];
