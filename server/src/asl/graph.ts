/**
 * The state machine as a graph to draw: the graph preview's model, computed from the shared ASL
 * model by a pure function so it is tested in Node and runs wherever the parser runs.
 *
 * The graph mirrors the scopes: the state machine, each Parallel branch and each Map processor is a
 * `GraphScope` with its own start and end markers, and a Parallel or Map node holds its scopes (its
 * lanes). ASL transitions never leave their scope, so every edge belongs to exactly one scope.
 *
 * Every node has a stable id: a state's id is the JSON Pointer of its value (`/States/Fan/Branches/0/
 * States/Work`), a scope's id is the pointer of its object (`""` for the state machine), markers and
 * missing targets add a `#` suffix to their scope's id. The ids survive edits elsewhere in the
 * document, which is what keeps a node's selection and the view's position across updates.
 *
 * It reads half-typed documents too: whatever `parseAsl` recognised is drawn, a transition to a
 * state that does not exist (yet) leads to a "missing" node named after it, and a `${...}`
 * substitution (SAM, CDK, Terraform) as a target is drawn as such, not as an error.
 */
import { hasSubstitution, isTerminal } from './graph-analysis';
import { getPropertyValue, properties, stringValue, toValue } from './jsonNode';
import { STATE_TYPES, type AslDocument, type JsonNode, type Scope, type ScopeKind, type State, type StateType, type Transition } from './model';

export interface AslGraph {
  root: GraphScope;
  /** States drawn, nested ones included. */
  stateCount: number;
}

