/**
 * Edits of the JSON text as offsets: rename a key, replace a value, add or remove properties while
 * keeping commas and indentation right. Quick fixes build on them; offsets become ranges only when
 * the fix is handed to the editor.
 */
import type { JsonNode } from '../../asl/model';

export interface OffsetEdit {
  offset: number;
  length: number;
  newText: string;
}

export function replaceNode(node: JsonNode, newText: string): OffsetEdit {
  return { offset: node.offset, length: node.length, newText };
}

/** Renames the key of a property node. */
export function renameKey(property: JsonNode, newKey: string): OffsetEdit {
  return replaceNode(property.children![0], JSON.stringify(newKey));
}

/**
 * Removes properties of one object (or elements of one array). Runs of neighbours are removed as
 * one edit, so that the edits never overlap: up to the next kept item, or from the previous kept
 * item when the run is at the end.
 */
export function removeChildren(container: JsonNode, removed: ReadonlySet<JsonNode>): OffsetEdit[] {
  const children = container.children ?? [];
  const edits: OffsetEdit[] = [];
  for (let i = 0; i < children.length; i++) {
    if (!removed.has(children[i])) continue;
    let j = i;
    while (j + 1 < children.length && removed.has(children[j + 1])) j++;
    const first = children[i];
    const last = children[j];
    if (j + 1 < children.length) {
      edits.push({ offset: first.offset, length: children[j + 1].offset - first.offset, newText: '' });
    } else if (i > 0) {
      const previous = children[i - 1];
      const start = previous.offset + previous.length;
      edits.push({ offset: start, length: last.offset + last.length - start, newText: '' });
    } else {
      edits.push({ offset: first.offset, length: last.offset + last.length - first.offset, newText: '' });
    }
    i = j;
  }
  return edits;
}

/** Adds `"key": value` (JSON text) as the last property of an object, on its own line when the others are. */
export function addProperty(text: string, object: JsonNode, key: string, valueText: string): OffsetEdit {
  const property = `${JSON.stringify(key)}: ${valueText}`;
  const children = object.children ?? [];
  const last = children[children.length - 1];
  if (!last) return { offset: object.offset + 1, length: 0, newText: property };
  let lineStart = last.offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  const before = text.slice(lineStart, last.offset);
  const separator = before.trim() === '' && lineStart > object.offset ? `\n${before}` : ' ';
  return { offset: last.offset + last.length, length: 0, newText: `,${separator}${property}` };
}

/** Sorts edits and drops any that overlaps an earlier one, so that a batch can be applied at once. */
export function nonOverlapping(edits: OffsetEdit[]): OffsetEdit[] {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  const kept: OffsetEdit[] = [];
  let end = -1;
  for (const edit of sorted) {
    if (edit.offset < end || (edit.offset === end && edit.length === 0 && kept.length > 0 && kept[kept.length - 1].offset === edit.offset)) continue;
    kept.push(edit);
    end = edit.offset + edit.length;
  }
  return kept;
}
