import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { jsonataBody, jsonataToJsonPath, jsonPathToJsonata } from '../../server/src/service/features/expressionConversion';

describe('converting reads between JSONPath and JSONata', () => {
  it('turns reference paths into JSONata reads', () => {
    assert.equal(jsonPathToJsonata('$'), '$states.input');
    assert.equal(jsonPathToJsonata('$.order.items[0].id'), '$states.input.order.items[0].id');
    assert.equal(jsonPathToJsonata("$['first name']"), '$states.input.`first name`');
    assert.equal(jsonPathToJsonata('$$.Execution.Id'), '$states.context.Execution.Id');
    assert.equal(jsonPathToJsonata('$total.count'), '$total.count');
    assert.equal(jsonPathToJsonata('$.Payload', 'result'), '$states.result.Payload');
  });

  it('leaves paths without a one-to-one JSONata read', () => {
    for (const path of ['$.a[-1]', '$.a[*]', '$..a', '$.a[?(@.b > 1)]', '$.a[0:2]', 'States.UUID()', 'text', "$['a`b']"]) {
      assert.equal(jsonPathToJsonata(path), undefined, path);
    }
  });

  it('turns plain JSONata reads into reference paths', () => {
    assert.equal(jsonataToJsonPath(' $states.input.order.items[0] '), '$.order.items[0]');
    assert.equal(jsonataToJsonPath('$states.input'), '$');
    assert.equal(jsonataToJsonPath('$states.input.`first name`'), "$['first name']");
    assert.equal(jsonataToJsonPath('$states.context.Execution.Id'), '$$.Execution.Id');
    assert.equal(jsonataToJsonPath('$total.count'), '$total.count');
    assert.equal(jsonataToJsonPath('$states.result.Payload', 'result'), '$.Payload');
  });

  it('leaves JSONata that is more than a read', () => {
    for (const expression of ['$states.input.a + 1', '$sum($states.input.a)', '$states.result.a', '$states.errorOutput', '$states.context', 'a.b', "$states.input.a[b = 'x']"]) {
      assert.equal(jsonataToJsonPath(expression), undefined, expression);
    }
  });

  it('finds the expression of a JSONata string', () => {
    assert.equal(jsonataBody('{% $x %}'), ' $x ');
    assert.equal(jsonataBody('x {% $x %}'), undefined);
  });
});
