/**
 * The messages between the extension and the graph preview: each side accepts the other's
 * well-formed messages and nothing else.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isExecutionStateEventBody, isGraph, isHostMessage, isWebviewMessage } from '../../client/src/graph/protocol';
import { buildGraph } from '../../server/src/asl/graph';
import { parseAsl } from '../../server/src/asl/parse';
import type { ExecutionStateEventBody } from '../../server/src/debug/executionEvent';

const graph = buildGraph(
  parseAsl(
    JSON.stringify({
      StartAt: 'A',
      States: {
        A: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Next: 'P' }], Default: 'Gone' },
        P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Succeed' } } }], End: true },
      },
    }),
  ),
);
/** A deep copy to break. */
const copy = () => structuredClone(graph) as unknown as { root: { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] } };

const execution: ExecutionStateEventBody = {
  program: '/work/flow.asl.json',
  status: 'paused',
  current: ['B'],
  visited: ['A', 'P', 'B'],
  takenEdges: [['A', 'P']],
  failed: [],
};

describe('graph protocol: extension to webview', () => {
  it('accepts every message the extension sends', () => {
    const messages: unknown[] = [
      { type: 'graph', uri: 'file:///a.asl.json', title: 'a.asl.json', graph },
      { type: 'graph', uri: 'file:///a.asl.json', title: 'a.asl.json', graph, problem: 'Line 1, column 2: Comma expected.' },
      { type: 'problem', message: 'Line 1, column 2: Comma expected.' },
      { type: 'diagnostics', states: [{ id: '/States/A', severity: 'warning', messages: ['m'] }], errors: 0, warnings: 1 },
      { type: 'selection', id: '/States/A' },
      { type: 'selection', id: null },
      { type: 'execution', execution },
      { type: 'execution', execution: null },
      { type: 'export', format: 'svg' },
      { type: 'export', format: 'png' },
    ];
    for (const message of messages) assert.ok(isHostMessage(message), JSON.stringify(message).slice(0, 200));
    // What structured cloning makes of the graph (as postMessage does) is still a graph.
    assert.ok(isGraph(structuredClone(graph)));
  });

  it('rejects malformed messages', () => {
    const rejected: unknown[] = [
      null,
      'graph',
      [],
      { type: 'graph', uri: 'file:///a', title: 'a' },
      { type: 'graph', uri: 1, title: 'a', graph },
      { type: 'problem' },
      { type: 'diagnostics', states: [{ id: 'x', severity: 'fatal', messages: [] }], errors: 0, warnings: 0 },
      { type: 'diagnostics', states: [], errors: Number.NaN, warnings: 0 },
      { type: 'selection' },
      { type: 'execution', execution: { ...execution, status: 'sleeping' } },
      { type: 'export', format: 'jpeg' },
      { type: 'script', code: 'alert(1)' },
    ];
    for (const message of rejected) assert.ok(!isHostMessage(message), JSON.stringify(message)?.slice(0, 200));
  });

  it('rejects graphs whose ids repeat or whose edges leave their scope', () => {
    const repeated = copy();
    repeated.root.nodes[2].id = repeated.root.nodes[1].id;
    assert.ok(!isGraph(repeated));

    const leaving = copy();
    leaving.root.edges[0].to = '/States/P/Branches/0/States/B';
    assert.ok(!isGraph(leaving));

    const unknownType = copy();
    unknownType.root.nodes[1].type = 'Lambda';
    assert.ok(!isGraph(unknownType));

    const badKind = copy();
    badKind.root.edges[0].kind = 'jump';
    assert.ok(!isGraph(badKind));

    const badDetail = copy();
    badDetail.root.nodes[1].details = [{ label: 'Type', value: 3 }];
    assert.ok(!isGraph(badDetail));
  });

  it('checks the debugger event field by field', () => {
    assert.ok(isExecutionStateEventBody(execution));
    assert.ok(!isExecutionStateEventBody({ ...execution, takenEdges: [['A']] }));
    assert.ok(!isExecutionStateEventBody({ ...execution, current: 'B' }));
    assert.ok(!isExecutionStateEventBody({ ...execution, program: undefined }));
  });
});

describe('graph protocol: webview to extension', () => {
  it('accepts the webview messages', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'reveal', id: '/States/A' },
      { type: 'exported', format: 'svg', data: '<svg/>' },
      { type: 'exported', format: 'png', data: 'iVBORw0KGgo=' },
      { type: 'error', message: 'layout failed' },
    ]) {
      assert.ok(isWebviewMessage(message), JSON.stringify(message));
    }
  });

  it('rejects anything else', () => {
    for (const message of [
      undefined,
      { type: 'reveal' },
      { type: 'reveal', id: 3 },
      { type: 'exported', format: 'gif', data: '' },
      { type: 'exported', format: 'svg' },
      { type: 'openFile', path: '/etc/passwd' },
    ]) {
      assert.ok(!isWebviewMessage(message), JSON.stringify(message));
    }
  });
});
