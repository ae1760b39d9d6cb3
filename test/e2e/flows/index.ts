/**
 * The end-to-end flows, in the order they run in one VS Code window. Each is what a user does and
 * sees; a new feature adds its flow here (quick fix, completion, hover, graph preview, debugging).
 */
import type { Flow } from '../session';
import { problemsPanelFlow } from './problemsPanel';
import { languageServerFlow } from './languageServer';
import { asYouTypeFlow } from './asYouType';
import { cleanExamplesFlow } from './cleanExamples';
import { settingsFlow } from './settings';
import { quickFixFlow } from './quickFix';
import { completionFlow } from './completion';
import { hoverFlow } from './hover';
import { debuggingFlow } from './debugging';
import { graphPreviewFlow } from './graphPreview';
import { restrictedModeFlow } from './restrictedMode';

export const FLOWS: readonly Flow[] = [
  problemsPanelFlow,
  languageServerFlow,
  asYouTypeFlow,
  cleanExamplesFlow,
  settingsFlow,
  quickFixFlow,
  completionFlow,
  hoverFlow,
  graphPreviewFlow,
  debuggingFlow,
];

/** Flows in a window whose folder is not trusted (Restricted Mode). */
export const RESTRICTED_FLOWS: readonly Flow[] = [restrictedModeFlow];
