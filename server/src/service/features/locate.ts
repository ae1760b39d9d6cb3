/**
 * What is at an offset: which state, which scope, which state reference. Every editing feature
 * starts here. The answers come from an index built once per parsed document (the parse itself is
 * cached per document version), so a request costs a few binary searches, not a scan of the text.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Range } from 'vscode-languageserver-types';
import type { AslDocument, JsonNode, QueryLanguage, Scope, State, StateType, TextSpan, Transition } from '../../asl/model';
import { stateSchema, type AslObjectKind } from '../../asl/schema';

export interface AslIndex {
  /** Every transition, sorted by the offset of the string that names its target. */
  transitions: Transition[];
  /** For each state, the transitions that resolve to it (in document order). */
  references: Map<State, Transition[]>;
  /** Every state of every scope by name: state names are unique in the whole state machine. */
  statesByName: Map<string, State[]>;
}

const indexes = new WeakMap<AslDocument, AslIndex>();

export function getIndex(asl: AslDocument): AslIndex {
  let index = indexes.get(asl);
  if (index) return index;
  const transitions = [...asl.transitions].sort((a, b) => a.node.offset - b.node.offset);
  const references = new Map<State, Transition[]>();
  for (const transition of transitions) {
    const target = resolveTransition(transition);
    if (!target) continue;
    const list = references.get(target);
    if (list) list.push(transition);
    else references.set(target, [transition]);
  }
  const statesByName = new Map<string, State[]>();
  for (const state of asl.states) {
    const list = statesByName.get(state.name);
    if (list) list.push(state);
    else statesByName.set(state.name, [state]);
  }
  index = { transitions, references, statesByName };
  indexes.set(asl, index);
  return index;
}

/** The state a transition leads to: the first state of that name in the transition's scope. */
export function resolveTransition(transition: Transition): State | undefined {
  return transition.scope.states.get(transition.target);
}

/** True when a caret at `offset` touches the node: inside it or just after its last character. */
export function touches(node: TextSpan, offset: number): boolean {
  return node.offset <= offset && offset <= node.offset + node.length;
}

/** The property node of a state: `"Name": { ... }`. */
export function statePropertyOf(state: State): JsonNode {
  return state.nameNode.parent ?? state.nameNode;
}

/** The innermost state whose property (`"Name": {...}`) contains the offset. */
export function stateAt(asl: AslDocument, offset: number): State | undefined {
  let found: State | undefined;
  let scope = asl.stateMachine?.root;
  while (scope) {
    const state = findInScope(scope, offset);
    if (!state) break;
    found = state;
    scope = state.children.find((child) => touches(child.node, offset));
  }
  return found;
}

function findInScope(scope: Scope, offset: number): State | undefined {
  const list = scope.stateList;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const property = statePropertyOf(list[middle]);
    if (offset < property.offset) high = middle - 1;
    else if (offset > property.offset + property.length) low = middle + 1;
    else return list[middle];
  }
  return undefined;
}

/** The transition whose target string the caret touches. */
export function transitionAt(asl: AslDocument, offset: number): Transition | undefined {
  const list = getIndex(asl).transitions;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const node = list[middle].node;
    if (offset < node.offset) high = middle - 1;
    else if (offset > node.offset + node.length) low = middle + 1;
    else return list[middle];
  }
  return undefined;
}

/** A state name under the caret: where a state is defined (its key) or referenced (a transition). */
export interface StateSymbol {
  name: string;
  scope: Scope;
  /** The string node under the caret. */
  node: JsonNode;
  /** The state the name resolves to: the defined state itself, or a transition's target. */
  state?: State;
  /** Set when the caret is on a transition. */
  transition?: Transition;
}

export function stateSymbolAt(asl: AslDocument, offset: number): StateSymbol | undefined {
  const transition = transitionAt(asl, offset);
  if (transition) {
    return {
      name: transition.target,
      scope: transition.scope,
      node: transition.node,
      state: resolveTransition(transition),
      transition,
    };
  }
  const state = stateAt(asl, offset);
  if (state && touches(state.nameNode, offset)) {
    return { name: state.name, scope: state.scope, node: state.nameNode, state };
  }
  return undefined;
}

/** The transitions of `state`'s scope that name it. */
export function referencesOf(asl: AslDocument, state: State): Transition[] {
  return getIndex(asl).references.get(state) ?? [];
}

/** The states named `name` in `scope` (more than one only when the name is repeated). */
export function definitionsOf(scope: Scope, name: string): State[] {
  return scope.stateList.filter((state) => state.name === name);
}

export function spanRange(document: TextDocument, span: TextSpan): Range {
  return Range.create(document.positionAt(span.offset), document.positionAt(span.offset + span.length));
}

/** The text between the quotes of a string node. */
export function innerSpan(node: TextSpan): TextSpan {
  return node.length >= 2 ? { offset: node.offset + 1, length: node.length - 2 } : node;
}

/** The innermost JSON node whose span touches the offset, from the root down. */
export function nodeAt(root: JsonNode | undefined, offset: number): JsonNode | undefined {
  let node = root && touches(root, offset) ? root : undefined;
  while (node?.children) {
    const child = childAt(node.children, offset);
    if (!child) break;
    node = child;
  }
  return node;
}

