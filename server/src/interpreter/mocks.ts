/**
 * Task results from a mock file in AWS Step Functions Local's `MockConfigFile.json` format:
 * `StateMachines.<machine>.TestCases.<test case>.<state>` names a `MockedResponses` entry whose keys
 * are zero-based invocation numbers (`"0"`, `"1-2"`) and whose values `Return` a result or `Throw` an
 * `Error`/`Cause`. Existing mock files work unchanged.
 */
import type { Json, TaskOutcome, TaskRequest, TaskResolver } from './types';
import { isObject } from './json';

export class MockConfigError extends Error {}

interface MockedResponse {
  from: number;
  to: number;
  outcome: TaskOutcome;
}

export interface MockSelection {
  /** The state machine the test case was taken from. */
  stateMachine: string;
  testCase: string;
}

/**
 * Reads a mock file and picks the test case. When `stateMachine` is not given, the file's only state
 * machine is used, else the one named `fallbackName` (the definition's file name) if the file has it.
 * Throws MockConfigError with an actionable message.
 */
export function loadMocks(config: unknown, testCase: string, stateMachine?: string, fallbackName?: string): MockResolver {
  if (!isObject(config)) throw new MockConfigError('The mock file must hold a JSON object with `StateMachines` and `MockedResponses`.');
  const machines = isObject(config.StateMachines) ? config.StateMachines : undefined;
  if (!machines) throw new MockConfigError('The mock file has no `StateMachines` object.');
  const names = Object.keys(machines);
  let machineName = stateMachine;
  if (machineName === undefined) {
    if (names.length === 1) machineName = names[0];
    else if (fallbackName !== undefined && names.includes(fallbackName)) machineName = fallbackName;
    else {
      const fallback = fallbackName !== undefined ? `, and none is named after the definition (\`${fallbackName}\`)` : '';
      throw new MockConfigError(`The mock file describes ${names.length} state machines (${names.map((n) => `\`${n}\``).join(', ')})${fallback}; choose one with --state-machine.`);
    }
  }
  const machine = machines[machineName];
  if (!isObject(machine)) {
    throw new MockConfigError(`The mock file has no state machine \`${machineName}\`; it has ${names.map((n) => `\`${n}\``).join(', ') || 'none'}.`);
  }
  const cases = isObject(machine.TestCases) ? machine.TestCases : {};
  const selected = cases[testCase];
  if (!isObject(selected)) {
    throw new MockConfigError(`The state machine \`${machineName}\` has no test case \`${testCase}\` in the mock file; it has ${Object.keys(cases).map((n) => `\`${n}\``).join(', ') || 'none'}.`);
  }
  const responses = isObject(config.MockedResponses) ? config.MockedResponses : {};
  const byState = new Map<string, MockedResponse[]>();
  for (const [stateName, responseName] of Object.entries(selected)) {
    if (typeof responseName !== 'string') throw new MockConfigError(`The test case \`${testCase}\` maps the state \`${stateName}\` to a ${typeof responseName}; it must name a MockedResponses entry.`);
    const response = responses[responseName];
    if (!isObject(response)) throw new MockConfigError(`The test case \`${testCase}\` maps the state \`${stateName}\` to \`${responseName}\`, which is not in MockedResponses.`);
    byState.set(stateName, parseResponses(responseName, response));
  }
  return new MockResolver({ stateMachine: machineName, testCase }, byState);
}

function parseResponses(name: string, response: Record<string, Json>): MockedResponse[] {
  const out: MockedResponse[] = [];
  for (const [key, value] of Object.entries(response)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(key);
    if (!range) throw new MockConfigError(`The mocked response \`${name}\` has the key \`${key}\`; keys are invocation numbers from 0, like "0" or "1-2".`);
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (!isObject(value)) throw new MockConfigError(`The mocked response \`${name}\`.\`${key}\` must be an object with \`Return\` or \`Throw\`.`);
    let outcome: TaskOutcome;
    if ('Return' in value) {
      outcome = { result: value.Return };
    } else if (isObject(value.Throw)) {
      const error = value.Throw.Error;
      const cause = value.Throw.Cause;
      outcome = { error: typeof error === 'string' ? error : '', ...(typeof cause === 'string' ? { cause } : {}) };
    } else {
      throw new MockConfigError(`The mocked response \`${name}\`.\`${key}\` must have \`Return\` (a result) or \`Throw\` (an object with \`Error\` and \`Cause\`).`);
    }
    out.push({ from, to, outcome });
  }
  out.sort((a, b) => a.from - b.from);
  return out;
}

export class MockResolver implements TaskResolver {
  constructor(
    readonly selection: MockSelection,
    private readonly byState: Map<string, MockedResponse[]>,
  ) {}

  /** The states the test case mocks. */
  get mockedStates(): string[] {
    return [...this.byState.keys()];
  }

  resolve(request: TaskRequest): TaskOutcome | undefined {
    const responses = this.byState.get(request.stateName);
    if (!responses || responses.length === 0) return undefined;
    const match = responses.find((r) => request.attempt >= r.from && request.attempt <= r.to);
    // Past the last listed invocation, the last response repeats.
    return (match ?? responses[responses.length - 1]).outcome;
  }
}

/** Asks each resolver in turn; the first answer wins. */
export function chainResolvers(...resolvers: (TaskResolver | undefined)[]): TaskResolver {
  const list = resolvers.filter((r): r is TaskResolver => r !== undefined);
  return {
    async resolve(request) {
      for (const resolver of list) {
        const outcome = await resolver.resolve(request);
        if (outcome) return outcome;
      }
      return undefined;
    },
  };
}
