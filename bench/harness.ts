/**
 * What every benchmark suite shares: the suite contract, interleaved timing with warm-up and a time
 * budget, and the statistics and formatting of the results.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** An aim of the project the suite checks its numbers against, e.g. "re-validation under 30 ms". */
export interface Aim {
  description: string;
  met: boolean;
  /** The measured value that decided it, in words. */
  actual: string;
}

export interface SuiteReport {
  /** Everything measured, written to the JSON results under the suite's name. */
  results: unknown;
  /** A Markdown section that can be pasted into the README. */
  markdown: string;
  aims: Aim[];
}

export interface SuiteContext {
  /** Progress and tables for the console. */
  log(line: string): void;
  /** `--name=value` and `--flag` arguments of the command line, for options a suite understands. */
  options: ReadonlyMap<string, string | true>;
}

export interface Suite {
  /** The name that selects the suite on the command line: `npm run bench -- <name>`. */
  name: string;
  /** What the suite measures, in one line. */
  description: string;
  run(context: SuiteContext): Promise<SuiteReport>;
}

/** One contender of an interleaved measurement: a named function whose every call is one sample. */
export interface Contender {
  name: string;
  run(): unknown;
  /** Untimed calls before the first sample, so the JIT and one-time set-ups are not measured. */
  warmup: number;
  /** Samples to take at most. */
  maxSamples: number;
  /** Stop taking samples once the samples taken add up to this many milliseconds... */
  budgetMs: number;
  /** ...but never take fewer than this many. */
  minSamples: number;
}

export interface Measurement {
  name: string;
  /** Milliseconds of each sample (wall clock), in the order they were taken. */
  samples: number[];
  /**
   * CPU milliseconds (user and system, all threads of the process) of each sample. On a machine busy
   * with other work the wall clock also counts the time other processes ran; this does not.
   */
  cpuSamples: number[];
  /** Set when a call threw: the contender is dropped from the rest of the measurement. */
  error?: string;
}

/**
 * A collection between samples keeps the garbage of one contender from being collected on another's
 * time. `--expose-gc` cannot be passed through `node --import tsx`, so it is switched on here.
 */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/**
 * Times contenders in rounds, each round in a different order, so that a change of machine load
 * (other processes, thermal throttling) is shared by all of them instead of falling on one.
 */
export async function measureInterleaved(contenders: readonly Contender[], log: (line: string) => void): Promise<Measurement[]> {
  const measurements = contenders.map((contender): Measurement => ({ name: contender.name, samples: [], cpuSamples: [] }));
  const spent = contenders.map(() => 0);

  const call = async (index: number): Promise<Sample | undefined> => {
    const measurement = measurements[index];
    try {
      return await timed(() => contenders[index].run());
    } catch (error) {
      measurement.error = error instanceof Error ? error.message : String(error);
      log(`    ${measurement.name} threw, dropped from this measurement: ${measurement.error}`);
      return undefined;
    }
  };

  for (let index = 0; index < contenders.length; index++) {
    for (let run = 0; run < contenders[index].warmup && !measurements[index].error; run++) await call(index);
  }

  const wantsMore = (index: number) => {
    const contender = contenders[index];
    const taken = measurements[index].samples.length;
    if (measurements[index].error || taken >= contender.maxSamples) return false;
    return taken < contender.minSamples || spent[index] < contender.budgetMs;
  };
  for (let round = 0; ; round++) {
    const order = contenders.map((_, index) => (index + round) % contenders.length).filter(wantsMore);
    if (order.length === 0) break;
    for (const index of order) {
      const sample = await call(index);
      if (sample === undefined) continue;
      measurements[index].samples.push(sample.ms);
      measurements[index].cpuSamples.push(sample.cpuMs);
      spent[index] += sample.ms;
    }
  }
  return measurements;
}

export interface Sample {
  /** Wall-clock milliseconds. */
  ms: number;
  /** CPU milliseconds of the process (user and system). */
  cpuMs: number;
}

/** One call of `run`, after a garbage collection, timed by the wall clock and by CPU time. */
export async function timed(run: () => unknown): Promise<Sample> {
  collectGarbage();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await run();
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** The nearest-rank percentile: a value that was actually measured. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
}

/** A Markdown table; it reads as an aligned table in the console too. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly boolean[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length), 3));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (rightAligned[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (rightAligned[column] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
