/**
 * Updating a document's JSON tree in place after an edit, instead of parsing the whole text again:
 * the language server validates on every keystroke, and re-parsing a 2.45 MB definition of 2,500
 * states takes about 80 ms of CPU, while re-parsing the few members of one object that an edit
 * touches and moving the offsets of the nodes after it takes about a millisecond.
 *
 * The tree of a text that is strict JSON does not depend on how it was obtained: re-parsing the
 * members an edit touched and shifting the rest gives exactly the tree of the new text, as long as
 * the new members are strict JSON too. When they are not, nothing is changed and the caller parses
 * the whole text, which also recovers from the errors.
 *
 * The nodes whose text changed but which stay in the tree (the object around the edit and its
 * ancestors) get a new `contentRevision`: a node and revision seen before stand for the same text
 * (moved, perhaps), which lets the validator reuse what it found in unchanged states.
 */
import type { DuplicateKey, JsonNode } from './model';
import { findDuplicateKeys, parseJsonMembers, type MutableJsonNode } from './jsonTree';

/** Where two texts differ: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** Strings are compared a chunk at a time: a native comparison is some 30 times faster than a loop over the characters. */
const CHUNK = 1024;

/** The smallest range that tells the two texts apart (undefined when they are the same). */
export function changedRange(oldText: string, newText: string): TextChange | undefined {
  const shorter = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start + CHUNK <= shorter && oldText.slice(start, start + CHUNK) === newText.slice(start, start + CHUNK)) start += CHUNK;
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  if (start === shorter && oldText.length === newText.length) return undefined;
  // The common end, not reaching back into the common start.
  const room = shorter - start;
  let end = 0;
  while (
    end + CHUNK <= room &&
    oldText.slice(oldText.length - end - CHUNK, oldText.length - end) === newText.slice(newText.length - end - CHUNK, newText.length - end)
  ) {
    end += CHUNK;
  }
  while (end < room && oldText.charCodeAt(oldText.length - end - 1) === newText.charCodeAt(newText.length - end - 1)) end++;
  return { start, oldEnd: oldText.length - end, newEnd: newText.length - end };
}

const revisions = new WeakMap<JsonNode, number>();
let lastRevision = 0;
/** The nodes given the latest revisions, in order: `revised[i]` got revision `firstRevised + i`. */
let revised: JsonNode[] = [];
let firstRevised = 1;
/** How many revisions `revisedSince` can look back on. */
const REVISIONS_KEPT = 4096;

/** Changes whenever the text of the node changes while the node stays in its tree (0 until then). */
export function contentRevision(node: JsonNode): number {
  return revisions.get(node) ?? 0;
}

/** The last revision given to any node of any tree. */
export function latestRevision(): number {
  return lastRevision;
}

/**
 * The nodes given a revision after `revision` (some of them perhaps out of their tree by now), or
 * undefined when that is too long ago to tell.
 */
export function revisedSince(revision: number): readonly JsonNode[] | undefined {
  if (revision + 1 < firstRevised) return undefined;
  return revised.slice(revision + 1 - firstRevised);
}

function revise(node: JsonNode): void {
  revisions.set(node, ++lastRevision);
  revised.push(node);
  if (revised.length > 2 * REVISIONS_KEPT) {
    firstRevised += revised.length - REVISIONS_KEPT;
    revised = revised.slice(-REVISIONS_KEPT);
  }
}

/** What `spliceTree` changed. */
export interface Splice {
  /** The innermost object or array around the edit, whose members were replaced. */
  container: JsonNode;
  /** The members replaced, and those that replaced them. */
  removed: JsonNode[];
  added: JsonNode[];
  /** The repeated keys of the new tree, in document order. */
  duplicateKeys: DuplicateKey[];
}

/**
 * Applies `change` (which turned the tree's text into `newText`) to the tree of `root`, in place
 * (`duplicateKeys` are the old tree's, in document order); or returns undefined, having changed
 * nothing, when the edited members are not strict JSON or the edit is not inside the root value.
 */
