/**
 * Completion that knows ASL: state names where a state is named, the fields of the object under the
 * caret (for its state type and query language) with value snippets, enum values, whole states and
 * blocks, error names, integration ARNs, and inside expressions the intrinsic functions, the
 * context object, `$states`, JSONata functions and the variables assigned upstream.
 *
 * The work per request is a descent to the caret plus the items of one context: nothing scans the
 * document, so a request stays fast on workflows with thousands of states.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  Range,
  TextEdit,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver-types';
import { LAMBDA_ERRORS, STATES_ERRORS } from '../../asl/errors';
import { scopeGraph } from '../../asl/graph-analysis';
import { INTRINSIC_FUNCTIONS, type IntrinsicFunction } from '../../asl/intrinsics';
import { getProperty, keyOf, properties, stringValue } from '../../asl/jsonNode';
import { STATE_TYPES, type AslDocument, type JsonNode, type Scope, type State, type TextSpan } from '../../asl/model';
import { fieldsOf, objectSchema, stateTypeDescription, type FieldInfo } from '../../asl/schema';
import { BOOLEAN_OPERATORS, COMPARISON_OPERATORS, JSONATA_RULE_FIELDS } from '../rules/structure/choiceOperators';
import { CONTEXT_FIELDS, STATES_FIELD_DOCS, type ContextField } from './catalog/contextObject';
import { JSONATA_FUNCTION_DOCS } from './catalog/jsonataFunctions';
import {
  INTEGRATION_PREFIX,
  ITEM_READER_RESOURCES,
  PATTERN_DESCRIPTIONS,
  RESULT_WRITER_RESOURCES,
  SERVICE_INTEGRATIONS,
  START_EXECUTION_SYNC_2,
} from './catalog/serviceIntegrations';
import { describeErrorName, describeIntrinsic, describeJsonataFunction, describeState } from './describe';
import { getIndex, nodeAt, objectContextOf, stateAt, statePropertyOf, touches, type ObjectContext } from './locate';
import {
  CHOICE_RULE_SNIPPETS,
  STATE_SNIPPETS,
  catcherSnippet,
  emptyBlock,
  escapeSnippet,
  numberPlaceholder,
  renderSnippet,
  retrierSnippet,
  singlePassStates,
  stateMachineSnippet,
  stringChoice,
} from './snippets';
import { variablesVisibleAt } from './variables';

const TRIGGER_SUGGEST: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** Fields whose value is a state name, and the values users then pick from a list. */
const PICK_FROM_LIST = new Set(['Type', 'Next', 'Default', 'StartAt', 'Resource']);

/** The most state names one answer lists; typing narrows the rest down. */
const MAX_STATE_ITEMS = 200;

/** Defaults for numeric fields where the schema's minimum would be a poor start. */
const NUMBER_DEFAULTS: Record<string, number> = {
  Seconds: 10,
  TimeoutSeconds: 60,
  HeartbeatSeconds: 60,
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2,
  MaxDelaySeconds: 60,
};

export function doComplete(document: TextDocument, asl: AslDocument, position: Position): CompletionList {
  const request = new Request(document, asl, document.offsetAt(position));
  completeAt(request);
  return { isIncomplete: request.incomplete, items: request.items };
}

/** One completion request: the caret and the items found so far. */
class Request {
  readonly items: CompletionItem[] = [];
  /** Set when some items were left out: the editor asks again as the user types on. */
  incomplete = false;
  readonly text: string;
  private lastSpan?: TextSpan;
  private lastRange?: Range;

  constructor(
    readonly document: TextDocument,
    readonly asl: AslDocument,
    readonly offset: number,
  ) {
    this.text = asl.text;
  }

  range(span: TextSpan): Range {
    // Most items of a request replace the same span: convert it once.
    if (this.lastSpan && this.lastRange && this.lastSpan.offset === span.offset && this.lastSpan.length === span.length) return this.lastRange;
    this.lastSpan = span;
    this.lastRange = Range.create(this.document.positionAt(span.offset), this.document.positionAt(span.offset + span.length));
    return this.lastRange;
  }

