import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Flow } from '../session';

/** The order example and its launch.json: the first configuration runs the happy path from mocks. */
const PROGRAM = 'order-fulfillment.asl.json';
const CALL_STACK = '.debug-call-stack';
const VARIABLES = '.debug-variables';
const DEBUG_CONSOLE = '.repl';
const PAUSED_LINE = 'debug-top-stack-frame-line';

export const debuggingFlow: Flow = {
  title: 'F9 on a state and F5 stop there with its input shown; F10 steps to the next state; continuing prints the output',
  async run({ workbench, workspace }) {
    const lines = readFileSync(path.join(workspace, PROGRAM), 'utf8').split('\n');
    const lineOf = (state: string) => lines.findIndex((line) => line.trimStart().startsWith(`"${state}": {`)) + 1;
    const shipOrder = lineOf('Ship Order');
    const orderShipped = lineOf('Order Shipped');
    assert.ok(shipOrder > 0 && orderShipped > 0, `${PROGRAM} should have the states \`Ship Order\` and \`Order Shipped\``);

    await workbench.openFile(PROGRAM);
    await workbench.goTo(shipOrder, 5);
    await workbench.page.keyboard.press('F9');
    await workbench.activeEditor().locator('.codicon-debug-breakpoint').first().waitFor({ timeout: 60_000 });

    // F5 starts the first configuration, which stops on entry; F5 again runs to the breakpoint.
    await workbench.page.keyboard.press('F5');
    await workbench.waitForViewText(CALL_STACK, 'the pause on entry', (text) => /Paused on entry|Validate Order/.test(text));
    await workbench.page.keyboard.press('F5');
    await workbench.waitForViewText(CALL_STACK, 'the pause at the `Ship Order` breakpoint', (text) => /Ship Order/.test(text));
    assert.equal(await workbench.decoratedLine(PAUSED_LINE), shipOrder, 'The paused line should be the `Ship Order` state');
    await workbench.waitForViewText(VARIABLES, 'the input of `Ship Order`', (text) => text.includes('State "Ship Order"') && text.includes('ord-1001'));

    await workbench.page.keyboard.press('F10');
    await workbench.waitForViewText(CALL_STACK, 'the step to `Order Shipped`', (text) => /Order Shipped/.test(text));
    assert.equal(await workbench.decoratedLine(PAUSED_LINE), orderShipped, 'Stepping should move the highlight to `Order Shipped`');

    await workbench.page.keyboard.press('F5');
    // Ctrl+Shift+Y toggles the Debug Console: press it only when the console is not showing yet.
    if (!(await workbench.page.locator(DEBUG_CONSOLE).first().isVisible())) await workbench.page.keyboard.press('Control+Shift+Y');
    await workbench.waitForViewText(DEBUG_CONSOLE, 'the execution’s output', (text) => /Execution SUCCEEDED/.test(text));
    await workbench.runCommand('Remove All Breakpoints');
  },
};