function childAt(children: JsonNode[], offset: number): JsonNode | undefined {
  let low = 0;
  let high = children.length - 1;
  let found: JsonNode | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const child = children[middle];
    if (offset < child.offset) high = middle - 1;
    else if (offset > child.offset + child.length) low = middle + 1;
    else {
      // Adjacent siblings can both touch the offset (`"a":1,"b"`): prefer the later one, which starts there.
      found = child;
      low = middle + 1;
    }
  }
  return found;
}

/** What kind of ASL object a JSON object is, beyond the kinds the schema describes. */
export type ObjectKind =
  | AslObjectKind
  /** A `States` object: its keys are state names. */
  | 'States'
  /** A top-level Choice rule (with `Next`) or a rule nested in `And`, `Or` or `Not`. */
  | 'ChoiceRule'
  | 'NestedChoiceRule'
  /** A state whose `Type` is missing or unknown. */
  | 'UntypedState'
  /** User data: a payload template, `Assign`, `Output`, `Result`, ... */
  | 'Data';

export interface ObjectContext {
  kind: ObjectKind;
  node: JsonNode;
  /** The state the object is or belongs to; undefined at the state machine level. */
  state?: State;
  /** The scope a `States` object, a branch, a processor or the state machine defines. */
  scope?: Scope;
  queryLanguage: QueryLanguage;
  /** Segments from the state's node (or from the root, outside states) to the object. */
  path: (string | number)[];
}

const NESTED_KINDS: Record<string, AslObjectKind> = {
  ItemReader: 'ItemReader',
  ItemBatcher: 'ItemBatcher',
  ResultWriter: 'ResultWriter',
  Credentials: 'Credentials',
};

/** The ASL meaning of an object node of the document. */
export function objectContextOf(asl: AslDocument, object: JsonNode): ObjectContext | undefined {
  const machine = asl.stateMachine;
  if (!machine || object.type !== 'object') return undefined;
  const state = stateAt(asl, object.offset);
  const anchor = state && state.node.offset <= object.offset ? state.node : machine.node;
  const path = pathBetween(anchor, object);
  if (!path) return undefined;
  const context = (kind: ObjectKind, scope?: Scope): ObjectContext => ({
    kind,
    node: object,
    state: anchor === machine.node ? undefined : state,
    scope,
    // A scope's objects speak its default language; a state's objects, the state's.
    queryLanguage: scope?.queryLanguage ?? (anchor === machine.node ? machine.queryLanguage : state!.queryLanguage),
    path,
  });

  if (anchor === machine.node) {
    if (path.length === 0) return context('StateMachine', machine.root);
    if (path.length === 1 && path[0] === 'States') return context('States', machine.root);
    return undefined;
  }
  const owner = state!;
  if (path.length === 0) return context(stateSchema(owner.type) ? (owner.type as StateType) : 'UntypedState');
  const [first, second, third] = path;
  const childScope = owner.children.find((scope) => scope.node === object || scope.statesNode === object);
  switch (first) {
    case 'Retry':
    case 'Catch':
      return path.length === 2 && typeof second === 'number' ? context(first === 'Retry' ? 'Retrier' : 'Catcher') : undefined;
    case 'ItemProcessor':
    case 'Iterator':
      if (path.length === 1) return context(first, childScope);
      if (path.length === 2 && second === 'ProcessorConfig') return context('ProcessorConfig');
      if (path.length === 2 && second === 'States') return context('States', childScope);
      return undefined;
    case 'Branches':
      if (typeof second !== 'number') return undefined;
      if (path.length === 2) return context('Branch', childScope);
      if (path.length === 3 && third === 'States') return context('States', childScope);
      return undefined;
    case 'ItemReader':
      if (path.length === 1) return context('ItemReader');
      return path.length === 2 && second === 'ReaderConfig' ? context('ReaderConfig') : undefined;
    case 'Choices':
      if (typeof second !== 'number') return undefined;
      if (path.length === 2) return context('ChoiceRule');
      return isNestedRulePath(path.slice(2)) ? context('NestedChoiceRule') : context('Data');
    default:
      if (path.length === 1 && NESTED_KINDS[first as string]) return context(NESTED_KINDS[first as string]);
      return context('Data');
  }
}

/** `And`/`Or` followed by an index, or `Not`, repeated: the path of a nested Choice rule. */
function isNestedRulePath(path: (string | number)[]): boolean {
  let i = 0;
  while (i < path.length) {
    if ((path[i] === 'And' || path[i] === 'Or') && typeof path[i + 1] === 'number') i += 2;
    else if (path[i] === 'Not') i += 1;
    else return false;
  }
  return true;
}

/** The segments from `ancestor` down to `node`, or undefined when `node` is not below it. */
export function pathBetween(ancestor: JsonNode, node: JsonNode): (string | number)[] | undefined {
  const segments: (string | number)[] = [];
  let current: JsonNode | undefined = node;
  while (current && current !== ancestor) {
    const parent: JsonNode | undefined = current.parent;
    if (!parent) return undefined;
    if (parent.type === 'property') {
      segments.push(parent.children![0].value as string);
      current = parent.parent;
    } else if (parent.type === 'array') {
      segments.push(parent.children!.indexOf(current));
      current = parent;
    } else {
      current = parent;
    }
  }
  return current === ancestor ? segments.reverse() : undefined;
}
