/**
 * Full validation (parse and every rule) of large valid state machines by Statecraft and by the two
 * validators people use today, then the time Statecraft takes to re-validate after a keystroke.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateStateMachine, type GeneratedStateMachine } from '../generate';
import {
  formatMs,
  formatRatio,
  markdownTable,
  measureInterleaved,
  median,
  percentile,
  type Aim,
  type Contender,
  type Suite,
  type SuiteContext,
  timed,
} from '../harness';
import { loadStatecraft } from '../statecraft';
import { aslValidatorPackage, amazonStatesLanguageService, statecraft, type Problem, type Validator } from '../validators';

const DEFAULT_SIZES = [500, 2500, 8500];
const EDIT_SIZE = 2500;
const EDIT_WARMUP = 5;
const EDIT_SAMPLES = 40;

/** The aims of the project for validation. */
const AIMS = {
  /** At 2,500 states, at least this many times faster than amazon-states-language-service. */
  versusAwsService: 5,
  /** At 2,500 states, at least this many times faster than asl-validator. */
  versusAslValidator: 2,
  /** Time per state at the largest size over time per state at the smallest: 1 is linear. */
  growth: 1.5,
  /** Re-validation after a one-character edit, in milliseconds. */
  editMs: 30,
};

/**
 * How many samples to take: a sample of the slowest peer at 8,500 states takes seconds, so every
 * contender stops after `budgetMs` of samples once it has `minSamples`, which keeps the whole suite
 * within a few minutes while the fast cases still get many samples. The run that counts problems
 * before the measurement is already a warm-up (it also pays the one-time schema compilation of
 * amazon-states-language-service); one more untimed run is skipped where a run takes seconds.
 */
function sampling(validator: number, states: number): Pick<Contender, 'warmup' | 'minSamples' | 'maxSamples' | 'budgetMs'> {
  if (validator === 0) return { warmup: 3, minSamples: 5, maxSamples: 25, budgetMs: 12_000 };
  return { warmup: states > 5000 ? 0 : 1, minSamples: 3, maxSamples: 15, budgetMs: 12_000 };
}

interface ValidatorResult {
  id: string;
  name: string;
  samplesMs: number[];
  medianMs: number;
  minMs: number;
  /** CPU time of the process during each sample, and its median. */
  cpuSamplesMs: number[];
  cpuMedianMs: number;
  /** Problems reported on the (valid) document, by severity. */
  problems: Record<string, number>;
  /** A few of those problems, to see what a non-zero count is about. */
  sampleProblems: string[];
  /** Median of this validator over the median of Statecraft. */
  ratio?: number;
  /** The same ratio in CPU time. */
  cpuRatio?: number;
  error?: string;
}

interface SizeResult {
  states: number;
  chars: number;
  validators: ValidatorResult[];
  /** Statecraft's median time per state, in microseconds. */
  statecraftMicrosPerState: number;
  /** The median time of Statecraft's parse alone (text to ASL model), the part no rule can save. */
  statecraftParseMs: number;
}

interface EditResult {
  states: number;
  samplesMs: number[];
  medianMs: number;
  p95Ms: number;
  cpuMedianMs: number;
  cpuP95Ms: number;
  problems: number;
}

