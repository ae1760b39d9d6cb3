/**
 * The graph model (`buildGraph`) of every state type, nested scopes, Choice and Catch edges with
 * their labels, substitutions, and documents half-typed or broken; and the lookups the preview
 * makes with it (the state at an offset, a state by id).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildGraph, findStateById, shortResource, stateAt, type AslGraph, type GraphEdge, type GraphNode, type GraphScope, type GraphStateNode } from '../../server/src/asl/graph';
import { parseAsl } from '../../server/src/asl/parse';
import { isGraph } from '../../client/src/graph/protocol';

function graphOf(definition: string | object): AslGraph {
  return buildGraph(parseAsl(typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2)));
}

/** Every scope of a graph, outermost first. */
function scopes(graph: AslGraph): GraphScope[] {
  const all: GraphScope[] = [];
  const visit = (scope: GraphScope) => {
    all.push(scope);
    for (const node of scope.nodes) if (node.kind === 'state') node.scopes.forEach(visit);
  };
  visit(graph.root);
  return all;
}

function state(graph: AslGraph, name: string): GraphStateNode {
  for (const scope of scopes(graph)) {
    const found = scope.nodes.find((node): node is GraphStateNode => node.kind === 'state' && node.name === name);
    if (found) return found;
  }
  throw new Error(`no state ${name}`);
}

function scopeOf(graph: AslGraph, id: string): GraphScope {
  const found = scopes(graph).find((scope) => scope.id === id);
  if (!found) throw new Error(`no scope ${id}`);
  return found;
}

/** Edges as `from -kind-> to [label]`, with node ids shortened to their last pointer segment. */
function edgeList(scope: GraphScope): string[] {
  const short = (id: string) => id.slice(id.lastIndexOf('/') + 1);
  return scope.edges.map((edge: GraphEdge) => `${short(edge.from)} -${edge.kind}-> ${short(edge.to)}${edge.label ? ` [${edge.label}]` : ''}`);
}

function nodeKinds(scope: GraphScope): string[] {
  return scope.nodes.map((node: GraphNode) => (node.kind === 'state' ? `${node.name}:${node.type ?? '?'}` : node.kind));
}

