/**
 * Statecraft's language service as it ships: bundled by esbuild with the options of
 * `scripts/build.mjs`. Running the TypeScript sources through tsx would measure something else: tsx
 * keeps function names by wrapping every function expression in a naming call, which costs time in
 * hot loops that the shipped bundle never pays, and it loads jsonc-parser's UMD build instead of the
 * bundled ESM one.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';

type LanguageServiceModule = typeof import('../server/src/service/languageService');

const ROOT = join(__dirname, '..');
/** Where the bundle is written: a cache directory that git and the package ignore. */
export const SERVICE_BUNDLE = join(ROOT, 'node_modules', '.cache', 'statecraft-bench', 'languageService.js');

let loaded: LanguageServiceModule | undefined;

/** Bundles the service (once per process) and loads it. */
export function loadLanguageService(): LanguageServiceModule {
  if (loaded) return loaded;
  buildSync({
    absWorkingDir: ROOT,
    entryPoints: ['server/src/service/languageService.ts'],
    outfile: SERVICE_BUNDLE,
    bundle: true,
    platform: 'node',
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    inject: ['scripts/import-meta-url.js'],
    define: { 'import.meta.url': 'importMetaUrl' },
    target: 'node18',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
  });
  loaded = require(SERVICE_BUNDLE) as LanguageServiceModule;
  return loaded;
}
