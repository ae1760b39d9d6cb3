/**
 * The built graph preview (dist/webview) in headless Chromium, as the extension shows it: the same
 * HTML and Content-Security-Policy (served from a made-up origin standing in for the webview's
 * resource origin), a fake `acquireVsCodeApi` that records what the page posts, and the messages
 * the extension sends, made by the extension's own `GraphFeed`.
 *
 * Shared by the webview tests and the graph benchmark.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { GraphFeed } from '../../client/src/graph/feed';
import { createNonce, webviewHtml } from '../../client/src/graph/html';
import type { HostMessage, WebviewMessage } from '../../client/src/graph/protocol';

const DIST = join(__dirname, '..', '..', 'dist', 'webview');
const ORIGIN = 'https://webview-resource.statecraft.test';
/** Debian's Chromium unless CHROMIUM names another Chromium or Chrome binary. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Generous: the machine may be busy with other work, and ELK's first layout compiles a lot of code. */
export const TIMEOUT = Number(process.env.GRAPH_TIMEOUT ?? 120_000);

export function chromiumMissing(): string | undefined {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (set CHROMIUM to a Chromium or Chrome binary)`;
  if (!existsSync(join(DIST, 'main.js'))) return 'dist/webview is not built (npm run build)';
  return undefined;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** A dark theme's variables, as VS Code sets them on the page, for screenshots that look like the editor. */
const DARK_THEME: Record<string, string> = {
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-editorWidget-border': '#454545',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-yellow': '#cca700',
};

/** A light theme's variables. */
const LIGHT_THEME: Record<string, string> = {
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-background': '#ffffff',
  '--vscode-editor-foreground': '#3b3b3b',
  '--vscode-editorWidget-background': '#f8f8f8',
  '--vscode-editorWidget-border': '#c8c8c8',
  '--vscode-descriptionForeground': '#717171',
  '--vscode-editorLineNumber-foreground': '#6e7681',
  '--vscode-focusBorder': '#005fb8',
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-green': '#388a34',
  '--vscode-charts-red': '#e51400',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-purple': '#652d90',
  '--vscode-charts-yellow': '#bf8803',
  '--vscode-charts-foreground': '#616161',
  '--vscode-sideBar-background': '#f8f8f8',
  '--vscode-editorHoverWidget-background': '#f8f8f8',
  '--vscode-editorHoverWidget-border': '#c8c8c8',
};

/**
 * Runs in the page before its own script: the fake `acquireVsCodeApi`, the record of CSP
 * violations, and the theme's variables and body class as VS Code sets them. Plain JavaScript text,
 * so nothing the test runner's compiler adds to functions ends up in the page.
 */
function pageSetup(theme: 'dark' | 'light'): string {
  return `
    const recorded = { posted: [], violations: [] };
    window.recorded = recorded;
    let state;
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => recorded.posted.push(JSON.parse(JSON.stringify(message))),
      getState: () => state,
      setState: (value) => { state = value; },
    });
    document.addEventListener('securitypolicyviolation', (event) => {
      recorded.violations.push(event.violatedDirective + ' ' + event.blockedURI);
    });
    document.addEventListener('DOMContentLoaded', () => {
      for (const [name, value] of Object.entries(${JSON.stringify(theme === 'light' ? LIGHT_THEME : DARK_THEME)})) document.documentElement.style.setProperty(name, value);
      document.body.classList.add(${JSON.stringify(`vscode-${theme}`)});
    });
  `;
}

/** What the page did that a test may check: messages posted, errors, CSP violations. */
interface Recorded {
  posted: WebviewMessage[];
  violations: string[];
}

// The page's globals, for the functions that run in it (this project's TypeScript has no DOM library).
declare const recorded: Recorded;
declare function postMessage(message: unknown, targetOrigin: string): void;

export interface PreviewPage {
  page: Page;
  /** Errors the page logged or threw. */
  errors: string[];
  /** Posts a message to the page as the extension does. */
  send(message: HostMessage | Record<string, unknown>): Promise<void>;
  /**
   * Sends the graph message the extension sends for `text` (or a broken text's problem message)
   * and waits until the page has drawn that message's graph. Returns the message sent.
   */
  sendDocument(text: string, uri?: string): Promise<HostMessage>;
  /** Waits until the page has drawn the `version`th graph message it received. */
  waitForGraph(version: number): Promise<void>;
  posted(): Promise<WebviewMessage[]>;
  violations(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openPreview(browser: Browser, options: { theme?: 'dark' | 'light' } = {}): Promise<PreviewPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  const html = webviewHtml({
    cspSource: ORIGIN,
    nonce: createNonce(),
    script: `${ORIGIN}/main.js`,
    style: `${ORIGIN}/main.css`,
    layoutWorker: `${ORIGIN}/elk-worker.min.js`,
  });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: html });
    const file = join(DIST, name);
    if (!/^[\w.-]+$/.test(name) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ contentType: CONTENT_TYPES[extname(name)] ?? 'application/octet-stream', body: readFileSync(file) });
  });

  await page.addInitScript({ content: pageSetup(options.theme ?? 'dark') });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => recorded.posted.some((message) => message.type === 'ready'), undefined, { timeout: TIMEOUT });

  const feed = new GraphFeed();
  let graphs = 0;
  let version = 0;
  const preview: PreviewPage = {
    page,
    errors,
    send: async (message) => {
      if (message.type === 'graph') graphs++;
      await page.evaluate((data) => postMessage(data, '*'), message);
    },
    sendDocument: async (text, uri = 'file:///workflows/example.asl.json') => {
      const message = feed.update(uri, uri.slice(uri.lastIndexOf('/') + 1), feed.document(uri, ++version, () => text));
      await preview.send(message);
      if (message.type === 'graph') await preview.waitForGraph(graphs);
      return message;
    },
    waitForGraph: async (wanted) => {
      await page.waitForSelector(`svg.graph[data-graph-version="${wanted}"]`, { state: 'attached', timeout: TIMEOUT });
    },
    posted: () => page.evaluate(() => recorded.posted),
    violations: () => page.evaluate(() => recorded.violations),
    close: () => page.close(),
  };
  return preview;
}
