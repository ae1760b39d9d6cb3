/** Scopes and variables at several states, lazy JSON, evaluate in the three languages, setVariable. */
import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { join } from 'node:path';
import { lineOf, ORDER, orderLaunch, Session, tempFiles } from './client';

let session: Session;
beforeEach(async () => {
  session = await Session.start();
});
afterEach(async () => {
  await session.stop();
});

const line = (state: string) => lineOf(ORDER, `"${state}": {`);

describe('variables', () => {
  it('at a branch state: input, effective input, workflow variables, the context object and the execution', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Charge Card') }] });
    const frame = await session.topFrame(stop);
    const scopes = await session.scopes(frame.id);
    assert.deepEqual(Object.keys(scopes), ['State "Charge Card"', 'Variables', 'Context ($$)', 'Execution']);

    const state = scopes['State "Charge Card"'].variables;
    assert.deepEqual(Object.keys(state), ['input', 'effective input (preview)']);
    const input = (await session.valueOf(state.input)) as Record<string, unknown>;
    assert.deepEqual(input.validation, { valid: true, total: 57.5, email: 'ada@example.com' });
    assert.equal(state.input.evaluateName, '$');
    assert.deepEqual(await session.valueOf(state['effective input (preview)']), { orderId: 'ord-1001', amount: 57.5, currency: 'EUR' });

    assert.deepEqual(Object.keys(scopes.Variables.variables), ['customerEmail']);
    assert.equal(scopes.Variables.variables.customerEmail.value, '"ada@example.com"');
    assert.equal(scopes.Variables.variables.customerEmail.evaluateName, '$customerEmail');

    const context = scopes['Context ($$)'].variables;
    assert.deepEqual(await session.valueOf(context.State), { Name: 'Charge Card', EnteredTime: (await session.valueOf(context.State) as { EnteredTime: string }).EnteredTime, RetryCount: 0 });
    assert.equal(((await session.valueOf(context.StateMachine)) as { Name: string }).Name, 'order-fulfillment');
    const execution = scopes.Execution.variables;
    assert.equal(execution.status.value, '"RUNNING (paused)"');
    // The first attempt of Validate Order was retried after 2 s of virtual time.
    assert.equal(execution.elapsedSeconds.value, '2');
    assert.ok(Number(execution.eventCount.value) > 10);
  });

  it('in a Map iteration: the item in the context, the input made by ItemSelector; arrays page lazily', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Reserve Item'), hitCondition: '2' }] });
    const scopes = await session.scopes((await session.topFrame(stop)).id);
    assert.deepEqual(await session.valueOf(scopes['Context ($$)'].variables.Map), { Item: { Index: 1, Value: { sku: 'pen-3', quantity: 10 } } });
    assert.deepEqual(await session.valueOf(scopes['State "Reserve Item"'].variables.input), { orderId: 'ord-1001', sku: 'pen-3', quantity: 10 });

    const items = (await session.variables(scopes.Execution.variables.input.variablesReference)).items;
    assert.equal(items.indexedVariables, 3);
    const page = await session.variables(items.variablesReference, { filter: 'indexed', start: 1, count: 1 });
    assert.deepEqual(Object.keys(page), ['1']);
    assert.equal(page['1'].evaluateName, '$$.Execution.Input.items[1]');
    assert.deepEqual(await session.valueOf(page['1']), { sku: 'pen-3', quantity: 10 });
  });

  it('at a Choice: which rule will match, and the previous state with its result', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Is Order Valid?') }] });
    const state = (await session.scopes((await session.topFrame(stop)).id))['State "Is Order Valid?"'].variables;
    assert.equal(state['choice rules'].value, 'Default → Check Stock And Payment');
    const rules = await session.variables(state['choice rules'].variablesReference);
    assert.deepEqual(Object.entries(rules).map(([name, v]) => `${name}: ${v.value}`), [
      'Choices[0] → Reject Order: false',
      'Choices[1] → Reject Order: false',
      'Default → Check Stock And Payment: otherwise',
    ]);
    const previous = (await session.valueOf(state['previous state'])) as Record<string, unknown>;
    assert.equal(previous.state, 'Validate Order');
    assert.deepEqual(previous.result, { Payload: { valid: true, total: 57.5, email: 'ada@example.com' }, StatusCode: 200 });
  });
});

describe('evaluate', () => {
  it('evaluates JSONPath, intrinsic functions and JSONata against the current state', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Charge Card') }] });
    const frameId = (await session.topFrame(stop)).id;
    assert.equal((await session.evaluate('$.validation.total', frameId)).result, '57.5');
    assert.equal((await session.evaluate('$$.State.Name', frameId, 'watch')).result, '"Charge Card"');
    assert.equal((await session.evaluate('$customerEmail', frameId, 'hover')).result, '"ada@example.com"');
    assert.equal((await session.evaluate('$.items[?(@.quantity > 1)].sku', frameId)).result, '(2) ["book-17", "pen-3"]');
    assert.equal((await session.evaluate("States.Format('{} costs {}', $.orderId, $.validation.total)", frameId)).result, '"ord-1001 costs 57.5"');
    assert.equal((await session.evaluate('States.ArrayLength($.items)', frameId)).result, '3');
    assert.equal((await session.evaluate('$states.input.validation.total * 2', frameId)).result, '115');
    assert.equal((await session.evaluate('{% $customerEmail & " / " & $states.context.State.Name %}', frameId)).result, '"ada@example.com / Charge Card"');
    assert.equal((await session.evaluate('$sum($states.input.items.quantity)', frameId)).result, '13');

    const object = await session.evaluate('$.customer', frameId);
    assert.ok(object.variablesReference > 0);
    assert.deepEqual(Object.keys(await session.variables(object.variablesReference)), ['id', 'email']);
    assert.equal((await session.evaluate('$.nothing', frameId)).result, 'undefined');
  });

  it('says why an expression cannot be evaluated', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Charge Card') }] });
    const frameId = (await session.topFrame(stop)).id;
    await assert.rejects(session.evaluate('$undefinedVariable', frameId), /The variable `\$undefinedVariable` is not defined here/);
    await assert.rejects(session.evaluate("States.Format('{}')", frameId), /States\.IntrinsicFailure/);
    await assert.rejects(session.evaluate('$states.input.(', frameId), /JSONata expression/);
  });
});

