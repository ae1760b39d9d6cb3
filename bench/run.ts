/**
 * Runs the benchmark suites: `npm run bench` runs all of them, `npm run bench -- validation` the named
 * ones; `--name=value` options go to the suites (e.g. `--sizes=500,2500` for the validation suite).
 * Prints each suite's tables and aims, writes everything measured to `bench/results/latest.json` and
 * the Markdown tables to `bench/results/latest.md`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { SuiteReport } from './harness';
import { SUITES } from './suites';

interface CommandLine {
  suites: string[];
  options: Map<string, string | true>;
}

function parseCommandLine(args: readonly string[]): CommandLine {
  const suites: string[] = [];
  const options = new Map<string, string | true>();
  for (const arg of args) {
    if (arg.startsWith('--')) {
      const [name, ...value] = arg.slice(2).split('=');
      options.set(name, value.length ? value.join('=') : true);
    } else suites.push(arg);
  }
  return { suites, options };
}

async function main(): Promise<number> {
  const commandLine = parseCommandLine(process.argv.slice(2));
  const unknown = commandLine.suites.filter((name) => !SUITES.some((suite) => suite.name === name));
  if (commandLine.options.has('help') || unknown.length > 0) {
    if (unknown.length) console.error(`Unknown suite${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
    console.error('Usage: npm run bench -- [suite...] [--option=value...]\nSuites:');
    for (const suite of SUITES) console.error(`  ${suite.name.padEnd(12)} ${suite.description}`);
    return unknown.length ? 2 : 0;
  }
  const selected = commandLine.suites.length ? SUITES.filter((suite) => commandLine.suites.includes(suite.name)) : SUITES;

  const machine = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
  };
  console.log(`Node ${machine.node} on ${machine.platform}, ${machine.cores} × ${machine.cpu}`);
  const loadAtStart = loadavg()[0];
  if (loadAtStart > machine.cores / 2) {
    console.log(
      `The machine is busy (load average ${loadAtStart.toFixed(1)} on ${machine.cores} cores): wall-clock times include ` +
        'time other processes ran; compare the CPU times too, and run again on an idle machine for numbers to publish.',
    );
  }

  const reports: Record<string, SuiteReport | { error: string }> = {};
  let failed = false;
  for (const suite of selected) {
    console.log(`\n## ${suite.name}: ${suite.description}\n`);
    const started = performance.now();
    try {
      const report = await suite.run({ log: (line) => console.log(line), options: commandLine.options });
      reports[suite.name] = report;
      console.log('');
      for (const aim of report.aims) console.log(`${aim.met ? '✓' : '✗'} ${aim.description}: ${aim.actual}`);
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      reports[suite.name] = { error: message };
      console.error(`Suite ${suite.name} failed: ${message}`);
    }
    console.log(`(${suite.name} took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }

  const directory = join(__dirname, 'results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'latest.json');
  const load = { start: loadAtStart, end: loadavg()[0] };
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), machine, load, suites: reports }, null, 2)}\n`);
  const markdown = Object.entries(reports)
    .map(([name, report]) => ('markdown' in report ? `### ${name}\n\n${report.markdown}\n` : ''))
    .join('\n');
  writeFileSync(join(directory, 'latest.md'), markdown);
  console.log(`\nResults written to bench/results/latest.json, tables to bench/results/latest.md`);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
