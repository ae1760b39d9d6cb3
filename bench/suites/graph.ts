/**
 * The graph preview in headless Chromium: the time from the page receiving the graph of a
 * generated state machine (the message the extension sends) to the graph drawn on screen, for a
 * preview just opened (ELK's code not yet compiled by the JavaScript engine) and for an update of
 * an open preview (the typing case). Also how long the extension takes to make the message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { GraphFeed } from '../../client/src/graph/feed';
import type { HostMessage } from '../../client/src/graph/protocol';
import { chromiumMissing, launchChromium, openPreview, type PreviewPage } from '../../test/graph/harness';
import { generateStateMachine } from '../generate';
import { formatMs, markdownTable, median, timed, type Aim, type Suite, type SuiteContext } from '../harness';

const DEFAULT_SIZES = [500, 2500];
/** The project's aim: a 500-state workflow drawn within a second of the preview receiving it. */
const AIM = { states: 500, ms: 1000 };

/** Samples per size: every sample of a just-opened preview loads a page and compiles ELK again. */
const SAMPLES = { opened: 3, updated: 5 };

interface Sample {
  /** Wall clock, from the message posted in the page to the frame after the drawing. */
  ms: number;
  /** CPU time of all Chromium processes meanwhile (NaN where /proc is not there to read). */
  cpuMs: number;
  /** The page's own measures: ELK's layout (in the worker) and drawing the SVG. */
  layoutMs: number;
  drawMs: number;
}

interface Summary {
  samples: Sample[];
  medianMs: number;
  medianCpuMs: number;
  medianLayoutMs: number;
  medianDrawMs: number;
}

interface SizeResult {
  states: number;
  /** Nodes and edges drawn. */
  nodes: number;
  edges: number;
  /** Parse and graph model in the extension host (Node), median. */
  modelMs: number;
  opened: Summary;
  updated: Summary;
}

export const graphSuite: Suite = {
  name: 'graph',
  description: 'Graph preview in headless Chromium: from receiving a generated model to the graph drawn, opened and updated.',
  async run(context) {
    const missing = chromiumMissing();
    if (missing) throw new Error(`The graph suite needs Chromium and the built webview: ${missing}`);
    const sizes = parseSizes(context);
    const browser = await launchChromium();
    const results: SizeResult[] = [];
    try {
      for (const states of sizes) {
        const machine = generateStateMachine({ states });
        // Two versions that lay out differently, so that every update is a new layout.
        const variants = [machine.text, withExtraState(machine.text)];
        const messages = variants.map((text, index) => graphMessage(text, index));
        const first = messages[0];
        if (first.type !== 'graph' || first.graph.stateCount !== states) throw new Error(`The generated model has not ${states} states`);

        const modelSamples: number[] = [];
        for (let run = 0; run < 5; run++) modelSamples.push((await timed(() => graphMessage(machine.text, run))).ms);
        context.log(`  ${states} states: model made in ${formatMs(median(modelSamples))} (median of ${modelSamples.length})`);

        const opened: Sample[] = [];
        for (let run = 0; run < SAMPLES.opened; run++) {
          const preview = await openPreview(browser);
          try {
            opened.push(await drawAndTime(preview, messages[run % 2], 1));
          } finally {
            await preview.close();
          }
          context.log(`    opened preview, sample ${run + 1}: ${describe(opened.at(-1)!)}`);
        }

        const updated: Sample[] = [];
        const preview = await openPreview(browser);
        let counts = { nodes: 0, edges: 0 };
        try {
          await drawAndTime(preview, messages[0], 1);
          for (let run = 0; run < SAMPLES.updated; run++) {
            updated.push(await drawAndTime(preview, messages[(run + 1) % 2], run + 2));
            context.log(`    update, sample ${run + 1}: ${describe(updated.at(-1)!)}`);
          }
          counts = await preview.page.evaluate(`({ nodes: document.querySelectorAll('.node').length, edges: document.querySelectorAll('.edge').length })`);
        } finally {
          await preview.close();
        }
        results.push({ states, ...counts, modelMs: median(modelSamples), opened: summarise(opened), updated: summarise(updated) });
      }
    } finally {
      await browser.close();
    }

    const aims = aimsOf(results);
    return { results: { sizes: results, samples: SAMPLES }, markdown: markdownOf(results), aims };
  },
};

function parseSizes(context: SuiteContext): number[] {
  const option = context.options.get('graph-sizes');
  if (typeof option !== 'string') return DEFAULT_SIZES;
  const sizes = option.split(',').map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size < 10)) throw new Error(`--graph-sizes takes state counts of 10 or more, e.g. 500,2500; not ${option}`);
  return sizes;
}

function graphMessage(text: string, version: number): HostMessage {
  const feed = new GraphFeed();
  return feed.update('file:///bench/generated.asl.json', 'generated.asl.json', feed.document('file:///bench/generated.asl.json', version, () => text));
}