describe('setVariable', () => {
  it('a changed input before a Choice runs changes the path it takes', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Is Order Valid?') }] });
    const frameId = (await session.topFrame(stop)).id;
    const state = (await session.scopes(frameId))['State "Is Order Valid?"'];
    const validation = (await session.variables(state.variables.input.variablesReference)).validation;
    const set = await session.dc.setVariableRequest({ variablesReference: validation.variablesReference, name: 'total', value: '5000' });
    assert.equal(set.body.value, '5000');
    // The input and the Choice preview show the change before the state runs.
    assert.equal((await session.evaluate('$.validation.total', frameId)).result, '5000');
    const after = (await session.scopes(frameId))['State "Is Order Valid?"'].variables;
    assert.equal(after['choice rules'].value, 'Choices[1] → Reject Order');

    const next = await session.step('next', stop.body.threadId!);
    assert.deepEqual((await session.stack(next.body.threadId!)).map((f) => f.name), ['Reject Order (Fail)']);
    assert.deepEqual(session.positions.at(-1)!.takenEdges, [['Validate Order', 'Is Order Valid?'], ['Is Order Valid?', 'Reject Order']]);
  });

  it('a changed variable is what the state uses', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Ship Order') }] });
    const frameId = (await session.topFrame(stop)).id;
    const variables = (await session.scopes(frameId)).Variables;
    await session.dc.setVariableRequest({ variablesReference: variables.ref, name: 'customerEmail', value: '"grace@example.com"' });
    const terminated = session.terminated();
    await session.continue();
    await terminated;
    assert.match(await session.waitForOutput(/Ship Order · TaskScheduled/), /"email":"grace@example\.com"/);
  });

  it('refuses to change a state that is running or has run, and values that are not JSON', async () => {
    const stop = await session.launchAndStop(orderLaunch('HappyPath'), { breakpoints: [{ line: line('Check Stock') }] });
    const frames = await session.stack(stop.body.threadId!);
    const parallel = (await session.scopes(frames[1].id))['State "Check Stock And Payment"'];
    await assert.rejects(session.dc.setVariableRequest({ variablesReference: parallel.ref, name: 'input', value: '{}' }), /Only the input and the variables of a state that has not run yet/);
    const own = (await session.scopes(frames[0].id))['State "Check Stock"'];
    await assert.rejects(session.dc.setVariableRequest({ variablesReference: own.ref, name: 'input', value: '{oops' }), /is not JSON/);
    await session.dc.setVariableRequest({ variablesReference: own.ref, name: 'input', value: '{"items": []}' });
    const out = await session.step('stepOut', stop.body.threadId!);
    const result = (await session.scopes((await session.topFrame(out)).id))['State "Check Stock And Payment"'];
    await assert.rejects(session.dc.setVariableRequest({ variablesReference: result.ref, name: 'input', value: '{}' }), /not run yet/);
  });
});

describe('task tokens', () => {
  it('shows the token a task waits for; Send Task Success answers it', async () => {
    const dir = tempFiles({
      'approval.asl.json': {
        StartAt: 'Approve',
        States: {
          Approve: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' }, ResultPath: '$.approval', End: true },
        },
      },
    });
    const stop = await session.launchAndStop({ program: join(dir, 'approval.asl.json'), input: { id: 1 }, stopOnEntry: true });
    const preview = (await session.scopes((await session.topFrame(stop)).id))['State "Approve"'].variables['effective input (preview)'];
    assert.deepEqual(await session.valueOf(preview), { token: '<the task token, made when the task runs>' });
    await session.continue();
    const line = await session.waitForOutput(/waits for its task token/);
    const tokens = (await session.dc.customRequest('statecraft.taskTokens')).body.tokens as { token: string; stateName: string }[];
    assert.equal(tokens.length, 1);
    assert.equal(tokens[0].stateName, 'Approve');
    assert.ok(line.includes(tokens[0].token));
    await assert.rejects(session.dc.customRequest('statecraft.sendTaskSuccess', { token: 'nope', output: {} }), /No task waits for the token nope/);
    const terminated = session.terminated();
    await session.dc.customRequest('statecraft.sendTaskSuccess', { output: { approved: true } });
    await terminated;
    assert.match(session.text(), /Execution SUCCEEDED with the output \{\n {2}"id": 1,\n {2}"approval": \{\n {4}"approved": true/);
  });
});
