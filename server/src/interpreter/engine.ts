/**
 * The execution engine: runs a parsed state machine as AWS Step Functions does. States run one after
 * another without recursion on the chain (a loop of 10,000 Choice states is a loop, not a stack);
 * only Task, Wait, Parallel, Map and JSONata evaluation await. Values are never mutated in place, so
 * a value is shared, not copied, between states, variables and Map iterations.
 */
import type { AslDocument, Scope, State } from '../asl/model';
import { toValue } from '../asl/jsonNode';
import type {
  ErrorHandling,
  ExecutionController,
  ExecutionOptions,
  ExecutionResult,
  ExecutionStatus,
  Json,
  JsonObject,
  RandomSource,
  StateEdits,
  StateFrame,
  TaskOutcome,
  TaskResolver,
} from './types';
import { VirtualClock } from './clock';
import { seeded, uuid } from './intrinsics';
import {
  errorMatches,
  ExecutionAborted,
  ExecutionInputTooLarge,
  ExecutionTimedOut,
  isUncatchable,
  DATA_LIMIT,
  HEARTBEAT_TIMEOUT,
  ITEM_READER_FAILED,
  QUERY_EVALUATION,
  RESULT_WRITER_FAILED,
  RUNTIME,
  stateCause,
  StatesError,
  TIMEOUT,
} from './errors';
import { History, HistoryLimitReached, InputDetails, MAX_HISTORY_EVENTS, OutputDetails, type Thread } from './history';
import { exceedsSize, isObject, jsonByteLength, MAX_PAYLOAD_BYTES, typeName, toJsonText } from './json';
import { evaluateJsonata, evaluateTemplate, FieldError, expressionOf, type JsonataScope } from './jsonataEval';
import { DataFlow } from './dataflow';
import { ChoiceRuleError, evaluateRule } from './choice';
import { parseTimestamp } from './timestamps';
import { describeTask, type TaskKind } from './resources';
import { ItemReaderError, readItemsText } from './itemReader';

/** Where a state runs: its scope's variables, its event chain, its place in Parallel/Map nesting. */
export interface ScopeRun {
  scope: Scope;
  /** Variables this scope sees; shared with the enclosing scope until this scope assigns one. */
  variables: JsonObject;
  ownsVariables: boolean;
  thread: Thread;
  /** The enclosing scope and this scope's place in it (Parallel branch or Map iteration index). */
  parent?: ScopeRun;
  owner?: string;
  index?: number;
  mapItem?: { Index: number; Value: Json };
  signal: AbortSignal;
}

/** One run of one state. */
export interface StateRun {
  state: State;
  def: JsonObject;
  scope: ScopeRun;
  input: Json;
  enteredEventId: number;
  enteredTime: number;
  retryCount: number;
  jsonata: boolean;
  /** Set for `.waitForTaskToken` tasks (`$$.Task.Token`). */
  taskToken?: string;
  /** A Parallel branch or Map iteration failed the state: `...StateFailed` is written once no retry follows. */
  failedInside?: { error: string; cause?: string };
  /** For a debugger's `afterState`: the effective input and the result, once computed. */
  effectiveInput?: Json;
  result?: Json;
}

interface Step {
  output: Json;
  next?: string;
}

const CONTROLLER_LESS: ExecutionController = {};

/**
 * The longest delay a Wait state accepts, in seconds: AWS keeps it in a 32-bit signed integer, and
 * fails a longer one with `States.Runtime` "Wait state delay is too long." (AWS-recorded: 24,855 days
 * ahead waits, 24,856 days fails). An execution cannot run that long anyway: a Standard workflow
 * ends after a year.
 */
const MAX_WAIT_SECONDS = 2_147_483_647;

export class Execution {
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly stateMachineName: string;
  private readonly history: History;
  private readonly clock;
  private readonly random: RandomSource;
  private readonly resolver?: TaskResolver;
  private readonly controller: ExecutionController;
  private readonly startTime: number;
  private readonly input: Json;
  private readonly abort = new AbortController();
  private readonly defs = new Map<State, JsonObject>();
  private readonly flow: DataFlow;
  private readonly timeoutAt?: number;
  private readonly roleArn: string;
  /** Task invocations per state name, for mock files' attempt numbers. */
  private readonly invocations = new Map<string, number>();
  private readonly pendingTokens = new Map<string, { settle(outcome: TaskOutcome): void; beat(): void }>();
  private readonly root: Thread = { lastEventId: 0 };

  constructor(
    readonly document: AslDocument,
    private readonly options: ExecutionOptions = {},
  ) {
    const machine = document.stateMachine;
    if (!machine || !machine.root.startAt) throw new Error('The definition has no state machine (a `StartAt` and `States` are required).');
    this.clock = options.clock ?? new VirtualClock();
    this.random = options.random ?? seeded(1);
    this.resolver = options.taskResolver;
    this.controller = options.controller ?? CONTROLLER_LESS;
    this.input = options.input === undefined ? {} : options.input;
    if (exceedsSize(this.input, MAX_PAYLOAD_BYTES)) throw new ExecutionInputTooLarge(jsonByteLength(this.input));
    this.stateMachineName = options.stateMachineName ?? 'StateMachine';
    this.name = options.executionName ?? uuid(this.random);
    const region = options.region ?? 'us-east-1';
    const account = options.accountId ?? '123456789012';
    this.stateMachineArn = `arn:aws:states:${region}:${account}:stateMachine:${this.stateMachineName}`;
    this.arn = `arn:aws:states:${region}:${account}:execution:${this.stateMachineName}:${this.name}`;
    this.roleArn = options.roleArn ?? `arn:aws:iam::${account}:role/StatesExecutionRole`;
    this.startTime = this.clock.now();
    this.history = new History(() => this.clock.now(), options.maxHistoryEvents ?? MAX_HISTORY_EVENTS, options.recordHistory ?? true, this.controller);
    this.flow = new DataFlow(this);
    const timeout = toValue(machineProperty(document, 'TimeoutSeconds'));
    if (typeof timeout === 'number' && timeout > 0) this.timeoutAt = this.startTime + timeout * 1000;
  }

  private readonly onOuterAbort = () => this.abort.abort(new ExecutionAborted());

  /** Appends an event to the history of the thread (the execution's, or a child execution's). */
  private event(type: string, thread: Thread, details?: Record<string, unknown>, link = true): number {
    return (thread.history ?? this.history).add(type, thread, details, link);
  }

  get randomSource(): RandomSource {
    return this.random;
  }

  now(): number {
    return this.clock.now();
  }

