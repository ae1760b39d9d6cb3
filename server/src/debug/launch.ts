/**
 * A launch configuration of the `asl` debugger, read and checked: the definition (linted: it runs only
 * without errors), the input, the mock file and its test case, the local handlers. Every problem is a
 * LaunchError whose message says what to change.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { parseAsl } from '../asl/parse';
import type { AslDocument } from '../asl/model';
import { validate } from '../service/validation';
import { loadMocks, MockConfigError, type MockResolver } from '../interpreter/mocks';
import { HandlerConfigError, HandlerResolver, loadHandlerMap } from '../interpreter/handlers';
import { isObject } from '../interpreter/json';
import type { Json, JsonObject } from '../interpreter/types';
import { LineMap } from './sourceMap';

/** The `launch` attributes (see the debugger contribution in package.json). */
export interface AslLaunchArguments {
  /** The definition to run (`.asl.json`). */
  program?: string;
  /** The execution input, a JSON value. */
  input?: Json;
  /** A file holding the execution input. */
  inputFile?: string;
  /** A Step Functions Local `MockConfigFile.json`. */
  mocks?: string;
  /** The test case of the mock file. */
  testCase?: string;
  /** The state machine in the mock file; default: the definition's base name, or the file's only one. */
  stateMachine?: string;
  /** A map from a Resource or Lambda function name to a local handler module. */
  handlers?: string;
  /** Pause at the first state. */
  stopOnEntry?: boolean;
  /** Wait states and retry intervals take real time (default: time jumps). */
  realTime?: boolean;
  /** Run without pausing (Run Without Debugging). */
  noDebug?: boolean;
  /** The folder relative paths start from; default: the definition's folder. */
  cwd?: string;
}

export class LaunchError extends Error {
  constructor(
    message: string,
    /** Lines to show beside the message (the linter's errors). */
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export interface LoadedProgram {
  path: string;
  document: AslDocument;
  input: Json;
  stateMachineName: string;
  mocks?: { resolver: MockResolver; file: string; config: JsonObject };
  handlers?: { resolver: HandlerResolver; file: string };
  realTime: boolean;
}

export interface LoadOptions {
  /** False in an untrusted workspace: handlers are local code, never run there. */
  allowHandlers: boolean;
  /** Where the handlers' console output goes. */
  handlerOutput?: NodeJS.WritableStream;
}

/** Reads everything a launch needs. Throws LaunchError. The caller disposes the handlers. */
export function loadProgram(args: AslLaunchArguments, options: LoadOptions): LoadedProgram {
  if (typeof args.program !== 'string' || args.program.trim() === '') {
    throw new LaunchError('The launch configuration has no `program`: set it to the state machine definition to run, e.g. "${workspaceFolder}/orders.asl.json".');
  }
  const path = resolve(typeof args.cwd === 'string' ? args.cwd : process.cwd(), args.program);
  const base = typeof args.cwd === 'string' ? resolve(args.cwd) : dirname(path);
  const at = (file: string) => (isAbsolute(file) ? file : resolve(base, file));

  const text = readText(path, 'the definition (`program`)');
  const document = parseAsl(text);
  const errors = validate(document).filter((d) => d.severity === 'error');
  if (errors.length > 0 || !document.stateMachine?.root.startAt) {
    const lines = new LineMap(text);
    const details = errors.map((d) => {
      const position = lines.positionAt(d.offset);
      return `${path}:${position.line + 1}:${position.column + 1}: error ${d.code}: ${d.message}`;
    });
    const count = errors.length || 1;
    if (errors.length === 0) details.push(`${path}: the definition has no state machine (a \`StartAt\` and \`States\` are required)`);
    throw new LaunchError(`${basename(path)} has ${count} error${count > 1 ? 's' : ''}, so it was not run. Fix ${count > 1 ? 'them' : 'it'} first (listed in the Debug Console and the Problems panel).`, details);
  }

  if (args.input !== undefined && args.inputFile !== undefined) throw new LaunchError('Give either `input` or `inputFile` in the launch configuration, not both.');
  let input: Json = {};
  if (args.inputFile !== undefined) input = parseJson(readText(at(args.inputFile), 'the input file (`inputFile`)'), `The input file ${args.inputFile}`);
  else if (args.input !== undefined) input = args.input;

  let mocks: LoadedProgram['mocks'];
  let stateMachineName = typeof args.stateMachine === 'string' && args.stateMachine !== '' ? args.stateMachine : undefined;
  const fileName = basename(path).replace(/(\.asl)?\.json$|\.ya?ml$/, '');
  if (args.mocks !== undefined) {
    const file = at(args.mocks);
    const config = parseJson(readText(file, 'the mock file (`mocks`)'), `The mock file ${args.mocks}`);
    if (!isObject(config)) throw new LaunchError(`The mock file ${args.mocks} must hold a JSON object with \`StateMachines\` and \`MockedResponses\`.`);
    const machines = isObject(config.StateMachines) ? config.StateMachines : {};
    // The definition's file name names its state machine in the mock file unless told otherwise.
    const machine = stateMachineName ?? (Object.prototype.hasOwnProperty.call(machines, fileName) ? fileName : undefined);
    const testCase = args.testCase ?? onlyTestCase(machines, machine);
    if (testCase === undefined) {
      const cases = testCasesOf(machines, machine);
      throw new LaunchError(`Set \`testCase\` in the launch configuration to the mock file's test case to use${cases.length ? `: ${cases.map((c) => `\`${c}\``).join(', ')}` : ''}.`);
    }
    try {
      const resolver = loadMocks(config, testCase, machine);
      mocks = { resolver, file, config };
      stateMachineName = resolver.selection.stateMachine;
    } catch (error) {
      if (error instanceof MockConfigError) throw new LaunchError(`${error.message.replace('with --state-machine', 'with `stateMachine` in the launch configuration')} (mock file ${args.mocks})`);
      throw error;
    }
  } else if (args.testCase !== undefined) {
    throw new LaunchError('`testCase` needs `mocks`: the mock file the test case is in.');
  }

  let handlers: LoadedProgram['handlers'];
  if (args.handlers !== undefined) {
    if (!options.allowHandlers) throw new LaunchError('This workspace is not trusted, so local handlers (`handlers`) are not run. Trust the workspace, or answer the tasks with a mock file (`mocks`).');
    const file = at(args.handlers);
    try {
      handlers = { resolver: new HandlerResolver(loadHandlerMap(file), { output: options.handlerOutput }), file };
    } catch (error) {
      if (error instanceof HandlerConfigError) throw new LaunchError(error.message);
      throw error;
    }
  }
  return { path, document, input, stateMachineName: stateMachineName ?? fileName, mocks, handlers, realTime: args.realTime === true };
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code ?? (error as Error).message;
    throw new LaunchError(`Cannot read ${what} ${path}: ${why}.`);
  }
}

function parseJson(text: string, what: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new LaunchError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

function testCasesOf(machines: JsonObject, machine: string | undefined): string[] {
  const names = Object.keys(machines);
  const chosen = machine ?? (names.length === 1 ? names[0] : undefined);
  const entry = chosen !== undefined ? machines[chosen] : undefined;
  return isObject(entry) && isObject(entry.TestCases) ? Object.keys(entry.TestCases) : [];
}

/** The test case to use when the configuration names none: the only one there is. */
function onlyTestCase(machines: JsonObject, machine: string | undefined): string | undefined {
  const cases = testCasesOf(machines, machine);
  return cases.length === 1 ? cases[0] : undefined;
}