/** The state machine, a Parallel branch or a Map processor. */
export interface GraphScope {
  id: string;
  kind: ScopeKind;
  /** "Branch 2", "Item processor"...; empty for the state machine. */
  label: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export type GraphNode = GraphStateNode | GraphMarkerNode | GraphMissingNode;

export interface GraphStateNode {
  kind: 'state';
  id: string;
  name: string;
  /** Undefined when `Type` is missing or names no state type. */
  type?: StateType;
  /** A second line under the name: the type and its most telling detail ("Task · lambda:invoke"). */
  subtitle: string;
  /** What hovering the node shows, in order. */
  details: GraphDetail[];
  /** The branches of a Parallel state, the processor of a Map state. */
  scopes: GraphScope[];
}

export interface GraphMarkerNode {
  kind: 'start' | 'end';
  id: string;
}

/** The target of a transition that names no state of its scope. */
export interface GraphMissingNode {
  kind: 'missing';
  id: string;
  name: string;
  /** The name is (or holds) a `${...}` template substitution, replaced at deployment. */
  substitution: boolean;
}

export interface GraphDetail {
  label: string;
  value: string;
}

export type GraphEdgeKind = 'start' | 'next' | 'default' | 'choice' | 'catch' | 'end';

export interface GraphEdge {
  id: string;
  kind: GraphEdgeKind;
  from: string;
  to: string;
  /** A short label drawn on the edge: a Choice rule's condition, a catcher's error names. */
  label?: string;
  /** The label in full, when `label` had to be shortened. */
  title?: string;
}

/** Longest edge label drawn; the full text goes to the edge's title. */
const LABEL_LENGTH = 32;
/** Longest detail value shown on hover. */
const DETAIL_LENGTH = 160;
/** Nesting of Choice rules (`And`, `Or`, `Not`) spelled out in a label; deeper rules become `…`. */
const CONDITION_DEPTH = 4;

export function buildGraph(doc: AslDocument): AslGraph {
  const counter = { states: 0 };
  const root = doc.stateMachine?.root;
  const graph: GraphScope = root ? scopeGraph(root, counter) : { id: '', kind: 'root', label: '', nodes: markers(''), edges: [] };
  return { root: graph, stateCount: counter.states };
}

/** The id of a state: the JSON Pointer of its value. */
export function stateId(state: State): string {
  return pointer(state.path);
}

/** The state whose id is `id`, if the document still has it. */
export function findStateById(doc: AslDocument, id: string): State | undefined {
  return doc.states.find((state) => state.scope.states.get(state.name) === state && stateId(state) === id);
}

/** The innermost state whose text (name and value) contains `offset`. */
export function stateAt(doc: AslDocument, offset: number): State | undefined {
  let found: State | undefined;
  for (const state of doc.states) {
    const property = state.nameNode.parent ?? state.nameNode;
    if (offset < property.offset || offset > property.offset + property.length) continue;
    // States are in document order and nested states come after their owner: the last match is innermost.
    if (state.scope.states.get(state.name) === state) found = state;
  }
  return found;
}

function pointer(path: readonly (string | number)[]): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function markers(scopeId: string): GraphMarkerNode[] {
  return [
    { kind: 'start', id: `${scopeId}#start` },
    { kind: 'end', id: `${scopeId}#end` },
  ];
}

function scopeGraph(scope: Scope, counter: { states: number }): GraphScope {
  const id = pointer(scope.path);
  const [start, end] = markers(id);
  const nodes: GraphNode[] = [start];
  const edges: GraphEdge[] = [];
  const missing = new Map<string, GraphMissingNode>();

  /** The node a transition leads to: the state of that name, else a missing node for the name. */
  const targetOf = (transition: Transition): string => {
    const target = scope.states.get(transition.target);
    if (target) return stateId(target);
    let node = missing.get(transition.target);
    if (!node) {
      node = { kind: 'missing', id: `${id}#missing:${transition.target}`, name: transition.target, substitution: hasSubstitution(transition.target) };
      missing.set(transition.target, node);
    }
    return node.id;
  };

  if (scope.startAt) edges.push({ id: `${start.id}>`, kind: 'start', from: start.id, to: targetOf(scope.startAt) });
  for (const state of scope.stateList) {
    // Of a repeated name only the state the model keeps is drawn (`duplicate-key` reports the other).
    if (scope.states.get(state.name) !== state) continue;
    counter.states++;
    const node = stateNode(state, counter);
    nodes.push(node);
    state.transitions.forEach((transition, index) => {
      edges.push({ id: `${node.id}>${index}`, from: node.id, to: targetOf(transition), ...edgeKindAndLabel(transition) });
    });
    if (isTerminal(state)) edges.push({ id: `${node.id}>end`, kind: 'end', from: node.id, to: end.id });
  }
  nodes.push(...missing.values(), end);
  return { id, kind: scope.kind, label: scopeLabel(scope), nodes, edges };
}

function scopeLabel(scope: Scope): string {
  if (scope.kind === 'branch') return `Branch ${(scope.index ?? 0) + 1}`;
  if (scope.kind === 'processor') {
    if (scope.path[scope.path.length - 1] === 'Iterator') return 'Iterator';
    const mode = stringValue(getPropertyValue(getPropertyValue(scope.node, 'ProcessorConfig'), 'Mode'));
    return mode === 'DISTRIBUTED' ? 'Item processor (distributed)' : 'Item processor';
  }
  return '';
}

function knownType(type: string | undefined): StateType | undefined {
  return (STATE_TYPES as readonly string[]).includes(type ?? '') ? (type as StateType) : undefined;
}

function stateNode(state: State, counter: { states: number }): GraphStateNode {
  const type = knownType(state.type);
  const detail = type ? subtitleDetail(state, type) : undefined;
  const typeText = type ?? (state.type === undefined ? 'No type' : `Unknown type ${shorten(state.type, 24)}`);
  return {
    kind: 'state',
    id: stateId(state),
    name: state.name,
    type,
    subtitle: detail ? `${typeText} · ${detail}` : typeText,
    details: stateDetails(state, type),
    scopes: state.children.map((child) => scopeGraph(child, counter)),
  };
}

function edgeKindAndLabel(transition: Transition): Pick<GraphEdge, 'kind' | 'label' | 'title'> {
  switch (transition.kind) {
    case 'Choice': {
      const rule = transition.node.parent?.parent;
      return { kind: 'choice', ...labelled(conditionText(rule, CONDITION_DEPTH) ?? `Rule ${ruleNumber(rule)}`) };
    }
    case 'Catch':
      return { kind: 'catch', ...labelled(errorNames(transition.node.parent?.parent) ?? 'Catch') };
    case 'Default':
      return { kind: 'default', label: 'Default' };
    default:
      return { kind: 'next' };
  }
}

function labelled(text: string): { label: string; title?: string } {
  return text.length > LABEL_LENGTH ? { label: shorten(text, LABEL_LENGTH), title: shorten(text, 500) } : { label: text };
}

function shorten(text: string, length: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > length ? `${oneLine.slice(0, length - 1)}…` : oneLine;
}

function ruleNumber(rule: JsonNode | undefined): number {
  const siblings = rule?.parent?.children ?? [];
  return siblings.indexOf(rule!) + 1;
}

function errorNames(catcher: JsonNode | undefined): string | undefined {
  const list = getPropertyValue(catcher, 'ErrorEquals');
  const names = (list?.type === 'array' ? list.children ?? [] : []).map(stringValue).filter((name) => name !== undefined);
  return names.length ? names.join(', ') : undefined;
}

const COMPARISONS: Record<string, string> = {
  Equals: '==',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
  Matches: 'matches',
};
const COMPARISON = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?$/;
const TYPE_TESTS: Record<string, [string, string]> = {
  IsNull: ['is null', 'is not null'],
  IsPresent: ['is present', 'is absent'],
  IsNumeric: ['is numeric', 'is not numeric'],
  IsString: ['is a string', 'is not a string'],
  IsBoolean: ['is a boolean', 'is not a boolean'],
  IsTimestamp: ['is a timestamp', 'is not a timestamp'],
};

/**
 * A Choice rule's condition in a short, familiar notation: `$.count > 5`, `$.kind == "a" && $.ok
 * == true`, `!($.x is null)`; a JSONata `Condition` without its `{% %}`. Undefined when the rule
 * holds no condition yet.
 */
function conditionText(rule: JsonNode | undefined, depth: number): string | undefined {
  if (rule?.type !== 'object') return undefined;
  if (depth === 0) return '…';
  const jsonata = getPropertyValue(rule, 'Condition');
  if (jsonata) {
    const text = jsonata.type === 'string' ? String(jsonata.value) : JSON.stringify(toValue(jsonata));
    return text.replace(/^\s*\{%([\s\S]*)%\}\s*$/, '$1').trim() || undefined;
  }
  for (const [operator, joiner] of [['And', ' && '], ['Or', ' || ']] as const) {
    const list = getPropertyValue(rule, operator);
    if (list?.type !== 'array') continue;
    const parts = (list.children ?? []).map((child) => compound(conditionText(child, depth - 1) ?? '?'));
    return parts.length ? parts.join(joiner) : undefined;
  }
  const negated = getPropertyValue(rule, 'Not');
  if (negated) return `!(${conditionText(negated, depth - 1) ?? '?'})`;

  const variable = stringValue(getPropertyValue(rule, 'Variable')) ?? '?';
  for (const [key, value] of properties(rule)) {
    if (!value) continue;
    const test = TYPE_TESTS[key];
    if (test) return `${variable} ${value.value === false ? test[1] : test[0]}`;
    const comparison = COMPARISON.exec(key);
    if (comparison) {
      const operand = comparison[3] ? String(value.value) : JSON.stringify(toValue(value));
      return `${variable} ${COMPARISONS[comparison[2]]} ${operand}`;
    }
  }
  return undefined;
}

function compound(text: string): string {
  return / && | \|\| /.test(text) ? `(${text})` : text;
}

/** The part of a Task's `Resource` that says what it calls: `lambda:invoke`, `function Foo`, `${FnArn}`. */
export function shortResource(resource: string): string {
  const integration = /:states:::(.+)$/.exec(resource);
  if (integration) return integration[1];
  // Substitutions may hold colons (`${AWS::Region}`): the ARN is split around them.
  const segments = resource.match(/(?:\$\{[^}]*\}|[^:])+|(?<=:)(?=:|$)/g) ?? [];
  if (segments[0] === 'arn' && segments.length >= 7) {
    const [, , service, , , kind, name] = segments;
    if (service === 'lambda' && kind === 'function') return `function ${name}`;
    if (service === 'states' && kind === 'activity') return `activity ${name}`;
  }
  return resource;
}