  /** Runs the execution to its end. Never throws for anything the state machine does. */
  async run(): Promise<ExecutionResult> {
    const root = this.document.stateMachine!.root;
    let status: ExecutionStatus;
    let output: Json | undefined;
    let error: string | undefined;
    let cause: string | undefined;
    this.options.signal?.addEventListener('abort', this.onOuterAbort, { once: true });
    if (this.options.signal?.aborted) this.onOuterAbort();
    try {
      this.event('ExecutionStarted', this.root, {
        executionStartedEventDetails: new InputDetails(this.input, { roleArn: this.roleArn }),
      });
      this.armDeadline();
      const scope: ScopeRun = { scope: root, variables: {}, ownsVariables: true, thread: this.root, signal: this.abort.signal };
      output = await this.runScope(scope, this.input);
      status = 'SUCCEEDED';
      this.event('ExecutionSucceeded', this.root, { executionSucceededEventDetails: new OutputDetails(output) });
    } catch (thrown) {
      output = undefined;
      if (thrown instanceof ExecutionTimedOut || this.abort.signal.reason instanceof ExecutionTimedOut) {
        status = 'TIMED_OUT';
        error = 'States.Timeout';
        cause = `The execution ran longer than the state machine's TimeoutSeconds.`;
        this.event('ExecutionTimedOut', this.root, { executionTimedOutEventDetails: { error, cause } });
      } else if (thrown instanceof ExecutionAborted || this.abort.signal.aborted) {
        status = 'ABORTED';
        error = 'States.Aborted';
        cause = thrown instanceof ExecutionAborted ? thrown.reason : 'The execution was aborted.';
        this.event('ExecutionAborted', this.root, { executionAbortedEventDetails: { error, cause } });
      } else {
        status = 'FAILED';
        if (thrown instanceof StatesError) {
          error = thrown.error;
          cause = thrown.cause;
        } else if (thrown instanceof FailStateError) {
          error = thrown.error;
          cause = thrown.cause;
        } else if (thrown instanceof HistoryLimitReached) {
          error = RUNTIME;
          cause = thrown.message;
        } else {
          error = RUNTIME;
          cause = `Internal interpreter error: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
        }
        const details: Record<string, string> = {};
        if (error !== undefined) details.error = error;
        if (cause !== undefined) details.cause = cause;
        this.event('ExecutionFailed', this.root, { executionFailedEventDetails: details });
      }
    } finally {
      this.options.signal?.removeEventListener('abort', this.onOuterAbort);
      // Whatever still waits (task tokens, timers of running tasks) is released.
      if (!this.abort.signal.aborted) this.abort.abort(new ExecutionAborted('The execution ended.'));
      for (const pending of this.pendingTokens.values()) pending.settle({ error: 'States.Aborted', cause: 'The execution ended.' });
      this.pendingTokens.clear();
    }
    const result: ExecutionResult = { status, history: this.history.events };
    if (status === 'SUCCEEDED') result.output = output;
    if (error !== undefined) result.error = error;
    if (cause !== undefined) result.cause = cause;
    return result;
  }

  /**
   * The execution's `TimeoutSeconds`: at the deadline everything still running (a wait, a retry's
   * interval, a task) is interrupted and the execution ends TIMED_OUT.
   */
  private armDeadline(): void {
    if (this.timeoutAt === undefined) return;
    this.clock.sleep(this.timeoutAt - this.clock.now(), this.abort.signal).then(
      () => this.abort.abort(new ExecutionTimedOut()),
      () => undefined,
    );
  }

  /** Stops a running execution: it ends with status ABORTED. */
  stop(cause = 'The execution was stopped.'): void {
    this.abort.abort(new ExecutionAborted(cause));
  }

  /** Completes a `.waitForTaskToken` task. Returns false for an unknown token. */
  sendTaskSuccess(token: string, output: Json): boolean {
    const pending = this.pendingTokens.get(token);
    if (!pending) return false;
    pending.settle({ result: output });
    return true;
  }

  sendTaskFailure(token: string, error?: string, cause?: string): boolean {
    const pending = this.pendingTokens.get(token);
    if (!pending) return false;
    pending.settle({ error: error ?? '', cause });
    return true;
  }

  /** Restarts the `HeartbeatSeconds` clock of a waiting task. Returns false for an unknown token. */
  sendTaskHeartbeat(token: string): boolean {
    const pending = this.pendingTokens.get(token);
    if (!pending) return false;
    pending.beat();
    return true;
  }

  /** Task tokens currently awaited by `.waitForTaskToken` tasks. */
  get waitingTaskTokens(): string[] {
    return [...this.pendingTokens.keys()];
  }

  // ---------------------------------------------------------------------------------------------
  // Scopes and states

  definitionOf(state: State): JsonObject {
    let def = this.defs.get(state);
    if (!def) {
      const value = toValue(state.node);
      def = isObject(value) ? (value as JsonObject) : {};
      this.defs.set(state, def);
    }
    return def;
  }

  /** Runs the states of a scope from its `StartAt` to an end; returns the last output. */
  async runScope(run: ScopeRun, input: Json): Promise<Json> {
    let name = run.scope.startAt?.target;
    let value = input;
    for (;;) {
      const state = name === undefined ? undefined : run.scope.states.get(name);
      if (!state) {
        throw new StatesError(RUNTIME, `The state \`${name}\` does not exist${run.scope.kind === 'root' ? '' : ' in this branch'}; check \`StartAt\` and \`Next\`.`);
      }
      let step = this.runState(state, run, value);
      if (step instanceof Promise) step = await step;
      value = step.output;
      if (step.next === undefined) return value;
      name = step.next;
    }
  }

  private runState(state: State, scope: ScopeRun, input: Json): Step | Promise<Step> {
    if (scope.signal.aborted) throw scope.signal.reason;
    if (this.timeoutAt !== undefined && this.clock.now() >= this.timeoutAt) throw new ExecutionTimedOut();
    const def = this.definitionOf(state);
    const type = state.type ?? String(def.Type);
    const enteredEventId = this.event(`${type}StateEntered`, scope.thread, {
      stateEnteredEventDetails: new InputDetails(input, { name: state.name }),
    });
    const run: StateRun = {
      state,
      def,
      scope,
      input,
      enteredEventId,
      enteredTime: this.clock.now(),
      retryCount: 0,
      jsonata: state.queryLanguage === 'JSONata',
    };
    if (this.controller.beforeState || this.controller.afterState) return this.runStateWithHooks(run, type);
    let step: Step | Promise<Step>;
    try {
      step = this.executeState(run, type);
    } catch (thrown) {
      throw this.asStatesError(run, thrown);
    }
    if (step instanceof Promise) return step.then((s) => this.exitState(run, type, s), (e) => this.stateFailed(run, e));
    return this.exitState(run, type, step);
  }

  private async runStateWithHooks(run: StateRun, type: string): Promise<Step> {
    const edits = await this.hook(this.controller.beforeState?.(this.frame(run, type)));
    if (edits) this.applyEdits(run, edits);
    let step: Step;
    try {
      step = this.exitState(run, type, await this.executeState(run, type));
    } catch (thrown) {
      let failure: unknown = thrown;
      try {
        this.stateFailed(run, thrown);
      } catch (converted) {
        failure = converted;
      }
      if (failure instanceof StatesError || failure instanceof FailStateError) {
        await this.hook(this.controller.afterState?.({ ...this.frame(run, type), error: { error: failure.error ?? '', cause: failure.cause } }));
      }
      throw failure;
    }
    await this.hook(this.controller.afterState?.({ ...this.frame(run, type), output: step.output, next: step.next }));
    return step;
  }

  /** Awaits a debugger hook; while it is pending (a pause) the virtual clock stands still. */
  private async hook<T>(pending: T | Promise<T>): Promise<T> {
    if (!(pending instanceof Promise)) return pending;
    const release = this.clock.freeze?.();
    try {
      return await pending;
    } finally {
      release?.();
    }
  }

  private frame(run: StateRun, type: string): StateFrame {
    const frame: StateFrame = {
      state: run.state,
      name: run.state.name,
      type,
      input: run.input,
      variables: run.scope.variables,
      context: this.context(run),
      location: locationOf(run.scope),
      enteredEventId: run.enteredEventId,
    };
    if (run.effectiveInput !== undefined) frame.effectiveInput = run.effectiveInput;
    if (run.result !== undefined) frame.result = run.result;
    return frame;
  }

