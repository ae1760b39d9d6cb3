/**
 * Drives the built debug adapter (`dist/debugAdapter.js`, over stdio) with `DebugClient`. Every wait
 * is on an event, registered before the request that causes it; timeouts are generous for loaded
 * machines.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { EXECUTION_STATE_EVENT, type ExecutionStateEventBody } from '../../server/src/debug/executionEvent';

export const ROOT = resolve(__dirname, '../..');
export const ADAPTER = join(ROOT, 'dist', 'debugAdapter.js');
export const EXAMPLES = join(ROOT, 'examples');
export const ORDER = join(EXAMPLES, 'order-fulfillment.asl.json');

/** Launch attributes for the order example with a test case of its mock file. */
export function orderLaunch(testCase: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { program: ORDER, inputFile: 'order-fulfillment.input.json', mocks: 'order-fulfillment.mocks.json', testCase, ...extra };
}

/** The 1-based line of the first line of `file` that contains `text` (after `after`, when given). */
export function lineOf(file: string, text: string, after?: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = after === undefined ? 0 : lines.findIndex((line) => line.includes(after));
  const index = lines.findIndex((line, i) => i >= start && line.includes(text));
  if (index < 0) throw new Error(`${text} is not in ${file}`);
  return index + 1;
}

/** Writes files to a new temporary folder; returns the folder. */
export function tempFiles(files: Record<string, string | object>): string {
  const dir = mkdtempSync(join(tmpdir(), 'statecraft-debug-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return dir;
}

export interface BreakpointSpec {
  line: number;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

export interface LaunchOptions {
  breakpoints?: BreakpointSpec[];
  /** Exception filters: `uncaught`, `caught`. Default: uncaught only (as VS Code sends by default). */
  exceptions?: string[];
}

const TIMEOUT = 30_000;

export class Session {
  readonly dc: DebugClient;
  readonly output: DebugProtocol.OutputEvent[] = [];
  readonly positions: ExecutionStateEventBody[] = [];
  private outputWaiters: { pattern: RegExp; resolve: (text: string) => void }[] = [];
  breakpoints: DebugProtocol.Breakpoint[] = [];

  private constructor() {
    this.dc = new DebugClient('node', ADAPTER, 'asl');
    this.dc.defaultTimeout = TIMEOUT;
    this.dc.on('output', (event: DebugProtocol.OutputEvent) => {
      this.output.push(event);
      for (const waiter of [...this.outputWaiters]) {
        if (waiter.pattern.test(event.body.output)) {
          this.outputWaiters.splice(this.outputWaiters.indexOf(waiter), 1);
          waiter.resolve(event.body.output);
        }
      }
    });
    this.dc.on(EXECUTION_STATE_EVENT, (event: DebugProtocol.Event) => this.positions.push(event.body as ExecutionStateEventBody));
  }

  static async start(): Promise<Session> {
    const session = new Session();
    await session.dc.start();
    return session;
  }

  /** Launches; resolves once the launch request succeeded (the configuration is done by then). */
  async launch(args: Record<string, unknown>, options: LaunchOptions = {}): Promise<void> {
    const initialized = this.dc.waitForEvent('initialized');
    const launched = this.dc.launch(args);
    // A failed launch never sends `initialized`.
    await Promise.race([initialized, launched]);
    await initialized;
    if (options.breakpoints) {
      const response = await this.dc.setBreakpointsRequest({ source: { path: String(args.program) }, breakpoints: options.breakpoints });
      this.breakpoints = response.body.breakpoints;
    }
    await this.dc.setExceptionBreakpointsRequest({ filters: options.exceptions ?? ['uncaught'] });
    await this.dc.configurationDoneRequest();
    await launched;
  }

  /** Launches and waits for the first stop. */
  async launchAndStop(args: Record<string, unknown>, options: LaunchOptions = {}): Promise<DebugProtocol.StoppedEvent> {
    const stopped = this.nextStop();
    await this.launch(args, options);
    return stopped;
  }

  nextStop(): Promise<DebugProtocol.StoppedEvent> {
    return this.dc.waitForEvent('stopped') as Promise<DebugProtocol.StoppedEvent>;
  }

  terminated(): Promise<DebugProtocol.Event> {
    return this.dc.waitForEvent('terminated');
  }

  async continue(threadId = 1): Promise<void> {
    await this.dc.continueRequest({ threadId });
  }

  /** Runs a step request and waits for the stop it ends in. */
  async step(kind: 'next' | 'stepIn' | 'stepOut' | 'continue', threadId: number): Promise<DebugProtocol.StoppedEvent> {
    const stopped = this.nextStop();
    if (kind === 'next') await this.dc.nextRequest({ threadId });
    else if (kind === 'stepIn') await this.dc.stepInRequest({ threadId });
    else if (kind === 'stepOut') await this.dc.stepOutRequest({ threadId });
    else await this.dc.continueRequest({ threadId });
    return stopped;
  }

  async threads(): Promise<DebugProtocol.Thread[]> {
    return (await this.dc.threadsRequest()).body.threads;
  }

  async stack(threadId: number): Promise<DebugProtocol.StackFrame[]> {
    return (await this.dc.stackTraceRequest({ threadId })).body.stackFrames;
  }

  /** The top frame of the stopped thread. */
  async topFrame(stop: DebugProtocol.StoppedEvent): Promise<DebugProtocol.StackFrame> {
    return (await this.stack(stop.body.threadId!))[0];
  }

  /** Each scope of a frame with its variables by name. */
  async scopes(frameId: number): Promise<Record<string, { ref: number; variables: Record<string, DebugProtocol.Variable> }>> {
    const out: Record<string, { ref: number; variables: Record<string, DebugProtocol.Variable> }> = {};
    for (const scope of (await this.dc.scopesRequest({ frameId })).body.scopes) {
      out[scope.name] = { ref: scope.variablesReference, variables: await this.variables(scope.variablesReference) };
    }
    return out;
  }

  async variables(ref: number, filter?: Pick<DebugProtocol.VariablesArguments, 'filter' | 'start' | 'count'>): Promise<Record<string, DebugProtocol.Variable>> {
    const out: Record<string, DebugProtocol.Variable> = {};
    for (const variable of (await this.dc.variablesRequest({ variablesReference: ref, ...filter })).body.variables) out[variable.name] = variable;
    return out;
  }

  /** A variable's value as JSON, expanding objects and arrays through the adapter. */
  async valueOf(variable: DebugProtocol.Variable): Promise<unknown> {
    if (variable.variablesReference === 0) return variable.value === 'undefined' ? undefined : JSON.parse(variable.value);
    const children = await this.variables(variable.variablesReference);
    if (variable.indexedVariables !== undefined) return Promise.all(Object.values(children).map((child) => this.valueOf(child)));
    const out: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(children)) out[name] = await this.valueOf(child);
    return out;
  }

  async evaluate(expression: string, frameId: number, context = 'repl'): Promise<DebugProtocol.EvaluateResponse['body']> {
    return (await this.dc.evaluateRequest({ expression, frameId, context })).body;
  }

  /** Resolves with the first Debug Console line (seen or to come) that matches. */
  waitForOutput(pattern: RegExp): Promise<string> {
    const seen = this.output.find((event) => pattern.test(event.body.output));
    if (seen) return Promise.resolve(seen.body.output);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no output matching ${pattern} after ${TIMEOUT} ms; got:\n${this.text()}`)), TIMEOUT);
      this.outputWaiters.push({ pattern, resolve: (text) => (clearTimeout(timer), resolve(text)) });
    });
  }

  /** Everything the Debug Console showed. */
  text(): string {
    return this.output.map((event) => event.body.output).join('');
  }

  async stop(): Promise<void> {
    await this.dc.stop();
  }
}
