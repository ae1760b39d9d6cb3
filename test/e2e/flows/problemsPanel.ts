import assert from 'node:assert/strict';
import type { Flow } from '../session';
import { formatProblems } from '../workbench';
import { BROKEN_EXAMPLE, BROKEN_EXAMPLE_PROBLEMS } from './brokenExample';
import { describeExpected, hasAll } from './expect';

export const problemsPanelFlow: Flow = {
  title: 'opening a workflow with mistakes lists each one in the Problems panel',
  async run({ workbench, record }) {
    const opened = Date.now();
    await workbench.openFile(BROKEN_EXAMPLE);
    const problems = await workbench.waitForProblems(describeExpected(BROKEN_EXAMPLE_PROBLEMS), (list) =>
      hasAll(list.filter((problem) => problem.file === BROKEN_EXAMPLE), BROKEN_EXAMPLE_PROBLEMS),
    );
    record({
      label: 'open → problems listed',
      value: Date.now() - opened,
      unit: 'ms',
      how: 'first .asl.json opened until the Problems panel lists its problems (activation and server start included)',
    });
    const foreign = problems.filter((problem) => problem.source !== 'statecraft' || problem.file !== BROKEN_EXAMPLE);
    assert.equal(foreign.length, 0, `Only Statecraft's problems in the broken example were expected, also listed:\n${formatProblems(foreign)}`);
  },
};