  /** A debugger's changes to a state before it runs: the input replaced, variables assigned. */
  private applyEdits(run: StateRun, edits: StateEdits): void {
    if (Object.prototype.hasOwnProperty.call(edits, 'input') && edits.input !== undefined) run.input = edits.input;
    if (edits.variables) this.applyAssignments(run, edits.variables);
  }

  /** Tells the debugger how the state's own retrier or catcher is about to handle its error. */
  private async beforeErrorHandled(run: StateRun, failure: StatesError, handling: ErrorHandling): Promise<void> {
    if (!this.controller.beforeErrorHandled) return;
    const frame = { ...this.frame(run, run.state.type ?? ''), error: { error: failure.error, cause: failure.cause } };
    await this.hook(this.controller.beforeErrorHandled(frame, handling));
  }

  private exitState(run: StateRun, type: string, step: Step): Step {
    this.checkPayload(run, step.output);
    if (type !== 'Fail') {
      this.event(`${type}StateExited`, run.scope.thread, {
        stateExitedEventDetails: new OutputDetails(step.output, { name: run.state.name }),
      });
    }
    return step;
  }

  /**
   * AWS's 256 KiB limit on a state's output, and on its input once `Parameters`/`Arguments` made it:
   * past it the state fails with `States.DataLimitExceeded`, which `States.ALL` does not catch.
   */
  private checkPayload(run: StateRun, value: Json): void {
    if (exceedsSize(value, MAX_PAYLOAD_BYTES)) throw new StatesError(DATA_LIMIT, dataLimitCause(run.state.name));
  }

  /** Turns a field failure into the state's error, with AWS's cause naming the state. */
  private stateFailed(run: StateRun, thrown: unknown): never {
    throw this.asStatesError(run, thrown);
  }

  asStatesError(run: StateRun, thrown: unknown): unknown {
    if (thrown instanceof FieldError) {
      const cause = stateCause(run.state.name, run.enteredEventId, thrown.detail);
      // AWS records a failed JSONata evaluation as an event of its own.
      if (thrown.error === QUERY_EVALUATION) this.event('EvaluationFailed', run.scope.thread, { evaluationFailedEventDetails: { error: thrown.error, cause, state: run.state.name } });
      return new StatesError(thrown.error, cause);
    }
    if (thrown instanceof ChoiceRuleError) return new StatesError(RUNTIME, stateCause(run.state.name, run.enteredEventId, thrown.message));
    return thrown;
  }

  private executeState(run: StateRun, type: string): Step | Promise<Step> {
    switch (type) {
      case 'Pass':
        return run.jsonata ? this.passJsonata(run) : this.passJsonPath(run);
      case 'Choice':
        return run.jsonata ? this.choiceJsonata(run) : this.choiceJsonPath(run);
      case 'Succeed':
        return run.jsonata ? this.succeedJsonata(run) : { output: this.flow.outputPath(run, this.flow.inputPath(run, run.input)) };
      case 'Fail':
        return this.fail(run);
      case 'Wait':
        return this.wait(run);
      case 'Task':
        return this.withRetryAndCatch(run, () => this.task(run));
      case 'Parallel':
        return this.withRetryAndCatch(run, () => this.parallel(run));
      case 'Map':
        return this.withRetryAndCatch(run, () => this.map(run));
      default:
        throw new StatesError(RUNTIME, stateCause(run.state.name, run.enteredEventId, `\`${type}\` is not a state type; use one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map.`));
    }
  }

