import type { Flow } from '../session';
import { BROKEN_EXAMPLE, DUPLICATE_KEY, UNKNOWN_NEXT } from './brokenExample';
import { hasAll } from './expect';

export const asYouTypeFlow: Flow = {
  title: 'correcting a mistake in the editor clears its problem, undoing the correction brings it back',
  async run({ workbench }) {
    await workbench.openFile(BROKEN_EXAMPLE);
    await workbench.waitForProblems('the unknown `Next` target', (list) => hasAll(list, [UNKNOWN_NEXT]));

    await workbench.replaceInEditor('"Cancel Ordr"', '"Cancel Order"');
    await workbench.waitForProblems(
      'no `unknown-state` problem while the other mistakes are still listed',
      (list) => !list.some((problem) => problem.code === UNKNOWN_NEXT.code) && hasAll(list, [DUPLICATE_KEY]),
    );

    await workbench.undo();
    await workbench.waitForProblems('the unknown `Next` target again after undoing the fix', (list) => hasAll(list, [UNKNOWN_NEXT]));
  },
};
