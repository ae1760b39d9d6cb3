/**
 * Completion and hover latency at many positions of a generated 2,500-state document, for
 * Statecraft's editing service and for amazon-states-language-service answering the same
 * requests in the same run. Both answer from a document parsed once beforehand, as their language
 * servers do between two edits: what is measured is the request itself.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import * as awsAsl from 'amazon-states-language-service';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { generateStateMachine } from '../generate';
import { formatMs, formatRatio, markdownTable, measureInterleaved, percentile, median, type Aim, type Contender, type Suite } from '../harness';

const DEFAULT_STATES = 2500;
/** Positions per kind of place: spread evenly over the document. */
const POSITIONS = 40;
/** The aim: every request under this many milliseconds at the 95th percentile. */
const AIM_P95_MS = 20;
const URI = 'file:///bench/editing.asl.json';

type EditingService = ReturnType<typeof import('../../server/src/service/editingService').getEditingService>;

const ROOT = join(__dirname, '..', '..');
const BUNDLE = join(ROOT, 'node_modules', '.cache', 'statecraft-bench', 'editing.js');

/** The editing service as it ships: bundled by esbuild like the server (see `bench/statecraft.ts`). */
function loadEditingService(): EditingService {
  buildSync({
    absWorkingDir: ROOT,
    stdin: {
      contents: "export { getEditingService } from './server/src/service/editingService';",
      resolveDir: ROOT,
      sourcefile: 'bench-editing-entry.ts',
      loader: 'ts',
    },
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    inject: ['scripts/import-meta-url.js'],
    define: { 'import.meta.url': 'importMetaUrl' },
    target: 'node18',
    format: 'cjs',
    logLevel: 'warning',
  });
  return (require(BUNDLE) as typeof import('../../server/src/service/editingService')).getEditingService();
}

/** A kind of place in the document, with the offsets of the caret there. */
interface Place {
  label: string;
  request: 'completion' | 'hover';
  offsets: number[];
}

/** Every `step`-th match of `pattern`, the caret `shift` characters after the match's start. */
function offsetsOf(text: string, pattern: RegExp, shift: number): number[] {
  const all = [...text.matchAll(pattern)].map((match) => match.index! + shift);
  const step = Math.max(1, Math.floor(all.length / POSITIONS));
  return all.filter((_, index) => index % step === 0).slice(0, POSITIONS);
}

