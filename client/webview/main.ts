/**
 * The graph preview's page: receives the extension's messages (each checked before use), lays the
 * graph out in the ELK worker, draws it, and keeps zoom, pan, selection, diagnostics badges and a
 * debug session's overlay across updates.
 */
import type { AslGraph } from '../../server/src/asl/graph';
import type { ExecutionStateEventBody } from '../../server/src/debug/executionEvent';
import { isHostMessage, type ExportFormat, type HostMessage, type StateDiagnostics, type WebviewMessage } from '../src/graph/protocol';
import { pngFromSvg, svgDocument } from './export';
import { TOOLBAR_ICONS } from './icons';
import { LayoutEngine } from './engine';
import { layoutInput, toScene, type LayoutInput, type MeasureText, type Point, type Rect } from './layout';
import { applyDiagnostics, applyExecution, applySelection, createArrowMarkers, drawScene, svgElement, type Drawing } from './render';
import { Viewport, type View } from './viewport';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (message: WebviewMessage) => vscode.postMessage(message);

/** What survives the page being reloaded (VS Code keeps it while the panel lives). */
interface SavedState {
  uri: string;
  view: View;
}

function savedState(): SavedState | undefined {
  const state = vscode.getState() as Partial<SavedState> | undefined;
  const view = state?.view;
  if (typeof state?.uri !== 'string' || !view || ![view.x, view.y, view.scale].every(Number.isFinite)) return undefined;
  return { uri: state.uri, view };
}

// ---- The page -------------------------------------------------------------------------------

function html<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, parent?: Element): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  parent?.appendChild(element);
  return element;
}

function button(parent: Element, label: string, icon: string, action: () => void): HTMLButtonElement {
  const element = html('button', { type: 'button', title: label, 'aria-label': label }, parent);
  const svg = svgElement('svg', { viewBox: '0 0 16 16', width: 16, height: 16, 'aria-hidden': 'true' }, element);
  svgElement('path', { d: icon }, svg);
  element.addEventListener('click', action);
  return element;
}

const toolbar = html('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Graph' }, document.body);
const titleElement = html('span', { class: 'title' }, toolbar);
const problemsElement = html('span', { class: 'problems', hidden: '' }, toolbar);
const runElement = html('span', { class: 'run', hidden: '' }, toolbar);
const runText = html('span', {}, runElement);
html('span', { class: 'spacer' }, toolbar);
button(toolbar, 'Zoom out (-)', TOOLBAR_ICONS.zoomOut, () => viewport.zoomBy(1 / 1.25));
button(toolbar, 'Zoom in (+)', TOOLBAR_ICONS.zoomIn, () => viewport.zoomBy(1.25));
button(toolbar, 'Fit to window (0)', TOOLBAR_ICONS.fit, () => fit());
const exportSvgButton = html('button', { type: 'button', class: 'text', title: 'Export as SVG', 'aria-label': 'Export as SVG' }, toolbar);
exportSvgButton.textContent = 'SVG';
exportSvgButton.addEventListener('click', () => void exportGraph('svg'));
const exportPngButton = html('button', { type: 'button', class: 'text', title: 'Export as PNG', 'aria-label': 'Export as PNG' }, toolbar);
exportPngButton.textContent = 'PNG';
exportPngButton.addEventListener('click', () => void exportGraph('png'));

const problemBanner = html('div', { class: 'banner problem', role: 'status', hidden: '' }, document.body);
const failureBanner = html('div', { class: 'banner failure', role: 'alert', hidden: '' }, document.body);
const svg = svgElement('svg', { class: 'graph', role: 'group' }, document.body);
createArrowMarkers(svg);
const layer = svgElement('g', { class: 'viewport' }, svg);
const emptyNote = html('div', { class: 'empty', hidden: '' }, document.body);
const busyNote = html('div', { class: 'busy', role: 'status', hidden: '' }, document.body);
emptyNote.textContent = 'No states yet: the states under "States" appear here.';
const tooltip = html('div', { class: 'tooltip', role: 'tooltip', hidden: '' }, document.body);

button(runElement, 'Clear the run from the graph', TOOLBAR_ICONS.clear, () => setExecution(null));

let saveTimer: ReturnType<typeof setTimeout> | undefined;
const viewport = new Viewport(svg, layer, (view) => {
  tooltip.hidden = true;
  if (!shown) return;
  const uri = shown.uri;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => vscode.setState({ uri, view } satisfies SavedState), 200);
});

