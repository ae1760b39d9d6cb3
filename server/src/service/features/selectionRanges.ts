/** Smart selection: from the text under the caret out through the enclosing values, properties, states and scopes. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Range, SelectionRange, type Position } from 'vscode-languageserver-types';
import type { AslDocument, JsonNode } from '../../asl/model';
import { nodeAt } from './locate';

export function getSelectionRanges(document: TextDocument, asl: AslDocument, positions: Position[]): SelectionRange[] {
  return positions.map((position) => selectionAt(document, asl, document.offsetAt(position)));
}

function selectionAt(document: TextDocument, asl: AslDocument, offset: number): SelectionRange {
  // Innermost first.
  const spans: [number, number][] = [];
  for (let node: JsonNode | undefined = nodeAt(asl.root, offset); node; node = node.parent) {
    const start = node.offset;
    const end = node.offset + node.length;
    if (node.type === 'string' || node.type === 'object' || node.type === 'array') {
      // First the content between the quotes or brackets, then the value with them.
      if (start + 1 < end - 1 && offset > start && offset < end) spans.push([start + 1, end - 1]);
    }
    spans.push([start, end]);
  }
  let result: SelectionRange | undefined;
  let previous: [number, number] | undefined;
  for (let i = spans.length - 1; i >= 0; i--) {
    const [start, end] = spans[i];
    if (previous && previous[0] === start && previous[1] === end) continue;
    previous = spans[i];
    result = SelectionRange.create(Range.create(document.positionAt(start), document.positionAt(end)), result);
  }
  return result ?? SelectionRange.create(Range.create(document.positionAt(offset), document.positionAt(offset)));
}
