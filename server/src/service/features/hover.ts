/**
 * Hover: what the text under the caret means in ASL. A field shows the schema's description for
 * the object it is in (a Task's `TimeoutSeconds`, not a Map's); a state name shows that state at a
 * glance; a state type, a `Resource`, an error name, an intrinsic function, a context object
 * field, `$states`, a JSONata function or a variable shows what it is.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { LAMBDA_ERRORS, statesError } from '../../asl/errors';
import { getIntrinsicFunction } from '../../asl/intrinsics';
import { keyOf } from '../../asl/jsonNode';
import { STATE_TYPES, type AslDocument, type JsonNode, type StateType, type TextSpan } from '../../asl/model';
import { fieldsOf, objectSchema, stateTypeDescription } from '../../asl/schema';
import { COMPARISON_OPERATORS } from '../rules/structure/choiceOperators';
import { contextField, STATES_FIELD_DOCS } from './catalog/contextObject';
import { jsonataFunctionDoc } from './catalog/jsonataFunctions';
import { describeResource } from './catalog/serviceIntegrations';
import { describeErrorName, describeIntrinsic, describeJsonataFunction, describeState } from './describe';
import { nodeAt, objectContextOf, spanRange, stateSymbolAt, type ObjectContext } from './locate';
import { variablesVisibleAt } from './variables';

export function doHover(document: TextDocument, asl: AslDocument, position: Position): Hover | null {
  const offset = document.offsetAt(position);
  const found = hoverAt(asl, offset);
  if (!found) return null;
  return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: spanRange(document, found.span) };
}

interface Found {
  markdown: string;
  span: TextSpan;
}

function hoverAt(asl: AslDocument, offset: number): Found | undefined {
  const symbol = stateSymbolAt(asl, offset);
  if (symbol) {
    if (symbol.state) return { markdown: describeState(symbol.state), span: symbol.node };
    return { markdown: `No state named \`${symbol.name}\` in this scope.`, span: symbol.node };
  }
  const node = nodeAt(asl.root, offset);
  if (node?.type !== 'string' || offset <= node.offset || offset >= node.offset + node.length) return undefined;
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[0] === node) return fieldHover(asl, parent, node);
  const property = parent?.type === 'property' ? parent : parent?.type === 'array' ? parent.parent : undefined;
  if (property?.type !== 'property' || !property.parent) return undefined;
  const context = objectContextOf(asl, property.parent);
  if (!context) return undefined;
  return valueHover(asl, context, keyOf(property).value as string, node, offset);
}

function fieldHover(asl: AslDocument, property: JsonNode, key: JsonNode): Found | undefined {
  const context = property.parent && objectContextOf(asl, property.parent);
  if (!context) return undefined;
  const name = key.value as string;
  const span = { offset: key.offset, length: key.length };
  if (context.kind === 'ChoiceRule' || context.kind === 'NestedChoiceRule') {
    const operand = COMPARISON_OPERATORS.get(name);
    if (operand) return { markdown: `**${name}** · Choice rule comparison\n\nCompares \`Variable\` with ${operand === 'path' ? 'the value at a path' : operand === 'test' ? '`true` or `false` (whether the type test holds)' : `a ${operand}`}.`, span };
    return undefined;
  }
  if (context.kind === 'States' || context.kind === 'Data' || context.kind === 'UntypedState') return undefined;
  const field = fieldsOf(context.kind).find((candidate) => candidate.name === name);
  if (!field) return undefined;
  const owner = objectSchema(context.kind).title ?? context.kind;
  const notes = [field.required ? 'required' : 'optional'];
  if (field.queryLanguage) notes.push(`${field.queryLanguage} only`);
  if (field.replacedBy) notes.push(`deprecated: use \`${field.replacedBy}\``);
  return { markdown: `**${name}** · field of ${owner} (${notes.join(', ')})\n\n${field.description}`, span };
}

function valueHover(asl: AslDocument, context: ObjectContext, key: string, node: JsonNode, offset: number): Found | undefined {
  const value = node.value as string;
  const span = { offset: node.offset, length: node.length };
  const isState = (STATE_TYPES as readonly string[]).includes(context.kind) || context.kind === 'UntypedState';
  if (key === 'Type' && isState && (STATE_TYPES as readonly string[]).includes(value)) {
    return { markdown: `**${value}** state\n\n${stateTypeDescription(value as StateType)}`, span };
  }
  if (key === 'Resource') {
    const description = describeResource(value);
    return description ? { markdown: description, span } : undefined;
  }
  if (key === 'ErrorEquals' && node.parent?.type === 'array') {
    const info = statesError(value) ?? LAMBDA_ERRORS.find((error) => error.name === value);
    return info ? { markdown: describeErrorName(info), span } : undefined;
  }
  return expressionHover(asl, context, node, offset);
}

/** The word of an expression under the caret: an intrinsic, a context path, `$states...`, a function or a variable. */
function expressionHover(asl: AslDocument, context: ObjectContext, node: JsonNode, offset: number): Found | undefined {
  const text = asl.text;
  const isWord = (c: string | undefined) => c !== undefined && /[\w.$]/.test(c);
  let start = offset;
  while (start > node.offset + 1 && isWord(text[start - 1])) start--;
  let end = offset;
  while (end < node.offset + node.length - 1 && isWord(text[end])) end++;
  const word = text.slice(start, end).replace(/\.+$/, '');
  if (!word) return undefined;
  const span = { offset: start, length: word.length };

  const intrinsic = getIntrinsicFunction(word);
  if (intrinsic) return { markdown: describeIntrinsic(intrinsic), span };
  const contextPath = /^(?:\$\$\.|\$states\.context\.)(.+)$/.exec(word);
  if (contextPath) {
    const field = contextField(contextPath[1]);
    return field ? { markdown: `**${word}** · context object (${field.type})\n\n${field.description}`, span } : undefined;
  }
  const statesField = /^\$states\.(\w+)$/.exec(word);
  if (statesField && STATES_FIELD_DOCS[statesField[1]]) {
    return { markdown: `**${word}**\n\n${STATES_FIELD_DOCS[statesField[1]]}`, span };
  }
  const dollar = /^\$(\w+)/.exec(word);
  if (!dollar) return undefined;
  const name = dollar[1];
  const nameSpan = { offset: start, length: name.length + 1 };
  const isCall = text[start + name.length + 1] === '(';
  const fn = jsonataFunctionDoc(name);
  if (fn && isCall && context.queryLanguage === 'JSONata') return { markdown: describeJsonataFunction(fn), span: nameSpan };
  if (!context.state) return undefined;
  const variable = variablesVisibleAt(context.state).find((candidate) => candidate.name === name);
  return variable ? { markdown: `**$${name}** · variable\n\nAssigned in state \`${variable.state.name}\`.`, span: nameSpan } : undefined;
}
