/** Renders images/icon.svg to the PNG the marketplace and the extensions view show (256×256). */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from './chromium';

const SIZE = 256;

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const svg = readFileSync(path.join(root, 'images', 'icon.svg'), 'utf8');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    writeFileSync(path.join(root, 'images', 'icon.png'), png);
    console.log(`images/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