/** The same machine with one more state before its final Succeed: a different layout. */
function withExtraState(text: string): string {
  const definition = JSON.parse(text) as { States: Record<string, Record<string, unknown>> };
  const states: Record<string, Record<string, unknown>> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    states[name] = state.Next === 'Done' ? { ...state, Next: 'WrapUp' } : state;
    if (name === 'Done') states.WrapUp = { Type: 'Pass', Next: 'Done' };
  }
  return JSON.stringify({ ...definition, States: states }, null, 2);
}

/**
 * Posts `message` in the page and waits for the drawing of graph number `version`, then for the
 * frame after it (the drawing is on screen). Timed in the page, CPU time from /proc.
 */
async function drawAndTime(preview: PreviewPage, message: HostMessage, version: number): Promise<Sample> {
  const cpuBefore = chromiumCpuMs();
  const timing = (await preview.page.evaluate(
    `new Promise((resolve) => {
      const svg = document.querySelector('svg.graph');
      const start = performance.now();
      const observer = new MutationObserver(() => {
        if (svg.dataset.graphVersion !== ${JSON.stringify(String(version))}) return;
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => {
          const last = (name) => performance.getEntriesByName(name).at(-1)?.duration ?? NaN;
          resolve({ ms: performance.now() - start, layoutMs: last('statecraft.graph.layout'), drawMs: last('statecraft.graph.draw') });
        }));
      });
      observer.observe(svg, { attributes: true, attributeFilter: ['data-graph-version'] });
      window.postMessage(${JSON.stringify(message)}, '*');
    })`,
  )) as Omit<Sample, 'cpuMs'>;
  return { ...timing, cpuMs: chromiumCpuMs() - cpuBefore };
}

/** CPU milliseconds used so far by this process's descendants (the browser), from /proc; NaN elsewhere. */
function chromiumCpuMs(): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return Number.NaN;
  }
  const parents = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields are counted after its last `)`.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      // utime and stime, in clock ticks of 10 ms (fields 14 and 15 of the whole line).
      cpu.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // The process ended while the list was read.
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let current = parents.get(pid); current !== undefined && current > 1; current = parents.get(current)) {
      if (current === process.pid) return true;
    }
    return false;
  };
  let total = 0;
  for (const [pid, ms] of cpu) if (isDescendant(pid)) total += ms;
  return total;
}

function summarise(samples: Sample[]): Summary {
  return {
    samples,
    medianMs: median(samples.map((sample) => sample.ms)),
    medianCpuMs: median(samples.map((sample) => sample.cpuMs)),
    medianLayoutMs: median(samples.map((sample) => sample.layoutMs)),
    medianDrawMs: median(samples.map((sample) => sample.drawMs)),
  };
}

function describe(sample: Sample): string {
  return `${formatMs(sample.ms)} (layout ${formatMs(sample.layoutMs)}, drawing ${formatMs(sample.drawMs)}; Chromium CPU ${formatMs(sample.cpuMs)})`;
}

function markdownOf(results: readonly SizeResult[]): string {
  const header = ['States', 'Nodes / edges', 'Model (extension)', 'Preview', 'Received → drawn', 'ELK layout', 'SVG drawing', 'Chromium CPU'];
  const rows: string[][] = [];
  for (const result of results) {
    for (const [label, summary] of [
      ['just opened', result.opened],
      ['update', result.updated],
    ] as const) {
      rows.push([
        result.states.toLocaleString('en-US'),
        `${result.nodes.toLocaleString('en-US')} / ${result.edges.toLocaleString('en-US')}`,
        formatMs(result.modelMs),
        label,
        formatMs(summary.medianMs),
        formatMs(summary.medianLayoutMs),
        formatMs(summary.medianDrawMs),
        formatMs(summary.medianCpuMs),
      ]);
    }
  }
  return [
    markdownTable(header, rows, [true, true, true, false, true, true, true, true]),
    '',
    `Medians of ${SAMPLES.opened} just-opened previews and ${SAMPLES.updated} updates per size, in headless Chromium; ` +
      '"received → drawn" runs from the message posted in the page to the frame after the drawing. ' +
      'Chromium CPU counts every Chromium process, so it exceeds the wall clock when the layout worker and the page run at once.',
  ].join('\n');
}

function aimsOf(results: readonly SizeResult[]): Aim[] {
  const reference = results.find((result) => result.states === AIM.states);
  if (!reference) return [];
  return [
    {
      description: `${AIM.states} states drawn within ${formatMs(AIM.ms)} of a just-opened preview receiving them`,
      met: reference.opened.medianMs < AIM.ms,
      actual: formatMs(reference.opened.medianMs),
    },
    {
      description: `${AIM.states} states drawn again within ${formatMs(AIM.ms)} of an open preview receiving an update`,
      met: reference.updated.medianMs < AIM.ms,
      actual: formatMs(reference.updated.medianMs),
    },
  ];
}
