/**
 * From the graph model to a drawn scene: node sizes from the measured text, the ELK graph (one ELK
 * node per state, a compound ELK node per Parallel or Map state holding one per lane), and ELK's
 * answer turned into absolute coordinates for the renderer. ELK itself runs in `engine.ts`.
 */
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import type { AslGraph, GraphEdge, GraphNode, GraphScope, GraphStateNode } from '../../server/src/asl/graph';

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  width: number;
  height: number;
}

/** A node placed: a state (leaf or compound), a start or end marker, a missing target. */
export interface PlacedNode extends Rect {
  node: GraphNode;
  /** The name as drawn (shortened to fit). */
  text: string;
  /** The subtitle as drawn. */
  subtitle: string;
  /** A Parallel or Map state drawn as a frame around its lanes. */
  compound: boolean;
  /** In a branch or a processor, where start and end markers are small dots. */
  nested: boolean;
  /** The id of the Parallel or Map state whose lane holds the node. */
  owner?: string;
}

export interface PlacedLane extends Rect {
  scope: GraphScope;
}

export interface PlacedEdge {
  edge: GraphEdge;
  points: Point[];
  label?: Rect & { text: string };
}

export interface Scene {
  width: number;
  height: number;
  /** Nodes in drawing order: a compound before what it contains. */
  nodes: PlacedNode[];
  lanes: PlacedLane[];
  edges: PlacedEdge[];
}

/** Measures text in one of the graph's fonts, in pixels. */
export type MeasureText = (text: string, font: 'name' | 'subtitle' | 'label') => number;

export const SIZES = {
  stateHeight: 46,
  stateMinWidth: 140,
  /** Wider names are shortened with an ellipsis; the full name is in the hover. */
  textMaxWidth: 220,
  padding: 12,
  icon: 16,
  iconGap: 8,
  markerWidth: 60,
  markerHeight: 26,
  /** The start and end dots of a branch or a processor. */
  dot: 16,
  /** The header of a Parallel or Map frame: its icon, name and subtitle. */
  compoundHeader: 50,
  laneHeader: 26,
  framePadding: 12,
  labelHeight: 16,
  labelPadding: 4,
  /** Between a node and the next one down (ELK's spacing between layers). */
  layerSpacing: 36,
};

/** The options of every scope; `layered` adds those that depend on its size. */
const LAYERED: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '28',
  'elk.layered.spacing.nodeNodeBetweenLayers': String(SIZES.layerSpacing),
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.edgeNode': '16',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  // Finding connected components is a recursive walk that overflows the worker's stack on long
  // chains; a state machine's scope is one component anyway (unreachable states aside).
  'elk.separateConnectedComponents': 'false',
};

/**
 * Scopes of more than this many nodes and edge labels are laid out for speed: ELK's cost roughly
 * doubles with centred edge labels (each becomes a node of its own in a layer of its own) and the
 * document order it keeps costs another tenth, so a large scope puts each label at its edge's
 * start and lets ELK order nodes freely (measured on a 500-state workflow: a third less time).
 */
const LARGE_SCOPE = 300;
/**
 * Above this many, layers are assigned by longest path instead of network simplex: network simplex
 * draws shorter edges, but its recursive tree walk overflows the worker's stack on chains of a few
 * thousand states (measured in Chromium: 3,000 fine, 5,000 not).
 */
const HUGE_SCOPE = 1500;

function scopeSize(scope: GraphScope): number {
  return scope.nodes.length + scope.edges.filter((edge) => edge.label).length;
}

