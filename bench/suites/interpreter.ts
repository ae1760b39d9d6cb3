/**
 * Executing state machines: Statecraft's interpreter and the aws-local-stepfunctions package, side by
 * side in the same run, on a 10,000-item Map of Pass states, a 1,000-state chain of Pass states and a
 * Choice loop of 10,000 iterations; then the heap an execution leaves behind as its iterations grow.
 *
 * aws-local-stepfunctions 3 requires Node 22: its side runs in a child process under a Node 22 that
 * this suite installs on first use into `.cache/node22` (the npm package `node`, not a dependency of
 * the project, so that npm scripts keep the system's node). Both sides are timed the same way: one
 * execution per sample, after a garbage collection, the definition parsed and validated beforehand;
 * samples alternate between the two.
 *
 * AWS fails an execution at 25,000 history events; the Map and the loop write more than that, so our
 * side raises the limit for the benchmark.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildSync } from 'esbuild';
import { formatMs, formatRatio, markdownTable, median, timed, type Aim, type Suite, type SuiteContext } from '../harness';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ROOT = join(__dirname, '..', '..');
const BUNDLE = join(ROOT, 'node_modules', '.cache', 'statecraft-bench', 'interpreter.js');
const NODE22_PREFIX = join(ROOT, '.cache', 'node22');
const NODE22 = join(NODE22_PREFIX, 'node_modules', '.bin', 'node');
const PEER_WORKER = join(ROOT, 'bench', 'awsLocalStepfunctionsWorker.mjs');

/** The aims: at least this many times faster than aws-local-stepfunctions (10× is the real goal). */
const AIM_RATIO = 5;
/** Heap left after an execution without history may not grow by more than this per iteration. */
const AIM_BYTES_PER_ITERATION = 8;

/** A full garbage collection, for heap measurements (as the harness collects between samples). */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** Raised for the benchmark: the Map and the loop write more events than AWS allows in one history. */
const BENCH_HISTORY_LIMIT = 10_000_000;

interface Workload {
  id: string;
  label: string;
  /** What one unit of `units` is, for the time per unit. */
  unit: string;
  units: number;
  definition: Json;
  input: Json;
  /** The output both interpreters must produce. */
  expected: Json;
}

function mapOfPass(items: number): Workload {
  const input = Array.from({ length: items }, (_, id) => ({ id }));
  return {
    id: 'map',
    label: `Map of ${items.toLocaleString('en-US')} Pass items`,
    unit: 'item',
    units: items,
    definition: { StartAt: 'Each', States: { Each: { Type: 'Map', ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, End: true } } },
    input,
    expected: input,
  };
}

function chainOfPass(states: number): Workload {
  const all: Record<string, Json> = {};
  for (let i = 0; i < states; i++) all[`State${i}`] = i + 1 < states ? { Type: 'Pass', Next: `State${i + 1}` } : { Type: 'Pass', End: true };
  return {
    id: 'chain',
    label: `Chain of ${states.toLocaleString('en-US')} Pass states`,
    unit: 'state',
    units: states,
    definition: { StartAt: 'State0', States: all },
    input: { order: 7, lines: [1, 2, 3] },
    expected: { order: 7, lines: [1, 2, 3] },
  };
}

