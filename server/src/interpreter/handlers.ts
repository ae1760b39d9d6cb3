/**
 * Local task handlers: a map from a `Resource` (or a Lambda function name) to a JavaScript or
 * TypeScript module export, run in a child process with a Lambda-like event and context. A crash, a
 * throw or a timeout becomes a task failure, never a crash of the interpreter. The engine enforces
 * the task's `TimeoutSeconds`; a task without one is limited here (60 s by default).
 *
 * The invocations of one module share a process. A call given up on (timed out, or no longer wanted)
 * may still be running and may never end, so its process is retired: later calls go to a fresh
 * process, and the retired one is stopped once its other calls have answered.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { Json, JsonObject, TaskOutcome, TaskRequest, TaskResolver } from './types';
import { isObject } from './json';
import { lambdaFunctionName } from './resources';

export class HandlerConfigError extends Error {}

export interface HandlerTarget {
  /** Absolute path of the module. */
  file: string;
  /** The export to call; `handler` when the map does not name one (`./f.js#name`). */
  exportName: string;
}

/** Reads a handlers map from a `.json` file or from a JS module that exports the map. */
export function loadHandlerMap(path: string): Map<string, HandlerTarget> {
  const file = resolve(path);
  if (!existsSync(file)) throw new HandlerConfigError(`The handlers file ${path} does not exist.`);
  let raw: unknown;
  if (extname(file) === '.json') {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new HandlerConfigError(`The handlers file ${path} is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    let loaded: { default?: unknown };
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require(file) as { default?: unknown };
    } catch (error) {
      throw new HandlerConfigError(`The handlers file ${path} failed to load: ${error instanceof Error ? error.message : String(error)}`);
    }
    raw = loaded && typeof loaded === 'object' && 'default' in loaded ? loaded.default : loaded;
  }
  if (!isObject(raw)) throw new HandlerConfigError(`The handlers file ${path} must hold an object mapping a Resource or function name to "./module.js#export".`);
  const map = new Map<string, HandlerTarget>();
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string' || value === '') {
      throw new HandlerConfigError(`The handler for \`${key}\` in ${path} must be a string like "./handlers/orders.js#handler".`);
    }
    const hash = value.lastIndexOf('#');
    const modulePath = hash > 0 ? value.slice(0, hash) : value;
    const exportName = hash > 0 ? value.slice(hash + 1) : 'handler';
    const moduleFile = isAbsolute(modulePath) ? modulePath : resolve(dirname(file), modulePath);
    if (!existsSync(moduleFile)) throw new HandlerConfigError(`The handler module for \`${key}\` does not exist: ${moduleFile}`);
    map.set(key, { file: moduleFile, exportName });
  }
  return map;
}

/** The code each child process runs: it loads handler modules and answers invocations by id. */
const CHILD_SOURCE = `
const { pathToFileURL } = require('node:url');
const modules = new Map();
process.on('message', async (message) => {
  const { id, file, exportName, event, context } = message;
  try {
    let loaded = modules.get(file);
    if (!loaded) {
      loaded = await import(pathToFileURL(file).href);
      modules.set(file, loaded);
    }
    const fn = loaded[exportName] ?? (loaded.default && loaded.default[exportName]) ?? (exportName === 'handler' && typeof loaded.default === 'function' ? loaded.default : undefined);
    if (typeof fn !== 'function') {
      const error = new Error('The module ' + file + ' has no function export ' + JSON.stringify(exportName));
      error.name = 'Runtime.HandlerNotFound';
      throw error;
    }
    const deadline = Date.now() + context.timeoutMillis;
    const result = await fn(event, { ...context, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) });
    process.send({ id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    process.send({ id, ok: false, errorType: e.name || 'Error', errorMessage: e.message, trace: String(e.stack || '').split('\\n') });
  }
});
`;

interface Pending {
  resolve(outcome: TaskOutcome): void;
  timer?: NodeJS.Timeout;
}

interface Worker {
  child: ChildProcess;
  pending: Map<string, Pending>;
  /** Takes no new calls; stopped once `pending` is empty. */
  retired: boolean;
}

export interface HandlerResolverOptions {
  /** Limit for a handler when the task has no `TimeoutSeconds` (default 60 s). */
  defaultTimeoutSeconds?: number;
  /** Where handler output (console.log) goes; default the parent's stderr. */
  output?: NodeJS.WritableStream;
}

export class HandlerResolver implements TaskResolver {
  /** The process that takes new calls, per module. */
  private readonly workers = new Map<string, Worker>();
  /** Every process still running, retired ones included. */
  private readonly running = new Set<Worker>();

  constructor(
    private readonly map: Map<string, HandlerTarget>,
    private readonly options: HandlerResolverOptions = {},
  ) {}

  /** The handler for a task: by Resource, then by Lambda function name or ARN. */
  targetFor(resource: string, parameters: Json): HandlerTarget | undefined {
    const direct = this.map.get(resource);
    if (direct) return direct;
    const functionName = isObject(parameters) && typeof parameters.FunctionName === 'string' ? parameters.FunctionName : undefined;
    if (functionName && this.map.has(functionName)) return this.map.get(functionName);
    const name = lambdaFunctionName(resource, parameters);
    return name !== undefined ? this.map.get(name) : undefined;
  }