function layered(scope: GraphScope): LayoutOptions {
  const size = scopeSize(scope);
  // States keep their document order where the graph leaves a choice: stable layouts while typing.
  if (size <= LARGE_SCOPE) return { ...LAYERED, 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' };
  return size <= HUGE_SCOPE ? LAYERED : { ...LAYERED, 'elk.layered.layering.strategy': 'LONGEST_PATH_SOURCE' };
}

/** The ELK graph of a model, and what the scene needs besides ELK's answer. */
export interface LayoutInput {
  elk: ElkNode;
  texts: Map<string, { text: string; subtitle: string }>;
  /** Equal keys lay out the same: typing that changes no node, edge or size reuses the last layout. */
  key: string;
  /** Lanes stacked without ELK (see `chainOf`): their nodes' boxes, relative to the lane. */
  chains: Map<string, Map<string, Rect>>;
}

/**
 * The nodes of a lane in order, when the lane is one path from its start to its end with no edge
 * labels and no nested lanes (a branch of a few Tasks, a processor of one state): such a lane is
 * stacked by hand, as ELK would stack it, since ELK's set-up of a graph costs more than laying
 * out a path, and a Parallel state may have many branches. Undefined for any other lane.
 */
export function chainOf(scope: GraphScope): GraphNode[] | undefined {
  if (scope.edges.length !== scope.nodes.length - 1 || scope.edges.some((edge) => edge.label)) return undefined;
  const next = new Map<string, string>();
  for (const edge of scope.edges) {
    if (next.has(edge.from)) return undefined;
    next.set(edge.from, edge.to);
  }
  const byId = new Map(scope.nodes.map((node) => [node.id, node]));
  const order: GraphNode[] = [];
  for (let node = byId.get(`${scope.id}#start`); node; node = byId.get(next.get(node.id) ?? '')) {
    if ((node.kind === 'state' && node.scopes.length > 0) || order.length === scope.nodes.length) return undefined;
    order.push(node);
  }
  return order.length === scope.nodes.length ? order : undefined;
}

export function layoutInput(graph: AslGraph, measure: MeasureText): LayoutInput {
  const texts = new Map<string, { text: string; subtitle: string }>();
  const chains = new Map<string, Map<string, Rect>>();
  const fit = (text: string, font: 'name' | 'subtitle' | 'label', max: number): [string, number] => {
    let width = measure(text, font);
    if (width <= max) return [text, width];
    // Binary search for the longest prefix that fits with its ellipsis.
    let low = 0;
    let high = text.length;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (measure(`${text.slice(0, middle)}…`, font) <= max) low = middle;
      else high = middle - 1;
    }
    const shortened = `${text.slice(0, low)}…`;
    width = measure(shortened, font);
    return [shortened, width];
  };

  const stateSize = (node: GraphStateNode): { width: number; height: number } => {
    const [text, nameWidth] = fit(node.name, 'name', SIZES.textMaxWidth);
    const [subtitle, subtitleWidth] = fit(node.subtitle, 'subtitle', SIZES.textMaxWidth);
    texts.set(node.id, { text, subtitle });
    const inner = SIZES.icon + SIZES.iconGap + Math.max(nameWidth, subtitleWidth);
    return { width: Math.max(SIZES.stateMinWidth, Math.ceil(inner + 2 * SIZES.padding + 8)), height: SIZES.stateHeight };
  };

  const elkNode = (node: GraphNode, nested: boolean): ElkNode => {
    switch (node.kind) {
      case 'start':
      case 'end':
        texts.set(node.id, { text: node.kind === 'start' ? 'Start' : 'End', subtitle: '' });
        if (nested) return { id: node.id, width: SIZES.dot, height: SIZES.dot };
        return { id: node.id, width: SIZES.markerWidth, height: SIZES.markerHeight };
      case 'missing': {
        const [text, width] = fit(node.name, 'name', SIZES.textMaxWidth);
        const subtitle = node.substitution ? 'set at deployment' : 'no such state';
        texts.set(node.id, { text, subtitle });
        return { id: node.id, width: Math.max(SIZES.stateMinWidth, Math.ceil(width + 2 * SIZES.padding)), height: SIZES.stateHeight };
      }
      case 'state': {
        const size = stateSize(node);
        if (node.scopes.length === 0) return { id: node.id, ...size };
        return {
          id: node.id,
          layoutOptions: {
            ...LAYERED,
            // Lanes side by side, in branch order (one layer, no edges between them).
            'elk.spacing.nodeNode': '16',
            'elk.padding': `[top=${SIZES.compoundHeader},left=${SIZES.framePadding},bottom=${SIZES.framePadding},right=${SIZES.framePadding}]`,
            'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
            'elk.nodeSize.minimum': `(${size.width}, ${SIZES.compoundHeader + 40})`,
          },
          children: node.scopes.map(laneNode),
        };
      }
    }
  };

  const laneNode = (scope: GraphScope): ElkNode => {
    // Wide enough for its label.
    const minimumWidth = Math.ceil(measure(scope.label, 'label') + 2 * SIZES.framePadding);
    const chain = chainOf(scope);
    if (!chain) {
      return {
        id: scope.id,
        layoutOptions: {
          ...layered(scope),
          'elk.padding': `[top=${SIZES.laneHeader},left=${SIZES.framePadding},bottom=${SIZES.framePadding},right=${SIZES.framePadding}]`,
          'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
          'elk.nodeSize.minimum': `(${minimumWidth}, 0)`,
        },
        ...scopeContent(scope),
      };
    }
    const sized = chain.map((node) => {
      const { width = 0, height = 0 } = elkNode(node, true);
      return { id: node.id, width, height };
    });
    const inner = Math.max(...sized.map((node) => node.width), minimumWidth - 2 * SIZES.framePadding);
    const boxes = new Map<string, Rect>();
    let y = SIZES.laneHeader;
    for (const node of sized) {
      boxes.set(node.id, { x: SIZES.framePadding + (inner - node.width) / 2, y, width: node.width, height: node.height });
      y += node.height + SIZES.layerSpacing;
    }
    chains.set(scope.id, boxes);
    return { id: scope.id, width: inner + 2 * SIZES.framePadding, height: y - SIZES.layerSpacing + SIZES.framePadding };
  };

  const elkEdge = (edge: GraphEdge, placement: 'CENTER' | 'TAIL'): ElkExtendedEdge => {
    const result: ElkExtendedEdge = { id: edge.id, sources: [edge.from], targets: [edge.to] };
    if (edge.label) {
      const [text, width] = fit(edge.label, 'label', SIZES.textMaxWidth);
      texts.set(edge.id, { text, subtitle: '' });
      const size = { width: Math.ceil(width + 2 * SIZES.labelPadding), height: SIZES.labelHeight };
      result.labels = [{ text, ...size, layoutOptions: { 'elk.edgeLabels.placement': placement } }];
    }
    return result;
  };

  const scopeContent = (scope: GraphScope): Pick<ElkNode, 'children' | 'edges'> => {
    const placement = scopeSize(scope) <= LARGE_SCOPE ? 'CENTER' : 'TAIL';
    return {
      children: scope.nodes.map((node) => elkNode(node, scope.kind !== 'root')),
      edges: scope.edges.map((edge) => elkEdge(edge, placement)),
    };
  };

  const elk: ElkNode = { id: 'graph', layoutOptions: { ...layered(graph.root), 'elk.padding': '[top=20,left=20,bottom=20,right=20]' }, ...scopeContent(graph.root) };
  return { elk, texts, key: JSON.stringify(elk), chains };
}