describe('graph model: states', () => {
  const graph = graphOf({
    Comment: 'Every state type',
    StartAt: 'Start work',
    States: {
      'Start work': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 30, Next: 'Shape' },
      Shape: { Type: 'Pass', Result: { ok: true }, Next: 'Decide' },
      Decide: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Pause' }], Default: 'Broken' },
      Pause: { Type: 'Wait', Seconds: 5, Next: 'Fan' },
      Fan: { Type: 'Parallel', Branches: [{ StartAt: 'A', States: { A: { Type: 'Succeed' } } }], Next: 'Each' },
      Each: { Type: 'Map', ItemProcessor: { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }, Next: 'Done' },
      Done: { Type: 'Succeed' },
      Broken: { Type: 'Fail', Error: 'Nope', Cause: 'Because' },
    },
  });

  it('draws a node per state, with its type, between the start and end markers', () => {
    assert.deepEqual(nodeKinds(graph.root), [
      'start',
      'Start work:Task',
      'Shape:Pass',
      'Decide:Choice',
      'Pause:Wait',
      'Fan:Parallel',
      'Each:Map',
      'Done:Succeed',
      'Broken:Fail',
      'end',
    ]);
    assert.equal(graph.stateCount, 10);
  });

  it('gives each node a subtitle with its telling detail', () => {
    assert.equal(state(graph, 'Start work').subtitle, 'Task · lambda:invoke');
    assert.equal(state(graph, 'Shape').subtitle, 'Pass');
    assert.equal(state(graph, 'Decide').subtitle, 'Choice · 1 rule + default');
    assert.equal(state(graph, 'Pause').subtitle, 'Wait · 5 s');
    assert.equal(state(graph, 'Fan').subtitle, 'Parallel · 1 branch');
    assert.equal(state(graph, 'Each').subtitle, 'Map');
    assert.equal(state(graph, 'Broken').subtitle, 'Fail · Nope');
  });

  it('lists the details shown on hover', () => {
    assert.deepEqual(state(graph, 'Start work').details, [
      { label: 'Type', value: 'Task' },
      { label: 'Resource', value: 'arn:aws:states:::lambda:invoke' },
      { label: 'TimeoutSeconds', value: '30' },
      { label: 'Next', value: 'Shape' },
    ]);
    assert.deepEqual(state(graph, 'Broken').details, [
      { label: 'Type', value: 'Fail' },
      { label: 'Error', value: 'Nope' },
      { label: 'Cause', value: 'Because' },
    ]);
    assert.deepEqual(state(graph, 'Shape').details.find((detail) => detail.label === 'Result'), { label: 'Result', value: '{"ok":true}' });
  });

  it('summarises retriers and catchers on hover, and the query language when it is JSONata', () => {
    const details = state(
      graphOf({
        QueryLanguage: 'JSONata',
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 1 }, { ErrorEquals: ['States.ALL'] }],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }],
            End: true,
          },
          F: { Type: 'Fail' },
        },
      }),
      'T',
    ).details;
    assert.deepEqual(
      details.filter((detail) => ['Query language', 'Retry', 'Catch', 'End'].includes(detail.label)),
      [
        { label: 'Query language', value: 'JSONata' },
        { label: 'Retry', value: 'States.Timeout (up to 1 time)' },
        { label: 'Retry', value: 'States.ALL (up to 3 times)' },
        { label: 'Catch', value: 'States.ALL → F' },
        { label: 'End', value: 'true' },
      ],
    );
  });

  it('draws states without a type or with an unknown one, saying so', () => {
    const untyped = graphOf({ StartAt: 'A', States: { A: { Next: 'B' }, B: { Type: 'Tsk', End: true } } });
    assert.equal(state(untyped, 'A').type, undefined);
    assert.equal(state(untyped, 'A').subtitle, 'No type');
    assert.equal(state(untyped, 'B').type, undefined);
    assert.equal(state(untyped, 'B').subtitle, 'Unknown type Tsk');
    assert.deepEqual(edgeList(untyped.root), ['#start -start-> A', 'A -next-> B', 'B -end-> #end']);
  });

  it('describes Task resources by what they call', () => {
    assert.equal(shortResource('arn:aws:states:::sqs:sendMessage.waitForTaskToken'), 'sqs:sendMessage.waitForTaskToken');
    assert.equal(shortResource('arn:aws:states:::aws-sdk:s3:getObject'), 'aws-sdk:s3:getObject');
    assert.equal(shortResource('arn:aws:lambda:us-east-1:123456789012:function:Charge'), 'function Charge');
    assert.equal(shortResource('arn:aws:lambda:us-east-1:123456789012:function:Charge:live'), 'function Charge');
    assert.equal(shortResource('arn:aws:states:us-east-1:123456789012:activity:Approve'), 'activity Approve');
    assert.equal(shortResource('arn:aws:sns:us-east-1:123456789012:topic'), 'arn:aws:sns:us-east-1:123456789012:topic');
  });

  it('reads Wait durations given by path or timestamp', () => {
    const graph = graphOf({
      StartAt: 'A',
      States: {
        A: { Type: 'Wait', SecondsPath: '$.delay', Next: 'B' },
        B: { Type: 'Wait', Timestamp: '2030-01-01T00:00:00Z', Next: 'C' },
        C: { Type: 'Wait', Seconds: '{% $delay %}', QueryLanguage: 'JSONata', End: true },
      },
    });
    assert.equal(state(graph, 'A').subtitle, 'Wait · $.delay s');
    assert.equal(state(graph, 'B').subtitle, 'Wait · until 2030-01-01T00:00:00Z');
    assert.equal(state(graph, 'C').subtitle, 'Wait · {% $delay %} s');
  });
});

