/**
 * Text → AslDocument. Never throws: whatever the user has typed so far, the result describes as much
 * of the state machine as can be recognised, and the syntax errors say where the rest went wrong.
 */
import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type ParseError } from 'jsonc-parser';
import type {
  AslDocument,
  DuplicateKey,
  JsonNode,
  QueryLanguage,
  Scope,
  ScopeKind,
  State,
  StateMachine,
  SyntaxProblem,
  Transition,
} from './model';
import { getPropertyValue, stringValue } from './jsonNode';
import { changedRange, spliceTree, type Splice } from './incremental';
import { parseJsonTree } from './jsonTree';

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace `}` expected',
  CloseBracketExpected: 'Closing bracket `]` expected',
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape sequence',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid character in string (control characters must be escaped)',
};

export function parseAsl(text: string): AslDocument {
  const errors: ParseError[] = [];
  const duplicateKeys: DuplicateKey[] = [];
  // Well-formed JSON takes the fast path; `jsonc-parser` recovers from the errors of the rest.
  let root = parseJsonTree(text, 0, duplicateKeys);
  if (root) {
    duplicateKeys.sort(byPropertyOffset);
    const doc = buildDocument(text, root, [], duplicateKeys);
    editable.add(doc);
    return doc;
  }
  try {
    root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (error) {
    // jsonc-parser recurses once per nesting level: thousands of `[` exhaust the stack.
    if (!(error instanceof RangeError)) throw error;
    return tooDeep(text);
  }
  if (root) collectDuplicateKeys(root, duplicateKeys);
  return buildDocument(text, root, describeSyntaxErrors(text, errors), duplicateKeys);
}

/**
 * The documents whose tree `updateAsl` may edit in place: those of strict JSON, which the fast
 * parser read (or `updateAsl` made from such a document).
 */
const editable = new WeakSet<AslDocument>();

/** Whether the document's text is strict JSON (without anything a JSON parser would reject). */
export function isStrictJson(doc: AslDocument): boolean {
  return editable.has(doc);
}

/**
 * The document of `text`, a new version of `previous`'s text: the same as `parseAsl(text)`, but
 * where the edit leaves the document well-formed, only the members of the object or array around
 * the edit are parsed again, and `previous`'s tree is updated in place (see `incremental.ts`). The
 * tree of `previous` then belongs to the new document: `previous` must not be used any more.
 */
export function updateAsl(previous: AslDocument, text: string): AslDocument {
  if (text === previous.text) return previous;
  if (editable.has(previous) && previous.root) {
    const change = changedRange(previous.text, text);
    const splice = change && spliceTree(previous.root, text, change, previous.duplicateKeys);
    if (splice) {
      editable.delete(previous);
      const doc = keepsModel(previous, splice)
        ? { ...previous, text, duplicateKeys: splice.duplicateKeys }
        : buildDocument(text, previous.root, [], splice.duplicateKeys);
      editable.add(doc);
      return doc;
    }
  }
  return parseAsl(text);
}

/**
 * Whether the model of `previous` (its states, scopes and transitions, which point into the tree)
 * describes the tree after `splice` as well: the edit changed no field the model reads, only other
 * fields of a state (`Comment`, `Parameters`, `Retry`...) or what is inside them. The new document
 * then shares the model objects with `previous`.
 */
function keepsModel(previous: AslDocument, splice: Splice): boolean {
  const statesObjects = new Set(previous.scopes.map((scope) => scope.statesNode));
  const key = (property: JsonNode) => property.children![0].value as string;
  // Up from the edit to the innermost state around it, and the field of that state it is in.
  let below: JsonNode | undefined;
  for (let node: JsonNode | undefined = splice.container; node; below = node, node = node.parent) {
    if (node.parent?.type !== 'property' || !statesObjects.has(node.parent.parent)) continue;
    // A state that is not an object yet has no fields to tell apart.
    if (node.type !== 'object') return false;
    if (below) return !MODEL_FIELDS.has(key(below));
    // The edit replaced fields of the state itself.
    return [...splice.removed, ...splice.added].every((member) => !MODEL_FIELDS.has(key(member)));
  }
  return false;
}

function buildDocument(
  text: string,
  root: JsonNode | undefined,
  syntaxErrors: SyntaxProblem[],
  duplicateKeys: DuplicateKey[],
): AslDocument {
  const doc: AslDocument = { text, root, syntaxErrors, duplicateKeys, states: [], scopes: [], transitions: [] };
  if (root?.type === 'object') {
    const queryLanguage = readQueryLanguage(root) ?? 'JSONPath';
    const scope = buildScope(doc, root, 'root', queryLanguage, [], undefined, undefined);
    const stateMachine: StateMachine = { node: root, root: scope, queryLanguage };
    doc.stateMachine = stateMachine;
  }
  return doc;
}

/**
 * One message per place: jsonc-parser often reports two errors at the same offset while it recovers
 * (a trailing comma gives "Property name expected" and "Value expected"); the first says it.
 */
function describeSyntaxErrors(text: string, errors: ParseError[]): SyntaxProblem[] {
  if (text.trim() === '') {
    return [{ offset: 0, length: text.length, message: 'The document is empty: a state machine is a JSON object' }];
  }
  const problems: SyntaxProblem[] = [];
  let lastOffset = -1;
  for (const error of errors) {
    if (error.offset === lastOffset) continue;
    lastOffset = error.offset;
    const name = printParseErrorCode(error.error);
    let message = SYNTAX_MESSAGES[name] ?? name;
    if ((name === 'PropertyNameExpected' || name === 'ValueExpected') && followsComma(text, error.offset)) {
      message = 'Trailing comma: JSON allows no comma before a closing bracket or brace';
    }
    problems.push({ offset: error.offset, length: error.length, message });
  }
  return problems;
}

/** Whether the closing bracket at `offset` comes right after a comma (whitespace aside). */
function followsComma(text: string, offset: number): boolean {
  const next = text[offset];
  if (next !== '}' && next !== ']') return false;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',';
}

/** The document of a text nested too deeply to parse: one syntax error at its deepest opening bracket. */
function tooDeep(text: string): AslDocument {
  const scanner = createScanner(text, true);
  let depth = 0;
  let maxDepth = 0;
  let deepestOffset = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      depth++;
      if (depth > maxDepth) {
        maxDepth = depth;
        deepestOffset = scanner.getTokenOffset();
      }
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  const message = `Nesting too deep: objects and arrays are nested ${maxDepth} levels deep here, too deep to check.`;
  return {
    text,
    syntaxErrors: [{ offset: deepestOffset, length: 1, message }],
    duplicateKeys: [],
    states: [],
    scopes: [],
    transitions: [],
  };
}

function readQueryLanguage(object: JsonNode): QueryLanguage | undefined {
  const value = stringValue(getPropertyValue(object, 'QueryLanguage'));
  return value === 'JSONata' || value === 'JSONPath' ? value : undefined;
}

function collectDuplicateKeys(root: JsonNode, out: DuplicateKey[]): void {
  const stack: JsonNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object' && node.children) {
      let seen: Map<string, JsonNode> | undefined;
      for (const property of node.children) {
        const key = property.children?.[0]?.value as string | undefined;
        if (key !== undefined) {
          seen ??= new Map();
          const first = seen.get(key);
          if (first) out.push({ key, property, first });
          else seen.set(key, property);
        }
        const value = property.children?.[1];
        if (value && (value.type === 'object' || value.type === 'array')) stack.push(value);
      }
    } else if (node.type === 'array' && node.children) {
      for (const child of node.children) {
        if (child.type === 'object' || child.type === 'array') stack.push(child);
      }
    }
  }
  out.sort(byPropertyOffset);
}

