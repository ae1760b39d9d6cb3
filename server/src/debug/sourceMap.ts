/**
 * Where states are in the definition's text, in lines: a breakpoint on any line of a state's
 * definition belongs to the innermost state that spans it, and is shown on the line of its name.
 * Lines and columns are 0-based here; the session converts them to the client's convention.
 */
import type { AslDocument, State } from '../asl/model';

export interface TextPosition {
  line: number;
  column: number;
}

export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}

export class LineMap {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  positionAt(offset: number): TextPosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, column: clamped - this.starts[low] };
  }
}

/** The text a state's definition spans: from its quoted name to the end of its object. */
export function stateRange(state: State, lines: LineMap): TextRange {
  return {
    start: lines.positionAt(state.nameNode.offset),
    end: lines.positionAt(state.node.offset + state.node.length),
  };
}

/** Maps lines of one definition to its states. */
export class StateLines {
  readonly lines: LineMap;
  private readonly spans: { state: State; range: TextRange }[];

  constructor(readonly document: AslDocument) {
    this.lines = new LineMap(document.text);
    this.spans = document.states.map((state) => ({ state, range: stateRange(state, this.lines) }));
  }

  /** The innermost state whose definition includes the line. */
  stateAt(line: number): State | undefined {
    let best: { state: State; range: TextRange } | undefined;
    for (const span of this.spans) {
      if (line < span.range.start.line || line > span.range.end.line) continue;
      // Nested states start later than the states around them.
      if (!best || span.state.nameNode.offset > best.state.nameNode.offset) best = span;
    }
    return best?.state;
  }

  rangeOf(state: State): TextRange {
    return this.spans.find((span) => span.state === state)?.range ?? stateRange(state, this.lines);
  }

  /** Where a breakpoint on the state is shown: its name. */
  nameOf(state: State): TextPosition {
    return this.rangeOf(state).start;
  }

  /** The lines from `first` to `last` (inclusive) that can hold a breakpoint: the lines of state names. */
  breakpointLines(first: number, last: number): TextPosition[] {
    const out: TextPosition[] = [];
    for (const span of this.spans) {
      const at = span.range.start;
      if (at.line >= first && at.line <= last) out.push(at);
    }
    return out.sort((a, b) => a.line - b.line || a.column - b.column);
  }
}