export function spliceTree(
  root: JsonNode,
  newText: string,
  change: TextChange,
  duplicateKeys: readonly DuplicateKey[],
): Splice | undefined {
  const site = findSite(root, change);
  if (!site) return undefined;
  const { container, depth, first, last } = site;
  const children = container.children!;
  const delta = change.newEnd - change.oldEnd;
  // The text between the members kept before and after, in the old and the new text.
  const from = first > 0 ? end(children[first - 1]) : container.offset + 1;
  const oldTo = last + 1 < children.length ? children[last + 1].offset : end(container) - 1;
  const newTo = oldTo + delta;
  const between = { before: first > 0, after: last + 1 < children.length };
  const found: DuplicateKey[] = [];
  // A copy of the text, not a slice: the new nodes' strings are slices of it, and a slice of the
  // whole text would keep every version of the document alive as long as one of its nodes lives.
  const members = parseJsonMembers(detached(newText.slice(from, newTo)), from, container, between, depth, found);
  if (!members) return undefined;

  // Repeated keys outside the members replaced, and outside the container when it is an object
  // (its own keys are checked again below).
  const kept = duplicateKeys.filter(
    (duplicate) =>
      (duplicate.property.offset < from || duplicate.property.offset >= oldTo) &&
      (container.type !== 'object' || duplicate.property.parent !== container),
  );
  const removed = children.splice(first, last - first + 1, ...members);
  // The container and its ancestors grow or shrink around the edit, and what follows them moves:
  // the one part of an update that takes time in proportion to the document (about half of it,
  // on average), and only for edits that change the length of the text.
  if (delta !== 0) shiftNodes(children, first + members.length, delta);
  let child: JsonNode | undefined;
  for (let node: JsonNode | undefined = container; node; child = node, node = node.parent) {
    revise(node);
    if (delta === 0) continue;
    (node as MutableJsonNode).length += delta;
    if (child && node.children) shiftNodes(node.children, node.children.indexOf(child) + 1, delta);
  }
  if (container.type === 'object' && children.length > 1) findDuplicateKeys(children, found);
  const sorted = [...kept, ...found].sort((a, b) => a.property.offset - b.property.offset);
  return { container, removed, added: members, duplicateKeys: sorted };
}

interface Site {
  /** The innermost object or array whose brackets enclose the change. */
  container: JsonNode;
  /** Objects and arrays from the root to `container`, both included. */
  depth: number;
  /** The members the change touches or adjoins, `first` to `last` (none when `last < first`). */
  first: number;
  last: number;
}

function findSite(root: JsonNode, change: TextChange): Site | undefined {
  const { start, oldEnd } = change;
  if (!isContainer(root) || !(root.offset < start && oldEnd < end(root))) return undefined;
  let container = root;
  let depth = 1;
  for (;;) {
    const children = container.children!;
    // Members that touch the change count as changed: an insertion right after `12` may make it `123`.
    const first = firstEndingAtOrAfter(children, start);
    const last = lastStartingAtOrBefore(children, oldEnd);
    if (first === last) {
      const member = children[first];
      const inner = container.type === 'object' ? member.children?.[1] : member;
      if (inner && isContainer(inner) && inner.offset < start && oldEnd < end(inner)) {
        container = inner;
        depth++;
        continue;
      }
    }
    return { container, depth, first, last };
  }
}

/** The index of the first child whose span ends at or after `offset` (children are in text order). */
function firstEndingAtOrAfter(children: readonly JsonNode[], offset: number): number {
  let low = 0;
  let high = children.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (end(children[middle]) >= offset) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The index of the last child whose span starts at or before `offset`, -1 for none. */
function lastStartingAtOrBefore(children: readonly JsonNode[], offset: number): number {
  let low = 0;
  let high = children.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (children[middle].offset <= offset) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** Moves the nodes `nodes[from...]` and their subtrees by `delta` characters. */
function shiftNodes(nodes: readonly JsonNode[], from: number, delta: number): void {
  for (let i = from; i < nodes.length; i++) {
    const node = nodes[i] as MutableJsonNode;
    node.offset += delta;
    const children = node.children;
    if (children !== undefined) {
      if (node.type === 'property') node.colonOffset! += delta;
      shiftNodes(children, 0, delta);
    }
  }
}

function isContainer(node: JsonNode): boolean {
  return node.type === 'object' || node.type === 'array';
}

function end(node: JsonNode): number {
  return node.offset + node.length;
}

/** A string that shares no memory with the string it was sliced from. */
function detached(text: string): string {
  // Flattening a concatenation copies the characters into a new string.
  return `${text} `.slice(0, -1);
}
