/**
 * Draws a laid-out scene as SVG, with our own elements: no HTML is ever parsed from the model (state
 * names go in as text nodes). Every node and edge element carries its id in `data-id`; overlays
 * (selection, diagnostics, a debug session) are classes and badges set on those elements, so they
 * change without drawing the graph again.
 */
import type { StateDiagnostics } from '../src/graph/protocol';
import { STATE_ICONS } from './icons';
import { SIZES, type PlacedEdge, type PlacedLane, type PlacedNode, type Point, type Scene } from './layout';

const SVG = 'http://www.w3.org/2000/svg';

export function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
  parent?: Element,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  parent?.appendChild(element);
  return element;
}

/** The arrowheads: one marker per edge look, since a marker cannot take the colour of its edge. */
const ARROWS = ['arrow', 'arrow-catch', 'arrow-taken', 'arrow-muted'] as const;

export function createArrowMarkers(svg: SVGSVGElement): void {
  const defs = svgElement('defs', {}, svg);
  for (const id of ARROWS) {
    const marker = svgElement('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto', markerUnits: 'userSpaceOnUse' }, defs);
    svgElement('path', { d: 'M0 1L9 5L0 9z', class: id }, marker);
  }
}

export interface Drawing {
  scene: Scene;
  nodes: Map<string, SVGGElement>;
  placed: Map<string, PlacedNode>;
  edges: Map<string, SVGGElement>;
  /** The id of the state with this name (ASL state names are unique in a state machine). */
  stateIdsByName: Map<string, string>;
}

/** Replaces the content of `layer` with the scene. */
export function drawScene(layer: SVGGElement, scene: Scene): Drawing {
  const drawing: Drawing = { scene, nodes: new Map(), placed: new Map(), edges: new Map(), stateIdsByName: new Map() };
  const frames = svgElement('g', { class: 'frames' });
  const edges = svgElement('g', { class: 'edges' });
  const nodes = svgElement('g', { class: 'nodes' });

  // Frames (compound states and their lanes) from the largest down: a frame is drawn over the one that holds it.
  const framed: (PlacedNode | PlacedLane)[] = [...scene.nodes.filter((node) => node.compound), ...scene.lanes];
  framed.sort((a, b) => b.width * b.height - a.width * a.height);
  for (const item of framed) {
    if ('scope' in item) frames.appendChild(drawLane(item));
    else frames.appendChild(register(drawing, item, drawState(item)));
  }
  for (const item of scene.nodes) {
    if (item.compound) continue;
    const element = item.node.kind === 'state' ? drawState(item) : item.node.kind === 'missing' ? drawMissing(item) : drawMarker(item);
    nodes.appendChild(register(drawing, item, element));
  }
  for (const item of scene.edges) {
    const element = drawEdge(item);
    drawing.edges.set(item.edge.id, element);
    edges.appendChild(element);
  }
  layer.replaceChildren(frames, edges, nodes);
  return drawing;
}

function register(drawing: Drawing, item: PlacedNode, element: SVGGElement): SVGGElement {
  drawing.nodes.set(item.node.id, element);
  drawing.placed.set(item.node.id, item);
  if (item.node.kind === 'state' && !drawing.stateIdsByName.has(item.node.name)) drawing.stateIdsByName.set(item.node.name, item.node.id);
  return element;
}

function group(item: PlacedNode, className: string): SVGGElement {
  return svgElement('g', { class: className, 'data-id': item.node.id, transform: `translate(${item.x} ${item.y})` });
}

function text(parent: Element, content: string, attributes: Record<string, string | number>): SVGTextElement {
  const element = svgElement('text', attributes, parent);
  element.textContent = content;
  return element;
}