describe('graph model: nesting', () => {
  const graph = graphOf({
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Charge', States: { Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
          {
            StartAt: 'Items',
            States: {
              Items: {
                Type: 'Map',
                ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Pack', States: { Pack: { Type: 'Pass', Next: 'Label' }, Label: { Type: 'Succeed' } } },
                End: true,
              },
            },
          },
        ],
        Next: 'Legacy',
      },
      Legacy: { Type: 'Map', Iterator: { StartAt: 'Old', States: { Old: { Type: 'Pass', End: true } } }, End: true },
    },
  });

  it('gives a Parallel state one lane per branch, in order, each with its own markers', () => {
    const fan = state(graph, 'Fan');
    assert.deepEqual(
      fan.scopes.map((scope) => [scope.id, scope.kind, scope.label]),
      [
        ['/States/Fan/Branches/0', 'branch', 'Branch 1'],
        ['/States/Fan/Branches/1', 'branch', 'Branch 2'],
      ],
    );
    assert.deepEqual(nodeKinds(fan.scopes[0]), ['start', 'Charge:Task', 'end']);
    assert.deepEqual(edgeList(fan.scopes[0]), ['0#start -start-> Charge', 'Charge -end-> 0#end']);
  });

  it('gives a Map state its processor, nested to any depth, labelled with its mode', () => {
    const items = state(graph, 'Items');
    assert.equal(items.id, '/States/Fan/Branches/1/States/Items');
    assert.equal(items.subtitle, 'Map · distributed');
    assert.deepEqual(
      items.scopes.map((scope) => [scope.id, scope.kind, scope.label]),
      [['/States/Fan/Branches/1/States/Items/ItemProcessor', 'processor', 'Item processor (distributed)']],
    );
    assert.deepEqual(edgeList(items.scopes[0]), ['ItemProcessor#start -start-> Pack', 'Pack -next-> Label', 'Label -end-> ItemProcessor#end']);
    assert.deepEqual(
      state(graph, 'Legacy').scopes.map((scope) => scope.label),
      ['Iterator'],
    );
  });

  it('keeps every edge inside its scope and every id unique', () => {
    assert.ok(isGraph(graph));
    assert.equal(graph.stateCount, 7);
    const ids = scopes(graph).flatMap((scope) => [scope.id, ...scope.nodes.map((node) => node.id)]);
    assert.equal(new Set(ids).size, ids.length);
    // The top level: the Parallel and the legacy Map are single nodes there.
    assert.deepEqual(edgeList(graph.root), ['#start -start-> Fan', 'Fan -next-> Legacy', 'Legacy -end-> #end']);
  });

  it('escapes state names in ids as JSON Pointer does', () => {
    const named = graphOf({ StartAt: 'a/b', States: { 'a/b': { Type: 'Pass', Next: 'c~d' }, 'c~d': { Type: 'Succeed' } } });
    assert.deepEqual(
      named.root.nodes.filter((node) => node.kind === 'state').map((node) => node.id),
      ['/States/a~1b', '/States/c~0d'],
    );
  });
});

