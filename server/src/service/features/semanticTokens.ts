/**
 * Semantic tokens for state names, where they are defined and wherever a transition names them,
 * so the states stand out from the other keys and strings of the JSON.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { AslDocument, TextSpan } from '../../asl/model';
import { getIndex, innerSpan, resolveTransition } from './locate';

const TOKEN_TYPES = ['class'] as const;
const TOKEN_MODIFIERS = ['declaration'] as const;

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

const STATE_NAME = TOKEN_TYPES.indexOf('class');
const DECLARATION = 1 << TOKEN_MODIFIERS.indexOf('declaration');

export function getSemanticTokens(document: TextDocument, asl: AslDocument, range?: Range): SemanticTokens {
  const start = range ? document.offsetAt(range.start) : 0;
  const end = range ? document.offsetAt(range.end) : Number.MAX_SAFE_INTEGER;
  const inRange = (span: TextSpan) => span.offset + span.length >= start && span.offset <= end;

  const tokens: { span: TextSpan; modifiers: number }[] = [];
  for (const state of asl.states) {
    if (inRange(state.nameNode)) tokens.push({ span: innerSpan(state.nameNode), modifiers: DECLARATION });
  }
  // Only names that resolve to a state: an unknown name has its own diagnostic.
  for (const transition of getIndex(asl).transitions) {
    if (inRange(transition.node) && resolveTransition(transition)) {
      tokens.push({ span: innerSpan(transition.node), modifiers: 0 });
    }
  }
  tokens.sort((a, b) => a.span.offset - b.span.offset);

  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const { span, modifiers } of tokens) {
    if (span.length === 0) continue;
    const position = document.positionAt(span.offset);
    const deltaLine = position.line - line;
    data.push(deltaLine, deltaLine === 0 ? position.character - character : position.character, span.length, STATE_NAME, modifiers);
    line = position.line;
    character = position.character;
  }
  return { data };
}
