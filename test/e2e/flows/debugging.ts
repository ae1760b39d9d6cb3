import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Flow } from '../session';
import { STEP_TIMEOUT_MS, type Workbench } from '../workbench';

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

    // F5 starts the selected launch configuration. The example's first one stops on entry: then F5
    // again runs on to the breakpoint.
    await workbench.page.keyboard.press('F5');
    const firstPause = await workbench.waitForViewText(CALL_STACK, 'the first pause', (text) => /\((Task|Pass|Choice|Parallel|Map|Wait|Succeed|Fail)\)/.test(text));
    if (!firstPause.includes('Ship Order')) await workbench.page.keyboard.press('F5');
    await workbench.waitForViewText(CALL_STACK, 'the pause at the `Ship Order` breakpoint', (text) => /Ship Order/.test(text));
    await waitForPausedLine(workbench, shipOrder, '`Ship Order`');
    await workbench.waitForViewText(VARIABLES, 'the input of `Ship Order`', (text) => text.includes('State "Ship Order"') && text.includes('ord-1001'));

    await workbench.page.keyboard.press('F10');
    await workbench.waitForViewText(CALL_STACK, 'the step to `Order Shipped`', (text) => /Order Shipped/.test(text));
    await waitForPausedLine(workbench, orderShipped, '`Order Shipped`, a step on');

    await workbench.page.keyboard.press('F5');
    // Ctrl+Shift+Y toggles the Debug Console: press it only when the console is not showing yet.
    if (!(await workbench.page.locator(DEBUG_CONSOLE).first().isVisible())) await workbench.page.keyboard.press('Control+Shift+Y');
    await workbench.waitForViewText(DEBUG_CONSOLE, 'the execution’s output', (text) => /Execution SUCCEEDED/.test(text));
    await workbench.runCommand('Remove All Breakpoints');
  },
};

/** Waits until the editor highlights `line` as the paused one. */
async function waitForPausedLine(workbench: Workbench, line: number, what: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let shown: number | undefined;
  while ((shown = await workbench.decoratedLine(PAUSED_LINE)) !== line) {
    if (Date.now() > deadline) throw new Error(`The editor should highlight line ${line} (${what}) as paused; it highlights ${shown ?? 'no line'}`);
    await workbench.page.waitForTimeout(250);
  }
}