describe('graph model: edges', () => {
  const choice = (rules: object[], extra: object = {}) =>
    graphOf({
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: rules, ...extra }, X: { Type: 'Succeed' }, Y: { Type: 'Succeed' } },
    });
  const labels = (graph: AslGraph) => graph.root.edges.filter((edge) => edge.kind === 'choice').map((edge) => edge.label);

  it('labels each Choice rule with its condition and the Default edge with "Default"', () => {
    const graph = choice(
      [
        { Variable: '$.total', NumericGreaterThan: 100, Next: 'X' },
        { Variable: '$.name', StringEquals: 'Ada', Next: 'Y' },
      ],
      { Default: 'X' },
    );
    assert.deepEqual(edgeList(graph.root).slice(1, 4), ['C -choice-> X [$.total > 100]', 'C -choice-> Y [$.name == "Ada"]', 'C -default-> X [Default]']);
  });

  it('spells out every comparison, path operands and type tests', () => {
    const rule = (condition: object) => ({ ...condition, Next: 'X' });
    const graph = choice([
      rule({ Variable: '$.a', NumericLessThanEquals: 3 }),
      rule({ Variable: '$.a', NumericGreaterThanEquals: 3 }),
      rule({ Variable: '$.a', NumericLessThan: 3 }),
      rule({ Variable: '$.a', TimestampEquals: '2030-01-01T00:00:00Z' }),
      rule({ Variable: '$.a', StringMatches: 'log-*.txt' }),
      rule({ Variable: '$.a', StringEqualsPath: '$.b' }),
      rule({ Variable: '$.a', BooleanEquals: false }),
      rule({ Variable: '$.a', IsNull: true }),
      rule({ Variable: '$.a', IsPresent: false }),
      rule({ Variable: '$.a', IsTimestamp: true }),
      rule({ Variable: '$.a', IsNumeric: false }),
    ]);
    assert.deepEqual(labels(graph), [
      '$.a <= 3',
      '$.a >= 3',
      '$.a < 3',
      '$.a == "2030-01-01T00:00:00Z"',
      '$.a matches "log-*.txt"',
      '$.a == $.b',
      '$.a == false',
      '$.a is null',
      '$.a is absent',
      '$.a is a timestamp',
      '$.a is not numeric',
    ]);
  });

  it('joins And, Or and Not, bracketing what is compound', () => {
    const graph = choice([
      { And: [{ Variable: '$.a', IsPresent: true }, { Or: [{ Variable: '$.b', NumericEquals: 1 }, { Variable: '$.b', NumericEquals: 2 }] }], Next: 'X' },
      { Not: { Variable: '$.c', StringEquals: 'x' }, Next: 'Y' },
    ]);
    const [and, not] = graph.root.edges.filter((edge) => edge.kind === 'choice');
    assert.equal(and.label, '$.a is present && ($.b == 1 || …');
    assert.equal(and.title, '$.a is present && ($.b == 1 || $.b == 2)');
    assert.equal(not.label, '!($.c == "x")');
    assert.equal(not.title, undefined);
  });

  it('shows a JSONata condition without its delimiters', () => {
    const graph = graphOf({
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 2 %}', Next: 'X' }, { Condition: true, Next: 'X' }] }, X: { Type: 'Succeed' } },
    });
    assert.deepEqual(labels(graph), ['$states.input.n > 2', 'true']);
  });

  it('numbers a rule that has no condition yet', () => {
    assert.deepEqual(labels(choice([{ Variable: '$.a', NumericEquals: 1, Next: 'X' }, { Next: 'Y' }])), ['$.a == 1', 'Rule 2']);
  });

  it('draws Catch edges labelled with the error names', () => {
    const graph = graphOf({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [
            { ErrorEquals: ['Lambda.ServiceException', 'States.Timeout'], Next: 'Recover' },
            { ErrorEquals: ['States.ALL'], Next: 'Fail' },
            { Next: 'Fail' },
          ],
          Next: 'Done',
        },
        Recover: { Type: 'Pass', Next: 'Done' },
        Fail: { Type: 'Fail' },
        Done: { Type: 'Succeed' },
      },
    });
    assert.deepEqual(edgeList(graph.root).slice(1, 5), [
      'T -next-> Done',
      'T -catch-> Recover [Lambda.ServiceException, States…]',
      'T -catch-> Fail [States.ALL]',
      'T -catch-> Fail [Catch]',
    ]);
    assert.equal(graph.root.edges[2].title, 'Lambda.ServiceException, States.Timeout');
  });

  it('ends Succeed, Fail and End states at the end marker, never a Choice with End', () => {
    const graph = graphOf({
      StartAt: 'C',
      States: { C: { Type: 'Choice', End: true, Choices: [{ Variable: '$.a', IsNull: true, Next: 'S' }], Default: 'F' }, S: { Type: 'Pass', End: true }, F: { Type: 'Fail' } },
    });
    assert.deepEqual(edgeList(graph.root), ['#start -start-> C', 'C -choice-> S [$.a is null]', 'C -default-> F [Default]', 'S -end-> #end', 'F -end-> #end']);
  });
});

