/**
 * One end-to-end session: the packaged .vsix installed into a fresh code-server profile, a copy of
 * `examples/` as the workspace, and one headless Chromium window on it. Flows run one after another
 * in that window; a failed flow leaves a screenshot and the extension's logs under test-results/e2e/,
 * and the window is reloaded so the next flow starts clean.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';
import { ensureCodeServer, freePort, installExtension, startCodeServer, writeUserSettings, type RunningCodeServer } from '../../scripts/codeServer';
import { formatBytes, packageExtension, ROOT, type PackagedExtension } from '../../scripts/vsix';
import { Workbench } from './workbench';

export const RESULTS_DIR = path.join(ROOT, 'test-results', 'e2e');

export interface Metric {
  label: string;
  value: number;
  unit: 'ms' | 'bytes';
  /** How it was measured, for whoever quotes the number. */
  how: string;
}

/** What a flow gets: the window to drive, where the workspace is, and a place to record numbers. */
export interface FlowContext {
  workbench: Workbench;
  /** The workspace folder (a copy of examples/) the window has open. */
  workspace: string;
  /** The language server's output channel as written to disk (the Output panel shows the same text). */
  languageServerLog(): string;
  /** The extension host's log (activation events, extension errors). */
  extensionHostLog(): string;
  record(metric: Metric): void;
}

export interface Flow {
  /** What a user would see happen, as the test's title. */
  title: string;
  run(context: FlowContext): Promise<void>;
}

export class E2ESession {
  readonly metrics: Metric[] = [];
  private workbench?: Workbench;

  private constructor(
    private readonly temp: string,
    readonly workspace: string,
    private readonly userDataDir: string,
    private readonly codeServer: RunningCodeServer,
    private readonly browser: Browser,
    private readonly serverLog: string[],
    private readonly trust: 'trusted' | 'restricted',
  ) {}

  /**
   * `restricted`: the window opens the workspace as untrusted (Restricted Mode), answering VS Code's
   * trust prompt with "No"; otherwise every folder is trusted.
   */
  static async start(trust: 'trusted' | 'restricted' = 'trusted'): Promise<E2ESession> {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const temp = mkdtempSync(path.join(os.tmpdir(), 'statecraft-e2e-'));
    const workspace = path.join(temp, 'workspace');
    const userDataDir = path.join(temp, 'user-data');
    const extensionsDir = path.join(temp, 'extensions');
    const metrics: Metric[] = [];

    const entry = ensureCodeServer({ browser: true });
    const vsix = packageExtension(path.join(temp, 'statecraft.vsix'));
    checkPackageContents(vsix);
    metrics.push({ label: '.vsix size', value: vsix.bytes, unit: 'bytes', how: `npm run package (${formatBytes(vsix.bytes)}, ${vsix.files.length} files)` });
    installExtension(entry, vsix.file, extensionsDir);

    cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
    // Tracing the protocol makes the client log the `initialize` round trip with its duration.
    writeUserSettings(userDataDir, {
      'statecraft.trace.server': 'messages',
      // Every opened file keeps its own tab, so opening a second file never closes the first.
      'workbench.editor.enablePreview': false,
      // VS Code in the browser saves after a second by default; desktop VS Code, and these flows,
      // leave saving to the user.
      'files.autoSave': 'off',
      // The panel at the right runs the window's full height: the Problems list renders every row
      // (it only renders the rows in view) while the editor stays visible beside it.
      'workbench.panel.defaultLocation': 'right',
    });

    const serverLog: string[] = [];
    const serverStarted = Date.now();
    const codeServer = await startCodeServer({
      entry,
      port: await freePort(),
      userDataDir,
      extensionsDir,
      folder: workspace,
      workspaceTrust: trust === 'restricted',
      log: (chunk) => serverLog.push(chunk),
    });
    metrics.push({ label: 'code-server start', value: Date.now() - serverStarted, unit: 'ms', how: 'process spawn until /healthz answers' });

    let browser: Browser;
    try {
      browser = await launchChromium();
    } catch (error) {
      await codeServer.stop();
      throw error;
    }
    const session = new E2ESession(temp, workspace, userDataDir, codeServer, browser, serverLog, trust);
    session.metrics.push(...metrics);
    const loadStarted = Date.now();
    await session.window();
    session.metrics.push({ label: 'workbench load', value: Date.now() - loadStarted, unit: 'ms', how: 'page load until the explorer lists the workspace' });
    return session;
  }

