/**
 * `npm run test:e2e`: the packaged extension in a real VS Code (code-server) driven through headless
 * Chromium, flow by flow as a user works (see flows/index.ts). It never skips: what it needs is
 * installed by scripts/setup-e2e.sh, or the run fails saying what is missing.
 */
import { after, before, describe, it } from 'node:test';
import { FLOWS, RESTRICTED_FLOWS } from './flows';
import { E2ESession, type Flow } from './session';

/** A cold machine installs code-server first (a few minutes); a warm one starts in seconds. */
const SETUP_TIMEOUT_MS = 20 * 60_000;
const FLOW_TIMEOUT_MS = 5 * 60_000;

E2ESession.clearResults();

function suite(title: string, trust: 'trusted' | 'restricted', flows: readonly Flow[], report: boolean): void {
  describe(title, () => {
    let session: E2ESession | undefined;

    before(async () => {
      session = await E2ESession.start(trust);
    }, { timeout: SETUP_TIMEOUT_MS });

    after(async () => {
      if (!session) return;
      if (report) console.log(session.report());
      await session.close();
    }, { timeout: 60_000 });

    for (const flow of flows) {
      it(flow.title, { timeout: FLOW_TIMEOUT_MS }, async () => {
        if (!session) throw new Error('The session did not start (see the error of the set-up above)');
        await session.run(flow);
      });
    }
  });
}

suite('Statecraft in VS Code (code-server)', 'trusted', FLOWS, true);
suite('Statecraft in VS Code, untrusted folder', 'restricted', RESTRICTED_FLOWS, false);