function byPropertyOffset(a: DuplicateKey, b: DuplicateKey): number {
  return a.property.offset - b.property.offset;
}

function buildScope(
  doc: AslDocument,
  node: JsonNode,
  kind: ScopeKind,
  queryLanguage: QueryLanguage,
  path: (string | number)[],
  owner: State | undefined,
  index: number | undefined,
): Scope {
  const scope: Scope = { kind, node, states: new Map(), stateList: [], owner, index, queryLanguage, path };
  doc.scopes.push(scope);
  const startAtNode = getPropertyValue(node, 'StartAt');
  if (startAtNode?.type === 'string') {
    scope.startAt = { kind: 'StartAt', target: startAtNode.value, node: startAtNode, scope };
    doc.transitions.push(scope.startAt);
  }
  const statesNode = getPropertyValue(node, 'States');
  if (statesNode?.type !== 'object') return scope;
  scope.statesNode = statesNode;
  for (const property of statesNode.children ?? []) {
    const nameNode = property.children?.[0];
    const value = property.children?.[1];
    if (!nameNode || !value) continue;
    const name = nameNode.value as string;
    const state = buildState(doc, scope, name, nameNode, value, [...path, 'States', name]);
    scope.stateList.push(state);
    if (!scope.states.has(name)) scope.states.set(name, state);
  }
  return scope;
}