  /** Runs a flow in the window; on failure saves a screenshot and the logs, then reloads the window. */
  async run(flow: Flow): Promise<void> {
    const workbench = await this.window();
    try {
      await workbench.page.keyboard.press('Escape');
      await workbench.closeAllEditors();
      await flow.run({
        workbench,
        workspace: this.workspace,
        languageServerLog: () => this.languageServerLog(),
        extensionHostLog: () => this.extensionHostLog(),
        record: (metric) => this.metrics.push(metric),
      });
    } catch (error) {
      const stem = path.join(RESULTS_DIR, slug(flow.title));
      await workbench.screenshot(`${stem}.png`).catch(() => undefined);
      writeFileSync(`${stem}.language-server.log`, this.languageServerLog());
      writeFileSync(`${stem}.extension-host.log`, this.extensionHostLog());
      writeFileSync(`${stem}.code-server.log`, this.serverLog.join(''));
      await this.discardWindow(workbench);
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n  screenshot: ${path.relative(ROOT, stem)}.png`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.codeServer.stop();
    rmSync(this.temp, { recursive: true, force: true });
  }

  /** Empties test-results/e2e/ before a run. */
  static clearResults(): void {
    rmSync(RESULTS_DIR, { recursive: true, force: true });
    mkdirSync(RESULTS_DIR, { recursive: true });
  }

  /** The metrics as a table, and as JSON under test-results/e2e/ for tools. */
  report(): string {
    writeFileSync(path.join(RESULTS_DIR, 'metrics.json'), JSON.stringify(this.metrics, null, 2));
    const rows = this.metrics.map((metric) => {
      const value = metric.unit === 'bytes' ? formatBytes(metric.value) : `${metric.value} ms`;
      return `  ${metric.label.padEnd(34)} ${value.padStart(10)}   ${metric.how}`;
    });
    return ['Measured in code-server:', ...rows].join('\n');
  }

  /**
   * After a failure nothing the flow left may leak into the next one: unsaved edits are discarded,
   * the workspace files are copied afresh from examples/, and the next flow gets a new browser
   * context (no window state or editor backups kept in the browser).
   */
  private async discardWindow(workbench: Workbench): Promise<void> {
    await workbench.closeAllEditors().catch(() => undefined);
    await workbench.page.context().close().catch(() => undefined);
    this.workbench = undefined;
    rmSync(this.workspace, { recursive: true, force: true });
    cpSync(path.join(ROOT, 'examples'), this.workspace, { recursive: true });
  }

  /** The current window, loading a fresh one when there is none (at start, after a failure). */
  private async window(): Promise<Workbench> {
    if (!this.workbench) {
      const context = await this.browser.newContext({ viewport: { width: 1920, height: 1200 } });
      const workbench = new Workbench(await context.newPage());
      await workbench.load(this.codeServer.folderUrl);
      if (this.trust === 'restricted') await workbench.answerTrustPrompt(false);
      this.workbench = workbench;
    }
    return this.workbench;
  }

  /** The language server's output channel, as the current window's extension host wrote it to disk. */
  private languageServerLog(): string {
    return this.newestLog((file) => file.endsWith('Statecraft Language Server.log'));
  }

  private extensionHostLog(): string {
    return this.newestLog((file) => path.basename(file) === 'remoteexthost.log');
  }

  /** Each window (each reload) gets a new extension host and log folder: the newest is the current. */
  private newestLog(accept: (file: string) => boolean): string {
    const files = findFiles(path.join(this.userDataDir, 'logs'), accept);
    const newest = files.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs).pop();
    return newest ? readFileSync(newest, 'utf8') : '';
  }
}

/** What a user installs must be the bundles and the files the manifest names, never sources or tests. */
function checkPackageContents(vsix: PackagedExtension): void {
  const required = ['package.json', 'dist/extension.js', 'dist/server.js', 'dist/webview/main.js', 'README.md', 'CHANGELOG.md', 'LICENSE', 'images/icon.png'];
  const missing = required.filter((file) => !vsix.files.includes(file));
  const unwanted = vsix.files.filter((file) => /^(node_modules|server|client|test|scripts|examples|bench)\/|\.ts$|\.map$/.test(file));
  if (missing.length > 0 || unwanted.length > 0) {
    throw new Error(`The .vsix is wrong: missing ${missing.join(', ') || 'nothing'}; should not contain ${unwanted.join(', ') || 'anything else'}`);
  }
}

function findFiles(dir: string, accept: (file: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((relative) => path.join(dir, relative))
    .filter((file) => accept(file) && statSync(file).isFile());
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}
