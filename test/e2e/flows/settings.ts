import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Flow } from '../session';
import { BROKEN_EXAMPLE, CHOICE_WITHOUT_DEFAULT, DUPLICATE_KEY, MISSPELT_FIELD } from './brokenExample';
import { hasAll } from './expect';

const SETTINGS_FILE = '.vscode/settings.json';

export const settingsFlow: Flow = {
  title: 'turning a rule off in statecraft.rules removes its problems, turning it back on restores them',
  async run({ workbench, workspace }) {
    await workbench.openFile(BROKEN_EXAMPLE);
    // The workspace settings already raise choice-no-default from info to warning: read at start-up.
    await workbench.waitForProblems('the duplicate key, and the Choice without `Default` as a warning', (list) =>
      hasAll(list, [DUPLICATE_KEY, CHOICE_WITHOUT_DEFAULT]),
    );

    const original = readFileSync(path.join(workspace, SETTINGS_FILE), 'utf8');
    const rules = { 'choice-no-default': 'warning', 'duplicate-key': 'off' };
    await workbench.openFile(SETTINGS_FILE);
    await workbench.replaceEditorContentAndSave(JSON.stringify({ 'statecraft.rules': rules }));
    await workbench.waitForProblems('no `duplicate-key` problem, the other problems still listed', (list) =>
      !list.some((problem) => problem.code === DUPLICATE_KEY.code) && hasAll(list, [MISSPELT_FIELD, CHOICE_WITHOUT_DEFAULT]),
    );

    await workbench.replaceEditorContentAndSave(original);
    await workbench.waitForProblems('the `duplicate-key` problem again', (list) => hasAll(list, [DUPLICATE_KEY]));
  },
};
