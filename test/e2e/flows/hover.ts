import assert from 'node:assert/strict';
import type { Flow } from '../session';
import { BROKEN_EXAMPLE } from './brokenExample';

export const hoverFlow: Flow = {
  title: 'hovering a field shows its documentation',
  async run({ workbench }) {
    await workbench.openFile(BROKEN_EXAMPLE);
    const startAt = await workbench.hover(3, 'StartAt');
    assert.match(startAt, /StartAt · field of the state machine \(required\)/);
    assert.match(startAt, /The name of the state that runs first/);
    await workbench.page.keyboard.press('Escape');
    const timeout = await workbench.hover(8, 'TimeoutSeconds');
    assert.match(timeout, /TimeoutSeconds · field of a Task state/);
    assert.match(timeout, /States\.Timeout/);
  },
};