function subtitleDetail(state: State, type: StateType): string | undefined {
  const node = state.node;
  switch (type) {
    case 'Task': {
      const resource = stringValue(getPropertyValue(node, 'Resource'));
      return resource ? shorten(shortResource(resource), 40) : undefined;
    }
    case 'Wait': {
      const seconds = getPropertyValue(node, 'Seconds');
      if (seconds?.type === 'number') return `${seconds.value} s`;
      for (const key of ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath']) {
        const value = stringValue(getPropertyValue(node, key));
        if (value !== undefined) return shorten(key.startsWith('Timestamp') ? `until ${value}` : `${value} s`, 40);
      }
      return undefined;
    }
    case 'Choice': {
      const rules = getPropertyValue(node, 'Choices');
      const count = rules?.type === 'array' ? rules.children?.length ?? 0 : 0;
      const withDefault = getPropertyValue(node, 'Default') ? ' + default' : '';
      return `${count} rule${count === 1 ? '' : 's'}${withDefault}`;
    }
    case 'Fail': {
      const error = stringValue(getPropertyValue(node, 'Error')) ?? stringValue(getPropertyValue(node, 'ErrorPath'));
      return error ? shorten(error, 40) : undefined;
    }
    case 'Parallel':
      return `${state.children.length} branch${state.children.length === 1 ? '' : 'es'}`;
    case 'Map':
      return state.children.some((child) => scopeLabel(child).endsWith('(distributed)')) ? 'distributed' : undefined;
    default:
      return undefined;
  }
}

