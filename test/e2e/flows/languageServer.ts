import assert from 'node:assert/strict';
import type { Flow } from '../session';

const DISPLAY_NAME = 'Statecraft: Amazon States Language';
const CHANNEL = 'Statecraft Language Server';

export const languageServerFlow: Flow = {
  title: 'an ASL file activates the extension, which starts its language server',
  async run({ workbench, record, languageServerLog, extensionHostLog }) {
    await workbench.openFile('order-pipeline.asl.json');
    assert.ok((await workbench.statusBar()).includes('Amazon States Language'), 'The status bar should show the language mode `Amazon States Language`');

    // Developer: Show Running Extensions, as a user checks an extension's health.
    const running = await workbench.runningExtension(DISPLAY_NAME);
    const activation = /Activation: (\d+)ms/.exec(running.activation);
    assert.ok(activation, `Running Extensions should show an activation time for ${DISPLAY_NAME}, it shows "${running.activation}"`);
    assert.doesNotMatch(running.messages, /uncaught error/, `${DISPLAY_NAME} should have no uncaught errors, Running Extensions shows "${running.messages}"`);
    assert.match(extensionHostLog(), /_doActivateExtension statecraft\.statecraft, startup: false, activationEvent: 'onLanguage:asl'/);
    record({
      label: 'extension activation',
      value: Number(activation[1]),
      unit: 'ms',
      how: 'Developer: Show Running Extensions (code loading + activate call)',
    });

    // The client logs the `initialize` round trip: the server's start-up, from spawn to its answer.
    const initialize = await workbench.outputChannel(CHANNEL, 'initialize', /Received response 'initialize - \(0\)' in (\d+)ms/);
    record({
      label: 'language server start-up',
      value: Number(initialize[1]),
      unit: 'ms',
      how: `${CHANNEL} output: spawn until the answer to \`initialize\``,
    });
    assert.doesNotMatch(languageServerLog(), /\[Error\b/, 'The language server should have logged no error');
  },
};