  private nextOf(run: StateRun): string | undefined {
    return run.def.End === true ? undefined : typeof run.def.Next === 'string' ? run.def.Next : undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Context object and JSONata bindings

  context(run: StateRun): JsonObject {
    const state: JsonObject = { Name: run.state.name, EnteredTime: new Date(run.enteredTime).toISOString() };
    if (run.state.type === 'Task' || run.retryCount > 0) state.RetryCount = run.retryCount;
    const context: JsonObject = {
      Execution: {
        Id: this.arn,
        Input: this.input,
        StartTime: new Date(this.startTime).toISOString(),
        Name: this.name,
        RoleArn: this.roleArn,
        RedriveCount: 0,
      },
      StateMachine: { Id: this.stateMachineArn, Name: this.stateMachineName },
      State: state,
    };
    if (run.taskToken !== undefined) context.Task = { Token: run.taskToken };
    if (run.scope.mapItem) context.Map = { Item: { Index: run.scope.mapItem.Index, Value: run.scope.mapItem.Value } };
    return context;
  }

  jsonataScope(run: StateRun, extra?: JsonObject): JsonataScope {
    const states: JsonObject = { input: run.input, context: this.context(run) };
    if (extra) Object.assign(states, extra);
    return { states, variables: run.scope.variables, random: this.random, now: () => this.clock.now() };
  }

  /** A JSONata-mode field: an expression string, or a template with expressions inside. */
  async jsonataField(run: StateRun, value: Json, field: string, extra?: JsonObject): Promise<Json> {
    return evaluateTemplate(value, field, this.jsonataScope(run, extra));
  }

  /** `Assign` applied after the state's output is known; evaluated first, then stored all at once. */
  private applyAssignments(run: StateRun, values: JsonObject | undefined): void {
    if (!values) return;
    const scope = run.scope;
    // Branches and iterations read the enclosing variables; their own assignments stay their own.
    if (!scope.ownsVariables) {
      scope.variables = { ...scope.variables };
      scope.ownsVariables = true;
    }
    const variables = scope.variables;
    for (const key of Object.keys(values)) variables[key] = values[key];
  }

  private async jsonataAssignAndOutput(run: StateRun, extra: JsonObject | undefined, defaultOutput: Json, assign: Json | undefined, outputField: Json | undefined): Promise<Json> {
    const scope = this.jsonataScope(run, extra);
    const output = outputField === undefined ? defaultOutput : await evaluateTemplate(outputField, 'Output', scope);
    let assigned: JsonObject | undefined;
    if (assign !== undefined) {
      const value = await evaluateTemplate(assign, 'Assign', scope);
      if (!isObject(value)) throw new FieldError(QUERY_EVALUATION, `The field 'Assign' must be an object of variable names to values, but was ${typeName(value)}.`);
      assigned = value;
    }
    this.applyAssignments(run, assigned);
    return output;
  }

  // ---------------------------------------------------------------------------------------------
  // Pass, Succeed, Fail, Choice, Wait

  private passJsonPath(run: StateRun): Step {
    const def = run.def;
    const effective = this.flow.inputPath(run, run.input);
    const result = def.Result !== undefined ? def.Result : def.Parameters !== undefined ? this.flow.payload(run, def.Parameters, effective, 'Parameters') : effective;
    run.effectiveInput = def.Parameters !== undefined && def.Result === undefined ? result : effective;
    run.result = result;
    const assigned = def.Assign !== undefined ? this.flow.assign(run, def.Assign, result) : undefined;
    const output = this.flow.outputPath(run, this.flow.resultPath(run, run.input, result));
    this.applyAssignments(run, assigned);
    return { output, next: this.nextOf(run) };
  }

  private async passJsonata(run: StateRun): Promise<Step> {
    const output = await this.jsonataAssignAndOutput(run, undefined, run.input, run.def.Assign, run.def.Output);
    return { output, next: this.nextOf(run) };
  }

  private async succeedJsonata(run: StateRun): Promise<Step> {
    return { output: await this.jsonataAssignAndOutput(run, undefined, run.input, undefined, run.def.Output) };
  }

  private fail(run: StateRun): never | Promise<never> {
    const def = run.def;
    if (run.jsonata) {
      return (async () => {
        const scope = this.jsonataScope(run);
        const error = def.Error === undefined ? undefined : await evaluateTemplate(def.Error, 'Error', scope);
        const cause = def.Cause === undefined ? undefined : await evaluateTemplate(def.Cause, 'Cause', scope);
        if (error !== undefined && typeof error !== 'string') throw new FieldError(QUERY_EVALUATION, `The JSONata expression specified for the field 'Error' must return a string, but returned ${typeName(error)}: ${toJsonText(error)}`);
        if (cause !== undefined && typeof cause !== 'string') throw new FieldError(QUERY_EVALUATION, `The JSONata expression specified for the field 'Cause' must return a string, but returned ${typeName(cause)}: ${toJsonText(cause)}`);
        throw new StatesError(error ?? '', cause);
      })().catch((e) => this.stateFailed(run, e));
    }
    let error = typeof def.Error === 'string' ? def.Error : undefined;
    let cause = typeof def.Cause === 'string' ? def.Cause : undefined;
    try {
      if (typeof def.ErrorPath === 'string') error = this.flow.failField(run, def.ErrorPath, 'ErrorPath');
      if (typeof def.CausePath === 'string') cause = this.flow.failField(run, def.CausePath, 'CausePath');
    } catch (thrown) {
      this.stateFailed(run, thrown);
    }
    throw new FailStateError(error, cause);
  }

  private choiceJsonPath(run: StateRun): Step {
    const def = run.def;
    const effective = this.flow.inputPath(run, run.input);
    const read = (path: string, field: string) => this.flow.readForChoice(run, path, effective, field);
    const choices = Array.isArray(def.Choices) ? def.Choices : [];
    for (const rule of choices) {
      if (!isObject(rule)) continue;
      if (evaluateRule(rule, read)) {
        const assigned = rule.Assign !== undefined ? this.flow.assign(run, rule.Assign, effective) : undefined;
        const output = this.flow.outputPath(run, effective);
        this.applyAssignments(run, assigned);
        return { output, next: typeof rule.Next === 'string' ? rule.Next : undefined };
      }
    }
    if (typeof def.Default !== 'string') throw this.noChoiceMatched(run);
    const assigned = def.Assign !== undefined ? this.flow.assign(run, def.Assign, effective) : undefined;
    const output = this.flow.outputPath(run, effective);
    this.applyAssignments(run, assigned);
    return { output, next: def.Default };
  }

  private noChoiceMatched(run: StateRun): StatesError {
    return new StatesError('States.NoChoiceMatched', `No Choice rule of the state '${run.state.name}' matched its input and it has no \`Default\`.`);
  }

  private async choiceJsonata(run: StateRun): Promise<Step> {
    const def = run.def;
    const choices = Array.isArray(def.Choices) ? def.Choices : [];
    for (let i = 0; i < choices.length; i++) {
      const rule = choices[i];
      if (!isObject(rule)) continue;
      const condition = rule.Condition;
      let matched: Json;
      const expression = expressionOf(condition);
      if (expression !== undefined) {
        matched = (await evaluateJsonata(expression, `Condition`, this.jsonataScope(run))) ?? null;
        if (typeof matched !== 'boolean') {
          throw new FieldError(QUERY_EVALUATION, `The JSONata expression '${expression}' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was '${typeName(matched)}' for value: ${toJsonText(matched)}`);
        }
      } else {
        matched = condition;
        if (typeof matched !== 'boolean') throw new FieldError(QUERY_EVALUATION, `The field 'Condition' must be a boolean or a JSONata expression, but was ${toJsonText(condition)}.`);
      }
      if (matched) {
        const output = await this.jsonataAssignAndOutput(run, undefined, run.input, rule.Assign, rule.Output);
        return { output, next: typeof rule.Next === 'string' ? rule.Next : undefined };
      }
    }
    if (typeof def.Default !== 'string') throw this.noChoiceMatched(run);
    const output = await this.jsonataAssignAndOutput(run, undefined, run.input, def.Assign, def.Output);
    return { output, next: def.Default };
  }

  private async wait(run: StateRun): Promise<Step> {
    const def = run.def;
    let until: number;
    let output: Json;
    if (run.jsonata) {
      const scope = this.jsonataScope(run);
      if (def.Seconds !== undefined) {
        const seconds = await evaluateTemplate(def.Seconds, 'Seconds', scope);
        if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
          throw new FieldError(QUERY_EVALUATION, `The JSONata expression specified for the field 'Seconds' must return a non-negative integer, but returned ${toJsonText(seconds)}.`);
        }
        until = this.clock.now() + seconds * 1000;
      } else {
        const text = await evaluateTemplate(def.Timestamp ?? null, 'Timestamp', scope);
        const at = parseTimestamp(text);
        if (at === undefined) throw new FieldError(QUERY_EVALUATION, `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${typeof text === 'string' ? text : toJsonText(text)}`);
        until = at;
      }
      output = await this.jsonataAssignAndOutput(run, undefined, run.input, def.Assign, def.Output);
    } else {
      const effective = this.flow.inputPath(run, run.input);
      until = this.flow.waitUntil(run, effective);
      const assigned = def.Assign !== undefined ? this.flow.assign(run, def.Assign, effective) : undefined;
      output = this.flow.outputPath(run, effective);
      this.applyAssignments(run, assigned);
    }
    const delay = until - this.clock.now();
    if (delay > MAX_WAIT_SECONDS * 1000) throw new FieldError(RUNTIME, 'Wait state delay is too long.');
    if (delay > 0) await this.clock.sleep(delay, run.scope.signal);
    return { output, next: this.nextOf(run) };
  }

  // ---------------------------------------------------------------------------------------------
  // Retry and Catch

  private async withRetryAndCatch(run: StateRun, attempt: () => Promise<Step>): Promise<Step> {
    const def = run.def;
    const retriers = Array.isArray(def.Retry) ? def.Retry.filter(isObject) : [];
    const retryCounts = retriers.map(() => 0);
    for (;;) {
      let failure: unknown;
      run.failedInside = undefined;
      try {
        return await attempt();
      } catch (thrown) {
        failure = this.asStatesError(run, thrown);
      }
      if (failure instanceof FailStateError) failure = failure.asStatesError();
      if (!(failure instanceof StatesError) || isUncatchable(failure)) {
        this.aggregateFailed(run);
        throw failure;
      }
      const index = retriers.findIndex((r) => Array.isArray(r.ErrorEquals) && r.ErrorEquals.some((p) => typeof p === 'string' && errorMatches(p, failure as StatesError)));
      if (index >= 0) {
        const retrier = retriers[index];
        const maxAttempts = typeof retrier.MaxAttempts === 'number' ? retrier.MaxAttempts : 3;
        if (retryCounts[index] < maxAttempts) {
          const interval = typeof retrier.IntervalSeconds === 'number' ? retrier.IntervalSeconds : 1;
          const backoff = typeof retrier.BackoffRate === 'number' ? retrier.BackoffRate : 2;
          let delay = interval * Math.pow(backoff, retryCounts[index]);
          if (typeof retrier.MaxDelaySeconds === 'number') delay = Math.min(delay, retrier.MaxDelaySeconds);
          if (retrier.JitterStrategy === 'FULL') delay = this.random.next() * delay;
          await this.beforeErrorHandled(run, failure, { kind: 'retry', retrier: index, attempt: run.retryCount + 1, delaySeconds: delay });
          retryCounts[index]++;
          run.retryCount++;
          await this.clock.sleep(delay * 1000, run.scope.signal);
          continue;
        }
      }
      this.aggregateFailed(run);
      return this.catchError(run, failure);
    }
  }