  add(item: Omit<CompletionItem, 'textEdit'> & { span: TextSpan; newText: string; snippet?: boolean }): void {
    const completion: CompletionItem = {
      label: item.label,
      kind: item.kind,
      textEdit: TextEdit.replace(this.range(item.span), item.newText),
      insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (item.detail !== undefined) completion.detail = item.detail;
    if (item.documentation !== undefined) completion.documentation = item.documentation;
    if (item.sortText !== undefined) completion.sortText = item.sortText;
    if (item.filterText !== undefined) completion.filterText = item.filterText;
    if (item.command !== undefined) completion.command = item.command;
    if (item.additionalTextEdits !== undefined) completion.additionalTextEdits = item.additionalTextEdits;
    if (item.data !== undefined) completion.data = item.data;
    this.items.push(completion);
  }
}

/** What `resolveCompletionItem` needs to document a state name item. */
interface StateItemData {
  uri: string;
  /** Offset of the state's name in the document version the item was made for. */
  stateOffset: number;
}

/**
 * Adds the documentation of a state name item, which would cost too much to compute for every
 * state of a large workflow on each request: the editor asks for it when it shows the item.
 */
export function resolveCompletionItem(asl: AslDocument, item: CompletionItem): CompletionItem {
  const data = item.data as Partial<StateItemData> | undefined;
  if (typeof data?.stateOffset !== 'number') return item;
  const state = stateAt(asl, data.stateOffset);
  if (!state || state.name !== item.label || state.nameNode.offset !== data.stateOffset) return item;
  return { ...item, documentation: { kind: MarkupKind.Markdown, value: describeState(state) } };
}

// ---------------------------------------------------------------------------------------------
// Where the caret is

function completeAt(request: Request): void {
  const { asl, offset, text } = request;
  if (!asl.root) {
    if (text.trim() === '') newStateMachineItems(request, { offset, length: 0 });
    return;
  }
  const node = nodeAt(asl.root, offset);
  if (!node) return;
  switch (node.type) {
    case 'string':
      return completeInString(request, node);
    case 'number':
    case 'boolean':
    case 'null':
      if (node.parent?.type === 'array') return completeElement(request, node.parent, node, node);
      return completeValue(request, node.parent, node, node);
    case 'property':
      // After the colon, before any value: `"Next": |`.
      if (node.colonOffset !== undefined && offset > node.colonOffset) {
        const value = node.children?.[1];
        completeValue(request, node, undefined, value && touches(value, offset) ? value : wordBefore(request, offset));
      }
      return;
    case 'object':
      if (isInside(request, node, offset)) completeKey(request, node, undefined, wordBefore(request, offset));
      return;
    case 'array':
      if (isInside(request, node, offset)) completeElement(request, node, undefined, wordBefore(request, offset));
      return;
  }
}

function completeInString(request: Request, node: JsonNode): void {
  const { offset } = request;
  const closed = isClosedString(request.text, node);
  const end = node.offset + node.length;
  // Right after the closing quote, the caret is not in the string; right before the opening one,
  // it is between the previous property or element and this one.
  if (closed && offset >= end) return;
  const parent = node.parent;
  if (offset <= node.offset) {
    const empty = { offset, length: 0 };
    if (parent?.type === 'property' && parent.children?.[0] === node && parent.parent) completeKey(request, parent.parent, undefined, empty);
    else if (parent?.type === 'array') completeElement(request, parent, undefined, empty);
    return;
  }
  const span = closed ? { offset: node.offset, length: node.length } : { offset: node.offset, length: offset - node.offset };
  if (parent?.type === 'property' && parent.children?.[0] === node) {
    completeKey(request, parent.parent!, parent, span);
  } else if (parent?.type === 'property') {
    completeValue(request, parent, node, span);
  } else if (parent?.type === 'array') {
    completeElement(request, parent, node, span);
  }
}

function isClosedString(text: string, node: JsonNode): boolean {
  if (node.length < 2 || text[node.offset + node.length - 1] !== '"') return false;
  let backslashes = 0;
  for (let i = node.offset + node.length - 2; i > node.offset && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** Inside the brackets of an object or array (an unclosed one extends to its last child). */
function isInside(request: Request, node: JsonNode, offset: number): boolean {
  const end = node.offset + node.length;
  const closed = request.text[end - 1] === (node.type === 'object' ? '}' : ']');
  return offset > node.offset && (closed ? offset < end : offset <= end);
}

/** The partly typed token before the caret, e.g. an unquoted `Ty`. */
function wordBefore(request: Request, offset: number): TextSpan {
  let start = offset;
  while (start > 0 && /[\w.$-]/.test(request.text[start - 1])) start--;
  return { offset: start, length: offset - start };
}

// ---------------------------------------------------------------------------------------------
// Property names

function completeKey(request: Request, object: JsonNode, property: JsonNode | undefined, span: TextSpan): void {
  const context = objectContextOf(request.asl, object);
  if (!context) return;
  // Editing the key of a property that already has a value: replace the name only.
  const hasValue = property?.colonOffset !== undefined;
  const present = new Set<string>();
  for (const [key, , other] of properties(object)) if (other !== property) present.add(key);
  const insert = new KeyInsertion(request, object, span, hasValue);

  switch (context.kind) {
    case 'States':
      if (!hasValue && context.scope) stateSnippetItems(request, context.scope, insert);
      return;
    case 'Data':
      return;
    case 'ChoiceRule':
    case 'NestedChoiceRule':
      return choiceRuleFieldItems(request, context, present, insert);
    case 'UntypedState':
      for (const name of ['Type', 'Comment', 'QueryLanguage']) {
        if (present.has(name)) continue;
        const field = fieldsOf('Pass').find((candidate) => candidate.name === name)!;
        fieldItem(request, context, field, 0, insert, name === 'Type');
      }
      return;
    default: {
      const schema = objectSchema(context.kind);
      // A state moves on (`Next`) or ends (`End`), never both.
      const excluded = excludedByPresent([...(schema['x-mutually-exclusive'] ?? []), ['Next', 'End']], present);
      const oneRequired = new Set((schema['x-one-required'] ?? []).flat());
      fieldsOf(context.kind).forEach((field, index) => {
        if (present.has(field.name) || excluded.has(field.name) || field.replacedBy) return;
        if (field.queryLanguage && field.queryLanguage !== context.queryLanguage) return;
        // A state of a JSONata state machine cannot switch back to JSONPath.
        if (field.name === 'QueryLanguage' && context.state && request.asl.stateMachine?.queryLanguage === 'JSONata') return;
        fieldItem(request, context, field, index, insert, field.required || oneRequired.has(field.name));
      });
    }
  }
}

function excludedByPresent(groups: readonly string[][], present: Set<string>): Set<string> {
  const excluded = new Set<string>();
  for (const group of groups) {
    if (group.some((field) => present.has(field))) for (const field of group) excluded.add(field);
  }
  return excluded;
}

/**
 * How a new property is inserted: the replaced span, and the commas that keep the object valid
 * (one after the new property when another follows, one after the previous property when missing).
 */
class KeyInsertion {
  readonly separatorAfter: string;
  readonly separatorBefore?: TextEdit;

  constructor(
    readonly request: Request,
    readonly object: JsonNode,
    readonly span: TextSpan,
    readonly keyOnly: boolean,
  ) {
    const { text } = request;
    let after = span.offset + span.length;
    while (after < text.length && /\s/.test(text[after])) after++;
    this.separatorAfter = !keyOnly && (text[after] === '"' || text[after] === '{') ? ',' : '';
    let before = span.offset;
    while (before > 0 && /\s/.test(text[before - 1])) before--;
    if (!keyOnly && before > object.offset + 1 && !/[,{[]/.test(text[before - 1])) {
      const position = request.document.positionAt(before);
      this.separatorBefore = TextEdit.insert(position, ',');
    }
  }

  /** `"Key": value` as snippet text (or only `"Key"` when the property already has a value). */
  property(key: string, valueSnippet: string): string {
    const quoted = escapeSnippet(JSON.stringify(key));
    return this.keyOnly ? quoted : `${quoted}: ${valueSnippet}${this.separatorAfter}`;
  }

  additionalEdits(): TextEdit[] | undefined {
    return this.separatorBefore ? [this.separatorBefore] : undefined;
  }
}

function fieldItem(request: Request, context: ObjectContext, field: FieldInfo, index: number, insert: KeyInsertion, first: boolean): void {
  const value = valueSnippetOf(request, context, field);
  request.add({
    label: field.name,
    kind: CompletionItemKind.Property,
    detail: field.required ? 'required' : field.queryLanguage ? `${field.queryLanguage} only` : undefined,
    documentation: field.description ? { kind: MarkupKind.Markdown, value: field.description } : undefined,
    sortText: `${first ? 0 : 1}${String(index).padStart(3, '0')}`,
    filterText: insert.keyOnly || insert.span.length > 0 ? JSON.stringify(field.name) : field.name,
    span: insert.span,
    newText: insert.property(field.name, value),
    snippet: true,
    command: !insert.keyOnly && PICK_FROM_LIST.has(field.name) ? TRIGGER_SUGGEST : undefined,
    additionalTextEdits: insert.additionalEdits(),
  });
}

/** The snippet of a field's value, from the field's meaning first and its schema otherwise. */
function valueSnippetOf(request: Request, context: ObjectContext, field: FieldInfo): string {
  const { name, schema } = field;
  const jsonata = context.queryLanguage === 'JSONata';
  const targets = () => (context.state ? targetsFrom(context.state.scope, context.state) : []);
  if (PICK_FROM_LIST.has(name)) return '"$1"';
  switch (name) {
    case 'End':
      return 'true';
    case 'Retry':
      return renderSnippet([retrierSnippet(1)]);
    case 'Catch':
      return renderSnippet([catcherSnippet(context.queryLanguage, targets(), 1)]);
    case 'Choices': {
      const rule = CHOICE_RULE_SNIPPETS.find((snippet) => snippet.queryLanguage === context.queryLanguage)!;
      return renderSnippet([rule.body(stringChoice(jsonata ? 2 : 3, targets()), 1)]);
    }
    case 'Branches':
      return renderSnippet([singlePassStates(uniqueStateName(request.asl, 'Branch 1'))]);
    case 'ItemProcessor':
      return renderSnippet({ ProcessorConfig: { Mode: 'INLINE' }, ...singlePassStates(uniqueStateName(request.asl, 'Process Item')) });
    case 'ProcessorConfig':
      return renderSnippet({ Mode: stringChoice(1, ['INLINE', 'DISTRIBUTED']) });
    case 'ErrorEquals':
      return renderSnippet([stringChoice(1, ['States.ALL', ...STATES_ERRORS.filter((e) => e.catchable && e.name !== 'States.ALL').map((e) => e.name)])]);
    case 'Assign':
      return jsonata ? '{\n\t"${1:name}": "{% $2 %}"\n}' : '{\n\t"${1:name}.\\$": "\\$.$2"\n}';
    case 'Condition':
      return '"{% $1 %}"';
  }
  if (schema.enum) return renderSnippet(stringChoice(1, schema.enum.map(String)));
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (jsonata && (field.queryLanguage === 'JSONata' || types.length === 0)) {
    if (types.includes('object')) return renderSnippet(emptyBlock('{', 1));
    return '"{% $1 %}"';
  }
  if (types.includes('integer') || types.includes('number')) {
    return renderSnippet(numberPlaceholder(1, NUMBER_DEFAULTS[name] ?? schema.minimum ?? 0));
  }
  if (types.includes('boolean')) return '${1|true,false|}';
  if (types.includes('object')) return renderSnippet(emptyBlock('{', 1));
  if (types.includes('array')) return '[$1]';
  if (name.endsWith('Path')) return '"\\$$1"';
  return '"$1"';
}

function choiceRuleFieldItems(request: Request, context: ObjectContext, present: Set<string>, insert: KeyInsertion): void {
  const nested = context.kind === 'NestedChoiceRule';
  const add = (name: string, detail: string, documentation: string, value: string, sort: number) => {
    if (present.has(name)) return;
    request.add({
      label: name,
      kind: CompletionItemKind.Property,
      detail,
      documentation: { kind: MarkupKind.Markdown, value: documentation },
      sortText: `${sort}${name}`,
      filterText: insert.span.length > 0 ? JSON.stringify(name) : name,
      span: insert.span,
      newText: insert.property(name, value),
      snippet: true,
      command: !insert.keyOnly && name === 'Next' ? TRIGGER_SUGGEST : undefined,
      additionalTextEdits: insert.additionalEdits(),
    });
  };
  if (context.queryLanguage === 'JSONata') {
    for (const name of JSONATA_RULE_FIELDS) {
      const docs: Record<string, string> = {
        Condition: 'A JSONata expression `{% ... %}`: the rule matches when it evaluates to `true`.',
        Next: 'The state to run when the rule matches.',
        Assign: 'Variables to set when the rule matches.',
        Output: 'The output of the Choice state when the rule matches.',
        Comment: 'A human-readable description of the rule.',
      };
      const values: Record<string, string> = { Condition: '"{% $1 %}"', Next: '"$1"', Assign: '{\n\t"${1:name}": "{% $2 %}"\n}', Output: '"{% $1 %}"', Comment: '"$1"' };
      add(name, name === 'Condition' || name === 'Next' ? 'required' : 'optional', docs[name], values[name], name === 'Condition' || name === 'Next' ? 0 : 1);
    }
    return;
  }
  const hasComparison = [...present].some((name) => COMPARISON_OPERATORS.has(name) || BOOLEAN_OPERATORS.includes(name));
  if (!nested) add('Next', 'required', 'The state to run when the rule matches.', '"$1"', 0);
  if (!present.has('And') && !present.has('Or') && !present.has('Not')) {
    add('Variable', 'required with a comparison', 'A path to the value to compare, e.g. `$.status`.', '"\\$.$1"', 0);
  }
  if (!hasComparison) {
    for (const [operator, operand] of COMPARISON_OPERATORS) {
      const value =
        operand === 'path' ? '"\\$.$1"' : operand === 'number' ? '${1:0}' : operand === 'boolean' || operand === 'test' ? '${1|true,false|}' : '"$1"';
      add(operator, `comparison (${operand})`, comparisonDoc(operator, operand), value, 2);
    }
    const nestedRule = '[\n\t{\n\t\t"Variable": "\\$.$1",\n\t\t"IsPresent": true\n\t}\n]';
    add('And', 'boolean operator', 'Matches when every nested rule matches.', nestedRule, 3);
    add('Or', 'boolean operator', 'Matches when any nested rule matches.', nestedRule, 3);
    add('Not', 'boolean operator', 'Matches when the nested rule does not.', '{\n\t"Variable": "\\$.$1",\n\t"IsPresent": true\n}', 3);
  }
  if (!nested) {
    add('Assign', 'optional', 'Variables to set when the rule matches.', '{\n\t"${1:name}.\\$": "\\$.$2"\n}', 4);
    add('Comment', 'optional', 'A human-readable description of the rule.', '"$1"', 4);
  }
}

function comparisonDoc(operator: string, operand: string): string {
  if (operand === 'path') return `Compares \`Variable\` with the value at another path (\`${operator.replace(/Path$/, '')}\` against a path).`;
  if (operand === 'test') return `\`true\` when \`Variable\` ${operator === 'IsPresent' ? 'is present in the input' : `holds ${operator.slice(2).toLowerCase() === 'null' ? 'null' : `a ${operator.slice(2).toLowerCase()}`}`}; \`false\` for the opposite.`;
  if (operator === 'StringMatches') return 'Matches `Variable` against a pattern where `*` stands for any characters (`\\*` for a literal star).';
  return `Compares \`Variable\` with a literal ${operand}.`;
}

// ---------------------------------------------------------------------------------------------
// New states in a `States` object

function stateSnippetItems(request: Request, scope: Scope, insert: KeyInsertion): void {
  const { asl, offset } = request;
  const previous = [...scope.stateList].reverse().find((state) => statePropertyOf(state).offset + statePropertyOf(state).length <= offset);
  const following = scope.stateList.find((state) => statePropertyOf(state).offset >= offset);
  const targets = targetsFrom(scope, previous, following);
  STATE_SNIPPETS.forEach((snippet, index) => {
    const taken = new Set<string>();
    const uniqueName = (base: string) => {
      const name = uniqueStateName(asl, base, taken);
      taken.add(name);
      return name;
    };
    const name = uniqueName(snippet.name);
    // The state before, when it ended its scope or went nowhere, now moves on to the new state,
    // which takes over the end. A Fail state is never made the normal continuation.
    const relink = snippet.label !== 'Fail' ? relinkPrevious(request, previous, name) : undefined;
    const next = snippet.transitions && !relink && following && following.name !== name ? following.name : undefined;
    const body = snippet.body({ queryLanguage: scope.queryLanguage, next, targets, uniqueName });
    const edits = [...(insert.additionalEdits() ?? []), ...(relink ? [relink.edit] : [])];
    request.add({
      label: snippet.label,
      kind: CompletionItemKind.Snippet,
      detail: relink ? `New state \`${name}\`; \`${previous!.name}\` moves on to it` : `New state \`${name}\``,
      documentation: { kind: MarkupKind.Markdown, value: snippet.description },
      sortText: String(index).padStart(2, '0'),
      filterText: insert.span.length > 0 ? `"${snippet.label}` : snippet.label,
      span: insert.span,
      newText: insert.property(name, renderSnippet(body)),
      snippet: true,
      additionalTextEdits: edits.length > 0 ? edits : undefined,
    });
  });
}

/** The edit that makes `previous` move on to `name`: its `"End": true` becomes `Next`, or a missing `Next` is added. */
function relinkPrevious(request: Request, previous: State | undefined, name: string): { edit: TextEdit } | undefined {
  if (!previous || previous.node.type !== 'object' || !previous.type) return undefined;
  if (!['Task', 'Pass', 'Wait', 'Parallel', 'Map'].includes(previous.type)) return undefined;
  const next = `"Next": ${JSON.stringify(name)}`;
  if (getProperty(previous.node, 'Next')) return undefined;
  const end = getProperty(previous.node, 'End');
  if (end) {
    return previous.end ? { edit: TextEdit.replace(request.range(end), next) } : undefined;
  }
  const last = previous.node.children?.[previous.node.children.length - 1];
  if (!last) return undefined;
  const { text } = request;
  let lineStart = last.offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  const indentation = /^[ \t]*/.exec(text.slice(lineStart, last.offset))![0];
  const separator = text.slice(lineStart, last.offset).trim() === '' ? `\n${indentation}` : ' ';
  return { edit: TextEdit.insert(request.document.positionAt(last.offset + last.length), `,${separator}${next}`) };
}

/** `base`, or `base 2`, `base 3`...: a name no state of the state machine has. */
export function uniqueStateName(asl: AslDocument, base: string, taken: ReadonlySet<string> = new Set()): string {
  const names = getIndex(asl).statesByName;
  let candidate = base;
  for (let n = 2; names.has(candidate) || taken.has(candidate); n++) candidate = `${base} ${n}`;
  return candidate;
}

function newStateMachineItems(request: Request, span: TextSpan): void {
  for (const queryLanguage of ['JSONPath', 'JSONata'] as const) {
    request.add({
      label: `State machine (${queryLanguage})`,
      kind: CompletionItemKind.Snippet,
      documentation: { kind: MarkupKind.Markdown, value: `A new state machine whose states use ${queryLanguage}.` },
      span,
      newText: stateMachineSnippet(queryLanguage),
      snippet: true,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Values

function completeValue(request: Request, property: JsonNode | undefined, valueNode: JsonNode | undefined, span: TextSpan): void {
  if (property?.type !== 'property' || !property.parent) return;
  const key = keyOf(property).value as string;
  const context = objectContextOf(request.asl, property.parent);
  if (!context) return;
  if (valueNode?.type === 'string' && completeExpression(request, context, key, valueNode)) return;
  const { kind } = context;
  const isState = (STATE_TYPES as readonly string[]).includes(kind) || kind === 'UntypedState';

  if (key === 'Type' && isState) return stateTypeItems(request, span);
  if (key === 'StartAt' && context.scope && context.kind !== 'States') return stateNameItems(request, context.scope, undefined, span);
  if (context.state && ((key === 'Next' && (isState || kind === 'Catcher' || kind === 'ChoiceRule')) || (key === 'Default' && kind === 'Choice'))) {
    return stateNameItems(request, context.state.scope, context.state, span);
  }
  if (key === 'Resource') return resourceItems(request, kind, span);
  if (key === 'QueryLanguage' && (isState || kind === 'StateMachine')) {
    const machineJsonata = request.asl.stateMachine?.queryLanguage === 'JSONata';
    return enumItems(request, isState && machineJsonata ? ['JSONata'] : ['JSONPath', 'JSONata'], span);
  }
  if ((kind === 'ChoiceRule' || kind === 'NestedChoiceRule') && context.queryLanguage === 'JSONPath') {
    const operand = COMPARISON_OPERATORS.get(key);
    if (operand === 'boolean' || operand === 'test') return enumItems(request, [true, false], span);
    return;
  }
  const field = schemaField(context, key);
  if (!field) return;
  if (field.schema.enum) return enumItems(request, field.schema.enum, span);
  if (key === 'End') return enumItems(request, [true], span);
  if (field.schema.type === 'boolean') return enumItems(request, [true, false], span);
}

function schemaField(context: ObjectContext, key: string): FieldInfo | undefined {
  const { kind } = context;
  if (kind === 'States' || kind === 'Data' || kind === 'ChoiceRule' || kind === 'NestedChoiceRule' || kind === 'UntypedState') return undefined;
  return fieldsOf(kind).find((field) => field.name === key);
}

function enumItems(request: Request, values: readonly unknown[], span: TextSpan): void {
  values.forEach((value, index) => {
    const text = JSON.stringify(value);
    request.add({ label: String(value), kind: CompletionItemKind.EnumMember, sortText: String(index).padStart(2, '0'), filterText: text, span, newText: text });
  });
}

function stateTypeItems(request: Request, span: TextSpan): void {
  STATE_TYPES.forEach((type, index) => {
    const text = JSON.stringify(type);
    request.add({
      label: type,
      kind: CompletionItemKind.EnumMember,
      documentation: { kind: MarkupKind.Markdown, value: stateTypeDescription(type) },
      sortText: String(index),
      filterText: text,
      span,
      newText: text,
    });
  });
}

/**
 * The states of a scope in the order a transition out of `from` most likely takes: the states
 * written after it first (nearest first, or from `following` on for a new state), then those
 * before it, and `from` itself last. Lazy, so that a request that needs the first few of thousands
 * of states does not order them all.
 */
function* orderedTargets(scope: Scope, from: State | undefined, following?: State): Generator<State> {
  // The graph's node list holds each name once, in document order, and is built once per scope.
  const { nodes, indexOf } = scopeGraph(scope);
  const fromIndex = from ? indexOf.get(from) : undefined;
  const pivot = following ? indexOf.get(following) ?? 0 : fromIndex !== undefined ? fromIndex + 1 : 0;
  for (let step = 0; step < nodes.length; step++) {
    const state = nodes[(pivot + step) % nodes.length];
    if (state !== from) yield state;
  }
  if (fromIndex !== undefined) yield nodes[fromIndex];
}

function targetsFrom(scope: Scope, from: State | undefined, following?: State): string[] {
  return [...orderedTargets(scope, from, following)].map((state) => state.name);
}

function stateNameItems(request: Request, scope: Scope, from: State | undefined, span: TextSpan): void {
  // What is typed so far narrows the list, so that a scope of thousands of states does not send
  // them all on every keystroke; a subsequence match keeps every name the editor's fuzzy filter could.
  const typed = request.text.slice(span.offset, request.offset).replace(/^"/, '').toLowerCase();
  let rank = 0;
  for (const state of orderedTargets(scope, from)) {
    if (typed && !isSubsequence(typed, state.name.toLowerCase())) continue;
    if (rank === MAX_STATE_ITEMS) {
      request.incomplete = true;
      return;
    }
    const text = JSON.stringify(state.name);
    const data: StateItemData = { uri: request.document.uri, stateOffset: state.nameNode.offset };
    request.add({
      label: state.name,
      kind: CompletionItemKind.Reference,
      detail: state.type ?? '(no Type)',
      sortText: String(rank++).padStart(6, '0'),
      filterText: text,
      span,
      newText: text,
      data,
    });
  }
}

/** Whether the characters of `typed` appear in `name` in order. */
function isSubsequence(typed: string, name: string): boolean {
  let position = 0;
  for (const character of typed) {
    position = name.indexOf(character, position);
    if (position < 0) return false;
    position++;
  }
  return true;
}

function resourceItems(request: Request, kind: string, span: TextSpan): void {
  const add = (arn: string, detail: string, documentation: string, sort: string, snippet?: string) => {
    request.add({
      label: arn,
      kind: CompletionItemKind.Value,
      detail,
      documentation: { kind: MarkupKind.Markdown, value: documentation },
      sortText: sort,
      filterText: JSON.stringify(arn),
      span,
      newText: snippet ?? JSON.stringify(arn),
      snippet: snippet !== undefined,
    });
  };
  if (kind === 'ItemReader' || kind === 'ResultWriter') {
    const apis = kind === 'ItemReader' ? ITEM_READER_RESOURCES : RESULT_WRITER_RESOURCES;
    apis.forEach((api, index) => add(`${INTEGRATION_PREFIX}${api}`, 'Amazon S3', `Reads or writes the Distributed Map's items in Amazon S3.`, String(index)));
    return;
  }
  if (kind !== 'Task') return;
  SERVICE_INTEGRATIONS.forEach((integration, index) => {
    add(`${INTEGRATION_PREFIX}${integration.api}`, integration.service, PATTERN_DESCRIPTIONS[integration.pattern], `0${String(index).padStart(3, '0')}`);
  });
  add(`${INTEGRATION_PREFIX}${START_EXECUTION_SYNC_2}`, 'AWS Step Functions', `${PATTERN_DESCRIPTIONS.sync} The output is parsed JSON.`, '0999');
  add(
    `${INTEGRATION_PREFIX}aws-sdk:service:action`,
    'AWS SDK integration',
    'Calls any action of any AWS service, e.g. `arn:aws:states:::aws-sdk:s3:getObject`.',
    '1',
    `"${escapeSnippet(INTEGRATION_PREFIX)}aws-sdk:\${1:service}:\${2:action}"`,
  );
  add('arn:aws:lambda:region:account:function:name', 'Lambda function', 'Invokes a Lambda function directly with the state\'s input.', '2', '"arn:aws:lambda:${1:us-east-1}:${2:123456789012}:function:${3:name}"');
  add('arn:aws:states:region:account:activity:name', 'Activity', 'Runs an activity: a worker polls for the task and reports its result.', '3', '"arn:aws:states:${1:us-east-1}:${2:123456789012}:activity:${3:name}"');
}

// ---------------------------------------------------------------------------------------------
// Array elements

function completeElement(request: Request, array: JsonNode, element: JsonNode | undefined, span: TextSpan): void {
  const property = array.parent;
  if (property?.type !== 'property' || !property.parent) return;
  const key = keyOf(property).value as string;
  const context = objectContextOf(request.asl, property.parent);
  if (!context) return;
  if (element?.type === 'string' && completeExpression(request, context, key, element)) return;
  const { kind, state } = context;
  if (key === 'ErrorEquals' && (kind === 'Retrier' || kind === 'Catcher')) return errorNameItems(request, array, element, span);
  // Objects go into the array's whitespace only.
  if (element) return;
  const insert = new ElementInsertion(request, array, span);
  const targets = state ? targetsFrom(state.scope, state) : [];
  if (key === 'Retry' && state && kind === state.type) {
    return insert.add('Retrier', 'Retries the errors it names, with exponential backoff.', renderSnippet(retrierSnippet(1)));
  }
  if (key === 'Catch' && state && kind === state.type) {
    return insert.add('Catcher', 'Moves on to a fallback state on the errors it names.', renderSnippet(catcherSnippet(context.queryLanguage, targets, 1)));
  }
  if (key === 'Branches' && kind === 'Parallel') {
    return insert.add('Branch', 'A branch with its own states.', renderSnippet(singlePassStates(uniqueStateName(request.asl, 'Branch'))));
  }
  const nested = (key === 'And' || key === 'Or') && (kind === 'ChoiceRule' || kind === 'NestedChoiceRule');
  if ((key === 'Choices' && kind === 'Choice') || nested) {
    for (const snippet of CHOICE_RULE_SNIPPETS) {
      if (snippet.queryLanguage !== context.queryLanguage) continue;
      if (nested && snippet.queryLanguage === 'JSONata') continue;
      const last = snippet.label.endsWith('numeric comparison') ? 4 : snippet.label.endsWith('condition') || snippet.label.endsWith('is present') ? 2 : 3;
      const body = snippet.body(nested ? undefined : stringChoice(last, targets), 1);
      insert.add(snippet.label, snippet.description, renderSnippet(body));
    }
  }
}

/** How a new array element is inserted, with the commas that keep the array valid. */
class ElementInsertion {
  private readonly separatorAfter: string;
  private readonly separatorBefore?: TextEdit;

  constructor(
    private readonly request: Request,
    array: JsonNode,
    private readonly span: TextSpan,
  ) {
    const { text } = request;
    let after = span.offset + span.length;
    while (after < text.length && /\s/.test(text[after])) after++;
    this.separatorAfter = /["{[\d\-tfn]/.test(text[after] ?? '') ? ',' : '';
    let before = span.offset;
    while (before > 0 && /\s/.test(text[before - 1])) before--;
    if (before > array.offset + 1 && !/[,[]/.test(text[before - 1])) {
      this.separatorBefore = TextEdit.insert(request.document.positionAt(before), ',');
    }
  }

  newText(element: string): string {
    return element + this.separatorAfter;
  }

  additionalEdits(): TextEdit[] | undefined {
    return this.separatorBefore ? [this.separatorBefore] : undefined;
  }

  add(label: string, description: string, snippet: string): void {
    this.request.add({
      label,
      kind: CompletionItemKind.Snippet,
      documentation: { kind: MarkupKind.Markdown, value: description },
      span: this.span,
      newText: this.newText(snippet),
      snippet: true,
      additionalTextEdits: this.additionalEdits(),
    });
  }
}

function errorNameItems(request: Request, array: JsonNode, element: JsonNode | undefined, span: TextSpan): void {
  const listed = new Set((array.children ?? []).filter((child) => child !== element).map((child) => stringValue(child)));
  const insert = element ? undefined : new ElementInsertion(request, array, span);
  const candidates = [...STATES_ERRORS.filter((info) => info.catchable), ...LAMBDA_ERRORS];
  candidates.forEach((info, index) => {
    if (listed.has(info.name)) return;
    const text = JSON.stringify(info.name);
    request.add({
      label: info.name,
      kind: CompletionItemKind.Constant,
      detail: info.name.startsWith('States.') ? 'Step Functions error' : 'Lambda error',
      documentation: { kind: MarkupKind.Markdown, value: describeErrorName(info) },
      sortText: String(index).padStart(3, '0'),
      filterText: text,
      span,
      newText: insert ? insert.newText(text) : text,
      additionalTextEdits: insert?.additionalEdits(),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Expressions inside strings

/** Completes inside a JSONata `{% %}` or a JSONPath path/intrinsic string; false when the string is neither. */
function completeExpression(request: Request, context: ObjectContext, key: string, node: JsonNode): boolean {
  const { text, offset } = request;
  const contentStart = node.offset + 1;
  const contentEnd = isClosedString(text, node) ? node.offset + node.length - 1 : Math.max(offset, node.offset + node.length);
  const content = text.slice(contentStart, contentEnd);
  const open = content.indexOf('{%');
  if (context.queryLanguage === 'JSONata' && open >= 0 && content.slice(0, open).trim() === '') {
    const close = content.lastIndexOf('%}');
    const expressionStart = contentStart + open + 2;
    const expressionEnd = close > open ? contentStart + close : contentEnd;
    if (offset < expressionStart || offset > expressionEnd) return true;
    jsonataItems(request, context, context.path[0] ?? key, expressionStart, expressionEnd);
    return true;
  }
  if (context.queryLanguage !== 'JSONPath' || context.kind === 'States') return false;
  const isPayloadPath = key.endsWith('.$');
  const isPathField = key === 'Variable' || (key.endsWith('Path') && context.kind !== 'Data');
  if (!isPayloadPath && !isPathField) return false;
  const intrinsics = isPayloadPath || key === 'ErrorPath' || key === 'CausePath';
  jsonPathItems(request, context, context.path[0] ?? key, contentStart, contentEnd, intrinsics);
  return true;
}

/** The identifier characters right after the caret, which a completion replaces too. */
function identifierAfter(request: Request, end: number): number {
  let position = request.offset;
  while (position < end && /[\w.]/.test(request.text[position])) position++;
  return position - request.offset;
}

function jsonPathItems(request: Request, context: ObjectContext, field: string | number, contentStart: number, contentEnd: number, intrinsics: boolean): void {
  const { offset, text } = request;
  const prefix = text.slice(contentStart, offset);
  const rest = identifierAfter(request, contentEnd);
  const spanFrom = (start: number): TextSpan => ({ offset: start, length: offset - start + rest });

  const contextMatch = /\$\$(\.[\w.]*)?$/.exec(prefix);
  if (contextMatch) return contextFieldItems(request, context, field, '$$.', spanFrom(offset - contextMatch[0].length));
  const variableMatch = /(?:^|[^\w.$])(\$(\w*))$/.exec(prefix);
  if (variableMatch) {
    const span = spanFrom(offset - variableMatch[1].length);
    variableItems(request, context, span);
    contextFieldItems(request, context, field, '$$.', span);
    return;
  }
  const identifier = /(?:^|[\s(,])([A-Za-z][\w.]*)?$/.exec(prefix);
  if (identifier && intrinsics) {
    const span = spanFrom(offset - (identifier[1]?.length ?? 0));
    intrinsicItems(request, span);
    if (!identifier[1]) {
      variableItems(request, context, span);
      contextFieldItems(request, context, field, '$$.', span);
    }
  }
}

function intrinsicItems(request: Request, span: TextSpan): void {
  for (const fn of INTRINSIC_FUNCTIONS) {
    request.add({
      label: fn.name,
      kind: CompletionItemKind.Function,
      detail: fn.signature,
      documentation: { kind: MarkupKind.Markdown, value: describeIntrinsic(fn) },
      sortText: `1${fn.name}`,
      span,
      newText: intrinsicSnippet(fn),
      snippet: true,
    });
  }
}

function intrinsicSnippet(fn: IntrinsicFunction): string {
  const args = fn.parameters.map((parameter, index) => {
    const tabStop = index + 1;
    if (parameter.values) {
      const options = parameter.values.map((value) => (typeof value === 'string' ? `'${value}'` : String(value)));
      return `\${${tabStop}|${options.map((option) => option.replace(/[\\$}|,]/g, (c) => `\\${c}`)).join(',')}|}`;
    }
    return parameter.type === 'string' ? `'\${${tabStop}:${parameter.name}}'` : `\${${tabStop}:${parameter.name}}`;
  });
  return `${fn.name}(${args.join(', ')})`;
}

/** The context object fields available in the state field `within` (the top-level field of the state the caret is in). */
function contextFieldItems(request: Request, context: ObjectContext, within: string | number, prefix: '$$.' | '', span: TextSpan): void {
  for (const field of CONTEXT_FIELDS) {
    if (!contextFieldAvailable(field, context, within)) continue;
    request.add({
      label: `${prefix}${field.path}`,
      kind: CompletionItemKind.Field,
      detail: field.type,
      documentation: { kind: MarkupKind.Markdown, value: field.description },
      sortText: `2${field.path}`,
      span,
      newText: `${prefix}${field.path}`,
    });
  }
}

function contextFieldAvailable(field: ContextField, context: ObjectContext, within: string | number): boolean {
  if (field.only === 'task') return context.state?.type === 'Task';
  if (field.only === 'map-item-selector') return context.state?.type === 'Map' && (within === 'ItemSelector' || within === 'Parameters');
  return true;
}

function variableItems(request: Request, context: ObjectContext, span: TextSpan): void {
  if (!context.state) return;
  for (const variable of variablesVisibleAt(context.state)) {
    request.add({
      label: `$${variable.name}`,
      kind: CompletionItemKind.Variable,
      detail: `assigned in ${variable.state.name}`,
      sortText: `0${variable.name}`,
      span,
      newText: `$${variable.name}`,
    });
  }
}

/** The `$states` fields that hold a value in the state field `within`. */
function statesFieldsAt(context: ObjectContext, within: string | number): string[] {
  const fields = ['input', 'context'];
  if (within === 'Catch') fields.push('errorOutput');
  else if ((within === 'Output' || within === 'Assign') && ['Task', 'Parallel', 'Map'].includes(context.state?.type ?? '')) fields.push('result');
  return fields;
}

function jsonataItems(request: Request, context: ObjectContext, within: string | number, expressionStart: number, expressionEnd: number): void {
  const { offset, text } = request;
  const prefix = text.slice(expressionStart, offset);
  const rest = identifierAfter(request, expressionEnd);
  const spanFrom = (start: number): TextSpan => ({ offset: start, length: offset - start + rest });

  const contextPath = /\$states\.context\.([\w.]*)$/.exec(prefix);
  if (contextPath) return contextFieldItems(request, context, within, '', spanFrom(offset - contextPath[1].length));
  const statesField = /\$states\.(\w*)$/.exec(prefix);
  if (statesField) {
    const span = spanFrom(offset - statesField[1].length);
    for (const field of statesFieldsAt(context, within)) {
      request.add({
        label: field,
        kind: CompletionItemKind.Field,
        documentation: { kind: MarkupKind.Markdown, value: STATES_FIELD_DOCS[field] },
        span,
        newText: field,
      });
    }
    return;
  }
  const dollar = /(?:^|[^\w.$])(\$\w*)$/.exec(prefix);
  const bare = /(?:^|[^\w.$"'])$/.test(prefix);
  if (!dollar && !bare) return;
  const span = spanFrom(offset - (dollar ? dollar[1].length : 0));
  request.add({
    label: '$states',
    kind: CompletionItemKind.Variable,
    detail: 'Step Functions',
    documentation: { kind: MarkupKind.Markdown, value: `The state's data: ${statesFieldsAt(context, within).map((f) => `\`$states.${f}\``).join(', ')}.` },
    sortText: '0',
    span,
    newText: '\\$states.',
    snippet: true,
    command: TRIGGER_SUGGEST,
  });
  variableItems(request, context, span);
  for (const doc of JSONATA_FUNCTION_DOCS) {
    request.add({
      label: `$${doc.name}`,
      kind: CompletionItemKind.Function,
      detail: `$${doc.name}(${doc.parameters.join(', ')})`,
      documentation: { kind: MarkupKind.Markdown, value: describeJsonataFunction(doc) },
      sortText: `1${doc.name}`,
      span,
      newText: `\\$${doc.name}(${doc.parameters.length > 0 ? '$1' : ''})`,
      snippet: true,
    });
  }
}
