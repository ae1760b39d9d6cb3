/**
 * The webview's layout step, in Node with ELK's own bundle: the ELK graph made from the model (node
 * sizes, lanes stacked by hand, options by scope size, the cache key) and the scene made from
 * ELK's answer (absolute coordinates, nesting, lanes from the same top).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { chainOf, layoutInput, toScene, type Rect, type Scene } from '../../client/webview/layout';
import { buildGraph, type AslGraph, type GraphScope, type GraphStateNode } from '../../server/src/asl/graph';
import { parseAsl } from '../../server/src/asl/parse';
import { generateStateMachine } from '../../bench/generate';

/** Seven pixels a character: what a canvas would measure, near enough. */
const measure = (text: string) => text.length * 7;

function graphOf(definition: object | string): AslGraph {
  return buildGraph(parseAsl(typeof definition === 'string' ? definition : JSON.stringify(definition)));
}

function stateNode(scope: GraphScope, name: string): GraphStateNode {
  const node = scope.nodes.find((candidate): candidate is GraphStateNode => candidate.kind === 'state' && candidate.name === name);
  assert.ok(node, name);
  return node;
}

function inside(inner: Rect, outer: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

const FAN = {
  StartAt: 'Fan',
  States: {
    Fan: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A1', States: { A1: { Type: 'Pass', Next: 'A2' }, A2: { Type: 'Pass', End: true } } },
        {
          StartAt: 'B1',
          States: {
            B1: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Next: 'B2' }], Default: 'B3' },
            B2: { Type: 'Succeed' },
            B3: { Type: 'Fail' },
          },
        },
      ],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

describe('layout: lanes that are one path', () => {
  const graph = graphOf(FAN);
  const [chain, branching] = stateNode(graph.root, 'Fan').scopes;

  it('recognises a lane that runs from its start to its end in one path', () => {
    assert.deepEqual(chainOf(chain)?.map((node) => node.id), ['/States/Fan/Branches/0#start', '/States/Fan/Branches/0/States/A1', '/States/Fan/Branches/0/States/A2', '/States/Fan/Branches/0#end']);
    assert.equal(chainOf(branching), undefined, 'a Choice branches');
    assert.equal(chainOf(graph.root), undefined, 'the Parallel state has lanes');
  });

  it('leaves to ELK lanes with labels, loops, strays or no edges', () => {
    const lane = (states: object) => stateNode(graphOf({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'A', States: states }], End: true } } }).root, 'P').scopes[0];
    assert.equal(chainOf(lane({ A: { Type: 'Task', Resource: 'x', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'B' }], Next: 'B' }, B: { Type: 'Succeed' } })), undefined, 'a catch edge is labelled');
    assert.equal(chainOf(lane({ A: { Type: 'Pass', Next: 'A' } })), undefined, 'a loop');
    assert.equal(chainOf(lane({ A: { Type: 'Pass', End: true }, Stray: { Type: 'Pass', End: true } })), undefined, 'a state nothing leads to');
    assert.equal(chainOf(lane({})), undefined, 'no states');
  });

  it('stacks such a lane itself, centred, and hands ELK only its size', () => {
    const input = layoutInput(graph, measure);
    const fan = input.elk.children?.find((child) => child.id === '/States/Fan');
    const [elkChain, elkBranching] = fan?.children ?? [];
    assert.equal(elkChain.children, undefined);
    assert.ok(elkChain.width! > 0 && elkChain.height! > 0);
    assert.deepEqual(elkBranching.children?.map((child) => child.id.slice(child.id.lastIndexOf('/') + 1)), ['1#start', 'B1', 'B2', 'B3', '1#end']);
    const boxes = input.chains.get(chain.id);
    assert.ok(boxes);
    const centres = [...boxes.values()].map((box) => box.x + box.width / 2);
    assert.ok(centres.every((centre) => Math.abs(centre - centres[0]) < 1e-9), 'one vertical line');
    const tops = [...boxes.values()].map((box) => box.y);
    assert.deepEqual(tops, [...tops].sort((a, b) => a - b));
  });
});