export const validationSuite: Suite = {
  name: 'validation',
  description: 'Full validation of generated state machines, against amazon-states-language-service and asl-validator; re-validation after an edit.',
  async run(context) {
    const sizes = parseSizes(context);
    const validators = [statecraft(), amazonStatesLanguageService(), aslValidatorPackage()];
    const parser = loadStatecraft().getLanguageService();
    const results: SizeResult[] = [];

    for (const states of sizes) {
      const machine = generateStateMachine({ states });
      context.log(`  ${states} states (${(machine.text.length / 1e6).toFixed(2)} MB of JSON)`);
      const parsed = parser.parseAslDocument(TextDocument.create('file:///bench/counted.asl.json', 'asl', 1, machine.text));
      if (parsed.states.length !== states) throw new Error(`The generator made ${parsed.states.length} states, not ${states}`);
      const checks: { problems?: Problem[]; error?: string }[] = [];
      for (const validator of validators) checks.push(await problemsOf(validator, machine.text));
      assertStatecraftClean(checks[0], states);
      for (const [index, check] of checks.entries()) {
        const errors = check.problems?.filter((problem) => problem.severity === 'error').length;
        context.log(`    ${validators[index].name}: ${check.error ? `threw: ${check.error}` : `${errors} errors, ${check.problems!.length} problems in all`}`);
      }

      const contenders: Contender[] = validators.map((validator, index) => ({
        name: validator.name,
        run: () => validator.validate(machine.text),
        ...sampling(index, states),
      }));
      contenders.push({
        name: 'Statecraft parse only',
        run: () => parser.parseAslDocument(TextDocument.create('file:///bench/parsed.asl.json', 'asl', 1, machine.text)),
        ...sampling(0, states),
      });
      const measurements = await measureInterleaved(contenders, context.log);

      const ours = median(measurements[0].samples);
      const oursCpu = median(measurements[0].cpuSamples);
      const row: SizeResult = {
        states,
        chars: machine.text.length,
        statecraftMicrosPerState: (ours * 1000) / states,
        statecraftParseMs: median(measurements[validators.length].samples),
        validators: validators.map((validator, index) => {
          const { samples, cpuSamples } = measurements[index];
          const problems = checks[index].problems ?? [];
          return {
            id: validator.id,
            name: validator.name,
            samplesMs: samples.map(round),
            medianMs: median(samples),
            minMs: samples.length ? Math.min(...samples) : Number.NaN,
            cpuSamplesMs: cpuSamples.map(round),
            cpuMedianMs: median(cpuSamples),
            problems: countBySeverity(problems),
            sampleProblems: problems.slice(0, 5).map((problem) => `${problem.severity}: ${problem.message}`),
            ratio: index === 0 ? undefined : median(samples) / ours,
            cpuRatio: index === 0 ? undefined : median(cpuSamples) / oursCpu,
            error: measurements[index].error ?? checks[index].error,
          };
        }),
      };
      for (const result of row.validators) {
        const ratio = result.ratio === undefined ? '' : ` (${formatRatio(result.ratio)} Statecraft)`;
        const cpuRatio = result.cpuRatio === undefined ? '' : ` (${formatRatio(result.cpuRatio)})`;
        context.log(
          `    ${result.name}: median ${formatMs(result.medianMs)} of ${result.samplesMs.length} samples${ratio}; ` +
            `CPU ${formatMs(result.cpuMedianMs)}${cpuRatio}`,
        );
      }
      context.log(`    of Statecraft's time, parsing: median ${formatMs(row.statecraftParseMs)}`);
      results.push(row);
    }

    const edit = sizes.includes(EDIT_SIZE) ? await measureEdit(context) : undefined;
    const growth = growthOf(results);
    const aims = aimsOf(results, growth, edit);
    const tables = tablesOf(results, growth, edit);
    context.log('');
    context.log(tables);
    return {
      results: { sizes: results, growth, edit, aims },
      markdown: tables,
      aims,
    };
  },
};

/** Sample times are kept to the microsecond in the JSON results. */
function round(ms: number): number {
  return Number(ms.toFixed(3));
}

function parseSizes(context: SuiteContext): number[] {
  const option = context.options.get('sizes');
  if (typeof option !== 'string') return DEFAULT_SIZES;
  const sizes = option.split(',').map((size) => Number(size.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 100)) {
    throw new Error(`--sizes takes a comma-separated list of state counts of at least 100, not \`${option}\``);
  }
  return sizes;
}