function chainNode(chain: Map<string, Rect>, id: string): ElkNode | undefined {
  const box = chain.get(id);
  return box && { id, ...box };
}

/** ELK's answer in absolute coordinates, joined to the model. */
export function toScene(graph: AslGraph, input: LayoutInput, laidOut: ElkNode): Scene {
  const scene: Scene = { width: laidOut.width ?? 0, height: laidOut.height ?? 0, nodes: [], lanes: [], edges: [] };

  // Child coordinates are relative to their parent, edge coordinates to the node that declares them.
  const visit = (scope: GraphScope, elkScope: ElkNode, origin: Point, owner: string | undefined) => {
    const chain = input.chains.get(scope.id);
    const elkChildren = new Map((elkScope.children ?? []).map((child) => [child.id, child]));
    for (const node of scope.nodes) {
      const placed: ElkNode | undefined = chain ? chainNode(chain, node.id) : elkChildren.get(node.id);
      if (!placed) continue;
      const x = origin.x + (placed.x ?? 0);
      const y = origin.y + (placed.y ?? 0);
      const texts = input.texts.get(node.id) ?? { text: node.id, subtitle: '' };
      const compound = node.kind === 'state' && node.scopes.length > 0;
      scene.nodes.push({ node, x, y, width: placed.width ?? 0, height: placed.height ?? 0, compound, nested: scope.kind !== 'root', owner, ...texts });
      if (node.kind !== 'state') continue;
      const lanes = new Map((placed.children ?? []).map((child) => [child.id, child]));
      // ELK centres the lanes of a frame on one line; they are drawn from the top, all as tall as the tallest.
      const elkLanes = node.scopes.map((lane) => lanes.get(lane.id)).filter((lane) => lane !== undefined);
      const top = Math.min(...elkLanes.map((lane) => lane.y ?? 0));
      const height = Math.max(...elkLanes.map((lane) => (lane.y ?? 0) + (lane.height ?? 0))) - top;
      for (const lane of node.scopes) {
        const elkLane = lanes.get(lane.id);
        if (!elkLane) continue;
        const laneOrigin = { x: x + (elkLane.x ?? 0), y: y + top };
        scene.lanes.push({ scope: lane, ...laneOrigin, width: elkLane.width ?? 0, height });
        visit(lane, elkLane, laneOrigin, node.id);
      }
    }
    if (chain) {
      // A straight line down from the middle of one node to the middle of the next.
      for (const edge of scope.edges) {
        const from = chain.get(edge.from);
        const to = chain.get(edge.to);
        if (!from || !to) continue;
        const x = origin.x + from.x + from.width / 2;
        scene.edges.push({ edge, points: [{ x, y: origin.y + from.y + from.height }, { x, y: origin.y + to.y }] });
      }
      return;
    }
    const elkEdges = new Map((elkScope.edges ?? []).map((edge) => [edge.id, edge as ElkExtendedEdge]));
    for (const edge of scope.edges) {
      const placed = elkEdges.get(edge.id);
      const section = placed?.sections?.[0];
      if (!placed || !section) continue;
      const shift = (point: Point) => ({ x: origin.x + point.x, y: origin.y + point.y });
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(shift);
      const label = placed.labels?.[0];
      scene.edges.push({
        edge,
        points,
        label: label
          ? { ...shift({ x: label.x ?? 0, y: label.y ?? 0 }), width: label.width ?? 0, height: label.height ?? 0, text: label.text ?? '' }
          : undefined,
      });
    }
  };
  visit(graph.root, laidOut, { x: 0, y: 0 }, undefined);
  return scene;
}