describe('layout: the scene', () => {
  async function sceneOf(graph: AslGraph): Promise<Scene> {
    const input = layoutInput(graph, measure);
    const laidOut = (await new ELK().layout(input.elk)) as ElkNode;
    return toScene(graph, input, laidOut);
  }

  it('places every node and edge, nested nodes inside their lanes, lanes from the same top', async () => {
    const graph = graphOf(FAN);
    const scene = await sceneOf(graph);
    assert.equal(scene.nodes.length, 4 + 4 + 5, 'Fan, Done and markers; A1, A2 and markers; B1, B2, B3 and markers');
    assert.equal(scene.edges.length, 3 + 3 + 5);
    const lanes = new Map(scene.lanes.map((lane) => [lane.scope.id, lane]));
    const fan = scene.nodes.find((item) => item.node.id === '/States/Fan')!;
    for (const lane of scene.lanes) assert.ok(inside(lane, fan), lane.scope.id);
    assert.equal(lanes.get('/States/Fan/Branches/0')!.y, lanes.get('/States/Fan/Branches/1')!.y);
    assert.equal(lanes.get('/States/Fan/Branches/0')!.height, lanes.get('/States/Fan/Branches/1')!.height);
    for (const item of scene.nodes) {
      if (!item.owner) continue;
      const lane = scene.lanes.find((candidate) => candidate.scope.id === item.node.id.replace(/(\/States\/[^/]+|#\w+)$/, ''))!;
      assert.ok(inside(item, lane), `${item.node.id} in ${lane.scope.id}`);
      assert.equal(item.owner, '/States/Fan');
    }
    for (const edge of scene.edges) assert.ok(edge.points.length >= 2, edge.edge.id);
    // A stacked lane's edges go straight down.
    const a1a2 = scene.edges.find((edge) => edge.edge.id === '/States/Fan/Branches/0/States/A1>0')!;
    assert.equal(a1a2.points[0].x, a1a2.points[1].x);
    assert.ok(a1a2.points[0].y < a1a2.points[1].y);
  });

  it('keeps a label on every labelled edge', async () => {
    const scene = await sceneOf(graphOf(FAN));
    const labelled = scene.edges.filter((edge) => edge.edge.label);
    assert.deepEqual(labelled.map((edge) => edge.label?.text), ['$.x is null', 'Default']);
    assert.ok(labelled.every((edge) => edge.label!.width > 0));
  });
});

describe('layout: options and the cache key', () => {
  it('keeps document order and centred labels in ordinary scopes, trades them for speed in large ones', () => {
    const small = layoutInput(graphOf(FAN), measure).elk;
    assert.equal(small.layoutOptions?.['elk.layered.considerModelOrder.strategy'], 'NODES_AND_EDGES');

    const large = layoutInput(buildGraph(parseAsl(generateStateMachine({ states: 500 }).text)), measure).elk;
    assert.equal(large.layoutOptions?.['elk.layered.considerModelOrder.strategy'], undefined);
    assert.equal(large.layoutOptions?.['elk.layered.layering.strategy'], undefined);
    const labelled = large.edges?.find((edge) => edge.labels?.length);
    assert.equal(labelled?.labels?.[0].layoutOptions?.['elk.edgeLabels.placement'], 'TAIL');

    const huge = layoutInput(buildGraph(parseAsl(generateStateMachine({ states: 2500 }).text)), measure).elk;
    assert.equal(huge.layoutOptions?.['elk.layered.layering.strategy'], 'LONGEST_PATH_SOURCE');
    assert.equal(huge.layoutOptions?.['elk.separateConnectedComponents'], 'false');
  });

  it('gives the same key to texts that lay out the same (their texts are drawn anew all the same)', () => {
    const key = (definition: object) => layoutInput(graphOf(definition), measure).key;
    const base = key(FAN);
    assert.equal(key({ ...FAN, Comment: 'A comment changes no node' }), base);
    assert.equal(key({ ...FAN, States: { ...FAN.States, Done: { Type: 'Succeed', Comment: 'nor does this' } } }), base);
    const passing = layoutInput(graphOf({ ...FAN, States: { ...FAN.States, Done: { Type: 'Pass', End: true } } }), measure);
    assert.equal(passing.key, base, 'same size, same edges');
    assert.equal(passing.texts.get('/States/Done')?.subtitle, 'Pass');
    assert.notEqual(key({ ...FAN, States: { ...FAN.States, Done: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } }), base, 'a wider node');
    assert.notEqual(key({ ...FAN, States: { ...FAN.States, Finished: FAN.States.Done } }), base, 'one more node');
  });

  it('shortens long names to fit, with an ellipsis', () => {
    const name = 'A'.repeat(80);
    const input = layoutInput(graphOf({ StartAt: name, States: { [name]: { Type: 'Succeed' } } }), measure);
    const text = input.texts.get(`/States/${name}`)?.text ?? '';
    assert.ok(text.endsWith('…') && measure(text) <= 220 && measure(`${text.slice(0, -1)}A…`) > 220, text);
  });
});
