import type { Flow } from '../session';
import { BROKEN_EXAMPLE, DUPLICATE_KEY, MISSPELT_FIELD } from './brokenExample';
import { hasAll } from './expect';

export const quickFixFlow: Flow = {
  title: 'Ctrl+. on a misspelt field applies the suggested quick fix and its problem disappears',
  async run({ workbench }) {
    await workbench.openFile(BROKEN_EXAMPLE);
    await workbench.waitForProblems('the misspelt field', (list) => hasAll(list, [MISSPELT_FIELD]));

    await workbench.goTo(MISSPELT_FIELD.line, 9); // inside "ResultPth"
    await workbench.applyQuickFix('Change to `ResultPath`');
    await workbench.waitForProblems('no `unknown-field` problem, the other mistakes still listed', (list) =>
      !list.some((problem) => problem.code === MISSPELT_FIELD.code) && hasAll(list, [DUPLICATE_KEY]),
    );
    await workbench.undo();
    await workbench.waitForProblems('the misspelt field again after undoing the fix', (list) => hasAll(list, [MISSPELT_FIELD]));
  },
};