/** The fields of a state the model reads, each the value of its last occurrence (as `getPropertyValue` finds it). */
interface StateFields {
  Type?: JsonNode;
  QueryLanguage?: JsonNode;
  End?: JsonNode;
  Next?: JsonNode;
  Default?: JsonNode;
  Choices?: JsonNode;
  Catch?: JsonNode;
  Branches?: JsonNode;
  ItemProcessor?: JsonNode;
  Iterator?: JsonNode;
}

/** The fields of a state that the model reads: an edit elsewhere in a state keeps the model. */
const MODEL_FIELDS: ReadonlySet<string> = new Set<keyof StateFields>([
  'Type', 'QueryLanguage', 'End', 'Next', 'Default', 'Choices', 'Catch', 'Branches', 'ItemProcessor', 'Iterator',
]);

/** One pass over a state's properties: the model is rebuilt on most edits, so it reads each state once. */
function stateFields(node: JsonNode): StateFields {
  const fields: StateFields = {};
  if (node.type !== 'object') return fields;
  for (const property of node.children ?? []) {
    const key = property.children?.[0]?.value as keyof StateFields | undefined;
    if (key !== undefined && MODEL_FIELDS.has(key)) fields[key] = property.children?.[1];
  }
  return fields;
}

function buildState(
  doc: AslDocument,
  scope: Scope,
  name: string,
  nameNode: JsonNode,
  node: JsonNode,
  path: (string | number)[],
): State {
  const fields = stateFields(node);
  const type = stringValue(fields.Type);
  const ownLanguage = stringValue(fields.QueryLanguage);
  const state: State = {
    name,
    nameNode,
    node,
    type,
    scope,
    queryLanguage: ownLanguage === 'JSONata' || ownLanguage === 'JSONPath' ? ownLanguage : scope.queryLanguage,
    transitions: [],
    end: fields.End?.value === true,
    children: [],
    path,
  };
  doc.states.push(state);
  if (node.type !== 'object') return state;

  const addTransition = (kind: Transition['kind'], target: JsonNode | undefined) => {
    if (target?.type !== 'string') return;
    const transition: Transition = { kind, target: target.value, node: target, from: state, scope };
    state.transitions.push(transition);
    doc.transitions.push(transition);
  };

  if (type === 'Choice') {
    for (const rule of arrayItems(fields.Choices)) addTransition('Choice', getPropertyValue(rule, 'Next'));
    addTransition('Default', fields.Default);
  } else {
    addTransition('Next', fields.Next);
  }
  for (const catcher of arrayItems(fields.Catch)) addTransition('Catch', getPropertyValue(catcher, 'Next'));

  // Nested states inherit the state machine's query language, not the enclosing state's.
  if (type === 'Parallel') {
    const inherited = scopeRootLanguage(scope);
    arrayItems(fields.Branches).forEach((branch, index) => {
      if (branch.type !== 'object') return;
      state.children.push(buildScope(doc, branch, 'branch', inherited, [...path, 'Branches', index], state, index));
    });
  } else if (type === 'Map') {
    const inherited = scopeRootLanguage(scope);
    for (const key of ['ItemProcessor', 'Iterator'] as const) {
      const processor = fields[key];
      if (processor?.type === 'object') {
        state.children.push(buildScope(doc, processor, 'processor', inherited, [...path, key], state, undefined));
      }
    }
  }
  return state;
}

function arrayItems(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? node.children ?? [] : [];
}

function scopeRootLanguage(scope: Scope): QueryLanguage {
  let current = scope;
  while (current.owner) current = current.owner.scope;
  return current.queryLanguage;
}
