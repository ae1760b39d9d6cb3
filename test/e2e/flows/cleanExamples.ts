import type { Flow } from '../session';

/** The realistic examples: JSONPath with every kind of state, JSONata with variables, SAM substitutions. */
const CLEAN_EXAMPLES = ['order-pipeline.asl.json', 'jsonata-variables.asl.json', 'sam-substitutions.asl.json'];

export const cleanExamplesFlow: Flow = {
  title: 'the realistic examples (JSONPath, JSONata with variables, SAM substitutions) have no problems',
  async run({ workbench }) {
    for (const file of CLEAN_EXAMPLES) {
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
