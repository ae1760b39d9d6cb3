/**
 * Runs the execution conformance corpus (executions recorded against real AWS) through the
 * interpreter and compares with the corpus's own rules (`compare-rules.mjs`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAsl } from '../../server/src/asl/parse';
import { Execution } from '../../server/src/interpreter/engine';
import { loadMocks } from '../../server/src/interpreter/mocks';
import { VirtualClock } from '../../server/src/interpreter/clock';
import type { HistoryEvent, Json } from '../../server/src/interpreter/types';

export const CORPUS_DIR = resolve(__dirname, '../../../shared/conformance/execution');

export interface CorpusCase {
  name: string;
  definition: unknown;
  input: Json;
  expected: { status: string; output?: Json; error?: string; cause?: string };
  features: string[];
  mockConfig?: unknown;
  /** The event types (and state names) AWS wrote, when recorded. */
  history?: { type: string; name?: string }[];
  /** The recorder sorted the events of concurrent branches: compare them as a multiset. */
  historyOrderNormalised?: boolean;
  source?: { recorded_date?: string | null };
}

/**
 * When the case was recorded (`"13-12-2023, 07:09:17"`, UTC): the execution replays at that time, so
 * that inputs written relative to it (a Wait timestamp so many days ahead) keep their meaning.
 */
export function recordedAt(c: CorpusCase): number | undefined {
  const match = /^(\d{2})-(\d{2})-(\d{4}), (\d{2}):(\d{2}):(\d{2})$/.exec(c.source?.recorded_date ?? '');
  if (!match) return undefined;
  const [, day, month, year, hours, minutes, seconds] = match.map(Number);
  return Date.UTC(year, month - 1, day, hours, minutes, seconds);
}

export interface CaseOutcome {
  name: string;
  features: string[];
  ok: boolean;
  why?: string;
  actual: { status: string; output?: Json; error?: string; cause?: string };
  expected: CorpusCase['expected'];
  /** Whether the history's event types and names match AWS's; undefined when none was recorded. */
  historyMatches?: boolean;
  historyDifference?: string;
}

type Verdict = (c: CorpusCase, actual: CaseOutcome['actual']) => { ok: boolean; why?: string };

export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS_DIR, 'cases'));
}

export function loadCases(filter?: (name: string) => boolean): CorpusCase[] {
  const dir = join(CORPUS_DIR, 'cases');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && (!filter || filter(f)))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CorpusCase);
}

export async function loadVerdict(): Promise<Verdict> {
  const rules = (await import(pathToFileURL(join(CORPUS_DIR, 'compare-rules.mjs')).href)) as { verdict: Verdict };
  return rules.verdict;
}

export async function runCase(c: CorpusCase, verdict: Verdict): Promise<CaseOutcome> {
  let actual: CaseOutcome['actual'];
  let history: HistoryEvent[] = [];
  try {
    const document = parseAsl(JSON.stringify(c.definition));
    const taskResolver = c.mockConfig ? loadMocks(c.mockConfig, 'Recorded') : undefined;
    const execution = new Execution(document, {
      input: c.input,
      stateMachineName: c.name,
      taskResolver,
      clock: new VirtualClock(recordedAt(c) ?? Date.now()),
      // The account the corpus was recorded in; ARNs in expected outputs carry it.
      accountId: '111111111111',
    });
    const result = await execution.run();
    history = result.history;
    actual = { status: result.status, output: result.output, error: result.error, cause: result.cause };
  } catch (error) {
    actual = { status: 'CRASHED', error: error instanceof Error ? error.stack : String(error) };
  }
  const { ok, why } = verdict(c, actual);
  const outcome: CaseOutcome = { name: c.name, features: c.features, ok, why, actual, expected: c.expected };
  if (c.history) {
    outcome.historyDifference = compareHistory(c, history);
    outcome.historyMatches = outcome.historyDifference === undefined;
  }
  return outcome;
}

/** The state (or Map) name an event's details carry, as the corpus records it. */
function eventName(event: HistoryEvent): string | undefined {
  for (const key of Object.keys(event)) {
    if (key.endsWith('EventDetails')) {
      const name = (event[key] as { name?: unknown } | undefined)?.name;
      return typeof name === 'string' ? name : undefined;
    }
  }
  return undefined;
}

/** Undefined when the event types and names match AWS's; else where they first differ. */
export function compareHistory(c: CorpusCase, history: HistoryEvent[]): string | undefined {
  const label = (e: { type: string; name?: string }) => (e.name ? `${e.type}(${e.name})` : e.type);
  const expected = c.history!.map(label);
  const actual = history.map((e) => label({ type: e.type, name: eventName(e) }));
  if (c.historyOrderNormalised) {
    expected.sort();
    actual.sort();
  }
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i++;
  if (i === expected.length && i === actual.length) return undefined;
  return `event ${i + 1}: expected ${expected[i] ?? '(end)'}, got ${actual[i] ?? '(end)'}`;
}

export async function runCorpus(filter?: (name: string) => boolean): Promise<CaseOutcome[]> {
  const verdict = await loadVerdict();
  const outcomes: CaseOutcome[] = [];
  for (const c of loadCases(filter)) outcomes.push(await runCase(c, verdict));
  return outcomes;
}

/** Pass counts per feature, biggest feature first. */
export function byFeature(outcomes: CaseOutcome[]): { feature: string; passed: number; total: number }[] {
  const table = new Map<string, { passed: number; total: number }>();
  for (const outcome of outcomes) {
    for (const feature of outcome.features) {
      const row = table.get(feature) ?? { passed: 0, total: 0 };
      row.total++;
      if (outcome.ok) row.passed++;
      table.set(feature, row);
    }
  }
  return [...table].map(([feature, row]) => ({ feature, ...row })).sort((a, b) => b.total - a.total || a.feature.localeCompare(b.feature));
}

/** One line saying why a case failed. */
export function reason(outcome: CaseOutcome): string {
  const short = (v: unknown) => {
    const text = JSON.stringify(v) ?? 'undefined';
    return text.length > 160 ? `${text.slice(0, 157)}...` : text;
  };
  const { actual, expected } = outcome;
  if (actual.status === 'CRASHED') return `crashed: ${String(actual.error).split('\n')[0]}`;
  if (actual.status !== expected.status) {
    return `${outcome.why}: got ${actual.status}${actual.error !== undefined ? ` ${actual.error}: ${short(actual.cause)}` : ` ${short(actual.output)}`}; expected ${expected.status}${expected.error !== undefined ? ` ${expected.error}` : ''}`;
  }
  if (expected.status === 'SUCCEEDED') return `${outcome.why}: got ${short(actual.output)}; expected ${short(expected.output)}`;
  return `${outcome.why}: got ${actual.error}: ${short(actual.cause)}; expected ${expected.error}: ${short(expected.cause)}`;
}