function setBanner(element: HTMLElement, message: string | undefined): void {
  element.hidden = message === undefined;
  element.textContent = message ?? '';
}

function report(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  setBanner(failureBanner, `The graph could not be drawn: ${message}`);
  post({ type: 'error', message });
}

// ---- Text measurement -----------------------------------------------------------------------

const measureContext = document.createElement('canvas').getContext('2d');
const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
/** Must match the fonts of `.node-name`, `.node-subtitle` and `.edge-label text` in the stylesheet. */
const FONTS = { name: `600 13px ${family}`, subtitle: `11px ${family}`, label: `11px ${family}` };
const measure: MeasureText = (text, font) => {
  if (!measureContext) return text.length * 7;
  measureContext.font = FONTS[font];
  return measureContext.measureText(text).width;
};

// ---- Graph updates --------------------------------------------------------------------------

const engine = LayoutEngine.start(document.body.dataset.layoutWorker ?? '');
engine.catch(report);

/** The document whose graph the extension sent last: overlays received belong to it. */
let latestUri: string | undefined;
/** Graph messages received so far; the drawn one's number is on the SVG element (`data-graph-version`). */
let received = 0;
let pending: { message: Extract<HostMessage, { type: 'graph' }>; version: number } | undefined;
let drawingNow = false;
let lastLayout: { input: LayoutInput; result: Awaited<ReturnType<LayoutEngine['layout']>> } | undefined;
let shown: { uri: string; graph: AslGraph; drawing: Drawing; bounds: Rect } | undefined;

let selection: string | null = null;
let diagnostics = new Map<string, StateDiagnostics>();
let execution: ExecutionStateEventBody | null = null;

function onGraph(message: Extract<HostMessage, { type: 'graph' }>): void {
  if (message.uri !== latestUri) {
    latestUri = message.uri;
    selection = null;
    diagnostics = new Map();
    execution = null;
    showRun();
  }
  titleElement.textContent = message.title;
  svg.setAttribute('aria-label', `Graph of ${message.title}`);
  setBanner(problemBanner, message.problem);
  pending = { message, version: ++received };
  if (!drawingNow) void drawPending();
}

/** Lays out and draws the newest graph received, then any that arrived meanwhile. */
async function drawPending(): Promise<void> {
  drawingNow = true;
  try {
    while (pending) {
      const { message, version } = pending;
      pending = undefined;
      // A large graph takes a while: say so unless it is drawn quickly.
      const busy = setTimeout(() => {
        busyNote.textContent = `Laying out ${message.graph.stateCount.toLocaleString('en-US')} states…`;
        busyNote.hidden = false;
      }, 300);
      try {
        await draw(message, version);
        setBanner(failureBanner, undefined);
      } catch (error) {
        report(error);
      } finally {
        clearTimeout(busy);
        busyNote.hidden = true;
      }
    }
  } finally {
    drawingNow = false;
  }
}

/** Names of the performance measures of each drawing (seen in the developer tools, read by the benchmark). */
const MEASURES = { layout: 'statecraft.graph.layout', draw: 'statecraft.graph.draw' } as const;

async function draw(message: Extract<HostMessage, { type: 'graph' }>, version: number): Promise<void> {
  const started = performance.now();
  const input = layoutInput(message.graph, measure);
  const result = lastLayout?.input.key === input.key ? lastLayout.result : await (await engine).layout(input);
  lastLayout = { input, result };
  const laidOut = performance.now();
  performance.measure(MEASURES.layout, { start: started, end: laidOut });

  const sameDocument = shown?.uri === message.uri;
  const anchor = sameDocument ? viewAnchor() : undefined;
  const scene = toScene(message.graph, input, result);
  const drawing = drawScene(layer, scene);
  const bounds = { x: 0, y: 0, width: scene.width, height: scene.height };
  const first = !shown;
  shown = { uri: message.uri, graph: message.graph, drawing, bounds };
  applyOverlays();

  const restored = first ? savedState() : undefined;
  const anchorNow = anchor && drawing.placed.get(anchor.id);
  if (anchor && anchorNow) {
    // The node the user was looking at stays where it was on the screen.
    const view = viewport.current;
    viewport.set({ x: anchor.screen.x - anchorNow.x * view.scale, y: anchor.screen.y - anchorNow.y * view.scale, scale: view.scale });
  } else if (!sameDocument && restored?.uri === message.uri) {
    viewport.set(restored.view);
  } else if (!sameDocument) {
    viewport.firstView(bounds, drawing.placed.get(`${message.graph.root.id}#start`));
  }
  emptyNote.hidden = message.graph.stateCount > 0;
  svg.dataset.graphVersion = String(version);
  performance.measure(MEASURES.draw, { start: laidOut });
  if (exportWhenDrawn) {
    const format = exportWhenDrawn;
    exportWhenDrawn = undefined;
    void exportGraph(format);
  }
}

