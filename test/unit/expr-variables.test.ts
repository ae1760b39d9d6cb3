import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseAsl } from '../../server/src/asl/parse';
import { VariableScopes, assignedName, assignmentsOf } from '../../server/src/asl/variables';

function scopesOf(definition: object) {
  const doc = parseAsl(JSON.stringify(definition));
  const scopes = new VariableScopes(doc);
  const state = (name: string) => doc.states.find((s) => s.name === name)!;
  return { scopes, state, doc };
}

describe('VariableScopes', () => {
  const machine = {
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Assign: { x: 1, 'p.$': '$.p' }, Next: 'B' },
      B: { Type: 'Pass', Next: 'P' },
      P: {
        Type: 'Parallel',
        Assign: { afterP: 1 },
        Branches: [
          { StartAt: 'In1', States: { In1: { Type: 'Pass', Assign: { inner: 1 }, Next: 'In2' }, In2: { Type: 'Pass', End: true } } },
          { StartAt: 'Other', States: { Other: { Type: 'Pass', End: true } } },
        ],
        Next: 'M',
      },
      M: {
        Type: 'Map',
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'D', States: { D: { Type: 'Pass', End: true } } },
        Next: 'C',
      },
      C: {
        Type: 'Choice',
        Choices: [{ Variable: '$.a', IsPresent: true, Assign: { fromChoice: 1 }, Next: 'M' }],
        Default: 'E',
      },
      E: { Type: 'Succeed' },
    },
  };

  it('reads the names of Assign objects, catchers and Choice rules included', () => {
    const { state } = scopesOf(machine);
    assert.deepEqual(assignmentsOf(state('A')).map((a) => a.name), ['x', 'p']);
    assert.deepEqual(assignmentsOf(state('C')).map((a) => a.name), ['fromChoice']);
    assert.equal(assignedName('p.$', 'JSONPath'), 'p');
    assert.equal(assignedName('p.$', 'JSONata'), 'p.$');
  });

  it('sees what runs before, in the same scope or an enclosing one', () => {
    const { scopes, state } = scopesOf(machine);
    assert.equal(scopes.isVisible(state('B'), 'x'), true);
    assert.equal(scopes.isVisible(state('In2'), 'x'), true, 'branches read outer variables');
    assert.equal(scopes.isVisible(state('In2'), 'inner'), true);
    assert.equal(scopes.isVisible(state('Other'), 'inner'), false, 'sibling branches do not share variables');
    assert.equal(scopes.isVisible(state('M'), 'inner'), false, 'outer states do not see inner assignments');
    assert.equal(scopes.isVisible(state('M'), 'afterP'), true);
    assert.equal(scopes.isVisible(state('In1'), 'afterP'), false, 'inner states run before their owner assigns');
    assert.equal(scopes.isVisible(state('A'), 'x'), false, 'a state does not see its own Assign');
  });

  it('follows loops: a state sees its own assignments when it can run again', () => {
    const { scopes, state } = scopesOf(machine);
    assert.equal(scopes.isVisible(state('M'), 'fromChoice'), true, 'C loops back to M');
    assert.equal(scopes.isVisible(state('C'), 'fromChoice'), true);
    assert.equal(scopes.isVisible(state('B'), 'fromChoice'), false);
    assert.equal(scopes.isVisible(state('E'), 'x'), true);
  });

  it('stops at the boundary of a Distributed Map', () => {
    const { scopes, state } = scopesOf(machine);
    assert.equal(scopes.isVisible(state('D'), 'x'), false);
    assert.equal(scopes.isVisible(state('D'), 'x', true), true);
    assert.deepEqual(scopes.visibleNames(state('B')).sort(), ['p', 'x']);
  });
});
