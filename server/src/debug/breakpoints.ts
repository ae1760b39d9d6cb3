/**
 * Breakpoints on states: each one is bound to the state whose definition holds its line, with an
 * optional condition (an expression over the state's input, variables and context), a hit count
 * condition, and a log message (a logpoint: prints instead of stopping).
 */
import type { State } from '../asl/model';
import { syntaxError } from './evaluate';
import type { StateLines } from './sourceMap';

export interface BreakpointRequest {
  /** 0-based line the breakpoint was set on. */
  line: number;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

export interface StateBreakpoint {
  id: number;
  request: BreakpointRequest;
  /** The state it stops at; undefined when the line holds no state. */
  state?: State;
  verified: boolean;
  /** Where the breakpoint is shown (the state's name), 0-based. */
  line: number;
  column?: number;
  /** Why it is not verified. */
  message?: string;
  /** Times the state was reached with the condition true. */
  hits: number;
  hitTest?: (hits: number) => boolean;
}

const HIT_CONDITION = /^\s*(>=|<=|==|=|>|<|%)?\s*(\d+)\s*$/;

/**
 * A hit count condition as VS Code's debuggers read it: `5` or `>=5` from the 5th hit on, `==5` the
 * 5th only, `>5`, `<5`, `<=5`, and `%5` every 5th hit.
 */
export function parseHitCondition(text: string): ((hits: number) => boolean) | undefined {
  const match = HIT_CONDITION.exec(text);
  if (!match) return undefined;
  const n = Number(match[2]);
  switch (match[1]) {
    case '==':
    case '=':
      return (hits) => hits === n;
    case '>':
      return (hits) => hits > n;
    case '<':
      return (hits) => hits < n;
    case '<=':
      return (hits) => hits <= n;
    case '%':
      return (hits) => n > 0 && hits % n === 0;
    default:
      return (hits) => hits >= n;
  }
}

/** The breakpoints of the program being debugged, by state. */
export class BreakpointTable {
  private list: StateBreakpoint[] = [];
  private nextId = 1;

  /** Replaces every breakpoint with these, bound against the definition. */
  set(requests: BreakpointRequest[], lines: StateLines | undefined): StateBreakpoint[] {
    this.list = requests.map((request) => this.bind({ id: this.nextId++, request, verified: false, line: request.line, hits: 0 }, lines));
    return this.list;
  }

  /** Binds the same breakpoints again (the definition was reloaded); hit counts start over. */
  rebind(lines: StateLines): StateBreakpoint[] {
    this.list = this.list.map((breakpoint) => this.bind({ ...breakpoint, hits: 0, state: undefined, message: undefined, verified: false, line: breakpoint.request.line }, lines));
    return this.list;
  }

  get all(): readonly StateBreakpoint[] {
    return this.list;
  }

  at(state: State): StateBreakpoint[] {
    return this.list.filter((breakpoint) => breakpoint.verified && breakpoint.state === state);
  }

  private bind(breakpoint: StateBreakpoint, lines: StateLines | undefined): StateBreakpoint {
    const { request } = breakpoint;
    if (!lines) return { ...breakpoint, message: 'This file is not the definition being debugged.' };
    const state = lines.stateAt(request.line);
    if (!state) return { ...breakpoint, message: 'No state is defined on this line; put the breakpoint on a state.' };
    const at = lines.nameOf(state);
    const bound: StateBreakpoint = { ...breakpoint, state, line: at.line, column: at.column, verified: true };
    if (request.condition !== undefined && request.condition.trim() !== '') {
      const problem = syntaxError(request.condition);
      if (problem) return { ...bound, verified: false, message: `Condition: ${problem}` };
    }
    if (request.hitCondition !== undefined && request.hitCondition.trim() !== '') {
      const test = parseHitCondition(request.hitCondition);
      if (!test) return { ...bound, verified: false, message: `Hit count \`${request.hitCondition}\` is not understood; write a number (from that hit on), or >n, >=n, ==n, <n, <=n, %n.` };
      bound.hitTest = test;
    }
    return bound;
  }
}
