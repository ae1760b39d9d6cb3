import { readdirSync } from 'node:fs';
import type { Flow } from '../session';
import { BROKEN_EXAMPLE } from './brokenExample';

export const cleanExamplesFlow: Flow = {
  title: 'every other example (JSONPath, JSONata with variables, SAM substitutions, ...) has no problems',
  async run({ workbench, workspace }) {
    const examples = readdirSync(workspace).filter((file) => file.endsWith('.asl.json') && file !== BROKEN_EXAMPLE);
    for (const file of examples) {
      await workbench.openFile(file);
      // An empty panel only proves something once the file has been validated: break the file, see
      // its problem listed, undo, and see the list of its problems become empty again.
      await workbench.goToEndOfEditor();
      await workbench.type('x');
      await workbench.waitForProblems(`a \`json-syntax\` problem in ${file} after typing past its end`, (list) =>
        list.some((problem) => problem.file === file && problem.code === 'json-syntax'),
      );
      await workbench.undo();
      await workbench.waitForProblems(`no problems in ${file}`, (list) => !list.some((problem) => problem.file === file));
    }
  },
};