async function problemsOf(validator: Validator, text: string): Promise<{ problems?: Problem[]; error?: string }> {
  try {
    return { problems: await validator.validate(text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** A benchmark of a document full of errors measures the error path, not a workflow being checked. */
function assertStatecraftClean(check: { problems?: Problem[]; error?: string }, states: number): void {
  if (check.error) throw new Error(`Statecraft threw on the generated ${states}-state machine: ${check.error}`);
  const errors = check.problems!.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    const listed = errors.slice(0, 10).map((problem) => `  ${problem.code}: ${problem.message}`).join('\n');
    throw new Error(`Statecraft reports ${errors.length} errors on the generated ${states}-state machine, which is valid:\n${listed}`);
  }
}

function countBySeverity(problems: readonly Problem[]): Record<string, number> {
  const counts: Record<string, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const problem of problems) counts[problem.severity]++;
  return counts;
}

/**
 * A keystroke in the 2,500-state document: one character of a state's `Comment` changes, the document
 * is updated with an incremental change as the language server receives it, and validated again.
 * Each sample edits another state, flipping the case of a letter so the document stays valid.
 */
async function measureEdit(context: SuiteContext): Promise<EditResult> {
  const machine: GeneratedStateMachine = generateStateMachine({ states: EDIT_SIZE });
  const service = loadStatecraft().getLanguageService();
  const document = TextDocument.create('file:///bench/edited.asl.json', 'asl', 1, machine.text);
  service.doValidation(document);

  const sites = machine.chainStates
    .filter((_, index) => index % Math.max(1, Math.floor(machine.chainStates.length / 32)) === 0)
    .map((name) => {
      const marker = `"Comment": "${name}: `;
      const at = machine.text.indexOf(marker);
      if (at < 0) throw new Error(`No Comment found for state ${name}`);
      return at + marker.length;
    });
  let problems = 0;
  let edits = 0;
  /** The next keystroke, ready to apply: the range is computed before the clock starts, as the editor sends it ready-made. */
  const nextEdit = () => {
    const offset = sites[edits++ % sites.length];
    const current = document.getText().charAt(offset);
    const flipped = current === current.toUpperCase() ? current.toLowerCase() : current.toUpperCase();
    const range = { start: document.positionAt(offset), end: document.positionAt(offset + 1) };
    return () => {
      TextDocument.update(document, [{ range, text: flipped }], document.version + 1);
      problems = Math.max(problems, service.doValidation(document).length);
    };
  };
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  for (let index = 0; index < EDIT_WARMUP + EDIT_SAMPLES; index++) {
    const sample = await timed(nextEdit());
    if (index < EDIT_WARMUP) continue;
    samples.push(sample.ms);
    cpuSamples.push(sample.cpuMs);
  }
  const result: EditResult = {
    states: EDIT_SIZE,
    samplesMs: samples.map(round),
    medianMs: median(samples),
    p95Ms: percentile(samples, 95),
    cpuMedianMs: median(cpuSamples),
    cpuP95Ms: percentile(cpuSamples, 95),
    problems,
  };
  context.log(
    `  re-validation after an edit at ${EDIT_SIZE} states: median ${formatMs(result.medianMs)}, p95 ${formatMs(result.p95Ms)}; ` +
      `CPU median ${formatMs(result.cpuMedianMs)}, p95 ${formatMs(result.cpuP95Ms)} (${samples.length} edits, ${problems} problems)`,
  );
  return result;
}

interface Growth {
  /** Statecraft's time per state at each size over its time per state at the smallest size. */
  bySize: { states: number; microsPerState: number; factor: number }[];
  /** The factor at the largest size. */
  largest: number;
}

function growthOf(results: readonly SizeResult[]): Growth {
  const base = results[0]?.statecraftMicrosPerState ?? Number.NaN;
  const bySize = results.map((result) => ({
    states: result.states,
    microsPerState: result.statecraftMicrosPerState,
    factor: result.statecraftMicrosPerState / base,
  }));
  return { bySize, largest: bySize.at(-1)?.factor ?? Number.NaN };
}

function aimsOf(results: readonly SizeResult[], growth: Growth, edit: EditResult | undefined): Aim[] {
  const aims: Aim[] = [];
  const reference = results.find((result) => result.states === EDIT_SIZE);
  if (reference) {
    const [, aws, aslValidator] = reference.validators;
    aims.push({
      description: `≥${AIMS.versusAwsService}× faster than amazon-states-language-service at ${EDIT_SIZE} states`,
      met: (aws.ratio ?? 0) >= AIMS.versusAwsService,
      actual: formatRatio(aws.ratio ?? Number.NaN),
    });
    aims.push({
      description: `≥${AIMS.versusAslValidator}× faster than asl-validator at ${EDIT_SIZE} states`,
      met: (aslValidator.ratio ?? 0) >= AIMS.versusAslValidator,
      actual: formatRatio(aslValidator.ratio ?? Number.NaN),
    });
  }
  if (results.length > 1) {
    aims.push({
      description: `linear growth: time per state at ${results.at(-1)!.states} states ≤${AIMS.growth}× that at ${results[0].states}`,
      met: growth.largest <= AIMS.growth,
      actual: `${growth.largest.toFixed(2)}×`,
    });
  }
  if (edit) {
    aims.push({
      description: `re-validation after a one-character edit at ${EDIT_SIZE} states under ${AIMS.editMs} ms (median and p95)`,
      met: edit.p95Ms < AIMS.editMs,
      actual: `median ${formatMs(edit.medianMs)}, p95 ${formatMs(edit.p95Ms)}`,
    });
  }
  return aims;
}

function tablesOf(results: readonly SizeResult[], growth: Growth, edit: EditResult | undefined): string {
  const names = results[0]?.validators.map((validator) => validator.name) ?? [];
  const [ours, ...peers] = names;
  const header = ['States', 'JSON size', `**${ours}**`, 'of which parsing', ...peers, 'Statecraft µs/state'];
  const rows = results.map((result, row) => {
    const [statecraftResult, ...peerResults] = result.validators.map((validator) => {
      if (validator.error && validator.samplesMs.length === 0) return 'failed';
      const time = formatMs(validator.medianMs);
      return validator.ratio === undefined ? `**${time}**` : `${time} (${formatRatio(validator.ratio)})`;
    });
    return [
      result.states.toLocaleString('en-US'),
      `${(result.chars / 1e6).toFixed(1)} MB`,
      statecraftResult,
      formatMs(result.statecraftParseMs),
      ...peerResults,
      `${result.statecraftMicrosPerState.toFixed(1)} (${growth.bySize[row].factor.toFixed(2)}×)`,
    ];
  });
  const lines = [
    'Median time of a full validation (parse and every rule) of a generated valid state machine; in',
    'parentheses, how many times Statecraft\'s time each validator takes, and Statecraft\'s time per state',
    `relative to the ${results[0]?.states.toLocaleString('en-US')}-state machine (1.00× is linear growth).`,
    '',
    markdownTable(header, rows, header.map(() => true)),
  ];
  if (edit) {
    lines.push(
      '',
      `Re-validation after a one-character edit of the ${edit.states.toLocaleString('en-US')}-state machine: ` +
        `median ${formatMs(edit.medianMs)}, p95 ${formatMs(edit.p95Ms)} (${edit.samplesMs.length} edits).`,
    );
  }
  return lines.join('\n');
}