/**
 * The node to keep in place across an update: the selected one if on screen, else the one on
 * screen nearest the middle. None when no node is on screen: the view then stays as it is.
 */
function viewAnchor(): { id: string; screen: Point } | undefined {
  if (!shown) return undefined;
  const placed = shown.drawing.placed;
  const selected = selection ? placed.get(selection) : undefined;
  if (selected && viewport.shows(selected)) return { id: selected.node.id, screen: viewport.toScreen(selected) };
  const box = svg.getBoundingClientRect();
  let best: { id: string; distance: number; screen: Point } | undefined;
  for (const item of placed.values()) {
    if (item.compound || !viewport.shows(item)) continue;
    const screen = viewport.toScreen(item);
    const distance = Math.hypot(screen.x - box.width / 2, screen.y - box.height / 2);
    if (!best || distance < best.distance) best = { id: item.node.id, distance, screen };
  }
  return best && { id: best.id, screen: best.screen };
}

function applyOverlays(): void {
  if (!shown || shown.uri !== latestUri) return;
  applySelection(shown.drawing, selection);
  applyDiagnostics(shown.drawing, diagnostics);
  applyExecution(shown.drawing, execution);
}

function fit(): void {
  if (shown) viewport.fit(shown.bounds);
}

/** Brings a node into view when it is not wholly on screen. */
function follow(id: string | undefined): void {
  const placed = id ? shown?.drawing.placed.get(id) : undefined;
  if (placed && !viewport.shows(placed)) viewport.reveal(placed);
}

function setExecution(body: ExecutionStateEventBody | null): void {
  execution = body;
  showRun();
  if (shown && shown.uri === latestUri) applyExecution(shown.drawing, execution);
  const current = execution?.current[0];
  if (current) follow(shown?.drawing.stateIdsByName.get(current));
}

const STATUS_TEXT: Record<ExecutionStateEventBody['status'], string> = {
  running: 'Running',
  paused: 'Paused',
  succeeded: 'Succeeded',
  failed: 'Failed',
  aborted: 'Aborted',
  timedOut: 'Timed out',
};

function showRun(): void {
  runElement.hidden = !execution;
  if (!execution) return;
  runElement.dataset.status = execution.status;
  const at = execution.current.length ? ` at ${execution.current.join(', ')}` : '';
  runText.textContent = `${STATUS_TEXT[execution.status]}${at}`;
}

function showProblems(errors: number, warnings: number): void {
  problemsElement.hidden = errors + warnings === 0;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  problemsElement.textContent = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
  problemsElement.className = `problems ${errors ? 'errors' : 'warnings'}`;
}

// ---- Export ---------------------------------------------------------------------------------

/** An export asked for before the first graph was drawn: done once it is. */
let exportWhenDrawn: ExportFormat | undefined;

async function exportGraph(format: ExportFormat): Promise<void> {
  if (!shown) {
    exportWhenDrawn = format;
    return;
  }
  try {
    const background = getComputedStyle(document.body).backgroundColor;
    const { text, width, height } = svgDocument(svg, layer, shown.bounds, background);
    const data = format === 'svg' ? text : await pngFromSvg(text, width, height);
    post({ type: 'exported', format, data });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    setBanner(failureBanner, `The graph could not be exported: ${message}`);
    post({ type: 'error', message: `Export failed: ${message}` });
  }
}

// ---- Interaction ----------------------------------------------------------------------------

function stateElement(target: EventTarget | null): SVGGElement | undefined {
  const element = target instanceof Element ? target.closest('.node.state[data-id]') : null;
  return element instanceof SVGGElement ? element : undefined;
}

function reveal(element: SVGGElement): void {
  const id = element.dataset.id;
  if (!id) return;
  selection = id;
  if (shown) applySelection(shown.drawing, selection);
  post({ type: 'reveal', id });
}

