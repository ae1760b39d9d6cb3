// Bundles the extension, the language server and the CLI with esbuild.
import { copyFileSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  // jsonc-parser's UMD build (its `main`) loads its modules through a dynamic require that a bundle
  // cannot follow; its ESM build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  // ESM dependencies (fdir, under tinyglobby) read `import.meta.url`, which a CommonJS bundle lacks:
  // each bundle computes it from its own file name.
  inject: ['scripts/import-meta-url.js'],
  define: { 'import.meta.url': 'importMetaUrl' },
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'info',
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/debug/adapter.ts'], outfile: 'dist/debugAdapter.js' },
];

// The graph preview's webview runs in a browser; its strict CSP allows no eval, and ELK's worker
// (its own file, which the page starts from a blob: URL) needs none.
const webview = { bundle: true, platform: 'browser', format: 'iife', target: 'chrome114', sourcemap: true, minify: common.minify, logLevel: 'info' };
const webviewEntries = [
  { entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview/main.js' },
  { entryPoints: ['client/webview/styles.css'], outfile: 'dist/webview/main.css' },
];
mkdirSync('dist/webview', { recursive: true });
copyFileSync('node_modules/elkjs/lib/elk-worker.min.js', 'dist/webview/elk-worker.min.js');
const options = [...entries.map((entry) => ({ ...common, ...entry })), ...webviewEntries.map((entry) => ({ ...webview, ...entry }))];

if (watch) {
  const { context } = await import('esbuild');
  for (const entry of options) await (await context(entry)).watch();
} else {
  await Promise.all(options.map((entry) => build(entry)));
}
