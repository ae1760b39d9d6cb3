/**
 * Where Statecraft's validation time goes, in the shipped bundle (positions mapped back to the
 * TypeScript sources through its source map).
 *
 *   node --import tsx bench/profile.ts [--states=8500] [--iterations=5] [--top=25] [--save=file.cpuprofile]
 *
 * validates a generated state machine a few times under the V8 CPU profiler and lists the hot
 * functions (self and inclusive time) and files; a saved profile opens in Chrome DevTools or VS Code.
 *
 *   node --import tsx bench/profile.ts --rules [--sizes=500,8500] [--iterations=5]
 *
 * times the parse and each rule alone at each size: a rule whose time per state grows with the size
 * of the document is not linear.
 */
import { writeFileSync } from 'node:fs';
import { Session, type Profiler, type Runtime } from 'node:inspector';
import { findSourceMap, type SourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateStateMachine } from './generate';
import { markdownTable, timed } from './harness';
import { loadStatecraft, SERVICE_BUNDLE } from './statecraft';

function option(name: string, fallback: number): number;
function option(name: string, fallback: string | undefined): string | undefined;
function option(name: string, fallback: number | string | undefined): number | string | undefined {
  const arg = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  if (!arg) return fallback;
  const value = arg.slice(name.length + 3);
  return typeof fallback === 'number' ? Number(value) : value;
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

/** Positions of the bundle, mapped back to the sources; set once the bundle is loaded. */
let bundleMap: SourceMap | undefined;
const BUNDLE_URL = pathToFileURL(SERVICE_BUNDLE).href;

function toPath(url: string): string {
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return path ? relative(process.cwd(), path) : path;
}

/** A profile node's function as `name (file:line)`, with paths relative to the repository. */
function describe(frame: Runtime.CallFrame): { name: string; file: string } {
  const name = frame.functionName || '(anonymous)';
  if (frame.url === BUNDLE_URL && bundleMap) {
    const entry = bundleMap.findEntry(frame.lineNumber, frame.columnNumber) as Partial<{ originalSource: string; originalLine: number }>;
    if (entry.originalSource !== undefined && entry.originalLine !== undefined) {
      const file = toPath(entry.originalSource);
      return { name: `${name} (${file}:${entry.originalLine + 1})`, file };
    }
  }
  const file = toPath(frame.url);
  return { name: file ? `${name} (${file}:${frame.lineNumber + 1})` : name, file: file || name };
}

async function main(): Promise<void> {
  if (process.argv.includes('--rules')) await timeRules();
  else await profileValidation();
}

async function profileValidation(): Promise<void> {
  const states = option('states', 8500);
  const iterations = option('iterations', 5);
  const top = option('top', 25);
  const save = option('save', undefined);

  const { text } = generateStateMachine({ states });
  process.setSourceMapsEnabled(true);
  const service = loadStatecraft().getLanguageService();
  bundleMap = findSourceMap(SERVICE_BUNDLE);
  const validate = () => service.doValidation(TextDocument.create('file:///bench/profiled.asl.json', 'asl', 1, text));
  const problems = validate().length; // warm-up, outside the profile
  validate();

  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  const started = performance.now();
  for (let index = 0; index < iterations; index++) validate();
  const elapsed = performance.now() - started;
  const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
  session.disconnect();
  if (save) writeFileSync(save, JSON.stringify(profile));

  // Self time per node from the samples; inclusive time by walking each sample's stack once per function.
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const deltas = profile.timeDeltas ?? [];
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  profile.samples?.forEach((id, index) => {
    const ms = (deltas[index + 1] ?? deltas[index] ?? 0) / 1000;
    total += ms;
    const leaf = describe(byId.get(id)!.callFrame);
    self.set(leaf.name, (self.get(leaf.name) ?? 0) + ms);
    files.set(leaf.file, (files.get(leaf.file) ?? 0) + ms);
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      const { name } = describe(byId.get(current)!.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  });

  // The profiler's root and this script's own frames only restate the total.
  const isHarness = (name: string) => name === '(root)' || name.includes('(bench/');
  const rows = (map: Map<string, number>) =>
    [...map].filter(([name]) => !isHarness(name)).sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => [
      `${((100 * ms) / total).toFixed(1)}%`,
      `${(ms / iterations).toFixed(1)}`,
      name,
    ]);
  console.log(`${states} states, ${(text.length / 1e6).toFixed(2)} MB, ${problems} problems; ${iterations} validations in ${elapsed.toFixed(0)} ms (${(elapsed / iterations).toFixed(0)} ms each)\n`);
  console.log('Self time by function:\n');
  console.log(markdownTable(['Share', 'ms/run', 'Function'], rows(self), [true, true, false]));
  console.log('\nSelf time by file:\n');
  console.log(markdownTable(['Share', 'ms/run', 'File'], rows(files), [true, true, false]));
  console.log('\nInclusive time by function:\n');
  console.log(markdownTable(['Share', 'ms/run', 'Function'], rows(inclusive), [true, true, false]));
}

/**
 * The parse and every rule timed alone, per size, with their growth per state. It keeps the fastest
 * wall-clock run of each: on a busy machine, the minimum is the run least disturbed by other
 * processes (CPU time would count the collector's background threads, which sweep after each forced
 * collection and make a small rule look slow on a large heap).
 */
async function timeRules(): Promise<void> {
  const sizes = (option('sizes', '2500,8500') ?? '').split(',').map(Number);
  const iterations = option('iterations', 7);
  const statecraft = loadStatecraft();
  const parts = [{ name: '(parse)', codes: '' }, ...statecraft.RULES.map((rule) => ({ name: rule.name, codes: rule.codes.join(', ') }))];
  const times = parts.map(() => [] as number[]);
  for (const states of sizes) {
    const { text } = generateStateMachine({ states });
    const doc = statecraft.parseAsl(text);
    const fastest = async (run: () => unknown) => {
      run();
      const samples: number[] = [];
      for (let index = 0; index < iterations; index++) samples.push((await timed(run)).ms);
      return Math.min(...samples);
    };
    times[0].push(await fastest(() => statecraft.parseAsl(text)));
    for (const [index, rule] of statecraft.RULES.entries()) {
      times[index + 1].push(await fastest(() => statecraft.validate(doc, {}, [rule])));
    }
    console.error(`  timed ${states} states`);
  }
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  const rows = parts
    .map((part, index) => {
      const perState = times[index].map((ms, column) => (ms * 1000) / sizes[column]);
      return { part, ms: times[index], growth: perState[perState.length - 1] / perState[0] };
    })
    .sort((a, b) => b.ms[b.ms.length - 1] - a.ms[a.ms.length - 1])
    .map(({ part, ms, growth }) => [part.name, ...ms.map((value) => value.toFixed(2)), Number.isFinite(growth) ? `${growth.toFixed(2)}×` : 'n/a']);
  const total = sizes.map((_, column) => times.reduce((sum, part) => sum + part[column], 0));
  rows.push(['(total)', ...total.map((value) => value.toFixed(2)), `${((total[total.length - 1] / last) / (total[0] / first)).toFixed(2)}×`]);
  console.log(`Fastest of ${iterations} runs, in ms, of the parse and of each rule alone; growth is the time per state at ${last} states over that at ${first}.\n`);
  console.log(markdownTable(['Part', ...sizes.map((size) => `ms @${size}`), 'growth/state'], rows, [false, ...sizes.map(() => true), true]));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
