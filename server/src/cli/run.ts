/**
 * `statecraft run`: executes a state machine locally with the interpreter, tasks answered by a
 * Step Functions Local mock file and/or local handlers, and prints what happened.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { parseAsl } from '../asl/parse';
import { validate } from '../service/validation';
import { Execution } from '../interpreter/engine';
import { ExecutionInputTooLarge } from '../interpreter/errors';
import { endQuietlyOnClosedPipe } from './closedPipe';
import { RealClock, VirtualClock } from '../interpreter/clock';
import { chainResolvers, loadMocks, MockConfigError, type MockResolver } from '../interpreter/mocks';
import { HandlerConfigError, HandlerResolver, loadHandlerMap } from '../interpreter/handlers';
import type { ExecutionController, ExecutionResult, Json, StateFrame } from '../interpreter/types';

export const RUN_USAGE = `Usage: statecraft run <definition> [options]

Runs an Amazon States Language (AWS Step Functions) definition locally, as AWS would run it.

Options:
  --input <json>            The execution input (default {})
  --input-file <file>       Reads the execution input from a file
  --mocks <file>            Task results from a Step Functions Local MockConfigFile.json
  --test-case <name>        The test case of the mock file to use (required with --mocks)
  --state-machine <name>    The state machine in the mock file (default: its only one, else the
                            one named like the definition's file, e.g. Orders for
                            Orders.asl.json); also names the execution's ARNs
  --handlers <file>         A JSON or JS map from a Resource or Lambda function name to a handler
                            module export, e.g. {"OrderFn": "./handlers/order.js#handler"}
  --real-time               Wait states and retries wait in real time (default: time jumps)
  --format <text|json>      text: one line per state and the result (default)
                            json: {"status", "output", "error", "cause", "history"}
  -h, --help                Shows this help.

Tasks are answered by the mock file first, then by the handlers; a task nothing answers fails with
States.TaskFailed and a cause that says how to mock it. A .waitForTaskToken task that nothing
answers waits for a line on stdin: {"output": <json>} or {"error": "...", "cause": "..."}.

Exit status:
  0  the execution SUCCEEDED
  1  it FAILED, TIMED_OUT or was ABORTED
  2  a usage problem, an unreadable file, an invalid definition (its errors are printed), or an
     input over 256 KiB (AWS refuses to start such an execution)
`;

const EXIT_SUCCEEDED = 0;
const EXIT_NOT_SUCCEEDED = 1;
const EXIT_USAGE = 2;

export interface RunIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin?: NodeJS.ReadableStream;
}

function processIo(): RunIo {
  endQuietlyOnClosedPipe();
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
  };
}

interface RunArgs {
  definition: string;
  input?: string;
  inputFile?: string;
  mocks?: string;
  testCase?: string;
  stateMachine?: string;
  handlers?: string;
  realTime: boolean;
  format: 'text' | 'json';
}

class UsageError extends Error {}

function parseArgs(args: string[]): RunArgs | 'help' {
  const out: Partial<RunArgs> = { realTime: false, format: 'text' };
  const valueOf = (i: number, flag: string): string => {
    const value = args[i + 1];
    if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`${flag} needs a value`);
    return value;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = () => {
      if (inline !== undefined) return inline;
      const value = valueOf(i, flag);
      i++;
      return value;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--input':
        out.input = take();
        break;
      case '--input-file':
        out.inputFile = take();
        break;
      case '--mocks':
        out.mocks = take();
        break;
      case '--test-case':
        out.testCase = take();
        break;
      case '--state-machine':
        out.stateMachine = take();
        break;
      case '--handlers':
        out.handlers = take();
        break;
      case '--real-time':
        out.realTime = true;
        break;
      case '--format': {
        const format = take();
        if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not \`${format}\``);
        out.format = format;
        break;
      }
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        if (out.definition !== undefined) throw new UsageError(`only one definition can be run at a time (got ${out.definition} and ${arg})`);
        out.definition = arg;
    }
  }
  if (out.definition === undefined) throw new UsageError('a definition file is required');
  if (out.input !== undefined && out.inputFile !== undefined) throw new UsageError('give either --input or --input-file, not both');
  if (out.mocks !== undefined && out.testCase === undefined) throw new UsageError('--mocks needs --test-case <name>: the test case of the mock file to use');
  if (out.testCase !== undefined && out.mocks === undefined) throw new UsageError('--test-case needs --mocks <file>');
  return out as RunArgs;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function parseJson(text: string, what: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new UsageError(`the ${what} is not valid JSON: ${(error as Error).message}`);
  }
}

/** 1-based line and column of an offset. */
function position(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${offset - lineStart + 1}`;
}

export async function runCommand(args: string[], io: RunIo = processIo()): Promise<number> {
  let parsed: RunArgs | 'help';
  try {
    parsed = parseArgs(args);
  } catch (error) {
    io.stderr(`statecraft run: ${(error as Error).message}\n\n${RUN_USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed === 'help') {
    io.stdout(RUN_USAGE);
    return EXIT_SUCCEEDED;
  }
  const options = parsed;
  let handlers: HandlerResolver | undefined;
  try {
    const text = readText(options.definition, 'definition');
    const document = parseAsl(text);
    const errors = validate(document).filter((d) => d.severity === 'error');
    if (errors.length > 0 || !document.stateMachine?.root.startAt) {
      for (const d of errors) io.stderr(`${options.definition}:${position(text, d.offset)}: error ${d.code}: ${d.message}\n`);
      if (errors.length === 0) io.stderr(`${options.definition}: the definition has no state machine (a \`StartAt\` and \`States\` are required)\n`);
      io.stderr(`statecraft run: the definition is not valid, so it was not run (${errors.length || 1} error${errors.length > 1 ? 's' : ''})\n`);
      return EXIT_USAGE;
    }
    const input = options.inputFile !== undefined ? parseJson(readText(options.inputFile, 'input file'), `input file ${options.inputFile}`) : options.input !== undefined ? parseJson(options.input, '--input value') : {};

    const fileName = basename(options.definition).replace(/(\.asl)?\.json$|\.ya?ml$/, '');
    let mocks: MockResolver | undefined;
    if (options.mocks !== undefined) {
      const config = parseJson(readText(options.mocks, 'mock file'), `mock file ${options.mocks}`);
      mocks = loadMocks(config, options.testCase!, options.stateMachine, fileName);
    }
    if (options.handlers !== undefined) handlers = new HandlerResolver(loadHandlerMap(options.handlers));
    const stateMachineName = mocks?.selection.stateMachine ?? options.stateMachine ?? fileName;

    const lines = options.format === 'text' ? new TextReporter(io) : undefined;
    let execution: Execution | undefined = undefined;
    const tokenAnswers = new TokenAnswers(io, () => execution!);
    const controller: ExecutionController = {
      afterState: lines ? (frame) => lines.state(frame) : undefined,
      onTaskToken: (request) => tokenAnswers.waitFor(request),
    };
    execution = new Execution(document, {
      input,
      stateMachineName,
      clock: options.realTime ? new RealClock() : new VirtualClock(),
      taskResolver: chainResolvers(mocks, handlers),
      controller,
    });
    const result = await execution.run();
    tokenAnswers.close();
    if (lines) lines.result(result);
    else io.stdout(JSON.stringify(jsonReport(result), null, 2) + '\n');
    return result.status === 'SUCCEEDED' ? EXIT_SUCCEEDED : EXIT_NOT_SUCCEEDED;
  } catch (error) {
    if (error instanceof UsageError || error instanceof MockConfigError || error instanceof HandlerConfigError || error instanceof ExecutionInputTooLarge) {
      io.stderr(`statecraft run: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    handlers?.dispose();
  }
}

function jsonReport(result: ExecutionResult): Record<string, unknown> {
  const report: Record<string, unknown> = { status: result.status };
  if (result.status === 'SUCCEEDED') report.output = result.output;
  if (result.error !== undefined) report.error = result.error;
  if (result.cause !== undefined) report.cause = result.cause;
  report.history = result.history;
  return report;
}

const MAX_SHOWN = 200;

function shorten(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** One line per state as it finishes, then the execution's result. */
class TextReporter {
  constructor(private readonly io: RunIo) {}

  state(frame: StateFrame): void {
    const where = frame.location.length > 0 ? `${chunks(frame.location)} › ` : '';
    const head = `${where}${frame.name} (${frame.type})`;
    if (frame.error) {
      this.io.stdout(`✗ ${head} failed: ${frame.error.error}${frame.error.cause ? `: ${frame.error.cause}` : ''}\n`);
    } else {
      this.io.stdout(`✓ ${head} → ${shorten(frame.output)}${frame.next ? `  ⇒ ${frame.next}` : ''}\n`);
    }
  }

  result(result: ExecutionResult): void {
    if (result.status === 'SUCCEEDED') {
      this.io.stdout(`SUCCEEDED ${JSON.stringify(result.output)}\n`);
    } else {
      this.io.stdout(`${result.status}${result.error !== undefined ? ` ${result.error}` : ''}${result.cause !== undefined ? `: ${result.cause}` : ''}\n`);
    }
  }
}

/** `["Par", 0, "Map", 3]` → `Par[0] › Map[3]`. */
function chunks(location: (string | number)[]): string {
  const parts: string[] = [];
  for (let i = 0; i < location.length; i += 2) parts.push(`${location[i]}[${location[i + 1]}]`);
  return parts.join(' › ');
}

/** Answers `.waitForTaskToken` tasks from lines on stdin. */
class TokenAnswers {
  private readonly waiting: string[] = [];
  private reader?: ReturnType<typeof createInterface>;

  constructor(
    private readonly io: RunIo,
    private readonly execution: () => Execution,
  ) {}

  waitFor(request: { token: string; stateName: string }): void {
    this.waiting.push(request.token);
    this.io.stderr(`The task \`${request.stateName}\` waits for its task token ${request.token}. Answer with a line on stdin: {"output": <json>} or {"error": "...", "cause": "..."}\n`);
    if (!this.reader && this.io.stdin) {
      this.reader = createInterface({ input: this.io.stdin });
      this.reader.on('line', (line) => this.answer(line));
      this.reader.on('close', () => {
        for (const token of this.waiting.splice(0)) this.execution().sendTaskFailure(token, 'States.TaskFailed', 'stdin closed before the task token was answered.');
      });
    }
  }

  private answer(line: string): void {
    if (line.trim() === '') return;
    // A task that timed out no longer waits: its token is skipped.
    const awaited = new Set(this.execution().waitingTaskTokens);
    while (this.waiting.length > 0 && !awaited.has(this.waiting[0])) this.waiting.shift();
    const token = this.waiting.shift();
    if (token === undefined) return;
    let answer: unknown;
    try {
      answer = JSON.parse(line);
    } catch {
      this.io.stderr(`Not JSON: ${line}; answer with {"output": <json>} or {"error": "...", "cause": "..."}\n`);
      this.waiting.unshift(token);
      return;
    }
    const object = answer !== null && typeof answer === 'object' && !Array.isArray(answer) ? (answer as Record<string, Json>) : {};
    if ('error' in object || 'cause' in object) {
      this.execution().sendTaskFailure(token, typeof object.error === 'string' ? object.error : undefined, typeof object.cause === 'string' ? object.cause : undefined);
    } else {
      this.execution().sendTaskSuccess(token, 'output' in object ? object.output : (answer as Json));
    }
  }

  close(): void {
    this.reader?.close();
  }
}
