/**
 * Statecraft's language service as it ships: bundled by esbuild with the options of
 * `scripts/build.mjs`. Running the TypeScript sources through tsx would measure something else: tsx
 * keeps function names by wrapping every function expression in a naming call, which costs time in
 * hot loops that the shipped bundle never pays, and it loads jsonc-parser's UMD build instead of the
 * bundled ESM one.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';

/** What the benchmarks use: the service facade, and the parser and rules one by one for profiling. */
export interface StatecraftModule {
  getLanguageService: typeof import('../server/src/service/languageService').getLanguageService;
  parseAsl: typeof import('../server/src/asl/parse').parseAsl;
  validate: typeof import('../server/src/service/validation').validate;
  RULES: typeof import('../server/src/service/rules').RULES;
}

const ROOT = join(__dirname, '..');
/** Where the bundle is written: a cache directory that git and the package ignore. */
export const SERVICE_BUNDLE = join(ROOT, 'node_modules', '.cache', 'statecraft-bench', 'statecraft.js');

const ENTRY = `
export { getLanguageService } from './server/src/service/languageService';
export { parseAsl } from './server/src/asl/parse';
export { validate } from './server/src/service/validation';
export { RULES } from './server/src/service/rules';
`;

let loaded: StatecraftModule | undefined;

/** Bundles the service (once per process) and loads it. */
export function loadStatecraft(): StatecraftModule {
  if (loaded) return loaded;
  buildSync({
    absWorkingDir: ROOT,
    stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: 'bench-entry.ts', loader: 'ts' },
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
  loaded = require(SERVICE_BUNDLE) as StatecraftModule;
  return loaded;
}
