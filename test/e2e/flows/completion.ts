import assert from 'node:assert/strict';
import type { Flow } from '../session';
import { BROKEN_EXAMPLE, MISSING_TRANSITION } from './brokenExample';
import { hasAll } from './expect';

/** The line that closes `Send Receipt`'s Parameters, the state that lacks its `Next`. */
const SEND_RECEIPT_PARAMETERS_END = 43;

export const completionFlow: Flow = {
  title: 'typing "Next": " offers the state names, and picking one fixes the missing transition',
  async run({ workbench }) {
    await workbench.openFile(BROKEN_EXAMPLE);
    await workbench.waitForProblems('the missing transition', (list) => hasAll(list, [MISSING_TRANSITION]));

    await workbench.goTo(SEND_RECEIPT_PARAMETERS_END, 8);
    await workbench.page.keyboard.press('End');
    await workbench.page.keyboard.press('Enter');
    await workbench.typeKeys(',"Next": "');
    const offered = await workbench.suggestions();
    for (const state of ['Archive Order', 'Cancel Order', 'Charge Card']) {
      assert.ok(offered.includes(state), `The completion list should offer \`${state}\`, it offers: ${offered.join(', ')}`);
    }
    await workbench.acceptSuggestion('Archive Order');
    await workbench.waitForProblems('no `missing-transition` problem', (list) => !list.some((problem) => problem.code === MISSING_TRANSITION.code));
    await workbench.runCommand('File: Revert File');
    await workbench.waitForProblems('the missing transition again after reverting', (list) => hasAll(list, [MISSING_TRANSITION]));
  },
};
