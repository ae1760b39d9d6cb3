/**
 * `undefined-variable` (a warning): a workflow variable read where no `Assign` that can run before
 * it defines it. Reads are found in JSONPath paths (`$name`, `$name.field`, filters), intrinsic
 * function arguments and JSONata expressions (free `$name`s: not JSONata or Step Functions
 * functions, not `$states`, not names the expression binds itself).
 *
 * Visibility follows the AWS scoping rules (see `VariableScopes`): a state sees what states of its
 * own scope assign when they can run before it, and what its enclosing Parallel or Map state sees,
 * except across the boundary of a Distributed Map. The analysis over-approximates what can run
 * before a state, so it reports only reads that no execution can satisfy.
 */
import { parseIntrinsic, type IntrinsicArgument } from '../../../asl/intrinsics';
import { freeVariables, isJsonataString, parseJsonataString } from '../../../asl/jsonata';
import { parsePath, variablesOf } from '../../../asl/jsonpath';
import type { AslDocument, JsonNode, State } from '../../../asl/model';
import { assignmentsOf, isDistributedScope, VariableScopes, type Assignment } from '../../../asl/variables';
import { spanOf, type Rule } from '../../rule';
import { closest, didYouMean } from '../../suggest';
import { jsonPathValueKind, sitesOf } from './sites';
import { valueSpan } from './stringSpan';

/** A variable a state reads, or assigns. */
type VariableUse =
  /** Read in the value of a string node, at `offset` of the (decoded) value. */
  | { name: string; node: JsonNode; offset: number; length: number; assigned?: undefined }
  /** Assigned: the key in `Assign`. */
  | { name: string; assigned: JsonNode };

export const undefinedVariableRule: Rule<VariableUse> = {
  name: 'undefined-variable',
  codes: ['undefined-variable'],
  modelOnly: true,
  gatherState(state, { doc }) {
    const uses: VariableUse[] = assignmentsOf(state).map(({ name, keyNode }) => ({ name, assigned: keyNode }));
    if (state.node.type !== 'object') return uses;
    if (state.queryLanguage === 'JSONPath') collectJsonPathReads(doc, state, uses);
    else collectJsonataReads(doc, state, uses);
    return uses;
  },
  check({ doc, report }, gathered) {
    let scopes: VariableScopes | undefined;
    let known: string[] = [];
    // In document order: the states are gathered in that order.
    for (const [state, uses] of gathered) {
      for (const read of uses) {
        if (read.assigned) continue;
        if (!scopes) {
          scopes = new VariableScopes(doc, assignmentsIn(gathered));
          known = scopes.names();
        }
        if (scopes.isVisible(state, read.name)) continue;
        const assignments = scopes.assignments(read.name);
        let message: string;
        if (assignments.length === 0) {
          message = `\`$${read.name}\` is not assigned by any \`Assign\` in this state machine${didYouMean(closest(read.name, known)) || '.'}`;
        } else if (scopes.isVisible(state, read.name, true)) {
          const map = enclosingDistributedMap(state);
          message = `\`$${read.name}\` is assigned outside the Distributed Map${map ? ` \`${map.name}\`` : ''}: its iterations run as child workflows and cannot read outer variables. Pass the value in through \`ItemSelector\` instead.`;
        } else {
          const where = [...new Set(assignments.map((a) => `\`${a.state.name}\``))].slice(0, 3).join(', ');
          message = `\`$${read.name}\` is assigned only in ${where}, which cannot run before state \`${state.name}\` in its scope or an enclosing one.`;
        }
        report('undefined-variable', {
          ...valueSpan(doc.text, read.node, read.offset, read.length),
          message,
          data: { name: read.name, suggestions: closest(read.name, known) },
          related: assignments.slice(0, 3).map((a) => ({ ...spanOf(a.keyNode), message: `\`$${read.name}\` is assigned here, in state \`${a.state.name}\`.` })),
        });
      }
    }
  },
};

/** The assignments of every state, from what was gathered in each. */
function assignmentsIn(gathered: ReadonlyMap<State, readonly VariableUse[]>): Assignment[] {
  const assignments: Assignment[] = [];
  for (const [state, uses] of gathered) {
    for (const { name, assigned } of uses) if (assigned) assignments.push({ name, state, keyNode: assigned });
  }
  return assignments;
}

function enclosingDistributedMap(state: State): State | undefined {
  for (let scope = state.scope; scope.owner; scope = scope.owner.scope) {
    if (isDistributedScope(scope)) return scope.owner;
  }
  return undefined;
}

function collectJsonPathReads(doc: AslDocument, state: State, out: VariableUse[]): void {
  const readString = (node: JsonNode) => {
    const value = node.value as string;
    const kind = jsonPathValueKind(value);
    if (kind === 'path') {
      const { path } = parsePath(value);
      for (const ref of path ? variablesOf(path) : []) {
        out.push({ name: ref.name, node, offset: ref.offset, length: ref.length });
      }
    } else if (kind === 'intrinsic') {
      const { call } = parseIntrinsic(value);
      if (call) collectIntrinsicReads(call, node, out);
    }
  };
  const sites = sitesOf(doc, state);
  for (const site of sites.paths) {
    if (site.value.type === 'string') readString(site.value);
  }
  for (const template of sites.templates) {
    for (const entry of template.entries) {
      if (entry.key.endsWith('.$') && entry.value?.type === 'string') readString(entry.value);
    }
  }
}

function collectIntrinsicReads(argument: IntrinsicArgument, node: JsonNode, out: VariableUse[]): void {
  if (argument.kind === 'call') {
    for (const child of argument.arguments) collectIntrinsicReads(child, node, out);
  } else if (argument.kind === 'path') {
    for (const ref of variablesOf(argument.path)) {
      out.push({ name: ref.name, node, offset: argument.offset + ref.offset, length: ref.length });
    }
  }
}

function collectJsonataReads(doc: AslDocument, state: State, out: VariableUse[]): void {
  for (const site of sitesOf(doc, state).jsonata) {
    for (const node of site.strings) {
      const value = node.value as string;
      if (!isJsonataString(value)) continue;
      const parsed = parseJsonataString(value);
      if (!parsed.ast) continue;
      for (const ref of freeVariables(parsed.ast)) {
        out.push({ name: ref.name, node, offset: parsed.expressionOffset + ref.offset, length: ref.length });
      }
    }
  }
}