function placesOf(text: string): Place[] {
  const next = offsetsOf(text, /"Next": "/g, 10);
  return [
    { label: 'state name at `Next`', request: 'completion', offsets: next },
    { label: 'field name in a state', request: 'completion', offsets: offsetsOf(text, /"Step\d+": \{/g, 13) },
    { label: 'state type at `Type`', request: 'completion', offsets: offsetsOf(text, /"Type": "/g, 9) },
    { label: 'intrinsic function in a `.$` value', request: 'completion', offsets: offsetsOf(text, /\.\$": "States\./g, 12) },
    { label: 'state name at `Next`', request: 'hover', offsets: next },
    { label: 'field name', request: 'hover', offsets: offsetsOf(text, /"Resource": /g, 4) },
    { label: 'intrinsic function', request: 'hover', offsets: offsetsOf(text, /"States\.Format/g, 10) },
  ];
}

interface PlaceResult {
  label: string;
  request: Place['request'];
  positions: number;
  statecraft: { medianMs: number; p95Ms: number; cpuP95Ms: number; samples: number; items?: number };
  peer: { medianMs: number; p95Ms: number; cpuP95Ms: number; samples: number; items?: number; error?: string };
  /** The peer's 95th percentile over Statecraft's. */
  p95Ratio: number;
}

export const editingSuite: Suite = {
  name: 'editing',
  description: 'Completion and hover latency at many positions of a 2,500-state document, against amazon-states-language-service.',
  async run(context) {
    const option = context.options.get('states');
    const states = typeof option === 'string' ? Number(option) : DEFAULT_STATES;
    const machine = generateStateMachine({ states });
    context.log(`  ${states} states (${(machine.text.length / 1e6).toFixed(2)} MB of JSON)`);

    const ours = loadEditingService();
    const document = TextDocument.create(URI, 'asl', 1, machine.text);
    const peer = awsAsl.getLanguageService({
      workspaceContext: { resolveRelativePath: (relativePath, resource) => new URL(relativePath, resource).toString() },
      contributions: [],
      clientCapabilities: awsAsl.ClientCapabilities.LATEST,
    });
    const peerDocument = awsAsl.TextDocument.create(URI, 'asl', 1, machine.text);
    // Parsed once, before any sample: both servers keep the parse of the current version.
    const peerJson = peer.parseJSONDocument(peerDocument);
    ours.findDocumentSymbols(document);

    const results: PlaceResult[] = [];
    for (const place of placesOf(machine.text)) {
      const positions: Position[] = place.offsets.map((offset) => document.positionAt(offset));
      let ourNext = 0;
      let peerNext = 0;
      let ourItems: number | undefined;
      let peerItems: number | undefined;
      const contenders: Contender[] = [
        {
          name: 'Statecraft',
          run: () => {
            const position = positions[ourNext++ % positions.length];
            if (place.request === 'hover') return ours.doHover(document, position);
            ourItems = ours.doComplete(document, position).items.length;
            return undefined;
          },
          warmup: 5,
          minSamples: positions.length * 2,
          maxSamples: positions.length * 5,
          budgetMs: 3_000,
        },
        {
          name: 'amazon-states-language-service',
          run: async () => {
            const position = positions[peerNext++ % positions.length];
            if (place.request === 'hover') return peer.doHover(peerDocument, position, peerJson);
            peerItems = (await peer.doComplete(peerDocument, position, peerJson))?.items.length;
            return undefined;
          },
          warmup: 2,
          minSamples: Math.min(positions.length, 10),
          maxSamples: positions.length * 5,
          budgetMs: 5_000,
        },
      ];
      const [mine, theirs] = await measureInterleaved(contenders, context.log);
      const result: PlaceResult = {
        label: place.label,
        request: place.request,
        positions: positions.length,
        statecraft: {
          medianMs: median(mine.samples),
          p95Ms: percentile(mine.samples, 95),
          cpuP95Ms: percentile(mine.cpuSamples, 95),
          samples: mine.samples.length,
          items: ourItems,
        },
        peer: {
          medianMs: median(theirs.samples),
          p95Ms: percentile(theirs.samples, 95),
          cpuP95Ms: percentile(theirs.cpuSamples, 95),
          samples: theirs.samples.length,
          items: peerItems,
          error: theirs.error,
        },
        p95Ratio: percentile(theirs.samples, 95) / percentile(mine.samples, 95),
      };
      results.push(result);
      context.log(
        `    ${place.request} (${place.label}): Statecraft p95 ${formatMs(result.statecraft.p95Ms)} (CPU ${formatMs(result.statecraft.cpuP95Ms)}), ` +
          `amazon-states-language-service p95 ${formatMs(result.peer.p95Ms)} (CPU ${formatMs(result.peer.cpuP95Ms)})`,
      );
    }

    const aims: Aim[] = [];
    const worst = results.reduce((a, b) => (b.statecraft.p95Ms > a.statecraft.p95Ms ? b : a));
    aims.push({
      description: `Every completion and hover request under ${AIM_P95_MS} ms at the 95th percentile (${states} states)`,
      met: worst.statecraft.p95Ms < AIM_P95_MS,
      actual: `slowest: ${worst.request} of ${worst.label}, p95 ${formatMs(worst.statecraft.p95Ms)}`,
    });
    const slowestRatio = results.reduce((a, b) => (b.p95Ratio < a.p95Ratio ? b : a));
    aims.push({
      description: 'Faster than amazon-states-language-service at the 95th percentile, for every kind of request',
      met: results.every((result) => result.p95Ratio > 1 || result.peer.error !== undefined),
      actual: `closest: ${slowestRatio.request} of ${slowestRatio.label}, ${formatRatio(slowestRatio.p95Ratio)}`,
    });

    const table = markdownTable(
      ['request', 'at', 'Statecraft median', 'Statecraft p95', 'Statecraft CPU p95', 'peer median', 'peer p95', 'peer p95 / Statecraft p95'],
      results.map((result) => [
        result.request,
        result.label,
        formatMs(result.statecraft.medianMs),
        formatMs(result.statecraft.p95Ms),
        formatMs(result.statecraft.cpuP95Ms),
        formatMs(result.peer.medianMs),
        formatMs(result.peer.p95Ms),
        formatRatio(result.p95Ratio),
      ]),
      [false, false, true, true, true, true, true, true],
    );
    const markdown =
      `Completion and hover on a ${states}-state document (${(machine.text.length / 1e6).toFixed(1)} MB), ${POSITIONS} positions per row; ` +
      `the peer is amazon-states-language-service. Wall-clock times; on a busy machine the CPU time shows the work itself.\n\n${table}`;
    context.log('');
    context.log(markdown);
    return { results: { states, chars: machine.text.length, places: results, aims }, markdown, aims };
  },
};
