/**
 * The built graph preview page in headless Chromium, under the webview's Content-Security-Policy,
 * fed the messages the extension sends: what it draws (states, lanes, edges, labels), what a click
 * posts, the cursor, diagnostics and debug overlays, the broken-JSON banner, zoom surviving updates,
 * the exports and the theme. Screenshots go to test-results/ as artifacts.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { diagnosticsMessage, lineAndColumn } from '../../client/src/graph/feed';
import type { WebviewMessage } from '../../client/src/graph/protocol';
import type { GraphScope } from '../../server/src/asl/graph';
import { parseAsl } from '../../server/src/asl/parse';
import type { ExecutionStateEventBody } from '../../server/src/debug/executionEvent';
import { generateStateMachine } from '../../bench/generate';
import { chromiumMissing, launchChromium, openPreview, TIMEOUT, type PreviewPage } from './harness';

const RESULTS = join(__dirname, '..', '..', 'test-results');

// The page's globals, for the functions that run in it (this project's TypeScript has no DOM library).
interface ClientRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
declare const document: {
  querySelector(selector: string): { getBoundingClientRect(): ClientRect } | null;
  querySelectorAll(selector: string): { length: number };
  body: { classList: { add(name: string): void } };
};
declare const recorded: { posted: { type: string }[] };
declare function getComputedStyle(element: unknown): { strokeDasharray: string; stroke: string; strokeWidth: string; fill: string; backgroundColor: string };

const ORDER = {
  Comment: 'Takes an order',
  StartAt: 'Validate',
  States: {
    Validate: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Catch: [{ ErrorEquals: ['Validation.Error', 'States.Timeout'], Next: 'Reject' }],
      Next: 'Route',
    },
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.total', NumericGreaterThan: 100, Next: 'Approve' },
        { And: [{ Variable: '$.vip', BooleanEquals: true }, { Variable: '$.country', StringEquals: 'DE' }], Next: 'Fulfil' },
      ],
      Default: 'Fulfil',
    },
    Approve: { Type: 'Wait', Seconds: 60, Next: 'Fulfil' },
    Fulfil: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Charge', States: { Charge: { Type: 'Task', Resource: '${ChargeFunctionArn}', End: true } } },
        {
          StartAt: 'Ship',
          States: {
            Ship: {
              Type: 'Map',
              ItemProcessor: {
                StartAt: 'Pack',
                States: { Pack: { Type: 'Pass', Next: 'Label' }, Label: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:putObject', End: true } },
              },
              End: true,
            },
          },
        },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Reject' }],
      Next: 'Done',
    },
    Reject: { Type: 'Fail', Error: 'OrderRejected' },
    Done: { Type: 'Succeed' },
  },
};
const ORDER_TEXT = JSON.stringify(ORDER, null, 2);
const PACK = '/States/Fulfil/Branches/1/States/Ship/ItemProcessor/States/Pack';
const LABEL = '/States/Fulfil/Branches/1/States/Ship/ItemProcessor/States/Label';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
}

function allEdges(scope: GraphScope): number {
  return scope.edges.length + scope.nodes.reduce((sum, node) => sum + (node.kind === 'state' ? node.scopes.reduce((inner, child) => inner + allEdges(child), 0) : 0), 0);
}

/** The screen box of an element. */
async function box(preview: PreviewPage, selector: string): Promise<Box> {
  const found = await preview.page.locator(selector).first().boundingBox();
  assert.ok(found, `no box for ${selector}`);
  return found;
}

async function postedOf<T extends WebviewMessage['type']>(preview: PreviewPage, type: T): Promise<Extract<WebviewMessage, { type: T }>[]> {
  return (await preview.posted()).filter((message): message is Extract<WebviewMessage, { type: T }> => message.type === type);
}

async function waitForPosted(preview: PreviewPage, type: WebviewMessage['type'], count = 1): Promise<void> {
  await preview.page.waitForFunction(
    ([wanted, at]) => recorded.posted.filter((message) => message.type === wanted).length >= at,
    [type, count] as const,
    { timeout: TIMEOUT },
  );
}