function choiceLoop(iterations: number): Workload {
  return {
    id: 'loop',
    label: `Choice loop of ${iterations.toLocaleString('en-US')} iterations`,
    unit: 'iteration',
    units: iterations,
    definition: {
      StartAt: 'Count',
      States: {
        Count: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)', 'limit.$': '$.limit' }, Next: 'More?' },
        'More?': { Type: 'Choice', Choices: [{ Variable: '$.i', NumericLessThanPath: '$.limit', Next: 'Count' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    },
    input: { i: 0, limit: iterations },
    expected: { i: iterations, limit: iterations },
  };
}

type Interpreter = typeof import('../../server/src/interpreter/engine') & typeof import('../../server/src/asl/parse') & typeof import('../../server/src/interpreter/clock');

/** The interpreter as it ships: bundled by esbuild like the CLI (see `bench/statecraft.ts`). */
function loadInterpreter(): Interpreter {
  buildSync({
    absWorkingDir: ROOT,
    stdin: {
      contents: [
        "export { Execution } from './server/src/interpreter/engine';",
        "export { parseAsl } from './server/src/asl/parse';",
        "export { VirtualClock } from './server/src/interpreter/clock';",
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: 'bench-interpreter-entry.ts',
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
  return require(BUNDLE) as Interpreter;
}

/** One execution by Statecraft's interpreter: the definition parsed once, the run timed. */
function statecraftRunner(interpreter: Interpreter, workload: Workload, recordHistory: boolean) {
  const document = interpreter.parseAsl(JSON.stringify(workload.definition));
  return async () => {
    const result = await new interpreter.Execution(document, {
      input: workload.input,
      clock: new interpreter.VirtualClock(0),
      maxHistoryEvents: BENCH_HISTORY_LIMIT,
      recordHistory,
    }).run();
    if (result.status !== 'SUCCEEDED') throw new Error(`${workload.label}: ${result.status} ${result.error ?? ''} ${result.cause ?? ''}`);
    return result;
  };
}

/** A Node 22, installed on first use into `.cache/node22` (ignored by git). */
function node22(context: SuiteContext): string {
  if (existsSync(NODE22)) return NODE22;
  context.log('  installing Node 22 for aws-local-stepfunctions into .cache/node22 (once)...');
  const install = spawnSync('npm', ['install', '--prefix', NODE22_PREFIX, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', 'node@22'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
  if (install.status !== 0 || !existsSync(NODE22)) throw new Error(`could not install Node 22 (npm install node@22): ${install.stderr || install.error?.message || `exit ${install.status}`}`);
  return NODE22;
}

interface PeerReply {
  error?: string;
  version?: string;
  ms?: number;
  cpuMs?: number;
  output?: Json;
  before?: number;
  after?: number;
}

/** The aws-local-stepfunctions worker process: one message, one reply. */
class Peer {
  private constructor(private readonly child: ChildProcess) {}

  static start(nodePath: string): Peer {
    const child = fork(PEER_WORKER, [], { execPath: nodePath, execArgv: ['--expose-gc'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
    return new Peer(child);
  }

  ask(message: Record<string, unknown>): Promise<PeerReply> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the aws-local-stepfunctions process exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (reply: PeerReply) => {
        this.child.off('exit', onExit);
        if (reply.error !== undefined) reject(new Error(reply.error));
        else resolve(reply);
      });
      this.child.send(message);
    });
  }

  stop(): void {
    this.child.kill();
  }
}

interface Side {
  name: string;
  samplesMs: number[];
  cpuSamplesMs: number[];
  medianMs: number;
  cpuMedianMs: number;
  microsPerUnit: number;
  error?: string;
}

interface WorkloadResult {
  id: string;
  label: string;
  unit: string;
  units: number;
  statecraft: Side;
  statecraftWithoutHistory: Side;
  peer: Side;
  /** The peer's median over ours (history kept, as `statecraft run` does). */
  ratio: number;
  cpuRatio: number;
}

const WARMUP = 3;
const MIN_SAMPLES = 7;
const MAX_SAMPLES = 30;
/** Per contender and workload: stop sampling past this much time once the minimum is taken. */
const BUDGET_MS = 6_000;

function side(name: string, samples: number[], cpuSamples: number[], units: number, error?: string): Side {
  const medianMs = median(samples);
  return { name, samplesMs: samples.map(round), cpuSamplesMs: cpuSamples.map(round), medianMs, cpuMedianMs: median(cpuSamples), microsPerUnit: (medianMs * 1000) / units, error };
}

/** Alternates samples of the three contenders, each round in another order, as the harness does. */
async function measureWorkload(interpreter: Interpreter, peer: Peer | undefined, workload: Workload, context: SuiteContext): Promise<WorkloadResult> {
  const withHistory = statecraftRunner(interpreter, workload, true);
  const withoutHistory = statecraftRunner(interpreter, workload, false);
  const ours = await withHistory();
  if (JSON.stringify(ours.output) !== JSON.stringify(workload.expected)) throw new Error(`${workload.label}: Statecraft's output differs from the expected one`);
  let peerError: string | undefined;
  if (peer) {
    try {
      await peer.ask({ type: 'load', id: workload.id, definition: workload.definition, input: workload.input });
      const checked = await peer.ask({ type: 'sample', id: workload.id, withOutput: true });
      if (JSON.stringify(checked.output) !== JSON.stringify(workload.expected)) throw new Error(`its output differs from the expected one: ${JSON.stringify(checked.output).slice(0, 200)}`);
    } catch (error) {
      peerError = error instanceof Error ? error.message : String(error);
      context.log(`    aws-local-stepfunctions failed: ${peerError}`);
    }
  }

  type Contender = { sample: () => Promise<{ ms: number; cpuMs: number }>; ms: number[]; cpu: number[]; spent: number; active: boolean };
  const contenders: Contender[] = [
    { sample: () => timed(withHistory).then((s) => ({ ms: s.ms, cpuMs: s.cpuMs })), ms: [], cpu: [], spent: 0, active: true },
    { sample: () => timed(withoutHistory).then((s) => ({ ms: s.ms, cpuMs: s.cpuMs })), ms: [], cpu: [], spent: 0, active: true },
    {
      sample: async () => {
        const reply = await peer!.ask({ type: 'sample', id: workload.id });
        return { ms: reply.ms!, cpuMs: reply.cpuMs! };
      },
      ms: [],
      cpu: [],
      spent: 0,
      active: peer !== undefined && peerError === undefined,
    },
  ];
  for (const contender of contenders.filter((c) => c.active)) for (let i = 0; i < WARMUP; i++) await contender.sample();
  const wantsMore = (c: Contender) => c.active && c.ms.length < MAX_SAMPLES && (c.ms.length < MIN_SAMPLES || c.spent < BUDGET_MS);
  for (let round = 0; contenders.some(wantsMore); round++) {
    for (let k = 0; k < contenders.length; k++) {
      const contender = contenders[(k + round) % contenders.length];
      if (!wantsMore(contender)) continue;
      const sample = await contender.sample();
      contender.ms.push(sample.ms);
      contender.cpu.push(sample.cpuMs);
      contender.spent += sample.ms;
    }
  }
  const statecraft = side('Statecraft', contenders[0].ms, contenders[0].cpu, workload.units);
  const statecraftWithoutHistory = side('Statecraft, no history kept', contenders[1].ms, contenders[1].cpu, workload.units);
  const peerSide = side('aws-local-stepfunctions', contenders[2].ms, contenders[2].cpu, workload.units, peer ? peerError : 'not run');
  const result: WorkloadResult = {
    id: workload.id,
    label: workload.label,
    unit: workload.unit,
    units: workload.units,
    statecraft,
    statecraftWithoutHistory,
    peer: peerSide,
    ratio: peerSide.medianMs / statecraft.medianMs,
    cpuRatio: peerSide.cpuMedianMs / statecraft.cpuMedianMs,
  };
  for (const s of [statecraft, statecraftWithoutHistory, peerSide]) {
    context.log(`    ${s.name}: median ${formatMs(s.medianMs)} of ${s.samplesMs.length} samples (${s.microsPerUnit.toFixed(2)} µs per ${workload.unit}); CPU ${formatMs(s.cpuMedianMs)}`);
  }
  return result;
}

interface MemoryRow {
  iterations: number;
  /** Heap used after the execution (its result held) minus before, in bytes. */
  statecraftBytes: number;
  statecraftEvents: number;
  statecraftWithoutHistoryBytes: number;
  peerBytes?: number;
}

const MEMORY_ITERATIONS = [1_000, 10_000, 100_000];

/** Heap growth of the Choice loop as its iterations grow: with the history, without it, and the peer's. */
async function measureMemory(interpreter: Interpreter, peer: Peer | undefined, context: SuiteContext): Promise<MemoryRow[]> {
  const rows: MemoryRow[] = [];
  for (const iterations of MEMORY_ITERATIONS) {
    const workload = choiceLoop(iterations);
    const heapAfter = async (recordHistory: boolean) => {
      const run = statecraftRunner(interpreter, workload, recordHistory);
      collectGarbage();
      const before = process.memoryUsage().heapUsed;
      const result = await run();
      collectGarbage();
      const after = process.memoryUsage().heapUsed;
      return { bytes: after - before, events: result.history.length, result };
    };
    const withHistory = await heapAfter(true);
    const withoutHistory = await heapAfter(false);
    const row: MemoryRow = { iterations, statecraftBytes: withHistory.bytes, statecraftEvents: withHistory.events, statecraftWithoutHistoryBytes: withoutHistory.bytes };
    if (peer) {
      try {
        await peer.ask({ type: 'load', id: `memory-${iterations}`, definition: workload.definition, input: workload.input });
        const reply = await peer.ask({ type: 'memory', id: `memory-${iterations}` });
        row.peerBytes = reply.after! - reply.before!;
      } catch (error) {
        context.log(`    aws-local-stepfunctions failed at ${iterations} iterations: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    context.log(
      `    ${iterations.toLocaleString('en-US')} iterations: Statecraft ${formatBytes(row.statecraftBytes)} with its ${row.statecraftEvents.toLocaleString('en-US')} history events, ` +
        `${formatBytes(row.statecraftWithoutHistoryBytes)} without; aws-local-stepfunctions ${row.peerBytes === undefined ? 'n/a' : formatBytes(row.peerBytes)}`,
    );
    rows.push(row);
  }
  return rows;
}

/** A change of heap size, signed: `+7.7 MiB`, `−41.9 KiB`. */
function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '−' : '+';
  const size = Math.abs(bytes);
  if (size >= 2 ** 20) return `${sign}${(size / 2 ** 20).toFixed(1)} MiB`;
  if (size >= 2 ** 10) return `${sign}${(size / 2 ** 10).toFixed(1)} KiB`;
  return `${sign}${size} B`;
}

function round(ms: number): number {
  return Number(ms.toFixed(3));
}

export const interpreterSuite: Suite = {
  name: 'interpreter',
  description: 'Executions by the interpreter and by aws-local-stepfunctions (Map of 10,000 items, 1,000-state chain, 10,000-iteration Choice loop); heap left as iterations grow.',
  async run(context) {
    const interpreter = loadInterpreter();
    let peer: Peer | undefined;
    let peerVersion: string | undefined;
    try {
      peer = Peer.start(node22(context));
      peerVersion = (await peer.ask({ type: 'load', id: 'probe', definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, input: {} })).version;
      context.log(`  aws-local-stepfunctions runs under Node ${peerVersion}`);
    } catch (error) {
      peer?.stop();
      peer = undefined;
      context.log(`  aws-local-stepfunctions is not measured: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      const workloads = [mapOfPass(10_000), chainOfPass(1_000), choiceLoop(10_000)];
      const results: WorkloadResult[] = [];
      for (const workload of workloads) {
        context.log(`  ${workload.label}`);
        results.push(await measureWorkload(interpreter, peer, workload, context));
      }
      context.log('  Heap left after the Choice loop, its result held');
      const memory = await measureMemory(interpreter, peer, context);
      const aims = aimsOf(results, memory);
      const tables = tablesOf(results, memory, peerVersion);
      context.log('');
      context.log(tables);
      return { results: { peerNode: peerVersion, workloads: results, memory, aims }, markdown: tables, aims };
    } finally {
      peer?.stop();
    }
  },
};

function aimsOf(results: WorkloadResult[], memory: MemoryRow[]): Aim[] {
  const aims: Aim[] = results.map((result) => ({
    description: `${result.label}: at least ${AIM_RATIO}× faster than aws-local-stepfunctions (10× is the goal)`,
    met: result.ratio >= AIM_RATIO,
    actual: Number.isFinite(result.ratio) ? `${formatRatio(result.ratio)} (${formatMs(result.statecraft.medianMs)} against ${formatMs(result.peer.medianMs)}; CPU ${formatRatio(result.cpuRatio)})` : `not measured: ${result.peer.error}`,
  }));
  const first = memory[0];
  const last = memory[memory.length - 1];
  const growth = (last.statecraftWithoutHistoryBytes - first.statecraftWithoutHistoryBytes) / (last.iterations - first.iterations);
  aims.push({
    description: `Heap left without the history does not grow with iterations (under ${AIM_BYTES_PER_ITERATION} bytes per iteration)`,
    met: growth < AIM_BYTES_PER_ITERATION,
    actual: `${growth.toFixed(2)} bytes per iteration from ${first.iterations.toLocaleString('en-US')} to ${last.iterations.toLocaleString('en-US')} iterations`,
  });
  return aims;
}

function tablesOf(results: WorkloadResult[], memory: MemoryRow[], peerVersion: string | undefined): string {
  const speed = markdownTable(
    ['Workload', 'Statecraft', 'per unit', 'no history kept', 'aws-local-stepfunctions', 'per unit', 'ratio', 'CPU ratio'],
    results.map((result) => [
      result.label,
      formatMs(result.statecraft.medianMs),
      `${result.statecraft.microsPerUnit.toFixed(2)} µs`,
      formatMs(result.statecraftWithoutHistory.medianMs),
      result.peer.error ? `n/a (${result.peer.error})` : formatMs(result.peer.medianMs),
      result.peer.error ? 'n/a' : `${result.peer.microsPerUnit.toFixed(2)} µs`,
      formatRatio(result.ratio),
      formatRatio(result.cpuRatio),
    ]),
    [false, true, true, true, true, true, true, true],
  );
  const heap = markdownTable(
    ['Choice loop', 'history events', 'Statecraft', 'per event', 'no history kept', 'aws-local-stepfunctions'],
    memory.map((row) => [
      `${row.iterations.toLocaleString('en-US')} iterations`,
      row.statecraftEvents.toLocaleString('en-US'),
      formatBytes(row.statecraftBytes),
      `${(row.statecraftBytes / row.statecraftEvents).toFixed(0)} B`,
      formatBytes(row.statecraftWithoutHistoryBytes),
      row.peerBytes === undefined ? 'n/a' : formatBytes(row.peerBytes),
    ]),
    [false, true, true, true, true, true],
  );
  return [
    `Median wall-clock time of one execution (the definition parsed beforehand), aws-local-stepfunctions under Node ${peerVersion ?? 'n/a'}; ratio = its median over Statecraft's (history kept). Statecraft's history limit is raised for the benchmark (AWS stops at 25,000 events).`,
    '',
    speed,
    '',
    'Heap used after the execution (a garbage collection before and after, its result held) minus before:',
    '',
    heap,
  ].join('\n');
}