function drawState(item: PlacedNode): SVGGElement {
  if (item.node.kind !== 'state') throw new Error('not a state');
  const node = item.node;
  const type = node.type ?? 'Unknown';
  const element = group(item, `node state type-${type.toLowerCase()}${item.compound ? ' compound' : ''}`);
  element.setAttribute('data-name', node.name);
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', 'button');
  element.setAttribute('aria-label', `${node.name}, ${node.subtitle}`);
  svgElement('rect', { class: 'node-box', width: item.width, height: item.height, rx: 6 }, element);
  svgElement('rect', { class: 'node-accent', width: 4, height: item.compound ? SIZES.compoundHeader - 8 : item.height - 8, x: 0, y: 4, rx: 2 }, element);
  const iconTop = (SIZES.stateHeight - SIZES.icon) / 2;
  svgElement('path', { class: 'node-icon', d: STATE_ICONS[type], transform: `translate(${SIZES.padding} ${iconTop})` }, element);
  const textX = SIZES.padding + SIZES.icon + SIZES.iconGap;
  text(element, item.text, { class: 'node-name', x: textX, y: 20 });
  text(element, item.subtitle, { class: 'node-subtitle', x: textX, y: 35 });
  return element;
}

function drawMissing(item: PlacedNode): SVGGElement {
  if (item.node.kind !== 'missing') throw new Error('not a missing node');
  const element = group(item, `node missing${item.node.substitution ? ' substitution' : ''}`);
  element.setAttribute('aria-label', `${item.node.name}, ${item.subtitle}`);
  svgElement('rect', { class: 'node-box', width: item.width, height: item.height, rx: 6 }, element);
  text(element, item.text, { class: 'node-name', x: SIZES.padding, y: 20 });
  text(element, item.subtitle, { class: 'node-subtitle', x: SIZES.padding, y: 35 });
  return element;
}

function drawMarker(item: PlacedNode): SVGGElement {
  const element = group(item, `node marker marker-${item.node.kind}${item.nested ? ' dot' : ''}`);
  element.setAttribute('aria-label', item.text);
  if (item.nested) {
    // A filled dot starts a branch or a processor, a ringed one ends it.
    const radius = item.width / 2;
    svgElement('circle', { class: 'node-box', cx: radius, cy: radius, r: item.node.kind === 'start' ? radius - 2 : radius - 1 }, element);
    if (item.node.kind === 'end') svgElement('circle', { class: 'dot-inner', cx: radius, cy: radius, r: radius - 5 }, element);
    return element;
  }
  svgElement('rect', { class: 'node-box', width: item.width, height: item.height, rx: item.height / 2 }, element);
  text(element, item.text, { class: 'marker-text', x: item.width / 2, y: item.height / 2 + 4 });
  return element;
}

function drawLane(lane: PlacedLane): SVGGElement {
  const element = svgElement('g', { class: `lane lane-${lane.scope.kind}`, 'data-scope': lane.scope.id, transform: `translate(${lane.x} ${lane.y})` });
  svgElement('rect', { class: 'lane-box', width: lane.width, height: lane.height, rx: 4 }, element);
  text(element, lane.scope.label, { class: 'lane-label', x: 8, y: 17 });
  return element;
}

function drawEdge(item: PlacedEdge): SVGGElement {
  const { edge } = item;
  const element = svgElement('g', { class: `edge kind-${edge.kind}`, 'data-id': edge.id, 'data-from': edge.from, 'data-to': edge.to });
  const title = edge.title ?? edge.label;
  if (title) svgElement('title', {}, element).textContent = title;
  svgElement('path', { class: 'edge-line', d: roundedPath(item.points, 6) }, element);
  if (item.label) {
    const label = svgElement('g', { class: 'edge-label', transform: `translate(${item.label.x} ${item.label.y})` }, element);
    svgElement('rect', { width: item.label.width, height: item.label.height, rx: 3 }, label);
    text(label, item.label.text, { x: item.label.width / 2, y: item.label.height / 2 + 4 });
  }
  return element;
}

/** An orthogonal polyline with its corners rounded. */
function roundedPath(points: readonly Point[], radius: number): string {
  if (points.length === 0) return '';
  const parts = [`M${points[0].x} ${points[0].y}`];
  for (let index = 1; index < points.length - 1; index++) {
    const [previous, corner, next] = [points[index - 1], points[index], points[index + 1]];
    const r = Math.min(radius, distance(previous, corner) / 2, distance(corner, next) / 2);
    const before = toward(corner, previous, r);
    const after = toward(corner, next, r);
    parts.push(`L${before.x} ${before.y}Q${corner.x} ${corner.y} ${after.x} ${after.y}`);
  }
  const last = points[points.length - 1];
  parts.push(`L${last.x} ${last.y}`);
  return parts.join('');
}

