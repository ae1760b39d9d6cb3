/**
 * The `asl` debug adapter: translates between the Debug Adapter Protocol and the debugger runtime,
 * nothing more. Runs inline in the extension and standalone over stdio (`dist/debugAdapter.js`).
 */
import { basename } from 'node:path';
import { Writable } from 'node:stream';
import {
  Breakpoint,
  BreakpointEvent,
  ContinuedEvent,
  DebugSession,
  Event,
  ExitedEvent,
  Handles,
  InitializedEvent,
  InvalidatedEvent,
  OutputEvent,
  Scope,
  Source,
  StackFrame,
  StoppedEvent,
  TerminatedEvent,
  Thread,
  ThreadEvent,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { State } from '../asl/model';
import type { Json, JsonObject } from '../interpreter/types';
import { isObject } from '../interpreter/json';
import { BreakpointTable, type BreakpointRequest, type StateBreakpoint } from './breakpoints';
import { evaluate, previewChoice, previewEffectiveInput, EvaluationError, type ChoicePreview } from './evaluate';
import { EXECUTION_STATE_EVENT } from './executionEvent';
import { LaunchError, loadProgram, type AslLaunchArguments, type LoadedProgram } from './launch';
import { DebugRuntime, RuntimeError, type ExceptionFilters, type FrameView, type OutputCategory } from './runtime';
import { StateLines } from './sourceMap';

export type { AslLaunchArguments };

/** Custom requests the extension's commands send. */
export const TASK_TOKENS_REQUEST = 'statecraft.taskTokens';
export const SEND_TASK_SUCCESS_REQUEST = 'statecraft.sendTaskSuccess';
export const SEND_TASK_FAILURE_REQUEST = 'statecraft.sendTaskFailure';

const UNCAUGHT_FILTER = 'uncaught';
const CAUGHT_FILTER = 'caught';

/** Frame ids encode the thread and the depth in its stack. */
const FRAMES_PER_THREAD = 1000;

interface EditTarget {
  threadId: number;
  /** `undefined`: the state's input; otherwise the variable's name. */
  variable?: string;
  path: (string | number)[];
}

type Container =
  | { kind: 'state'; view: FrameView }
  | { kind: 'variables'; view: FrameView }
  | { kind: 'execution' }
  | { kind: 'choices'; previews: ChoicePreview[] }
  | { kind: 'value'; value: Json; evaluateName?: string; edit?: EditTarget };

const CATEGORIES: Record<OutputCategory, string> = {
  history: 'stdout',
  log: 'stdout',
  result: 'stdout',
  info: 'console',
  error: 'stderr',
};

export class AslDebugSession extends DebugSession {
  /** False in an untrusted workspace: local handlers are then refused. */
  handlersAllowed = true;

  private runtime?: DebugRuntime;
  private lines?: StateLines;
  /** The program loaded by the last launch or restart. */
  private programForRuntime?: LoadedProgram;
  private launchArgs?: AslLaunchArguments;
  private readonly breakpoints = new BreakpointTable();
  private breakpointPath?: string;
  private exceptions: ExceptionFilters = { uncaught: true, caught: false };
  private handles = new Handles<Container>();
  private configured!: Promise<void>;
  private markConfigured!: () => void;
  /** Set while a restart replaces the runtime: the old one's end is not the session's end. */
  private restarting = false;
  private disconnected = false;

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(false);
    this.setDebuggerColumnsStartAt1(false);
    this.configured = new Promise((resolve) => (this.markConfigured = resolve));
  }

  // -----------------------------------------------------------------------------------------------
  // Lifecycle

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      ...response.body,
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsBreakpointLocationsRequest: true,
      supportsEvaluateForHovers: true,
      supportsSetVariable: true,
      supportsRestartRequest: true,
      supportsTerminateRequest: true,
      supportTerminateDebuggee: true,
      supportsExceptionInfoRequest: true,
      exceptionBreakpointFilters: [
        { filter: UNCAUGHT_FILTER, label: 'Uncaught Errors', description: 'Pause when an error is about to fail the execution.', default: true },
        { filter: CAUGHT_FILTER, label: 'Caught Errors', description: 'Pause when a Retry or Catch is about to handle an error.', default: false },
      ],
    };
    this.sendResponse(response);
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, args: DebugProtocol.LaunchRequestArguments): Promise<void> {
    const launch = (args ?? {}) as AslLaunchArguments;
    this.launchArgs = launch;
    let program: LoadedProgram;
    try {
      program = this.load(launch);
    } catch (error) {
      this.failLaunch(response, error);
      return;
    }
    this.useProgram(program);
    // Breakpoints and exception filters come now; the execution starts once they are all set.
    this.sendEvent(new InitializedEvent());
    await this.configured;
    if (this.disconnected) return;
    this.startRuntime(launch);
    this.sendResponse(response);
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.markConfigured();
    this.sendResponse(response);
  }

  protected override async restartRequest(response: DebugProtocol.RestartResponse, args: DebugProtocol.RestartArguments): Promise<void> {
    const launch = ((args.arguments as AslLaunchArguments | undefined) ?? this.launchArgs ?? {}) as AslLaunchArguments;
    this.restarting = true;
    await this.runtime?.terminate();
    this.restarting = false;
    this.launchArgs = launch;
    let program: LoadedProgram;
    try {
      program = this.load(launch);
    } catch (error) {
      this.failLaunch(response, error);
      this.sendEvent(new TerminatedEvent());
      return;
    }
    this.useProgram(program);
    this.startRuntime(launch);
    this.sendResponse(response);
  }

  protected override async terminateRequest(response: DebugProtocol.TerminateResponse): Promise<void> {
    await this.runtime?.terminate();
    this.sendResponse(response);
  }

  protected override async disconnectRequest(response: DebugProtocol.DisconnectResponse, args: DebugProtocol.DisconnectArguments): Promise<void> {
    this.disconnected = true;
    // A launch still waiting for its configuration gives up.
    this.markConfigured();
    await this.runtime?.terminate();
    super.disconnectRequest(response, args);
  }

  override dispose(): void {
    void this.runtime?.terminate();
    super.dispose();
  }

  private load(launch: AslLaunchArguments): LoadedProgram {
    return loadProgram(launch, { allowHandlers: this.handlersAllowed, handlerOutput: this.handlerOutput() });
  }

  private failLaunch(response: DebugProtocol.Response, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof LaunchError) for (const line of error.details) this.sendEvent(new OutputEvent(`${line}\n`, 'stderr'));
    this.sendEvent(new OutputEvent(`${message}\n`, 'stderr'));
    this.sendErrorResponse(response, { id: 1001, format: message, showUser: true });
  }

  private useProgram(program: LoadedProgram): void {
    const previous = this.lines;
    this.lines = new StateLines(program.document);
    this.programForRuntime = program;
    // A restart reads the definition again: the breakpoints move with it.
    if (previous && this.breakpointPath === program.path) {
      for (const breakpoint of this.breakpoints.rebind(this.lines)) this.sendEvent(new BreakpointEvent('changed', this.toBreakpoint(breakpoint)));
    }
  }

  private startRuntime(launch: AslLaunchArguments): void {
    const program = this.programForRuntime!;
    const runtime = new DebugRuntime({
      program,
      breakpoints: this.breakpointPath === program.path ? this.breakpoints : new BreakpointTable(),
      exceptions: this.exceptions,
      stopOnEntry: launch.stopOnEntry === true,
      noDebug: launch.noDebug === true,
    });
    this.runtime = runtime;
    this.handles = new Handles<Container>();
    runtime.on('output', (line) => this.output(line.text, CATEGORIES[line.category], line.state));
    runtime.on('threadStarted', (thread) => this.sendEvent(new ThreadEvent('started', thread.id)));
    runtime.on('threadExited', (thread) => this.sendEvent(new ThreadEvent('exited', thread.id)));
    runtime.on('stopped', (stop) => {
      const event = new StoppedEvent(stop.reason, stop.threadId, stop.text) as DebugProtocol.StoppedEvent;
      event.body.description = stop.description;
      event.body.allThreadsStopped = true;
      if (stop.breakpointIds) event.body.hitBreakpointIds = stop.breakpointIds;
      this.sendEvent(event);
    });
    runtime.on('continued', () => {
      this.handles = new Handles<Container>();
      this.sendEvent(new ContinuedEvent(1, true));
    });
    runtime.on('position', (body) => this.sendEvent(new Event(EXECUTION_STATE_EVENT, body)));
    runtime.on('ended', (result) => {
      if (this.restarting || this.runtime !== runtime) return;
      this.sendEvent(new ExitedEvent(result.status === 'SUCCEEDED' ? 0 : 1));
      this.sendEvent(new TerminatedEvent());
    });
    runtime.start();
  }

  /** Handler processes' console output goes to the Debug Console. */
  private handlerOutput(): NodeJS.WritableStream {
    return new Writable({
      write: (chunk: Buffer | string, _encoding, done) => {
        this.sendEvent(new OutputEvent(chunk.toString(), 'stdout'));
        done();
      },
    });
  }

  private output(text: string, category: string, state?: State): void {
    const event = new OutputEvent(`${text}\n`, category) as DebugProtocol.OutputEvent;
    if (state && this.lines && this.programForRuntime) {
      event.body.source = this.source();
      event.body.line = this.convertDebuggerLineToClient(this.lines.nameOf(state).line);
    }
    this.sendEvent(event);
  }

  private source(): Source {
    const path = this.programForRuntime!.path;
    return new Source(basename(path), this.convertDebuggerPathToClient(path));
  }

  // -----------------------------------------------------------------------------------------------
  // Breakpoints

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    const path = args.source.path !== undefined ? this.convertClientPathToDebugger(args.source.path) : undefined;
    const requests: BreakpointRequest[] = (args.breakpoints ?? []).map((b) => ({
      line: this.convertClientLineToDebugger(b.line),
      condition: b.condition,
      hitCondition: b.hitCondition,
      logMessage: b.logMessage,
    }));
    const program = this.programForRuntime?.path;
    if (path !== undefined && path === program) {
      this.breakpointPath = path;
      response.body = { breakpoints: this.breakpoints.set(requests, this.lines).map((b) => this.toBreakpoint(b)) };
    } else {
      // Another file: nothing runs it in this session.
      response.body = { breakpoints: new BreakpointTable().set(requests, undefined).map((b) => this.toBreakpoint(b)) };
    }
    this.sendResponse(response);
  }

  private toBreakpoint(breakpoint: StateBreakpoint): DebugProtocol.Breakpoint {
    const result = new Breakpoint(breakpoint.verified, this.convertDebuggerLineToClient(breakpoint.line)) as DebugProtocol.Breakpoint;
    result.id = breakpoint.id;
    if (breakpoint.column !== undefined) result.column = this.convertDebuggerColumnToClient(breakpoint.column);
    if (breakpoint.message) result.message = breakpoint.message;
    if (breakpoint.verified && this.programForRuntime) result.source = this.source();
    return result;
  }

  protected override breakpointLocationsRequest(response: DebugProtocol.BreakpointLocationsResponse, args: DebugProtocol.BreakpointLocationsArguments): void {
    const path = args.source.path !== undefined ? this.convertClientPathToDebugger(args.source.path) : undefined;
    const first = this.convertClientLineToDebugger(args.line);
    const last = this.convertClientLineToDebugger(args.endLine ?? args.line);
    const lines = path !== undefined && path === this.programForRuntime?.path ? this.lines : undefined;
    response.body = {
      breakpoints: (lines?.breakpointLines(first, last) ?? []).map((at) => ({ line: this.convertDebuggerLineToClient(at.line), column: this.convertDebuggerColumnToClient(at.column) })),
    };
    this.sendResponse(response);
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    const filters = new Set([...(args.filters ?? []), ...(args.filterOptions ?? []).map((option) => option.filterId)]);
    this.exceptions = { uncaught: filters.has(UNCAUGHT_FILTER), caught: filters.has(CAUGHT_FILTER) };
    this.runtime?.setExceptionFilters(this.exceptions);
    response.body = { breakpoints: [...filters].map(() => ({ verified: true })) };
    this.sendResponse(response);
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse, args: DebugProtocol.ExceptionInfoArguments): void {
    const raised = this.runtime?.thread(args.threadId)?.exception;
    if (!raised) {
      this.sendErrorResponse(response, { id: 1002, format: 'This thread is not stopped on an error.' });
      return;
    }
    response.body = {
      exceptionId: raised.error || '(no error name)',
      description: raised.cause ?? '',
      breakMode: raised.caught ? 'always' : 'unhandled',
      details: { typeName: raised.error, message: raised.cause },
    };
    this.sendResponse(response);
  }

  // -----------------------------------------------------------------------------------------------
  // Execution control

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
    this.runtime?.continue();
  }

  protected override nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    this.sendResponse(response);
    this.runtime?.stepOver(args.threadId);
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): void {
    this.sendResponse(response);
    this.runtime?.stepIn(args.threadId);
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse, args: DebugProtocol.StepOutArguments): void {
    this.sendResponse(response);
    this.runtime?.stepOut(args.threadId);
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse, args: DebugProtocol.PauseArguments): void {
    this.sendResponse(response);
    this.runtime?.pause(args.threadId);
  }

  // -----------------------------------------------------------------------------------------------
  // Threads, stacks, scopes, variables

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    const threads = this.runtime?.threads() ?? [];
    response.body = { threads: threads.length > 0 ? threads.map((t) => new Thread(t.id, t.name)) : [new Thread(1, 'Execution')] };
    this.sendResponse(response);
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const views = this.runtime?.stack(args.threadId) ?? [];
    const start = args.startFrame ?? 0;
    const count = args.levels && args.levels > 0 ? args.levels : views.length;
    const frames = views.slice(start, start + count).map((view, i) => this.toStackFrame(args.threadId, start + i, view));
    response.body = { stackFrames: frames, totalFrames: views.length };
    this.sendResponse(response);
  }

  private toStackFrame(threadId: number, depth: number, view: FrameView): DebugProtocol.StackFrame {
    const range = this.lines!.rangeOf(view.frame.state);
    const frame = new StackFrame(
      threadId * FRAMES_PER_THREAD + depth,
      `${view.frame.name} (${view.frame.type})${this.pointLabel(view)}`,
      this.source(),
      this.convertDebuggerLineToClient(range.start.line),
      this.convertDebuggerColumnToClient(range.start.column),
    ) as DebugProtocol.StackFrame;
    frame.endLine = this.convertDebuggerLineToClient(range.end.line);
    frame.endColumn = this.convertDebuggerColumnToClient(range.end.column);
    if (view.point === 'running') frame.presentationHint = 'subtle';
    return frame;
  }

  private pointLabel(view: FrameView): string {
    const frame = view.frame;
    switch (view.point) {
      case 'entry':
        return '';
      case 'exit':
        return frame.error ? ` · failed: ${frame.error.error}` : ' · done';
      case 'error': {
        const handling = view.thread.handling;
        return handling?.kind === 'retry' ? ` · retry ${handling.attempt} after ${frame.error?.error}` : ` · caught ${frame.error?.error}`;
      }
      case 'running':
        return frame.type === 'Parallel' ? ' · running branches' : frame.type === 'Map' ? ' · running iterations' : '';
    }
  }

  private viewOfFrame(frameId: number | undefined): FrameView | undefined {
    if (!this.runtime) return undefined;
    if (frameId === undefined) {
      // No frame (the Debug Console before anything was selected): the execution's own thread.
      return this.runtime.stack(1)[0];
    }
    const threadId = Math.floor(frameId / FRAMES_PER_THREAD);
    return this.runtime.stack(threadId)[frameId % FRAMES_PER_THREAD];
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    const view = this.viewOfFrame(args.frameId);
    if (!view) {
      response.body = { scopes: [new Scope('Execution', this.handles.create({ kind: 'execution' }), false)] };
      this.sendResponse(response);
      return;
    }
    const variables = this.runtime!.viewOf(view.thread).variables;
    const scopes: DebugProtocol.Scope[] = [
      new Scope(`State "${view.frame.name}"`, this.handles.create({ kind: 'state', view }), false),
      { ...new Scope('Variables', this.handles.create({ kind: 'variables', view }), false), namedVariables: Object.keys(variables).length },
      { ...new Scope('Context ($$)', this.handles.create({ kind: 'value', value: view.frame.context, evaluateName: '$$' }), false), namedVariables: Object.keys(view.frame.context).length },
      new Scope('Execution', this.handles.create({ kind: 'execution' }), false),
    ];
    response.body = { scopes };
    this.sendResponse(response);
  }

  protected override async variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): Promise<void> {
    const container = this.handles.get(args.variablesReference);
    let variables: DebugProtocol.Variable[] = [];
    if (container) {
      try {
        variables = await this.variablesOf(container, args);
      } catch (error) {
        variables = [{ name: 'error', value: (error as Error).message, variablesReference: 0 }];
      }
    }
    response.body = { variables };
    this.sendResponse(response);
  }

  private async variablesOf(container: Container, args: DebugProtocol.VariablesArguments): Promise<DebugProtocol.Variable[]> {
    switch (container.kind) {
      case 'state':
        return this.stateVariables(container.view);
      case 'variables': {
        const { thread } = container.view;
        const variables = this.runtime!.viewOf(thread).variables;
        const editable = container.view.editable;
        return Object.keys(variables).sort().map((name) => this.variable(name, variables[name], `$${name}`, editable ? { threadId: thread.id, variable: name, path: [] } : undefined));
      }
      case 'execution': {
        const summary = this.runtime?.executionSummary() ?? {};
        return Object.keys(summary).map((name) => this.variable(name, summary[name], name === 'input' ? '$$.Execution.Input' : undefined));
      }
      case 'choices':
        return container.previews.map((preview) => ({
          name: `${preview.rule}${preview.next ? ` → ${preview.next}` : ''}`,
          value: preview.error !== undefined ? `error: ${preview.error}` : preview.matches === undefined ? 'otherwise' : String(preview.matches),
          variablesReference: 0,
        }));
      case 'value':
        return this.children(container, args);
    }
  }

  /** The State scope: the input (editable before the state runs), the effective input, the result, the output, the error. */
  private async stateVariables(view: FrameView): Promise<DebugProtocol.Variable[]> {
    const runtime = this.runtime!;
    const { thread, frame } = view;
    const state = runtime.viewOf(thread);
    const editable = view.editable;
    const out: DebugProtocol.Variable[] = [this.variable('input', state.input, '$', editable ? { threadId: thread.id, path: [] } : undefined)];
    const def = runtime.definitionOf(frame.state);
    const jsonataMode = frame.state.queryLanguage === 'JSONata';
    if (frame.effectiveInput !== undefined) {
      out.push(this.variable('effective input', frame.effectiveInput));
    } else if (frame.type !== 'Fail' && (view.point === 'entry' || view.point === 'running')) {
      // Not computed yet: what the state will compute from its current input, variables and context.
      const context = this.previewContext(frame.context, def);
      try {
        out.push(this.variable('effective input (preview)', await previewEffectiveInput(frame.type, def, jsonataMode, { ...state, context })));
      } catch (error) {
        out.push({ name: 'effective input (preview)', value: `error: ${(error as Error).message}`, variablesReference: 0 });
      }
    }
    if (frame.type === 'Choice' && view.point === 'entry') {
      const previews = await previewChoice(def, jsonataMode, state);
      const taken = previews.find((p) => p.error !== undefined || p.matches !== false);
      out.push({
        name: 'choice rules',
        value: taken ? (taken.error !== undefined ? `error in ${taken.rule}` : `${taken.rule} → ${taken.next ?? '?'}`) : 'no rule matches: States.NoChoiceMatched',
        variablesReference: this.handles.create({ kind: 'choices', previews }),
        namedVariables: previews.length,
      });
    }
    if (frame.result !== undefined) out.push(this.variable('result', frame.result));
    if (frame.output !== undefined && view.point === 'exit') out.push(this.variable('output', frame.output));
    if (frame.error && view.point !== 'entry') {
      const error: JsonObject = { Error: frame.error.error };
      if (frame.error.cause !== undefined) error.Cause = frame.error.cause;
      out.push(this.variable('error', error));
    }
    if (view.point === 'exit' && frame.next !== undefined) out.push(this.variable('next', frame.next));
    if (view.point === 'error' && thread.handling) {
      const handling = thread.handling;
      const text = handling.kind === 'retry'
        ? `Retry[${handling.retrier}]: attempt ${handling.attempt} after ${handling.delaySeconds} s`
        : `Catch[${handling.catcher}]${handling.next ? ` → ${handling.next}` : ''}`;
      out.push({ name: 'handled by', value: text, variablesReference: 0 });
    }
    const previous = thread.previous;
    if (view.point === 'entry' && previous && previous.next === frame.name) {
      const summary: JsonObject = { state: previous.name };
      if (previous.result !== undefined) summary.result = previous.result;
      if (previous.output !== undefined) summary.output = previous.output;
      out.push(this.variable('previous state', summary));
    }
    return out;
  }

  /** A `.waitForTaskToken` task's token exists only once it runs: the preview shows where it goes. */
  private previewContext(context: JsonObject, def: JsonObject): JsonObject {
    if (typeof def.Resource === 'string' && def.Resource.endsWith('.waitForTaskToken') && context.Task === undefined) {
      return { ...context, Task: { Token: '<the task token, made when the task runs>' } };
    }
    return context;
  }

  private children(container: Extract<Container, { kind: 'value' }>, args: DebugProtocol.VariablesArguments): DebugProtocol.Variable[] {
    const { value, evaluateName, edit } = container;
    if (Array.isArray(value)) {
      if (args.filter === 'named') return [];
      const start = args.start ?? 0;
      const end = args.count ? Math.min(value.length, start + args.count) : value.length;
      const out: DebugProtocol.Variable[] = [];
      for (let i = start; i < end; i++) {
        out.push(this.variable(String(i), value[i], evaluateName !== undefined ? `${evaluateName}[${i}]` : undefined, edit ? { ...edit, path: [...edit.path, i] } : undefined));
      }
      return out;
    }
    if (!isObject(value) || args.filter === 'indexed') return [];
    return Object.keys(value).map((key) => this.variable(key, value[key], evaluateName !== undefined ? memberPath(evaluateName, key) : undefined, edit ? { ...edit, path: [...edit.path, key] } : undefined));
  }

  private variable(name: string, value: Json | undefined, evaluateName?: string, edit?: EditTarget): DebugProtocol.Variable {
    const variable: DebugProtocol.Variable = { name, value: display(value), type: typeOf(value), variablesReference: 0 };
    if (evaluateName !== undefined) variable.evaluateName = evaluateName;
    if (value !== null && typeof value === 'object') {
      variable.variablesReference = this.handles.create({ kind: 'value', value, evaluateName, edit });
      if (Array.isArray(value)) variable.indexedVariables = value.length;
      else variable.namedVariables = Object.keys(value).length;
    }
    if (!edit) variable.presentationHint = { attributes: ['readOnly'] };
    return variable;
  }

  protected override setVariableRequest(response: DebugProtocol.SetVariableResponse, args: DebugProtocol.SetVariableArguments): void {
    const container = this.handles.get(args.variablesReference);
    try {
      let target: EditTarget | undefined;
      if (container?.kind === 'state' && args.name === 'input' && container.view.editable) target = { threadId: container.view.thread.id, path: [] };
      else if (container?.kind === 'variables' && container.view.editable) target = { threadId: container.view.thread.id, variable: args.name, path: [] };
      else if (container?.kind === 'value' && container.edit) target = { ...container.edit, path: [...container.edit.path, Array.isArray(container.value) ? Number(args.name) : args.name] };
      if (!target) throw new RuntimeError('Only the input and the variables of a state that has not run yet can be changed.');
      let value: Json;
      try {
        value = JSON.parse(args.value) as Json;
      } catch {
        throw new RuntimeError(`\`${args.value}\` is not JSON; write a JSON value, e.g. 42, "text", true, {"a": 1}.`);
      }
      const runtime = this.runtime!;
      if (target.variable === undefined) runtime.editInput(target.threadId, target.path, value);
      else runtime.editVariable(target.threadId, target.variable, target.path, value);
      const shown = this.variable(args.name, value);
      response.body = { value: shown.value, type: shown.type, variablesReference: shown.variablesReference, namedVariables: shown.namedVariables, indexedVariables: shown.indexedVariables };
      this.sendResponse(response);
      // The effective input, the Choice preview and the Watch expressions depend on what changed.
      this.sendEvent(new InvalidatedEvent(['variables']));
    } catch (error) {
      this.sendErrorResponse(response, { id: 1003, format: (error as Error).message, showUser: true });
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Evaluate

  protected override async evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): Promise<void> {
    const view = this.viewOfFrame(args.frameId);
    if (!view || !this.runtime) {
      this.sendErrorResponse(response, { id: 1004, format: 'Nothing to evaluate against: the execution is not at a state.' });
      return;
    }
    try {
      const value = await evaluate(args.expression, this.runtime.viewOf(view.thread));
      // A hover over something that is not an expression here shows nothing.
      if (value === undefined && args.context === 'hover') throw new EvaluationError('No value.');
      const shown = this.variable('', value, args.expression.trim());
      response.body = { result: shown.value, type: shown.type, variablesReference: shown.variablesReference, namedVariables: shown.namedVariables, indexedVariables: shown.indexedVariables };
      this.sendResponse(response);
    } catch (error) {
      const message = error instanceof EvaluationError ? error.message : `Cannot evaluate: ${(error as Error).message}`;
      this.sendErrorResponse(response, { id: 1005, format: message });
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Task tokens

  protected override customRequest(command: string, response: DebugProtocol.Response, args: unknown): void {
    const runtime = this.runtime;
    const body = isObject(args as Json) ? (args as JsonObject) : {};
    const token = typeof body.token === 'string' ? body.token : undefined;
    try {
      switch (command) {
        case TASK_TOKENS_REQUEST:
          response.body = { tokens: runtime?.waitingTaskTokens() ?? [] };
          break;
        case SEND_TASK_SUCCESS_REQUEST:
          if (!runtime) throw new RuntimeError('No execution is running.');
          response.body = { token: runtime.sendTaskSuccess(token, body.output === undefined ? {} : body.output) };
          break;
        case SEND_TASK_FAILURE_REQUEST:
          if (!runtime) throw new RuntimeError('No execution is running.');
          response.body = { token: runtime.sendTaskFailure(token, typeof body.error === 'string' ? body.error : undefined, typeof body.cause === 'string' ? body.cause : undefined) };
          break;
        default:
          super.customRequest(command, response, args);
          return;
      }
      this.sendResponse(response);
    } catch (error) {
      this.sendErrorResponse(response, { id: 1006, format: (error as Error).message, showUser: true });
    }
  }
}

/** `$.a` + `b` → `$.a.b`; keys that are not identifiers in brackets. */
function memberPath(base: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${base}.${key}` : `${base}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

function typeOf(value: Json | undefined): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

const MAX_PREVIEW = 120;

/** A value as the Variables view shows it: JSON for scalars, a short preview for objects and arrays. */
export function display(value: Json | undefined): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return shortPreview(value, MAX_PREVIEW);
}

function shortPreview(value: Json, budget: number): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text.length > budget ? `${text.slice(0, Math.max(1, budget - 1))}…` : text;
  }
  if (Array.isArray(value)) {
    let out = `(${value.length}) [`;
    for (let i = 0; i < value.length; i++) {
      if (out.length >= budget) return `${out}…]`;
      out += `${i > 0 ? ', ' : ''}${shortPreview(value[i], budget - out.length)}`;
    }
    return `${out}]`;
  }
  const keys = Object.keys(value);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    if (out.length >= budget) return `${out}…}`;
    const item = value[keys[i]];
    const shown = item !== null && typeof item === 'object' ? (Array.isArray(item) ? `[…${item.length}]` : '{…}') : shortPreview(item, budget - out.length);
    out += `${i > 0 ? ', ' : ''}${keys[i]}: ${shown}`;
  }
  return `${out}}`;
}