/** Fields worth seeing on hover, per type; the rest of a state is one click away in the editor. */
const DETAIL_FIELDS: Record<StateType, readonly string[]> = {
  Task: ['Resource', 'TimeoutSeconds', 'HeartbeatSeconds'],
  Pass: ['Result', 'Output'],
  Choice: ['Default'],
  Wait: ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'],
  Succeed: [],
  Fail: ['Error', 'ErrorPath', 'Cause', 'CausePath'],
  Parallel: [],
  Map: ['ItemsPath', 'Items', 'MaxConcurrency', 'ToleratedFailurePercentage'],
};

function stateDetails(state: State, type: StateType | undefined): GraphDetail[] {
  const node = state.node;
  const details: GraphDetail[] = [];
  const add = (label: string, value: unknown) => {
    if (value === undefined) return;
    details.push({ label, value: shorten(typeof value === 'string' ? value : JSON.stringify(value), DETAIL_LENGTH) });
  };
  add('Type', state.type ?? (node.type === 'object' ? 'missing' : `not an object (${node.type})`));
  add('Comment', stringValue(getPropertyValue(node, 'Comment')));
  if (state.queryLanguage === 'JSONata') add('Query language', 'JSONata');
  for (const field of type ? DETAIL_FIELDS[type] : []) add(field, toValue(getPropertyValue(node, field)));
  if (type === 'Choice') {
    const rules = getPropertyValue(node, 'Choices');
    add('Rules', rules?.type === 'array' ? rules.children?.length ?? 0 : undefined);
  }
  if (type === 'Parallel') add('Branches', state.children.length);
  const retriers = getPropertyValue(node, 'Retry');
  for (const retrier of retriers?.type === 'array' ? retriers.children ?? [] : []) {
    const attempts = getPropertyValue(retrier, 'MaxAttempts');
    const times = attempts?.type === 'number' ? attempts.value : 3;
    add('Retry', `${errorNames(retrier) ?? '?'} (up to ${times} time${times === 1 ? '' : 's'})`);
  }
  for (const transition of state.transitions) {
    if (transition.kind === 'Catch') add('Catch', `${errorNames(transition.node.parent?.parent) ?? '?'} → ${transition.target}`);
  }
  const next = state.transitions.find((transition) => transition.kind === 'Next');
  if (next) add('Next', next.target);
  if (state.end) add('End', 'true');
  return details;
}
