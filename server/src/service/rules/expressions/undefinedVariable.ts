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
import type { JsonNode, State, TextSpan } from '../../../asl/model';
import { VariableScopes, isDistributedScope } from '../../../asl/variables';
import { spanOf, type Rule } from '../../rule';
import { closest, didYouMean } from '../../suggest';
import { jsonataValues, jsonPathValueKind, pathSites, payloadTemplates, stringNodes, templateEntries } from './sites';
import { valueSpan } from './stringSpan';

interface VariableRead {
  state: State;
  name: string;
  span: TextSpan;
}

export const undefinedVariableRule: Rule = {
  name: 'undefined-variable',
  codes: ['undefined-variable'],
  check({ doc, report }) {
    const reads: VariableRead[] = [];
    for (const state of doc.states) {
      if (state.node.type !== 'object') continue;
      if (state.queryLanguage === 'JSONPath') collectJsonPathReads(doc.text, state, reads);
      else collectJsonataReads(doc.text, state, reads);
    }
    if (reads.length === 0) return;
    const scopes = new VariableScopes(doc);
    const known = scopes.names();
    for (const read of reads) {
      if (scopes.isVisible(read.state, read.name)) continue;
      const assignments = scopes.assignments(read.name);
      let message: string;
      if (assignments.length === 0) {
        message = `\`$${read.name}\` is not assigned by any \`Assign\` in this state machine${didYouMean(closest(read.name, known)) || '.'}`;
      } else if (scopes.isVisible(read.state, read.name, true)) {
        const map = enclosingDistributedMap(read.state);
        message = `\`$${read.name}\` is assigned outside the Distributed Map${map ? ` \`${map.name}\`` : ''}: its iterations run as child workflows and cannot read outer variables. Pass the value in through \`ItemSelector\` instead.`;
      } else {
        const where = [...new Set(assignments.map((a) => `\`${a.state.name}\``))].slice(0, 3).join(', ');
        message = `\`$${read.name}\` is assigned only in ${where}, which cannot run before state \`${read.state.name}\` in its scope or an enclosing one.`;
      }
      report('undefined-variable', {
        ...read.span,
        message,
        data: { name: read.name, suggestions: closest(read.name, known) },
        related: assignments.slice(0, 3).map((a) => ({ ...spanOf(a.keyNode), message: `\`$${read.name}\` is assigned here, in state \`${a.state.name}\`.` })),
      });
    }
  },
};

function enclosingDistributedMap(state: State): State | undefined {
  for (let scope = state.scope; scope.owner; scope = scope.owner.scope) {
    if (isDistributedScope(scope)) return scope.owner;
  }
  return undefined;
}

function collectJsonPathReads(text: string, state: State, out: VariableRead[]): void {
  const readString = (node: JsonNode) => {
    const value = node.value as string;
    const kind = jsonPathValueKind(value);
    if (kind === 'path') {
      const { path } = parsePath(value);
      for (const ref of path ? variablesOf(path) : []) {
        out.push({ state, name: ref.name, span: valueSpan(text, node, ref.offset, ref.length) });
      }
    } else if (kind === 'intrinsic') {
      const { call } = parseIntrinsic(value);
      if (call) collectIntrinsicReads(call, text, node, state, out);
    }
  };
  for (const site of pathSites(state)) {
    if (site.value.type === 'string') readString(site.value);
  }
  for (const template of payloadTemplates(state)) {
    for (const entry of templateEntries(template.node)) {
      if (entry.key.endsWith('.$') && entry.value?.type === 'string') readString(entry.value);
    }
  }
}

function collectIntrinsicReads(argument: IntrinsicArgument, text: string, node: JsonNode, state: State, out: VariableRead[]): void {
  if (argument.kind === 'call') {
    for (const child of argument.arguments) collectIntrinsicReads(child, text, node, state, out);
  } else if (argument.kind === 'path') {
    for (const ref of variablesOf(argument.path)) {
      out.push({ state, name: ref.name, span: valueSpan(text, node, argument.offset + ref.offset, ref.length) });
    }
  }
}

function collectJsonataReads(text: string, state: State, out: VariableRead[]): void {
  for (const site of jsonataValues(state)) {
    for (const node of stringNodes(site.node)) {
      const value = node.value as string;
      if (!isJsonataString(value)) continue;
      const parsed = parseJsonataString(value);
      if (!parsed.ast) continue;
      for (const ref of freeVariables(parsed.ast)) {
        out.push({ state, name: ref.name, span: valueSpan(text, node, parsed.expressionOffset + ref.offset, ref.length) });
      }
    }
  }
}
