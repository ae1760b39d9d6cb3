import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Flow } from '../session';
import { BROKEN_EXAMPLE } from './brokenExample';

const PIPELINE = 'order-pipeline.asl.json';
const NODE = 'svg g[data-name]';

export const graphPreviewFlow: Flow = {
  title: 'Open Graph Preview draws the states beside the editor; clicking a state moves the cursor to it',
  async run({ workbench, workspace }) {
    await workbench.openFile(PIPELINE);
    await workbench.runCommand('Statecraft: Open Graph Preview');
    const graph = await workbench.webviewFrame(NODE, 'the graph of the order pipeline');
    const definition = JSON.parse(readFileSync(path.join(workspace, PIPELINE), 'utf8')) as { States: Record<string, unknown> };
    const drawn = await graph.locator(NODE).evaluateAll((nodes: { getAttribute(name: string): string | null }[]) => nodes.map((node) => node.getAttribute('data-name')));
    for (const state of Object.keys(definition.States)) {
      assert.ok(drawn.includes(state), `The graph should draw \`${state}\`; it draws ${drawn.join(', ')}`);
    }

    // Clicking a node selects its state's name in the editor.
    const lines = readFileSync(path.join(workspace, PIPELINE), 'utf8').split('\n');
    const shipOrderLine = lines.findIndex((line) => line.trimStart().startsWith('"Ship Order": {')) + 1;
    await graph.locator('svg g[data-name="Ship Order"]').first().click();
    const deadline = Date.now() + 60_000;
    while ((await workbench.cursor()).line !== shipOrderLine) {
      if (Date.now() > deadline) throw new Error(`Clicking \`Ship Order\` should move the cursor to line ${shipOrderLine}; it is at ${JSON.stringify(await workbench.cursor())}`);
      await workbench.page.waitForTimeout(250);
    }
    assert.equal((await workbench.cursor()).selected, 'Ship Order'.length, 'The state name should be selected');

    // The preview follows the active editor and marks the states that have problems: `Send Receipt`
    // lacks its transition, `Archive Order` has none.
    await workbench.openFile(BROKEN_EXAMPLE);
    const broken = await workbench.webviewFrame('svg g[data-name="Send Receipt"].has-error', 'the broken example with `Send Receipt` in error');
    assert.equal(await broken.locator('svg g[data-name="Archive Order"].has-error').count(), 0, '`Archive Order` has no problem of its own');
  },
};