describe('graph model: substitutions and missing states', () => {
  it('draws a `${...}` target as a node set at deployment, not as an error', () => {
    const graph = graphOf({
      StartAt: '${FirstStep}',
      States: { Work: { Type: 'Task', Resource: '${WorkFunctionArn}', Next: '${AfterWork}' } },
    });
    const missing = graph.root.nodes.filter((node) => node.kind === 'missing');
    assert.deepEqual(
      missing.map((node) => node.kind === 'missing' && [node.name, node.substitution]),
      [
        ['${FirstStep}', true],
        ['${AfterWork}', true],
      ],
    );
    assert.equal(state(graph, 'Work').subtitle, 'Task · ${WorkFunctionArn}');
    assert.ok(isGraph(graph));
  });

  it('reads ARNs with substituted partitions, regions and accounts', () => {
    assert.equal(shortResource('arn:${AWS::Partition}:states:::lambda:invoke'), 'lambda:invoke');
    assert.equal(shortResource('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}'), 'function ${FunctionName}');
    assert.equal(shortResource('${ChargeFunction.Arn}'), '${ChargeFunction.Arn}');
  });

  it('leads transitions to unknown names to one missing node per name', () => {
    const graph = graphOf({
      StartAt: 'A',
      States: { A: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Next: 'Nowhere' }], Default: 'Nowhere' } },
    });
    assert.deepEqual(nodeKinds(graph.root), ['start', 'A:Choice', 'missing', 'end']);
    assert.deepEqual(edgeList(graph.root), ['#start -start-> A', 'A -choice-> #missing:Nowhere [$.x is null]', 'A -default-> #missing:Nowhere [Default]']);
  });

  it('does not look for a target in another scope', () => {
    const graph = graphOf({
      StartAt: 'P',
      States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'In', States: { In: { Type: 'Pass', Next: 'Out' } } }], Next: 'Out' }, Out: { Type: 'Succeed' } },
    });
    assert.deepEqual(edgeList(scopeOf(graph, '/States/P/Branches/0')), ['0#start -start-> In', 'In -next-> 0#missing:Out']);
  });
});

describe('graph model: broken documents', () => {
  const valid = JSON.stringify(
    {
      StartAt: 'Check',
      States: {
        Check: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.a', IsPresent: true }], Next: 'Fan' }], Default: 'Fail' },
        Fan: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Fail' }],
          End: true,
        },
        Fail: { Type: 'Fail' },
      },
    },
    null,
    2,
  );

  it('draws a well-formed graph from every prefix of a document, as while typing it', () => {
    for (let length = 0; length <= valid.length; length++) {
      const graph = graphOf(valid.slice(0, length));
      assert.ok(isGraph(graph), `prefix of ${length} characters`);
    }
    assert.equal(graphOf(valid).stateCount, 5);
  });

  it('draws what a broken document still holds', () => {
    const graph = graphOf('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B",, }, "B": {"Type": "Succeed"}}}');
    assert.deepEqual(nodeKinds(graph.root).slice(0, 2), ['start', 'A:Pass']);
    assert.ok(isGraph(graph));
  });

  it('draws only markers for documents without a state machine', () => {
    for (const text of ['', '[]', '"States"', 'null', '{', '{"States": []}', '{"States": {"A": "Pass"}}', '{"StartAt": 3, "States": {"A": {"Type": ["Task"]}}}']) {
      const graph = graphOf(text);
      assert.ok(isGraph(graph), text);
      assert.deepEqual(graph.root.nodes.filter((node) => node.kind === 'start' || node.kind === 'end').length, 2, text);
    }
    const notObject = graphOf('{"StartAt": "A", "States": {"A": "Pass"}}');
    assert.equal(state(notObject, 'A').subtitle, 'No type');
    assert.deepEqual(state(notObject, 'A').details, [{ label: 'Type', value: 'not an object (string)' }]);
  });

  it('draws a repeated state name once', () => {
    const graph = graphOf('{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "A": {"Type": "Succeed"}}}');
    assert.deepEqual(nodeKinds(graph.root), ['start', 'A:Pass', 'end']);
    assert.equal(graph.stateCount, 1);
  });
});

describe('graph model: lookups', () => {
  const text = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'In', States: { In: { Type: 'Pass', End: true } } }], End: true } } }, null, 2);
  const doc = parseAsl(text);

  it('finds the innermost state at an offset', () => {
    assert.equal(stateAt(doc, text.indexOf('"In": {') + 3)?.name, 'In');
    assert.equal(stateAt(doc, text.indexOf('"Pass"'))?.name, 'In');
    assert.equal(stateAt(doc, text.indexOf('"Branches"'))?.name, 'P');
    assert.equal(stateAt(doc, text.indexOf('"StartAt": "P"')), undefined);
  });

  it('finds a state by id', () => {
    assert.equal(findStateById(doc, '/States/P/Branches/0/States/In')?.name, 'In');
    assert.equal(findStateById(doc, '/States/In'), undefined);
  });
});
