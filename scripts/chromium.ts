/** Finds and launches the headless Chromium the end-to-end tests and the icon renderer drive. */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's package first; any Chromium or Chrome binary can be given as CHROMIUM=/path. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | undefined {
  const chosen = process.env.CHROMIUM;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

/** Flags for a container without a GPU or a user namespace, and a browser that never phones home. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error(
      'No Chromium found (looked for ' + CANDIDATES.join(', ') + '). Run `scripts/setup-e2e.sh` as root to install ' +
        "Debian's `chromium`, or point CHROMIUM at a Chromium or Chrome binary.",
    );
  }
  return chromium.launch({ executablePath, args: ARGS });
}