svg.addEventListener('click', (event) => {
  const element = stateElement(event.target);
  if (element && !viewport.panning) reveal(element);
});
svg.addEventListener('keydown', (event) => {
  const element = stateElement(event.target);
  if (element && (event.key === 'Enter' || event.key === ' ')) {
    event.preventDefault();
    reveal(element);
  }
});
document.addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLButtonElement || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === '+' || event.key === '=') viewport.zoomBy(1.25);
  else if (event.key === '-') viewport.zoomBy(1 / 1.25);
  else if (event.key === '0') fit();
  else return;
  event.preventDefault();
});

function showTooltip(element: SVGGElement, at: Point): void {
  const id = element.dataset.id;
  const node = id ? shown?.drawing.placed.get(id)?.node : undefined;
  if (!node || node.kind !== 'state') return;
  tooltip.replaceChildren();
  html('div', { class: 'tooltip-title' }, tooltip).textContent = node.name;
  html('div', { class: 'tooltip-subtitle' }, tooltip).textContent = node.subtitle;
  const table = html('dl', {}, tooltip);
  for (const detail of node.details) {
    html('dt', {}, table).textContent = detail.label;
    html('dd', {}, table).textContent = detail.value;
  }
  const run = execution && runStateOf(node.name);
  if (run) html('div', { class: `tooltip-run ${run.className}` }, tooltip).textContent = run.text;
  for (const message of diagnostics.get(node.id)?.messages ?? []) {
    html('div', { class: `tooltip-diagnostic ${diagnostics.get(node.id)?.severity}` }, tooltip).textContent = message;
  }
  tooltip.hidden = false;
  const left = Math.min(at.x + 14, window.innerWidth - tooltip.offsetWidth - 8);
  const top = at.y + 14 + tooltip.offsetHeight > window.innerHeight ? at.y - tooltip.offsetHeight - 8 : at.y + 14;
  tooltip.style.left = `${Math.max(8, left)}px`;
  tooltip.style.top = `${Math.max(8, top)}px`;
}

function runStateOf(name: string): { text: string; className: string } | undefined {
  if (!execution) return undefined;
  if (execution.failed.includes(name)) return { text: 'Failed in this run', className: 'failed' };
  if (execution.current.includes(name)) return { text: `${STATUS_TEXT[execution.status]} here`, className: 'current' };
  if (execution.visited.includes(name)) return { text: 'Visited in this run', className: 'visited' };
  return undefined;
}

svg.addEventListener('pointerover', (event) => {
  const element = stateElement(event.target);
  if (element && !viewport.panning) showTooltip(element, { x: event.clientX, y: event.clientY });
});
svg.addEventListener('pointerout', (event) => {
  if (stateElement(event.target) !== stateElement(event.relatedTarget)) tooltip.hidden = true;
});
svg.addEventListener('focusin', (event) => {
  const element = stateElement(event.target);
  if (!element) return;
  const box = element.getBoundingClientRect();
  showTooltip(element, { x: box.left, y: box.bottom });
});
svg.addEventListener('focusout', () => {
  tooltip.hidden = true;
});

// ---- Messages -------------------------------------------------------------------------------

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'graph':
      onGraph(message);
      break;
    case 'problem':
      setBanner(problemBanner, message.message);
      break;
    case 'diagnostics':
      diagnostics = new Map(message.states.map((entry) => [entry.id, entry]));
      showProblems(message.errors, message.warnings);
      if (shown && shown.uri === latestUri) applyDiagnostics(shown.drawing, diagnostics);
      break;
    case 'selection': {
      const changed = message.id !== selection;
      selection = message.id;
      if (shown && shown.uri === latestUri) applySelection(shown.drawing, selection);
      if (changed && selection) follow(selection);
      break;
    }
    case 'execution':
      setExecution(message.execution);
      break;
    case 'export':
      void exportGraph(message.format);
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isHostMessage(event.data)) {
    post({ type: 'error', message: `Ignored a message the graph preview does not understand: ${describe(event.data)}` });
    return;
  }
  try {
    handle(event.data);
  } catch (error) {
    report(error);
  }
});

function describe(value: unknown): string {
  const type = typeof value === 'object' && value !== null && 'type' in value ? String((value as { type: unknown }).type) : typeof value;
  return `\`${type.slice(0, 40)}\``;
}

post({ type: 'ready' });