function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

function toward(from: Point, to: Point, length: number): Point {
  const total = distance(from, to);
  if (total === 0) return from;
  return { x: from.x + ((to.x - from.x) * length) / total, y: from.y + ((to.y - from.y) * length) / total };
}

/** A debug session's position, as the debugger reports it: by state name. */
export interface ExecutionOverlay {
  current: readonly string[];
  visited: readonly string[];
  failed: readonly string[];
  takenEdges: readonly (readonly [string, string])[];
}

/** Marks the node of the state holding the editor's cursor. */
export function applySelection(drawing: Drawing, id: string | null): void {
  for (const element of drawing.nodes.values()) element.classList.remove('selected');
  if (id) drawing.nodes.get(id)?.classList.add('selected');
}

/** Badges the nodes of states with diagnostics: a red circle for errors, a yellow triangle for warnings. */
export function applyDiagnostics(drawing: Drawing, diagnostics: ReadonlyMap<string, StateDiagnostics>): void {
  for (const element of drawing.nodes.values()) {
    element.classList.remove('has-error', 'has-warning', 'has-info');
    element.querySelector(':scope > .badge')?.remove();
  }
  for (const [id, entry] of diagnostics) {
    const element = drawing.nodes.get(id);
    const placed = drawing.placed.get(id);
    if (!element || !placed) continue;
    element.classList.add(`has-${entry.severity}`);
    if (entry.severity !== 'info') element.appendChild(badge(entry.severity, placed.width));
  }
}

/** Marks a debug session's current, visited and failed states and the edges it took. */
export function applyExecution(drawing: Drawing, execution: ExecutionOverlay | null): void {
  for (const element of drawing.nodes.values()) element.classList.remove('current', 'visited', 'failed');
  for (const element of drawing.edges.values()) element.classList.remove('taken');
  if (!execution) return;
  const idOf = (name: string) => drawing.stateIdsByName.get(name);
  const mark = (names: readonly string[], className: string) => {
    for (const name of names) {
      const id = idOf(name);
      if (id) drawing.nodes.get(id)?.classList.add(className);
    }
  };
  mark(execution.visited, 'visited');
  mark(execution.failed, 'failed');
  mark(execution.current, 'current');

  const taken = new Set(execution.takenEdges.map(([from, to]) => `${idOf(from)}\u0000${idOf(to)}`));
  const visited = new Set(execution.visited.map(idOf));
  // States not left (yet): the current ones and the Parallel and Map states around them, and the failed ones.
  const stillThere = new Set<string | undefined>(execution.failed.map(idOf));
  for (const name of execution.current) {
    for (let id = idOf(name); id !== undefined; id = drawing.placed.get(id)?.owner) stillThere.add(id);
  }
  for (const item of drawing.scene.edges) {
    const { edge } = item;
    // The debugger reports transitions between states; entering a scope and leaving it through
    // `End` are read from the states visited.
    const wasTaken =
      edge.kind === 'start'
        ? visited.has(edge.to)
        : edge.kind === 'end'
          ? visited.has(edge.from) && !stillThere.has(edge.from)
          : taken.has(`${edge.from}\u0000${edge.to}`);
    if (wasTaken) drawing.edges.get(edge.id)?.classList.add('taken');
  }
}

function badge(severity: 'error' | 'warning', width: number): SVGGElement {
  const element = svgElement('g', { class: `badge badge-${severity}`, transform: `translate(${width - 4} 4)` });
  if (severity === 'error') svgElement('circle', { r: 8 }, element);
  else svgElement('path', { d: 'M0 -8L8.5 7H-8.5z' }, element);
  text(element, '!', { y: severity === 'error' ? 4 : 5 });
  return element;
}
