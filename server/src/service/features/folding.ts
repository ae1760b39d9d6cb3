/** Folding ranges: every object and array that spans several lines, as in any JSON editor. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FoldingRange } from 'vscode-languageserver-types';
import type { AslDocument, JsonNode } from '../../asl/model';

export interface FoldingContext {
  /** The most ranges the client wants; the outermost ones are kept. */
  rangeLimit?: number;
}

export function getFoldingRanges(document: TextDocument, asl: AslDocument, context: FoldingContext = {}): FoldingRange[] {
  if (!asl.root) return [];
  const found: { range: FoldingRange; depth: number }[] = [];
  const stack: { node: JsonNode; depth: number }[] = [{ node: asl.root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node.type === 'object' || node.type === 'array') {
      const startLine = document.positionAt(node.offset).line;
      // The closing bracket's line stays visible: fold up to the line before it.
      const endLine = document.positionAt(node.offset + node.length).line - 1;
      if (endLine > startLine) found.push({ range: FoldingRange.create(startLine, endLine), depth });
    }
    for (const child of node.children ?? []) {
      if (child.children) stack.push({ node: child, depth: node.type === 'property' ? depth : depth + 1 });
    }
  }
  let kept = found;
  const limit = context.rangeLimit;
  if (limit !== undefined && found.length > limit) {
    kept = [...found].sort((a, b) => a.depth - b.depth).slice(0, Math.max(0, limit));
  }
  return kept.map((entry) => entry.range).sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
