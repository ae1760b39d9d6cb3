/**
 * Deterministic generator of large, valid state machines for the benchmarks.
 *
 * A document of N states is a top-level chain of Task, Pass and Choice states (Tasks with Retry and
 * Catch, Parameters with `.$` paths and intrinsic calls, ResultSelector and ResultPath, Pass states
 * that assign workflow variables read by the Tasks after them), with one Parallel state of 50
 * branches in the middle that holds about a tenth of the states, and a Succeed state at the end. Every name is unique in the whole machine, every state is reachable and every
 * path reaches the end, so a validator should find nothing to report: a benchmark of a document full
 * of errors would measure how fast problems are reported, not how fast a workflow is checked.
 */

export interface GeneratedStateMachine {
  /** The definition as a plain object. */
  definition: Record<string, unknown>;
  /** The definition as an editor would hold it: pretty-printed JSON. */
  text: string;
  /** The number of states, nested ones included. */
  stateCount: number;
  /** The names of the top-level chain states, in document order; each has a `Comment` starting with its name. */
  chainStates: string[];
}

export interface GenerateOptions {
  states: number;
  /** Seed of the pseudo-random choices; the same seed and size give the same text. */
  seed?: number;
  branches?: number;
}

const DEFAULT_SEED = 20161123;
const DEFAULT_BRANCHES = 50;

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; enough for picking shapes. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;
type Kind = 'Task' | 'Pass' | 'Choice';

export function generateStateMachine(options: GenerateOptions): GeneratedStateMachine {
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const branchCount = options.branches ?? DEFAULT_BRANCHES;

  // One Parallel state, its branches of `perBranch` states each, the chain, and the final Succeed.
  const perBranch = Math.max(1, Math.floor(options.states / 10 / branchCount));
  const chainLength = options.states - 1 - branchCount * perBranch - 1;
  if (chainLength < 4) throw new Error(`Cannot generate ${options.states} states with ${branchCount} branches`);

  const chainName = (index: number) => `Step${String(index).padStart(5, '0')}`;
  const succeedName = 'Done';
  const parallelName = 'FanOut';
  const parallelAt = Math.floor(chainLength / 2);

  /** Every chain state leads to the next; the Parallel sits between two chain states. */
  const nextOf = (index: number): string => {
    if (index === parallelAt - 1) return parallelName;
    return index + 1 < chainLength ? chainName(index + 1) : succeedName;
  };

  const states: Json = {};
  let previousKind: Kind | undefined;
  // Tasks read the variables only once a state before them in the chain has assigned them.
  let assigned = false;
  for (let index = 0; index < chainLength; index++) {
    // A Choice needs two distinct forward targets, so none ends the chain, and two Choices never
    // follow each other (it keeps the shapes varied).
    const choiceAllowed = previousKind !== 'Choice' && index + 1 < chainLength;
    const roll = random();
    const kind: Kind = roll < 0.45 ? 'Task' : roll < 0.8 || !choiceAllowed ? 'Pass' : 'Choice';
    const name = chainName(index);
    const next = nextOf(index);
    if (kind === 'Task') states[name] = taskState(name, index, next, pick, assigned);
    else if (kind === 'Pass') {
      const state = passState(name, index, next, pick);
      if (state.Parameters) {
        state.Assign = { lastStep: index, 'lastSource.$': '$.source', 'lastKind.$': `States.Format('kind {}', $.kind)` };
        assigned = true;
      }
      states[name] = state;
    } else states[name] = choiceState(name, index, next, nextOf(index + 1), pick);
    previousKind = kind;

    if (index === parallelAt - 1) {
      states[parallelName] = parallelState(branchCount, perBranch, chainName(parallelAt), pick);
    }
  }
  states[succeedName] = { Type: 'Succeed', Comment: 'The end of the pipeline.' };

  const definition: Json = {
    Comment: `A generated pipeline of ${options.states} states.`,
    StartAt: chainName(0),
    TimeoutSeconds: 3600,
    States: states,
  };
  const chainStates = Array.from({ length: chainLength }, (_, index) => chainName(index));
  return { definition, text: JSON.stringify(definition, null, 2), stateCount: options.states, chainStates };
}

type Pick = <T>(items: readonly T[]) => T;

const SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
] as const;

const FIELDS = ['order', 'customer', 'invoice', 'shipment', 'payment', 'stock'] as const;

function taskState(name: string, index: number, next: string, pick: Pick, readsVariables = false): Json {
  const field = pick(FIELDS);
  const variables = readsVariables ? { 'previousStep.$': '$lastStep', 'previousSource.$': '$lastSource.id' } : {};
  return {
    Type: 'Task',
    Comment: `${name}: process the ${field}.`,
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: {
      FunctionName: `arn:aws:lambda:us-east-1:123456789012:function:process-${field}`,
      Payload: {
        'id.$': `$.${field}.id`,
        'label.$': `States.Format('${field} {}', $.${field}.name)`,
        'first.$': `States.ArrayGetItem($.${field}.items, 0)`,
        'execution.$': '$$.Execution.Id',
        ...variables,
        step: index,
      },
    },
    ResultSelector: { 'status.$': '$.Payload.status', 'body.$': '$.Payload.body' },
    ResultPath: `$.results.step${index}`,
    TimeoutSeconds: 30,
    Retry: [
      { ErrorEquals: [pick(SERVICE_ERRORS), 'States.Timeout'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 },
      { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 1 },
    ],
    Catch: [
      { ErrorEquals: ['States.TaskFailed'], ResultPath: `$.errors.step${index}`, Next: next },
      { ErrorEquals: ['States.ALL'], ResultPath: '$.lastError', Next: next },
    ],
    Next: next,
  };
}

function passState(name: string, index: number, next: string, pick: Pick): Json {
  const field = pick(FIELDS);
  if (index % 2 === 0) {
    return {
      Type: 'Pass',
      Comment: `${name}: record a note about the ${field}.`,
      Result: { note: `checked the ${field} at step ${index}`, step: index },
      ResultPath: `$.notes.step${index}`,
      Next: next,
    };
  }
  return {
    Type: 'Pass',
    Comment: `${name}: reshape the ${field}.`,
    Parameters: {
      'summary.$': `States.Format('{} has {} items', $.${field}.name, States.ArrayLength($.${field}.items))`,
      'last.$': `States.ArrayGetItem($.${field}.items, 0)`,
      'source.$': `$.${field}`,
      kind: field,
    },
    ResultPath: `$.shaped.step${index}`,
    Next: next,
  };
}

function choiceState(name: string, index: number, next: string, alternative: string, pick: Pick): Json {
  const field = pick(FIELDS);
  return {
    Type: 'Choice',
    Comment: `${name}: route on the ${field}.`,
    Choices: [
      {
        And: [
          { Variable: `$.${field}.count`, IsPresent: true },
          { Variable: `$.${field}.count`, NumericGreaterThan: index },
        ],
        Next: next,
      },
      { Variable: `$.${field}.status`, StringEquals: 'skipped', Next: alternative },
    ],
    Default: next,
  };
}

function parallelState(branchCount: number, perBranch: number, next: string, pick: Pick): Json {
  const branches: Json[] = [];
  for (let branch = 0; branch < branchCount; branch++) {
    const name = (index: number) => `Branch${String(branch).padStart(2, '0')}Step${String(index).padStart(3, '0')}`;
    const states: Json = {};
    for (let index = 0; index < perBranch; index++) {
      const last = index === perBranch - 1;
      const state = index % 2 === 0 ? passState(name(index), index, '', pick) : taskState(name(index), index, '', pick);
      // Catchers of the last state lead nowhere else: drop them with its `Next`.
      if (last) {
        delete state.Next;
        delete state.Catch;
        state.End = true;
      } else {
        state.Next = name(index + 1);
        if (Array.isArray(state.Catch)) for (const catcher of state.Catch as Json[]) catcher.Next = name(index + 1);
      }
      states[name(index)] = state;
    }
    branches.push({ StartAt: name(0), States: states });
  }
  return {
    Type: 'Parallel',
    Comment: `Fan out to ${branchCount} branches.`,
    Branches: branches,
    ResultSelector: { 'first.$': '$[0]', 'count.$': 'States.ArrayLength($)' },
    ResultPath: '$.fanOut',
    Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.fanOutError', Next: next }],
    Next: next,
  };
}
