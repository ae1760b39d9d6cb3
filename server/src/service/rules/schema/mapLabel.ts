/**
 * `invalid-value`: a Map state's `Label` that AWS rejects. AWS adds the label to the names of the
 * Map Run's child executions, so it must be at most 40 characters long, free of whitespace, control
 * characters and `? * < > { } [ ] : ; , \ | ^ ~ $ # % & ` "`, and unique within the state machine.
 */
import { getPropertyValue } from '../../../asl/jsonNode';
import type { JsonNode, State } from '../../../asl/model';
import { spanOf, type Rule } from '../../rule';
import { orList } from './phrases';
import { hasSubstitution } from './substitutions';

const MAX_LENGTH = 40;
const FORBIDDEN = new Set('?*<>{}[]:;,\\|^~$#%&`"');

export const mapLabelRule: Rule = {
  name: 'map-label',
  codes: ['invalid-value'],
  check({ doc, report }) {
    const firstUse = new Map<string, { state: State; node: JsonNode }>();
    for (const state of doc.states) {
      if (state.type !== 'Map') continue;
      const node = getPropertyValue(state.node, 'Label');
      if (node?.type !== 'string') continue;
      const label = node.value as string;
      if (hasSubstitution(label)) continue;
      const problem = labelProblem(label);
      if (problem) {
        report('invalid-value', { ...spanOf(node), message: problem, data: { field: 'Label', value: label } });
        continue;
      }
      const first = firstUse.get(label);
      if (!first) {
        firstUse.set(label, { state, node });
        continue;
      }
      report('invalid-value', {
        ...spanOf(node),
        message: `The label \`${label}\` is already used by the Map state \`${first.state.name}\`; labels must be unique within a state machine.`,
        data: { field: 'Label', value: label },
        related: [{ ...spanOf(first.node), message: `\`${label}\` is first used here.` }],
      });
    }
  },
};

function labelProblem(label: string): string | undefined {
  const characters = [...label];
  if (characters.length > MAX_LENGTH) {
    return `\`Label\` must be at most ${MAX_LENGTH} characters long, not ${characters.length}.`;
  }
  const found = new Set<string>();
  for (const character of characters) {
    if (/\s/.test(character)) found.add('whitespace');
    else if (/[\u0000-\u001f\u007f-\u009f]/.test(character)) found.add('control characters');
    else if (FORBIDDEN.has(character)) found.add(`\`${character}\``);
  }
  if (found.size === 0) return undefined;
  return `\`Label\` cannot contain ${orList([...found])}: AWS uses it in the names of the Map Run's child executions.`;
}