  /** `ParallelStateFailed`/`MapStateFailed`, written when the failure is final (AWS writes none before a retry). */
  private aggregateFailed(run: StateRun): void {
    const failed = run.failedInside;
    if (!failed) return;
    const type = run.state.type === 'Parallel' ? 'Parallel' : 'Map';
    const details: Record<string, string> = { error: failed.error };
    if (failed.cause !== undefined) details.cause = failed.cause;
    this.event(`${type}StateFailed`, run.scope.thread, { [`${type === 'Parallel' ? 'parallel' : 'map'}StateFailedEventDetails`]: details });
  }

  private async catchError(run: StateRun, failure: StatesError): Promise<Step> {
    const catchers = Array.isArray(run.def.Catch) ? run.def.Catch.filter(isObject) : [];
    const index = catchers.findIndex((c) => Array.isArray(c.ErrorEquals) && c.ErrorEquals.some((p) => typeof p === 'string' && errorMatches(p, failure)));
    if (index < 0) throw failure;
    const catcher = catchers[index];
    // AWS always gives a catcher both fields; an error reported without a cause has an empty one.
    const errorOutput: JsonObject = { Error: failure.error, Cause: failure.cause ?? '' };
    const next = typeof catcher.Next === 'string' ? catcher.Next : undefined;
    await this.beforeErrorHandled(run, failure, { kind: 'catch', catcher: index, ...(next !== undefined ? { next } : {}) });
    try {
      if (run.jsonata) {
        const output = await this.jsonataAssignAndOutput(run, { errorOutput }, errorOutput, catcher.Assign, catcher.Output);
        return { output, next };
      }
      const assigned = catcher.Assign !== undefined ? this.flow.assign(run, catcher.Assign, errorOutput) : undefined;
      const output = this.flow.resultPathOf(run, catcher.ResultPath, run.input, errorOutput);
      this.applyAssignments(run, assigned);
      return { output, next };
    } catch (thrown) {
      throw this.asStatesError(run, thrown);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Task

  private async task(run: StateRun): Promise<Step> {
    const def = run.def;
    const resource = typeof def.Resource === 'string' ? def.Resource : '';
    const info = describeTask(resource);
    // The token exists before Parameters/Arguments are evaluated: they pass it on ($$.Task.Token).
    const taskToken = info.waitForTaskToken ? uuid(this.random) : undefined;
    run.taskToken = taskToken;
    let parameters: Json;
    let timeoutSeconds: Json | undefined;
    let heartbeatSeconds: Json | undefined;
    if (run.jsonata) {
      const scope = this.jsonataScope(run);
      parameters = def.Arguments !== undefined ? await evaluateTemplate(def.Arguments, 'Arguments', scope) : run.input;
      if (def.TimeoutSeconds !== undefined) timeoutSeconds = await evaluateTemplate(def.TimeoutSeconds, 'TimeoutSeconds', scope);
      if (def.HeartbeatSeconds !== undefined) heartbeatSeconds = await evaluateTemplate(def.HeartbeatSeconds, 'HeartbeatSeconds', scope);
    } else {
      const effective = this.flow.inputPath(run, run.input);
      parameters = def.Parameters !== undefined ? this.flow.payload(run, def.Parameters, effective, 'Parameters') : effective;
      timeoutSeconds = typeof def.TimeoutSecondsPath === 'string' ? this.flow.positiveIntegerAt(run, def.TimeoutSecondsPath, effective, 'TimeoutSecondsPath') : def.TimeoutSeconds;
      heartbeatSeconds = typeof def.HeartbeatSecondsPath === 'string' ? this.flow.positiveIntegerAt(run, def.HeartbeatSecondsPath, effective, 'HeartbeatSecondsPath') : def.HeartbeatSeconds;
    }

    this.checkPayload(run, parameters);
    run.effectiveInput = parameters;
    const outcome = await this.invokeTask(run, info, resource, parameters, typeof timeoutSeconds === 'number' ? timeoutSeconds : undefined, typeof heartbeatSeconds === 'number' ? heartbeatSeconds : undefined, taskToken);
    const result = outcome;
    run.result = result;
    if (run.jsonata) {
      const output = await this.jsonataAssignAndOutput(run, { result }, result, def.Assign, def.Output);
      return { output, next: this.nextOf(run) };
    }
    const selected = def.ResultSelector !== undefined ? this.flow.payload(run, def.ResultSelector, result, 'ResultSelector') : result;
    const assigned = def.Assign !== undefined ? this.flow.assign(run, def.Assign, selected) : undefined;
    const output = this.flow.outputPath(run, this.flow.resultPath(run, run.input, selected));
    this.applyAssignments(run, assigned);
    return { output, next: this.nextOf(run) };
  }

  /** One attempt of a task: history events, the resolver, timeouts. Returns the result or throws. */
  private async invokeTask(run: StateRun, info: TaskKind, resource: string, parameters: Json, timeoutSeconds: number | undefined, heartbeatSeconds: number | undefined, taskToken: string | undefined): Promise<Json> {
    const thread = run.scope.thread;
    const prefix = info.eventPrefix;
    const detailKey = (suffix: string) => `${prefix[0].toLowerCase()}${prefix.slice(1)}${suffix}EventDetails`;
    const base = info.eventPrefix === 'Task' ? { resourceType: info.resourceType, resource: info.resourceName } : {};
    const scheduled: Record<string, unknown> = info.eventPrefix === 'Task'
      ? { ...base, region: this.options.region ?? 'us-east-1', parameters: JSON.stringify(parameters) }
      : (new InputDetails(parameters, { resource }) as unknown as Record<string, unknown>);
    if (timeoutSeconds !== undefined) scheduled.timeoutInSeconds = timeoutSeconds;
    if (heartbeatSeconds !== undefined) scheduled.heartbeatInSeconds = heartbeatSeconds;
    this.event(`${prefix}Scheduled`, thread, { [detailKey('Scheduled')]: scheduled });
    this.event(`${prefix}Started`, thread, info.eventPrefix === 'Task' ? { [detailKey('Started')]: base } : undefined);

    const attempt = this.invocations.get(run.state.name) ?? 0;
    this.invocations.set(run.state.name, attempt + 1);
    const controller = new AbortController();
    const onAbort = () => controller.abort(run.scope.signal.reason);
    run.scope.signal.addEventListener('abort', onAbort, { once: true });
    const deadline = timeoutSeconds !== undefined ? this.clock.now() + timeoutSeconds * 1000 : undefined;
    let outcome: TaskOutcome | undefined;
    try {
      const answer = this.resolver?.resolve({
        stateName: run.state.name,
        stateMachineName: this.stateMachineName,
        resource,
        input: parameters,
        attempt,
        context: this.context(run),
        taskToken,
        timeoutSeconds,
        heartbeatSeconds,
        signal: controller.signal,
      });
      outcome = answer instanceof Promise ? await this.withinTaskLimits(answer, run.scope.signal, deadline) : answer;
      // Waiting only makes sense when someone was told about the token and can answer it.
      if (!outcome && taskToken !== undefined && this.controller.onTaskToken) {
        let restartHeartbeat = () => {};
        const waiting = this.awaitTaskToken(taskToken, controller.signal, () => restartHeartbeat());
        this.controller.onTaskToken({ token: taskToken, stateName: run.state.name, input: parameters });
        const heartbeat = heartbeatSeconds !== undefined ? { seconds: heartbeatSeconds, onRestart: (restart: () => void) => (restartHeartbeat = restart) } : undefined;
        outcome = await this.withinTaskLimits(waiting, run.scope.signal, deadline, heartbeat);
      }
    } catch (thrown) {
      if (run.scope.signal.aborted) throw run.scope.signal.reason;
      outcome = { error: 'States.TaskFailed', cause: `The task handler failed: ${thrown instanceof Error ? thrown.message : String(thrown)}` };
    } finally {
      run.scope.signal.removeEventListener('abort', onAbort);
      controller.abort();
    }
    if (run.scope.signal.aborted) throw run.scope.signal.reason;
    if (!outcome) {
      outcome = {
        error: 'States.TaskFailed',
        cause: `Nothing answers the Task state '${run.state.name}' (resource ${resource}). Mock it in a mock file (StateMachines.${this.stateMachineName}.TestCases.<test case>.${run.state.name} → a MockedResponses entry with "0": {"Return": ...}), or map the resource to a local handler with --handlers.`,
      };
    }
    if ('result' in outcome) {
      const result = outcome.result === undefined ? null : outcome.result;
      if (exceedsSize(result, MAX_PAYLOAD_BYTES)) {
        outcome = { error: DATA_LIMIT, cause: dataLimitCause(info.eventPrefix === 'Task' ? info.resourceType : resource) };
      }
    }
    if ('result' in outcome) {
      const result = outcome.result === undefined ? null : outcome.result;
      this.event(`${prefix}Succeeded`, thread, { [detailKey('Succeeded')]: new OutputDetails(result, base) });
      return result;
    }
    let cause = outcome.cause;
    // The Lambda integration re-encodes the function's error payload: JSON causes come out compact.
    if (info.eventPrefix === 'Task' && info.resourceType === 'lambda' && cause !== undefined) cause = compactJson(cause);
    const details: Record<string, unknown> = { ...base };
    if (outcome.error !== undefined) details.error = outcome.error;
    if (cause !== undefined) details.cause = cause;
    const timedOut = outcome.error === TIMEOUT || outcome.error === HEARTBEAT_TIMEOUT;
    this.event(`${prefix}${timedOut ? 'TimedOut' : 'Failed'}`, thread, { [detailKey(timedOut ? 'TimedOut' : 'Failed')]: details });
    throw new StatesError(outcome.error, cause, true);
  }

  /**
   * Awaits a task's answer from outside the execution (a handler process, a task token) within its
   * limits: the state's `TimeoutSeconds` deadline (`States.Timeout`), and for a task token
   * `HeartbeatSeconds` between heartbeats (`States.HeartbeatTimeout`; `onRestart` receives the
   * function that restarts that clock). Meanwhile a virtual clock lets time pass at real speed.
   * Rejects with the scope's reason when the scope is aborted (a sibling failed, the deadline, a stop).
   */
  private withinTaskLimits(
    answer: Promise<TaskOutcome | undefined>,
    scope: AbortSignal,
    deadline: number | undefined,
    heartbeat?: { seconds: number; onRestart(restart: () => void): void },
  ): Promise<TaskOutcome | undefined> {
    return new Promise((resolve, reject) => {
      const release = this.clock.hold?.();
      const timers = new AbortController();
      let heartbeatTimer: AbortController | undefined;
      let done = false;
      const finish = (settle: () => void) => {
        if (done) return;
        done = true;
        timers.abort();
        heartbeatTimer?.abort();
        scope.removeEventListener('abort', onAbort);
        release?.();
        settle();
      };
      const onAbort = () => finish(() => reject(scope.reason));
      const expire = (error: string) => () => finish(() => resolve({ error }));
      const ignore = () => undefined;
      if (scope.aborted) return onAbort();
      scope.addEventListener('abort', onAbort, { once: true });
      answer.then((outcome) => finish(() => resolve(outcome)), (thrown: unknown) => finish(() => reject(thrown)));
      if (deadline !== undefined) this.clock.sleep(deadline - this.clock.now(), timers.signal).then(expire(TIMEOUT), ignore);
      if (heartbeat) {
        const restart = () => {
          heartbeatTimer?.abort();
          if (done) return;
          heartbeatTimer = new AbortController();
          this.clock.sleep(heartbeat.seconds * 1000, heartbeatTimer.signal).then(expire(HEARTBEAT_TIMEOUT), ignore);
        };
        heartbeat.onRestart(restart);
        restart();
      }
    });
  }

  /** Waits for `sendTaskSuccess`/`sendTaskFailure` with the token; `beat` is called on each heartbeat. */
  private awaitTaskToken(token: string, signal: AbortSignal, beat: () => void): Promise<TaskOutcome> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.pendingTokens.delete(token);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pendingTokens.set(token, {
        settle: (outcome) => {
          signal.removeEventListener('abort', onAbort);
          this.pendingTokens.delete(token);
          resolve(outcome);
        },
        beat,
      });
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Parallel

  private async parallel(run: StateRun): Promise<Step> {
    const def = run.def;
    let branchInput: Json;
    if (run.jsonata) {
      branchInput = def.Arguments !== undefined ? await this.jsonataField(run, def.Arguments, 'Arguments') : run.input;
    } else {
      const effective = this.flow.inputPath(run, run.input);
      branchInput = def.Parameters !== undefined ? this.flow.payload(run, def.Parameters, effective, 'Parameters') : effective;
    }
    this.checkPayload(run, branchInput);
    run.effectiveInput = branchInput;
    const thread = run.scope.thread;
    this.event('ParallelStateStarted', thread);
    const branches = run.state.children;
    const abort = new AbortController();
    const onAbort = () => abort.abort(run.scope.signal.reason);
    run.scope.signal.addEventListener('abort', onAbort, { once: true });
    let firstFailure: unknown;
    const results: Json[] = new Array(branches.length);
    const startedAt = thread.lastEventId;
    const branchThreads: Thread[] = [];
    const runs = branches.map(async (branch, index) => {
      const branchThread: Thread = { lastEventId: startedAt };
      branchThreads.push(branchThread);
      const scope: ScopeRun = {
        scope: branch,
        variables: run.scope.variables,
        ownsVariables: false,
        thread: branchThread,
        parent: run.scope,
        owner: run.state.name,
        index,
        signal: abort.signal,
      };
      try {
        results[index] = await this.runScope(scope, branchInput);
      } catch (thrown) {
        if (firstFailure === undefined) {
          firstFailure = thrown;
          abort.abort(new ExecutionAborted('Another branch failed.'));
        }
      }
    });
    await Promise.all(runs);
    run.scope.signal.removeEventListener('abort', onAbort);
    thread.lastEventId = Math.max(thread.lastEventId, ...branchThreads.map((t) => t.lastEventId));
    if (firstFailure !== undefined) {
      if (run.scope.signal.aborted) throw run.scope.signal.reason;
      const failure = firstFailure instanceof FailStateError ? firstFailure.asStatesError() : firstFailure;
      if (failure instanceof StatesError) run.failedInside = { error: failure.error, cause: failure.cause };
      throw failure;
    }
    this.event('ParallelStateSucceeded', thread);
    return this.finishAggregate(run, results);
  }

  /** Parallel and Map: ResultSelector, ResultPath, OutputPath (or Output), and Assign. */
  private async finishAggregate(run: StateRun, result: Json): Promise<Step> {
    const def = run.def;
    run.result = result;
    if (run.jsonata) {
      const output = await this.jsonataAssignAndOutput(run, { result }, result, def.Assign, def.Output);
      return { output, next: this.nextOf(run) };
    }
    const selected = def.ResultSelector !== undefined ? this.flow.payload(run, def.ResultSelector, result, 'ResultSelector') : result;
    const assigned = def.Assign !== undefined ? this.flow.assign(run, def.Assign, selected) : undefined;
    const output = this.flow.outputPath(run, this.flow.resultPath(run, run.input, selected));
    this.applyAssignments(run, assigned);
    return { output, next: this.nextOf(run) };
  }

  // ---------------------------------------------------------------------------------------------
  // Map

  private async map(run: StateRun): Promise<Step> {
    const def = run.def;
    const processor = run.state.children[0];
    const processorDef = isObject(def.ItemProcessor) ? def.ItemProcessor : isObject(def.Iterator) ? def.Iterator : {};
    const config = isObject(processorDef.ProcessorConfig) ? processorDef.ProcessorConfig : {};
    const distributed = config.Mode === 'DISTRIBUTED';
    const effective = run.jsonata ? run.input : this.flow.inputPath(run, run.input);
    run.effectiveInput = effective;
    const thread = run.scope.thread;

    let items: Json[];
    if (isObject(def.ItemReader)) {
      items = await this.readItems(run, def.ItemReader, effective);
    } else if (run.jsonata) {
      try {
        items = await this.jsonataItems(run);
      } catch (thrown) {
        // AWS fails the Map state itself (MapStateFailed) when its Items expression fails.
        const failure = this.asStatesError(run, thrown);
        if (failure instanceof StatesError) run.failedInside = { error: failure.error, cause: failure.cause };
        throw failure;
      }
    } else {
      const selected = typeof def.ItemsPath === 'string' ? this.flow.requiredPath(run, def.ItemsPath, effective, 'ItemsPath') : effective;
      if (!Array.isArray(selected)) {
        throw new FieldError(RUNTIME, `Map state input must be an array but was: ${toJsonText(selected)}`);
      }
      items = selected;
    }
    // AWS checks MaxConcurrency before it starts the state and the failure thresholds after.
    const maxConcurrency = await this.flow.maxConcurrency(run, effective);
    this.event('MapStateStarted', thread, { mapStateStartedEventDetails: { length: items.length } });
    const settings = await this.flow.toleratedFailures(run, effective);

    const selector = def.ItemSelector !== undefined ? def.ItemSelector : def.Parameters;
    const iterationInputs: Json[] = [];
    const needsItemScope = selector !== undefined;
    for (let index = 0; index < items.length; index++) {
      if (!needsItemScope) {
        iterationInputs.push(items[index]);
        continue;
      }
      const itemRun: StateRun = { ...run, scope: { ...run.scope, mapItem: { Index: index, Value: items[index] } } };
      iterationInputs.push(run.jsonata ? await this.jsonataField(itemRun, selector!, 'ItemSelector') : this.flow.payload(itemRun, selector!, effective, 'ItemSelector'));
    }
    if (needsItemScope) for (const input of iterationInputs) this.checkPayload(run, input);
    let inputs = iterationInputs;
    if (isObject(def.ItemBatcher)) inputs = await this.batch(run, def.ItemBatcher, iterationInputs, effective);

    const mapRunArn = `${this.arn.replace(':execution:', ':mapRun:')}/${run.state.name}:${uuid(this.random)}`;
    if (distributed) this.event('MapRunStarted', thread, { mapRunStartedEventDetails: { mapRunArn } });

    const results: Json[] = new Array(inputs.length);
    const abort = new AbortController();
    const onAbort = () => abort.abort(run.scope.signal.reason);
    run.scope.signal.addEventListener('abort', onAbort, { once: true });
    let failures = 0;
    let fatal: unknown;
    let next = 0;
    const limit = maxConcurrency > 0 ? Math.min(maxConcurrency, inputs.length) : inputs.length;
    const toleratedCount = settings.toleratedFailureCount;
    const toleratedPercentage = settings.toleratedFailurePercentage;
    // With both thresholds set, AWS fails the Map Run when either one is exceeded.
    const exceeded = () =>
      (toleratedCount !== undefined && failures > toleratedCount) ||
      (toleratedPercentage !== undefined && (failures / inputs.length) * 100 > toleratedPercentage) ||
      (toleratedCount === undefined && toleratedPercentage === undefined && failures > 0);
    let lastThread: Thread = thread;
    const worker = async () => {
      while (next < inputs.length && fatal === undefined) {
        const index = next++;
        // A Distributed Map runs each item as a child execution, with a history of its own.
        const iterationThread: Thread = distributed ? this.childExecutionThread(inputs[index]) : { lastEventId: lastThread.lastEventId };
        if (!distributed) {
          this.event('MapIterationStarted', iterationThread, { mapIterationStartedEventDetails: { name: run.state.name, index } });
        }
        const scope: ScopeRun = {
          scope: processor,
          variables: run.scope.variables,
          ownsVariables: false,
          thread: iterationThread,
          parent: run.scope,
          owner: run.state.name,
          index,
          mapItem: { Index: index, Value: items[index] },
          signal: abort.signal,
        };
        try {
          results[index] = await this.runScope(scope, inputs[index]);
          if (!distributed) {
            this.event('MapIterationSucceeded', iterationThread, { mapIterationSucceededEventDetails: { name: run.state.name, index } }, false);
          }
        } catch (thrown) {
          if (abort.signal.aborted && fatal !== undefined) return;
          if (run.scope.signal.aborted) {
            fatal = thrown;
            return;
          }
          const failure = thrown instanceof FailStateError ? thrown.asStatesError() : thrown;
          if (!(failure instanceof StatesError) || isUncatchable(failure)) {
            fatal = failure;
            abort.abort(new ExecutionAborted('Another iteration failed.'));
            return;
          }
          if (!distributed) {
            this.event('MapIterationFailed', iterationThread, { mapIterationFailedEventDetails: { name: run.state.name, index, error: failure.error, cause: failure.cause } });
          }
          failures++;
          results[index] = { Error: failure.error, ...(failure.cause !== undefined ? { Cause: failure.cause } : {}) };
          if (exceeded()) {
            fatal = distributed && failures > 0 && (toleratedCount !== undefined || toleratedPercentage !== undefined)
              ? new StatesError('States.ExceedToleratedFailureThreshold', 'The specified tolerated failure threshold was exceeded')
              : failure;
            abort.abort(new ExecutionAborted('Another iteration failed.'));
            return;
          }
        }
        lastThread = iterationThread;
      }
    };
    const workers: Promise<void>[] = [];
    for (let i = 0; i < limit; i++) workers.push(worker());
    await Promise.all(workers);
    run.scope.signal.removeEventListener('abort', onAbort);
    if (!distributed) thread.lastEventId = lastThread.lastEventId;
    if (fatal !== undefined) {
      if (run.scope.signal.aborted) throw run.scope.signal.reason;
      if (fatal instanceof StatesError) {
        if (distributed) this.event('MapRunFailed', thread, { mapRunFailedEventDetails: { error: fatal.error, cause: fatal.cause } });
        run.failedInside = { error: fatal.error, cause: fatal.cause };
      }
      throw fatal;
    }
    if (distributed) this.event('MapRunSucceeded', thread);
    this.event('MapStateSucceeded', thread, undefined, false);
    let result: Json = results;
    if (isObject(def.ResultWriter)) result = await this.writeResults(run, def.ResultWriter, results, mapRunArn);
    return this.finishAggregate(run, result);
  }

  private childExecutionThread(input: Json): Thread {
    const history = new History(() => this.clock.now(), this.options.maxHistoryEvents ?? MAX_HISTORY_EVENTS, false, undefined);
    const thread: Thread = { lastEventId: 0, history };
    history.add('ExecutionStarted', thread, { executionStartedEventDetails: new InputDetails(input, { roleArn: this.roleArn }) });
    return thread;
  }

  private async jsonataItems(run: StateRun): Promise<Json[]> {
    const itemsField = run.def.Items;
    if (itemsField === undefined) {
      if (!Array.isArray(run.input)) throw new FieldError(QUERY_EVALUATION, `Map state input must be an array but was: ${toJsonText(run.input)}`);
      return run.input;
    }
    const expression = expressionOf(itemsField);
    if (expression === undefined) {
      const value = await this.jsonataField(run, itemsField, 'Items');
      if (!Array.isArray(value)) throw new FieldError(QUERY_EVALUATION, `The field 'Items' must be an array or a JSONata expression, but was ${typeName(value)}.`);
      return value;
    }
    const value = await evaluateJsonata(expression, 'Items', this.jsonataScope(run));
    if (value === undefined) throw new FieldError(QUERY_EVALUATION, `The JSONata expression '${expression}' specified for the field 'Items' returned nothing (undefined).`);
    if (!Array.isArray(value)) {
      throw new FieldError(QUERY_EVALUATION, `The JSONata expression '${expression}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${typeName(value)}' for value: ${toJsonText(value)}`);
    }
    return value;
  }

  /** `ItemBatcher`: groups iteration inputs into `{Items: [...], BatchInput}` objects. */
  private async batch(run: StateRun, batcher: JsonObject, items: Json[], effective: Json): Promise<Json[]> {
    const limits = await this.flow.batcherSettings(run, batcher, effective);
    const out: Json[] = [];
    let current: Json[] = [];
    let bytes = 0;
    const flush = () => {
      if (current.length === 0) return;
      const batch: JsonObject = { Items: current };
      if (limits.batchInput !== undefined) batch.BatchInput = limits.batchInput;
      out.push(batch);
      current = [];
      bytes = 0;
    };
    for (const item of items) {
      const size = Buffer.byteLength(JSON.stringify(item), 'utf8');
      if (current.length > 0 && ((limits.maxItems !== undefined && current.length >= limits.maxItems) || (limits.maxBytes !== undefined && bytes + size > limits.maxBytes))) flush();
      current.push(item);
      bytes += size;
    }
    flush();
    return out;
  }

  /** `ItemReader`: the items come from the task resolver (a mock of the reader's resource). */
  private async readItems(run: StateRun, reader: JsonObject, effective: Json): Promise<Json[]> {
    const resource = typeof reader.Resource === 'string' ? reader.Resource : '';
    const parameters = reader.Parameters !== undefined
      ? (run.jsonata ? await this.jsonataField(run, reader.Parameters, 'ItemReader/Parameters') : this.flow.payload(run, reader.Parameters, effective, 'ItemReader.Parameters'))
      : reader.Arguments !== undefined ? await this.jsonataField(run, reader.Arguments, 'ItemReader/Arguments') : {};
    let items = await this.resolveAuxiliary(run, resource, parameters, 'ItemReader', ITEM_READER_FAILED);
    const config = isObject(reader.ReaderConfig) ? reader.ReaderConfig : {};
    if (typeof items === 'string') {
      try {
        items = readItemsText(items, config);
      } catch (thrown) {
        if (thrown instanceof ItemReaderError) throw new StatesError(ITEM_READER_FAILED, thrown.message);
        throw thrown;
      }
    }
    if (isObject(items) && Array.isArray(items.Contents)) items = items.Contents;
    if (!Array.isArray(items)) throw new StatesError(ITEM_READER_FAILED, `The ItemReader's result must be an array of items (or CSV, JSON or JSONL text), but was ${typeName(items)}.`);
    const max = typeof config.MaxItems === 'number' ? config.MaxItems : undefined;
    return max !== undefined ? items.slice(0, max) : items;
  }

  private async writeResults(run: StateRun, writer: JsonObject, results: Json[], mapRunArn: string): Promise<Json> {
    const resource = typeof writer.Resource === 'string' ? writer.Resource : '';
    const outcome = await this.resolveAuxiliary(run, resource, results, 'ResultWriter', RESULT_WRITER_FAILED, true);
    if (outcome !== undefined) return outcome;
    const parameters = isObject(writer.Parameters) ? writer.Parameters : isObject(writer.Arguments) ? writer.Arguments : {};
    const bucket = typeof parameters.Bucket === 'string' ? parameters.Bucket : '';
    const prefix = typeof parameters.Prefix === 'string' ? parameters.Prefix : '';
    const id = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
    return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: `${prefix}${prefix && !prefix.endsWith('/') ? '/' : ''}${id}/manifest.json` } };
  }