  resolve(request: TaskRequest): Promise<TaskOutcome> | undefined {
    const target = this.targetFor(request.resource, request.input);
    if (!target) return undefined;
    const viaInvoke = /^arn:[^:]+:states:::lambda:invoke/.test(request.resource);
    const event = viaInvoke && isObject(request.input) ? (request.input.Payload ?? {}) : request.input;
    const functionName = lambdaFunctionName(request.resource, request.input) ?? request.stateName;
    const timeoutSeconds = request.timeoutSeconds ?? this.options.defaultTimeoutSeconds ?? 60;
    // The engine enforces the task's own TimeoutSeconds; only the default limit is kept here.
    const limitSeconds = request.timeoutSeconds === undefined ? timeoutSeconds : undefined;
    const requestId = randomUUID();
    const context: JsonObject = {
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: /^arn:[^:]+:lambda:/.test(request.resource) ? request.resource : `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
      memoryLimitInMB: '128',
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${functionName}`,
      logStreamName: 'local',
      stateName: request.stateName,
      timeoutMillis: timeoutSeconds * 1000,
    };
    return this.invoke(target, event, context, limitSeconds, request.signal).then((outcome) => {
      if (!viaInvoke || !('result' in outcome)) return outcome;
      return {
        result: {
          ExecutedVersion: '$LATEST',
          Payload: outcome.result,
          SdkHttpMetadata: { HttpStatusCode: 200 },
          SdkResponseMetadata: { RequestId: requestId },
          StatusCode: 200,
        },
      };
    });
  }

  private worker(file: string): Worker {
    const worker = this.workers.get(file);
    if (worker && !worker.retired && worker.child.exitCode === null && !worker.child.killed) return worker;
    const execArgv = /\.(c|m)?ts$/.test(file) ? ['--import', tsxLoader(file)] : [];
    const child = fork('-e', [CHILD_SOURCE], { execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json' });
    // `fork` runs a module path; `-e` makes it run the source above instead.
    const out = this.options.output ?? process.stderr;
    child.stdout?.on('data', (chunk) => out.write(chunk));
    child.stderr?.on('data', (chunk) => out.write(chunk));
    const created: Worker = { child, pending: new Map(), retired: false };
    child.on('message', (message: { id: string; ok: boolean; result?: Json; errorType?: string; errorMessage?: string; trace?: string[] }) => {
      const pending = created.pending.get(message.id);
      if (!pending) return;
      created.pending.delete(message.id);
      clearTimeout(pending.timer);
      this.settled(created);
      if (message.ok) pending.resolve({ result: message.result ?? null });
      else {
        const errorType = message.errorType ?? 'Error';
        pending.resolve({ error: errorType, cause: JSON.stringify({ errorType, errorMessage: message.errorMessage ?? '', trace: message.trace ?? [] }) });
      }
    });
    child.on('exit', (code, signal) => {
      this.running.delete(created);
      if (this.workers.get(file) === created) this.workers.delete(file);
      for (const pending of created.pending.values()) {
        clearTimeout(pending.timer);
        pending.resolve({
          error: 'Runtime.ExitError',
          cause: JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: `The handler process for ${file} exited (${signal ?? `exit status ${code}`}) before answering.` }),
        });
      }
      created.pending.clear();
    });
    this.workers.set(file, created);
    this.running.add(created);
    return created;
  }

  /** A call ended: a retired process with nothing left is stopped; an idle one must not keep this process alive. */
  private settled(worker: Worker): void {
    if (worker.pending.size > 0) return;
    if (worker.retired) {
      worker.child.kill();
      return;
    }
    worker.child.unref();
    (worker.child.channel as { unref?: () => void } | undefined)?.unref?.();
  }

  /** A call given up on may run forever: its process takes no new calls and stops once the others answered. */
  private abandon(worker: Worker, id: string): void {
    worker.pending.delete(id);
    worker.retired = true;
    this.settled(worker);
  }

  private invoke(target: HandlerTarget, event: Json, context: JsonObject, limitSeconds: number | undefined, signal: AbortSignal): Promise<TaskOutcome> {
    const worker = this.worker(target.file);
    worker.child.ref();
    (worker.child.channel as { ref?: () => void } | undefined)?.ref?.();
    const id = randomUUID();
    return new Promise<TaskOutcome>((resolvePromise) => {
      const finish = (outcome: TaskOutcome) => {
        signal.removeEventListener('abort', onAbort);
        resolvePromise(outcome);
      };
      const timer = limitSeconds === undefined ? undefined : setTimeout(() => {
        this.abandon(worker, id);
        finish({ error: 'States.Timeout', cause: `The handler ${target.file}#${target.exportName} did not answer within ${limitSeconds} seconds.` });
      }, limitSeconds * 1000);
      const onAbort = () => {
        clearTimeout(timer);
        this.abandon(worker, id);
        finish({ error: 'States.Aborted', cause: 'The task was no longer needed.' });
      };
      signal.addEventListener('abort', onAbort, { once: true });
      worker.pending.set(id, { resolve: finish, timer });
      worker.child.send({ id, file: target.file, exportName: target.exportName, event, context });
    });
  }

  /** Stops every handler process. */
  dispose(): void {
    for (const worker of this.running) {
      for (const pending of worker.pending.values()) clearTimeout(pending.timer);
      worker.child.kill();
    }
    this.running.clear();
    this.workers.clear();
  }
}

/** The tsx loader that lets a child process import TypeScript handlers. */
function tsxLoader(file: string): string {
  for (const base of [dirname(file), process.cwd(), __dirname]) {
    try {
      return pathToFileURL(require.resolve('tsx', { paths: [base] }).replace(/cjs[\\/]index\.cjs$/, 'loader.mjs')).href;
    } catch {
      // try the next place
    }
  }
  throw new HandlerConfigError(`The handler ${file} is TypeScript; install \`tsx\` next to it (npm install -D tsx) or compile it to JavaScript.`);
}