async function checkClean(preview: PreviewPage): Promise<void> {
  assert.deepEqual(await preview.violations(), [], 'Content-Security-Policy violations');
  assert.deepEqual(preview.errors, [], 'page errors');
  assert.deepEqual(await postedOf(preview, 'error'), [], 'errors posted');
}

describe('graph preview page in Chromium', { skip: chromiumMissing(), timeout: 15 * 60_000 }, () => {
  let browser: Browser;
  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  /** A fresh page per test, closed whatever happens. */
  async function withPreview(run: (preview: PreviewPage) => Promise<void>, options?: { theme?: 'light' }): Promise<void> {
    const preview = await openPreview(browser, options);
    try {
      await run(preview);
    } finally {
      await preview.close();
    }
  }

  it('draws every state, lane, edge and label, nested where the document nests them', async () => {
    await withPreview(async (preview) => {
      const message = await preview.sendDocument(ORDER_TEXT);
      assert.ok(message.type === 'graph');
      const { page } = preview;

      const names = await page.$$eval('.node.state', (elements) => elements.map((element) => element.getAttribute('data-name')));
      assert.deepEqual(names.sort(), ['Approve', 'Charge', 'Done', 'Fulfil', 'Label', 'Pack', 'Reject', 'Route', 'Ship', 'Validate']);
      assert.equal(await page.locator('.edge').count(), allEdges(message.graph.root));
      assert.equal(await page.locator('.node.marker').count(), 8, 'start and end of the machine, two branches and a processor');
      assert.deepEqual(await page.$$eval('.lane-label', (elements) => elements.map((element) => element.textContent)), ['Branch 2', 'Branch 1', 'Item processor']);

      const labels = await page.$$eval('.edge-label text', (elements) => elements.map((element) => element.textContent));
      assert.deepEqual(labels.sort(), ['$.total > 100', '$.vip == true && $.country == "…', 'Default', 'States.ALL', 'Validation.Error, States.Timeout'].sort());
      assert.equal(await page.locator('.edge.kind-catch').count(), 2);
      const dashes = await page.$$eval('.edge.kind-catch .edge-line', (elements) => elements.map((element) => getComputedStyle(element).strokeDasharray));
      assert.ok(dashes.every((dash) => dash !== 'none'), `catch edges are dashed: ${dashes}`);
      const paths = await page.$$eval('.edge-line', (elements) => elements.map((element) => element.getAttribute('d') ?? ''));
      assert.ok(paths.every((d) => /^M[\d.-]+ [\d.-]+.*L[\d.-]+ [\d.-]+$/.test(d)), 'every edge is drawn');

      // Nesting: Pack in the item processor, in the Ship frame, in branch 2, in the Fulfil frame.
      const fulfil = await box(preview, '.node[data-name="Fulfil"] > .node-box');
      const branch2 = await box(preview, '.lane[data-scope="/States/Fulfil/Branches/1"] > .lane-box');
      const ship = await box(preview, '.node[data-name="Ship"] > .node-box');
      const processor = await box(preview, '.lane[data-scope="/States/Fulfil/Branches/1/States/Ship/ItemProcessor"] > .lane-box');
      const pack = await box(preview, `.node[data-id="${PACK}"] > .node-box`);
      const charge = await box(preview, '.node[data-name="Charge"] > .node-box');
      assert.ok(inside(branch2, fulfil) && inside(ship, branch2) && inside(processor, ship) && inside(pack, processor), 'nested frames');
      assert.ok(inside(charge, fulfil) && !inside(charge, branch2), 'Charge is in branch 1');
      // Lanes side by side, from the same top.
      const branch1 = await box(preview, '.lane[data-scope="/States/Fulfil/Branches/0"] > .lane-box');
      assert.ok(branch1.x + branch1.width <= branch2.x);
      assert.equal(Math.round(branch1.y), Math.round(branch2.y));
      // Flow goes down: the start above the first state, the first state above the Choice.
      assert.ok((await box(preview, '.node[data-id="#start"]')).y < (await box(preview, '.node[data-name="Validate"]')).y);
      assert.ok((await box(preview, '.node[data-name="Validate"]')).y < (await box(preview, '.node[data-name="Route"]')).y);

      await checkClean(preview);
      await page.screenshot({ path: join(RESULTS, 'graph-preview.png') });
    });
  });

  it('posts a reveal for a clicked node, highlights the node under the cursor and shows details on hover', async () => {
    await withPreview(async (preview) => {
      await preview.sendDocument(ORDER_TEXT);
      const { page } = preview;

      await page.click('.node[data-name="Route"]');
      assert.deepEqual(await postedOf(preview, 'reveal'), [{ type: 'reveal', id: '/States/Route' }]);
      assert.equal(await page.locator('.node.selected').getAttribute('data-name'), 'Route');

      // Keyboard: Enter on a focused node reveals it too.
      await page.focus('.node[data-name="Approve"]');
      await page.keyboard.press('Enter');
      assert.deepEqual((await postedOf(preview, 'reveal')).at(-1), { type: 'reveal', id: '/States/Approve' });

      await preview.send({ type: 'selection', id: PACK });
      await page.waitForSelector(`.node.selected[data-id="${PACK}"]`, { timeout: TIMEOUT });
      assert.equal(await page.locator('.node.selected').count(), 1);
      await preview.send({ type: 'selection', id: null });
      await page.waitForFunction(() => document.querySelectorAll('.node.selected').length === 0, undefined, { timeout: TIMEOUT });

      await page.hover('.node[data-name="Label"]');
      const tooltip = page.locator('.tooltip');
      await tooltip.waitFor({ state: 'visible', timeout: TIMEOUT });
      const text = await tooltip.innerText();
      assert.match(text, /Label/);
      assert.match(text, /Resource\s+arn:aws:states:::aws-sdk:s3:putObject/);
      assert.match(text, /End\s+true/);

      // A drag pans and reveals nothing.
      const reveals = (await postedOf(preview, 'reveal')).length;
      const transform = await page.getAttribute('g.viewport', 'transform');
      const validate = await box(preview, '.node[data-name="Validate"]');
      await page.mouse.move(validate.x + 10, validate.y + 10);
      await page.mouse.down();
      await page.mouse.move(validate.x + 80, validate.y + 60, { steps: 8 });
      await page.mouse.up();
      assert.notEqual(await page.getAttribute('g.viewport', 'transform'), transform);
      assert.equal((await postedOf(preview, 'reveal')).length, reveals);
      await checkClean(preview);
    });
  });

  it('badges states with errors and warnings and counts them', async () => {
    await withPreview(async (preview) => {
      await preview.sendDocument(ORDER_TEXT);
      const at = (text: string) => ORDER_TEXT.indexOf(text);
      await preview.send(
        diagnosticsMessage(parseAsl(ORDER_TEXT), [
          { offset: at('"NumericGreaterThan"'), severity: 'error', message: '`Aprove` is not a state.' },
          { offset: at('"${ChargeFunctionArn}"'), severity: 'warning', message: 'Charge has no retrier.' },
          { offset: at('"Comment"'), severity: 'warning', message: 'Outside any state.' },
        ]),
      );
      const { page } = preview;
      await page.waitForSelector('.node[data-name="Route"] > .badge-error', { timeout: TIMEOUT });
      assert.equal(await page.locator('.node[data-name="Charge"] > .badge-warning').count(), 1);
      assert.equal(await page.locator('.badge').count(), 2);
      assert.equal(await page.locator('.toolbar .problems').innerText(), '1 error, 2 warnings');

      await page.hover('.node[data-name="Route"]');
      await page.locator('.tooltip-diagnostic.error').waitFor({ timeout: TIMEOUT });
      assert.equal(await page.locator('.tooltip-diagnostic.error').innerText(), '`Aprove` is not a state.');

      // Badges stay on the right states when the graph is drawn again.
      await preview.sendDocument(ORDER_TEXT.replace('Takes an order', 'Takes an order, now'));
      assert.equal(await page.locator('.node[data-name="Route"] > .badge-error').count(), 1);
      await checkClean(preview);
    });
  });

  it('shows a debug session: current, visited and failed states, taken edges, and follows the current state', async () => {
    await withPreview(async (preview) => {
      await preview.sendDocument(ORDER_TEXT);
      const { page } = preview;
      // Look somewhere else first: the view has to come back to the current state.
      await page.mouse.move(600, 400);
      await page.mouse.wheel(4000, 3000);
      const svgBox = await box(preview, 'svg.graph');
      assert.ok(!inside(await box(preview, `.node[data-id="${LABEL}"]`), svgBox), 'Label is off screen');

      const paused: ExecutionStateEventBody = {
        program: '/workflows/example.asl.json',
        status: 'paused',
        current: ['Label'],
        visited: ['Validate', 'Route', 'Fulfil', 'Charge', 'Ship', 'Pack', 'Label'],
        takenEdges: [
          ['Validate', 'Route'],
          ['Route', 'Fulfil'],
          ['Pack', 'Label'],
        ],
        failed: [],
      };
      await preview.send({ type: 'execution', execution: paused });
      await page.waitForSelector(`.node.current[data-id="${LABEL}"]`, { timeout: TIMEOUT });
      const visited = await page.$$eval('.node.visited', (elements) => elements.map((element) => element.getAttribute('data-name')));
      assert.deepEqual(visited.sort(), ['Charge', 'Fulfil', 'Label', 'Pack', 'Route', 'Ship', 'Validate']);
      const taken = await page.$$eval('.edge.taken', (elements) => elements.map((element) => `${element.getAttribute('data-from')} ${element.getAttribute('data-to')}`));
      assert.deepEqual(taken.sort(), [
        '#start /States/Validate',
        '/States/Fulfil/Branches/0#start /States/Fulfil/Branches/0/States/Charge',
        '/States/Fulfil/Branches/0/States/Charge /States/Fulfil/Branches/0#end',
        '/States/Fulfil/Branches/1#start /States/Fulfil/Branches/1/States/Ship',
        '/States/Fulfil/Branches/1/States/Ship/ItemProcessor#start /States/Fulfil/Branches/1/States/Ship/ItemProcessor/States/Pack',
        // The second rule and Default both lead from Route to Fulfil: the event names states, not
        // edges, so both are marked.
        '/States/Route /States/Fulfil',
        '/States/Route /States/Fulfil',
        `${PACK} ${LABEL}`,
        '/States/Validate /States/Route',
      ].sort());
      assert.equal(await page.locator('.toolbar .run').innerText(), 'Paused at Label');
      // The view glides to the current state.
      await page.waitForFunction(
        ([id]) => {
          const node = document.querySelector(`.node[data-id="${id}"]`)?.getBoundingClientRect();
          const view = document.querySelector('svg.graph')?.getBoundingClientRect();
          return !!node && !!view && node.left >= view.left && node.right <= view.right && node.top >= view.top && node.bottom <= view.bottom;
        },
        [LABEL] as const,
        { timeout: TIMEOUT },
      );
      await page.screenshot({ path: join(RESULTS, 'graph-preview-debug.png') });

      await preview.send({
        type: 'execution',
        execution: { ...paused, status: 'failed', current: [], visited: ['Validate', 'Reject'], takenEdges: [['Validate', 'Reject']], failed: ['Reject'] },
      });
      await page.waitForSelector('.node.failed[data-name="Reject"]', { timeout: TIMEOUT });
      assert.equal(await page.locator('.node.current').count(), 0);
      assert.equal(await page.locator('.toolbar .run').innerText(), 'Failed');
      const [failedStroke, normalStroke] = await page.$$eval('.node[data-name="Reject"] > .node-box, .node[data-name="Done"] > .node-box', (elements) =>
        elements.map((element) => getComputedStyle(element).stroke),
      );
      assert.notEqual(failedStroke, normalStroke);
      assert.equal(await page.locator('.edge.taken.kind-catch').count(), 1, 'the catch edge Validate → Reject');

      // Cleared from the toolbar.
      await page.click('.toolbar .run button');
      assert.equal(await page.locator('.node.visited, .node.failed, .edge.taken').count(), 0);
      await checkClean(preview);
    });
  });

  it('keeps the last good graph under a banner naming the problem while the JSON is broken', async () => {
    await withPreview(async (preview) => {
      const { page } = preview;
      await preview.sendDocument(ORDER_TEXT);
      const states = await page.locator('.node.state').count();

      const broken = ORDER_TEXT.replace('"Next": "Route"\n    },', '"Next": "Route"\n    }');
      const problem = await preview.sendDocument(broken);
      assert.equal(problem.type, 'problem');
      const banner = page.locator('.banner.problem');
      await banner.waitFor({ state: 'visible', timeout: TIMEOUT });
      const { line, column } = lineAndColumn(broken, broken.indexOf('"Route": {'));
      assert.equal(await banner.innerText(), `Line ${line}, column ${column}: Comma expected. The graph shows the last version that was valid JSON.`);
      assert.equal(await page.locator('.node.state').count(), states);
      assert.equal(await page.getAttribute('svg.graph', 'data-graph-version'), '1');
      await page.screenshot({ path: join(RESULTS, 'graph-preview-broken.png') });

      // Fixed, with a new state: the banner goes, the new state is drawn.
      const fixed = JSON.stringify({ ...ORDER, States: { ...ORDER.States, Done: { Type: 'Pass', Next: 'Archive' }, Archive: { Type: 'Succeed' } } }, null, 2);
      await preview.sendDocument(fixed);
      assert.ok(await banner.isHidden());
      assert.equal(await page.locator('.node[data-name="Archive"]').count(), 1);
      await checkClean(preview);
    });
  });

  it('draws what it can of a document broken from the start, with the banner', async () => {
    await withPreview(async (preview) => {
      const message = await preview.sendDocument('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succ');
      assert.ok(message.type === 'graph' && message.problem);
      const { page } = preview;
      assert.match(await page.locator('.banner.problem').innerText(), /^Line 1, column \d+: .+\. The graph shows what could be read\.$/);
      assert.deepEqual(await page.$$eval('.node.state', (elements) => elements.map((element) => element.getAttribute('data-name'))), ['A', 'B']);
      await checkClean(preview);
    });
  });

  it('keeps zoom and the view on what the user looked at across updates; fits on request', async () => {
    await withPreview(async (preview) => {
      await preview.sendDocument(ORDER_TEXT);
      const { page } = preview;
      await page.click('.toolbar button[aria-label="Zoom in (+)"]');
      await page.click('.toolbar button[aria-label="Zoom in (+)"]');
      const scaleOf = (transform: string | null) => Number(/scale\(([\d.]+)\)/.exec(transform ?? '')?.[1]);
      const zoomed = scaleOf(await page.getAttribute('g.viewport', 'transform'));
      await page.click(`.node[data-name="Route"]`);
      const before = await box(preview, '.node[data-name="Route"]');

      // A state added above Route moves it down in the drawing; on screen it stays put.
      const grown = JSON.stringify({ ...ORDER, StartAt: 'Receive', States: { Receive: { Type: 'Pass', Next: 'Validate' }, ...ORDER.States } }, null, 2);
      await preview.sendDocument(grown);
      assert.equal(scaleOf(await page.getAttribute('g.viewport', 'transform')), zoomed);
      const after = await box(preview, '.node[data-name="Route"]');
      assert.ok(Math.abs(after.x - before.x) < 1 && Math.abs(after.y - before.y) < 1, `Route moved on screen: ${JSON.stringify([before, after])}`);

      await page.click('.toolbar button[aria-label="Fit to window (0)"]');
      const svgBox = await box(preview, 'svg.graph');
      for (const name of ['Receive', 'Done', 'Reject']) assert.ok(inside(await box(preview, `.node[data-name="${name}"]`), svgBox), `${name} in view after fit`);
      await checkClean(preview);
    });
  });

  it('exports a standalone SVG and a PNG', async () => {
    await withPreview(async (preview) => {
      await preview.sendDocument(ORDER_TEXT);
      await preview.send({ type: 'export', format: 'svg' });
      await waitForPosted(preview, 'exported');
      const [svg] = await postedOf(preview, 'exported');
      assert.equal(svg.format, 'svg');
      assert.match(svg.data, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="\d+" viewBox=/);
      assert.ok(svg.data.includes('>Validate</text>') && svg.data.includes('>Item processor</text>'));
      assert.doesNotMatch(svg.data, /var\(--|\sclass="|\stabindex=|\sstyle="/, 'colours resolved, no classes or interaction left');
      assert.match(svg.data, /<path[^>]* d="M[^"]+"[^>]* fill="none"[^>]* stroke="rgb\([^"]+\)"[^>]* marker-end="url\((&quot;)?#arrow(&quot;)?\)"/, 'edges keep their arrows');

      await preview.page.click('.toolbar button[title="Export as PNG"]');
      await waitForPosted(preview, 'exported', 2);
      const png = (await postedOf(preview, 'exported'))[1];
      assert.equal(png.format, 'png');
      const bytes = Buffer.from(png.data, 'base64');
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
      const svgWidth = Number(/width="(\d+)"/.exec(svg.data)?.[1]);
      assert.equal(width, svgWidth * 2, 'drawn at twice the size');
      assert.ok(height > 100);
      writeFileSync(join(RESULTS, 'graph-export.svg'), svg.data);
      writeFileSync(join(RESULTS, 'graph-export.png'), bytes);
      await checkClean(preview);
    });
  });

  it('lays out a 2,500-state workflow (a chain of 2,250 states and 50 lanes) within the worker\'s stack', async () => {
    await withPreview(async (preview) => {
      const message = await preview.sendDocument(generateStateMachine({ states: 2500 }).text);
      assert.ok(message.type === 'graph' && message.graph.stateCount === 2500);
      assert.equal(await preview.page.locator('.node.state').count(), 2500);
      assert.equal(await preview.page.locator('.lane').count(), 50);
      await checkClean(preview);
    });
  });

  it('ignores and reports a message outside the protocol', async () => {
    await withPreview(async (preview) => {
      await preview.sendDocument(ORDER_TEXT);
      await preview.send({ type: 'graph', uri: 'file:///x', title: 'x', graph: { stateCount: 1, root: { id: '', kind: 'root', label: '', nodes: [{ kind: 'state', id: '<img src=x onerror=alert(1)>' }], edges: [] } } });
      await waitForPosted(preview, 'error');
      const [error] = await postedOf(preview, 'error');
      assert.match(error.message, /^Ignored a message the graph preview does not understand: `graph`$/);
      assert.equal(await preview.page.getAttribute('svg.graph', 'data-graph-version'), '1');
      assert.equal(await preview.page.locator('.node[data-name="Validate"]').count(), 1);
    });
  });

  it('takes its colours from the theme, with heavier outlines in high contrast', async () => {
    await withPreview(async (preview) => {
      await preview.sendDocument(ORDER_TEXT);
      const { page } = preview;
      // The harness sets the dark theme's variables: charts-blue is #3794ff, the editor background #1f1f1f.
      assert.equal(await page.$eval('.node[data-name="Validate"] > .node-accent', (element) => getComputedStyle(element).fill), 'rgb(55, 148, 255)');
      assert.equal(await page.$eval('body', (element) => getComputedStyle(element).backgroundColor), 'rgb(31, 31, 31)');
      const strokeWidth = () => page.$eval('.node[data-name="Validate"] > .node-box', (element) => getComputedStyle(element).strokeWidth);
      assert.equal(await strokeWidth(), '1px');
      await page.evaluate(() => document.body.classList.add('vscode-high-contrast'));
      assert.equal(await strokeWidth(), '2px');
    });
    await withPreview(
      async (preview) => {
        await preview.sendDocument(ORDER_TEXT);
        await preview.page.screenshot({ path: join(RESULTS, 'graph-preview-light.png') });
        await checkClean(preview);
      },
      { theme: 'light' },
    );
  });
});
