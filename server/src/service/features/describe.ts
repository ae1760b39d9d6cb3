/** Markdown descriptions shared by hover and completion: a state at a glance, an intrinsic, an error name. */
import { getPropertyValue, stringValue } from '../../asl/jsonNode';
import type { ErrorNameInfo } from '../../asl/errors';
import type { IntrinsicFunction } from '../../asl/intrinsics';
import type { State } from '../../asl/model';
import { jsonataSignature, type JsonataFunctionDoc } from './catalog/jsonataFunctions';

/** A state at a glance: its type, its comment and where it goes next. */
export function describeState(state: State): string {
  const lines = [`**${escapeMarkdown(state.name)}** · ${state.type ? `${state.type} state` : 'state without a `Type`'}`];
  const comment = stringValue(getPropertyValue(state.node, 'Comment'));
  if (comment) lines.push('', escapeMarkdown(comment));
  const goesTo = whereItGoes(state);
  if (goesTo) lines.push('', goesTo);
  return lines.join('\n');
}

function whereItGoes(state: State): string | undefined {
  if (state.type === 'Succeed') return 'Ends successfully.';
  if (state.type === 'Fail') {
    const error = stringValue(getPropertyValue(state.node, 'Error'));
    return error ? `Fails with \`${error}\`.` : 'Fails.';
  }
  const parts: string[] = [];
  const named = (kind: string) => state.transitions.filter((t) => t.kind === kind).map((t) => `\`${t.target}\``);
  const next = named('Next');
  if (next.length > 0) parts.push(`Next: ${next.join(', ')}`);
  const rules = named('Choice');
  if (rules.length > 0) parts.push(`Choices: ${[...new Set(rules)].join(', ')}`);
  const defaults = named('Default');
  if (defaults.length > 0) parts.push(`Default: ${defaults.join(', ')}`);
  const catches = named('Catch');
  if (catches.length > 0) parts.push(`On error: ${[...new Set(catches)].join(', ')}`);
  if (state.end) parts.push('Ends here');
  return parts.length > 0 ? `${parts.join(' · ')}` : undefined;
}

export function describeIntrinsic(fn: IntrinsicFunction): string {
  return ['```', fn.signature, '```', fn.doc, '', `Returns: \`${fn.returns}\``, '', 'Example:', '```', fn.example, '```'].join('\n');
}

export function describeJsonataFunction(doc: JsonataFunctionDoc): string {
  const origin = doc.stepFunctions ? '\n\nProvided by Step Functions.' : '';
  return ['```', jsonataSignature(doc), '```', `${doc.description}${origin}`].join('\n');
}

export function describeErrorName(info: ErrorNameInfo): string {
  const catchable = info.catchable ? '' : '\n\nNo retrier or catcher can handle it.';
  return `**${info.name}**\n\n${info.description}${catchable}`;
}

/** Escapes the characters Markdown would otherwise interpret in user text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, (c) => `\\${c}`);
}