  /**
   * Asks the resolver for an ItemReader/ResultWriter result, as the task `<Map state>.<field>`. Any
   * failure fails the Map with `failure` (`States.ItemReaderFailed`/`States.ResultWriterFailed`).
   */
  private async resolveAuxiliary(run: StateRun, resource: string, input: Json, field: string, failure: string, optional = false): Promise<Json> {
    const name = `${run.state.name}.${field}`;
    const attempt = this.invocations.get(name) ?? 0;
    this.invocations.set(name, attempt + 1);
    const controller = new AbortController();
    let outcome: TaskOutcome | undefined;
    try {
      const answer = this.resolver?.resolve({
        stateName: name,
        stateMachineName: this.stateMachineName,
        resource,
        input,
        attempt,
        context: this.context(run),
        signal: controller.signal,
      });
      outcome = answer instanceof Promise ? await this.withinTaskLimits(answer, run.scope.signal, undefined) : answer;
    } catch (thrown) {
      if (run.scope.signal.aborted) throw run.scope.signal.reason;
      outcome = { error: failure, cause: `The ${field} handler failed: ${thrown instanceof Error ? thrown.message : String(thrown)}` };
    } finally {
      controller.abort();
    }
    if (!outcome) {
      if (optional) return undefined as unknown as Json;
      throw new StatesError(failure, `Nothing answers the ${field} of the Map state '${run.state.name}' (resource ${resource}); mock it in the mock file's test case as the state \`${name}\`.`);
    }
    if ('error' in outcome) {
      throw new StatesError(failure, outcome.error === failure ? outcome.cause : [outcome.error, outcome.cause].filter((part) => part).join(': '));
    }
    return outcome.result;
  }
}

/** A Fail state's error: not caught inside its own scope, but by the enclosing Parallel/Map. */
export class FailStateError extends Error {
  constructor(
    readonly error: string | undefined,
    override readonly cause: string | undefined,
  ) {
    super(error ?? 'Fail');
  }
  asStatesError(): StatesError {
    return new StatesError(this.error ?? '', this.cause);
  }
}

function dataLimitCause(name: string): string {
  return `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`;
}

function compactJson(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? JSON.stringify(value) : text;
  } catch {
    return text;
  }
}

/** `["Par", 0, "Map", 3]`: the Parallel branches and Map iterations a scope is nested in. */
function locationOf(scope: ScopeRun): (string | number)[] {
  const location: (string | number)[] = [];
  for (let s: ScopeRun | undefined = scope; s?.parent; s = s.parent) location.unshift(s.owner!, s.index!);
  return location;
}

function machineProperty(document: AslDocument, key: string) {
  const root = document.root;
  if (!root || root.type !== 'object') return undefined;
  for (const property of root.children ?? []) {
    if (property.children?.[0]?.value === key) return property.children[1];
  }
  return undefined;
}
