import type { Flow } from '../session';
import { BROKEN_EXAMPLE, DUPLICATE_KEY, MISSPELT_FIELD, UNKNOWN_NEXT } from './brokenExample';
import { describeExpected, hasAll } from './expect';

/** The manifest declares limited support for untrusted workspaces: linting must work there. */
export const restrictedModeFlow: Flow = {
  title: 'in Restricted Mode (an untrusted folder) the Problems panel still lists the mistakes',
  async run({ workbench }) {
    await workbench.openFile(BROKEN_EXAMPLE);
    const expected = [DUPLICATE_KEY, MISSPELT_FIELD, UNKNOWN_NEXT];
    await workbench.waitForProblems(describeExpected(expected), (list) => hasAll(list, expected));
  },
};
