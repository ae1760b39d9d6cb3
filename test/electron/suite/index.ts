/**
 * Entry that @vscode/test-electron calls inside the extension host: runs the specs with mocha and
 * rejects when any fails. The specs are required only after mocha has set up its `describe`/`it`.
 */
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000 });
  mocha.suite.emit('pre-require', globalThis, 'statecraft', mocha);
  require('./diagnostics.spec');
  require('./settings.spec');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
