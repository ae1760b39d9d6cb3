/**
 * The VS Code workbench as a user drives it: the command palette, quick open, the editor, the Problems
 * panel, the Output panel, the status bar. Each action waits for what the user would wait for (a row
 * to appear, a tab to open) rather than for a fixed time, with generous limits for a loaded machine.
 */
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';

/** How long a step may take before the flow fails: long, because CI machines are small and shared. */
export const STEP_TIMEOUT_MS = 60_000;

export type ProblemSeverity = 'Error' | 'Warning' | 'Info' | 'Hint';

/** One row of the Problems panel, as shown there. */
export interface Problem {
  file: string;
  severity: ProblemSeverity;
  message: string;
  source: string;
  code: string;
  line: number;
  column: number;
}

/**
 * The part of a DOM element the in-page readers below use. The project compiles without the DOM
 * library (nothing else runs in a browser), so the shape is spelled out here.
 */
interface RenderedElement {
  getAttribute(name: string): string | null;
  querySelector(selector: string): RenderedElement | null;
  querySelectorAll(selector: string): Iterable<RenderedElement>;
  readonly textContent: string | null;
  readonly innerText: string;
  readonly style: { readonly top: string };
  readonly parentElement: RenderedElement | null;
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** Loads the workbench at `url` and waits until the explorer shows the workspace's files. */
  async load(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 2 * STEP_TIMEOUT_MS });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 2 * STEP_TIMEOUT_MS });
  }

  /** Answers VS Code's "Do you trust the authors of the files in this folder?" prompt. */
  async answerTrustPrompt(trust: boolean): Promise<void> {
    const answer = trust ? 'Yes, I trust the authors' : "No, I don't trust the authors";
    await this.page.locator('.monaco-dialog-box .monaco-button', { hasText: answer }).click({ timeout: 2 * STEP_TIMEOUT_MS });
    if (!trust) await this.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor({ timeout: STEP_TIMEOUT_MS });
  }

  /** Runs a command by its title through the command palette (Ctrl+Shift+P). */
  async runCommand(title: string): Promise<void> {
    const input = await this.openQuickInput('Control+Shift+P');
    await input.fill(`>${title}`);
    const row = await this.quickInputRow(`command \`${title}\``, (label) => label === title || label.startsWith(`${title},`));
    await row.click();
    // Done when the palette closes, or when the command's own picker replaces it (no `>` prefix).
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    while ((await this.quickInput().isVisible()) && (await input.inputValue().catch(() => '')).startsWith('>')) {
      if (Date.now() > deadline) throw new Error(`The command palette did not close after running \`${title}\``);
      await this.page.waitForTimeout(100);
    }
  }

  /** Opens a workspace file through quick open (Ctrl+P) and waits for its editor to be active. */
  async openFile(relativePath: string): Promise<void> {
    const name = path.posix.basename(relativePath);
    const folder = path.posix.dirname(relativePath);
    // Quick open labels a file as `name, file results`, or `name folder, file results` below the root.
    const label = folder === '.' ? `${name},` : `${name} ${folder},`;
    const input = await this.openQuickInput('Control+P');
    await input.fill(relativePath);
    // Quick open lists the file once the workspace's file search answers (a few seconds the first time).
    const row = await this.quickInputRow(`file \`${relativePath}\``, (shown) => shown.startsWith(label));
    await row.click();
    await this.activeTab(name).waitFor({ timeout: STEP_TIMEOUT_MS });
    await this.activeEditor().locator('.view-lines').waitFor({ timeout: STEP_TIMEOUT_MS });
  }

  /** Closes every editor, discarding unsaved changes, so a flow starts from an empty editor area. */
  async closeAllEditors(): Promise<void> {
    await this.runCommand('View: Close All Editors');
    const tabs = this.page.locator('.editor-group-container .tab');
    const dontSave = this.page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    while ((await tabs.count()) > 0) {
      if (await dontSave.isVisible()) await dontSave.click();
      if (Date.now() > deadline) throw new Error('Editors are still open after `View: Close All Editors`');
      await this.page.waitForTimeout(200);
    }
  }

  activeTab(name: string): Locator {
    return this.page.locator('.tabs-container .tab.active', { has: this.page.locator('.label-name', { hasText: name }) });
  }

  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** Replaces `text` by `replacement` in the active editor with the find and replace widget (Ctrl+H). */
  async replaceInEditor(text: string, replacement: string): Promise<void> {
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+H');
    const widget = this.page.locator('.editor-group-container.active .find-widget.visible');
    await widget.locator('.find-part textarea').fill(text);
    await widget.locator('.replace-part textarea').fill(replacement);
    await widget.locator('.matchesCount', { hasText: /^1 of 1$/ }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await widget.locator('.replace-part [aria-label^="Replace All"]').click();
    await widget.locator('.matchesCount', { hasText: /No results/ }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await this.page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  }

  /** Moves the cursor to a line and column of the active editor (Ctrl+G, `line:column`). */
  async goTo(line: number, column: number): Promise<void> {
    await this.activeEditor().locator('.view-lines').click();
    const input = await this.openQuickInput('Control+G');
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
    await this.page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: STEP_TIMEOUT_MS });
  }

  /** Types into the active editor key by key, as a user does (auto-closing quotes and all). */
  async typeKeys(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 20 });
  }

  /** Opens the quick fixes at the cursor (Ctrl+.) and applies the one titled `title`. */
  async applyQuickFix(title: string): Promise<void> {
    await this.page.keyboard.press('Control+.');
    const menu = this.page.locator('.action-widget');
    const action = menu.locator(`.monaco-list-row[aria-label="${title.replace(/"/g, '\\"')}"]`);
    try {
      await action.waitFor({ timeout: STEP_TIMEOUT_MS });
    } catch (error) {
      const offered = await menu.locator('.monaco-list-row').allInnerTexts().catch(() => []);
      throw new Error(`No quick fix \`${title}\`; the menu offers: ${offered.join(' | ') || 'nothing'}`, { cause: error });
    }
    // The menu blocks the pointer until the mouse moves: choose with the keyboard, as most users do.
    const rows = await menu.locator('.monaco-list-row').count();
    for (let step = 0; step <= rows; step++) {
      if ((await menu.locator('.monaco-list-row.focused').getAttribute('aria-label')) === title) break;
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  }

  /** The labels of the completion list (suggest widget) once it shows. */
  async suggestions(): Promise<string[]> {
    const rows = this.page.locator('.editor-group-container.active .suggest-widget.visible .monaco-list-row');
    await rows.first().waitFor({ timeout: STEP_TIMEOUT_MS });
    return rows.locator('.label-name').allInnerTexts();
  }

  /** Accepts the completion item labelled `label` by clicking it. */
  async acceptSuggestion(label: string): Promise<void> {
    const widget = this.page.locator('.editor-group-container.active .suggest-widget.visible');
    await widget.locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) }).first().click();
    await widget.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
  }

  /** Rests the mouse on `text` in a line of the active editor and returns the hover's text. */
  async hover(line: number, text: string): Promise<string> {
    await this.goTo(line, 1); // reveals the line
    const editor = this.activeEditor();
    // Line numbers and view lines share their `top`: find the view line drawn beside number `line`.
    const tops = await editor.locator('.margin-view-overlays .line-numbers').evaluateAll((numbers: RenderedElement[], wanted: number) =>
      numbers.filter((number) => number.textContent?.trim() === String(wanted)).map((number) => number.parentElement?.style.top ?? ''),
    line);
    if (tops.length !== 1 || !tops[0]) throw new Error(`Line ${line} is not drawn in the editor`);
    const index = await editor.locator('.view-line').evaluateAll((lines: RenderedElement[], top: string) => lines.findIndex((candidate) => candidate.style.top === top), tops[0]);
    const viewLine = editor.locator('.view-line').nth(index);
    await viewLine.locator('span span', { hasText: text }).first().hover();
    const hover = this.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').first();
    await hover.waitFor({ timeout: STEP_TIMEOUT_MS });
    return (await hover.innerText()).trim();
  }

  /** The number of the line a decoration class marks in the active editor (e.g. the paused line). */
  async decoratedLine(className: string): Promise<number | undefined> {
    const editor = this.activeEditor();
    const top = await editor
      .locator(`.view-overlays .${className}`)
      .first()
      .evaluate((element: RenderedElement) => element.parentElement?.style.top ?? '')
      .catch(() => '');
    if (!top) return undefined;
    const numbers = await editor.locator('.margin-view-overlays .line-numbers').evaluateAll(
      (elements: RenderedElement[], wanted: string) =>
        elements.filter((element) => element.parentElement?.style.top === wanted).map((element) => element.textContent?.trim() ?? ''),
      top,
    );
    return numbers.length > 0 ? Number(numbers[0]) : undefined;
  }

  /** The text of a view of the workbench (Call Stack, Variables, Debug Console...), top to bottom. */
  async viewText(selector: string): Promise<string> {
    const view = this.page.locator(selector).first();
    await view.waitFor({ timeout: STEP_TIMEOUT_MS });
    return (await view.innerText()).replace(/\u00a0/g, ' ');
  }

  /** Waits until a view's text satisfies `accept`; the error shows the text seen last. */
  async waitForViewText(selector: string, description: string, accept: (text: string) => boolean): Promise<string> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      const text = await this.viewText(selector).catch(() => '');
      if (accept(text)) return text;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${description}; \`${selector}\` shows:\n${text}`);
      await this.page.waitForTimeout(250);
    }
  }

  /**
   * The frame of a webview whose document has an element matching `selector`. Webviews are nested
   * iframes; Playwright lists every frame of the page, so the one drawing the content is found.
   */
  async webviewFrame(selector: string, description: string): Promise<Frame> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      for (const frame of this.page.frames()) {
        if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
      }
      if (Date.now() > deadline) throw new Error(`No webview shows ${description} (${selector}); frames: ${this.page.frames().length}`);
      await this.page.waitForTimeout(250);
    }
  }

  /** The cursor position the status bar shows, e.g. `{ line: 3, column: 5, selected: 7 }`. */
  async cursor(): Promise<{ line: number; column: number; selected: number }> {
    const text = await this.page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first().innerText();
    const match = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
    if (!match) throw new Error(`The status bar shows no cursor position: "${text}"`);
    return { line: Number(match[1]), column: Number(match[2]), selected: Number(match[3] ?? 0) };
  }

  /** Puts the cursor at the end of the active editor's document (Ctrl+End). */
  async goToEndOfEditor(): Promise<void> {
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+End');
  }

  /** Undoes the last edit in the active editor (Ctrl+Z). */
  async undo(): Promise<void> {
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+Z');
  }

  /** Types into the active editor as a user does, replacing the selection. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.insertText(text);
  }

  /** Replaces the whole content of the active editor and saves it (Ctrl+A, type, Ctrl+S). */
  async replaceEditorContentAndSave(text: string): Promise<void> {
    await this.activeEditor().locator('.view-lines').click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.insertText(text);
    await this.page.keyboard.press('Control+S');
    // The tab drops its unsaved-changes dot once the file is written.
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
  }

  /** The text of the lines the active editor renders (what is scrolled into view). */
  async visibleEditorText(): Promise<string> {
    return readViewLines(this.activeEditor());
  }

  /** Every status bar entry, by its accessible label. */
  async statusBar(): Promise<string[]> {
    return this.page
      .locator('.statusbar-item')
      .evaluateAll((items: RenderedElement[]) => items.map((item) => item.getAttribute('aria-label') || item.innerText.trim()));
  }

  /** Opens the Problems panel and returns its rows (the panel sits at the right, tall enough for all). */
  async problems(): Promise<Problem[]> {
    await this.showProblemsPanel();
    return this.page.locator('.markers-panel .monaco-list-row').evaluateAll(readProblemRows);
  }

  /**
   * Waits until the Problems panel satisfies `accept`, re-reading it as diagnostics arrive. On timeout
   * the error shows what the panel listed last, which is what a reader of a failed run needs.
   */
  async waitForProblems(
    description: string,
    accept: (problems: Problem[]) => boolean,
    timeoutMs = STEP_TIMEOUT_MS,
  ): Promise<Problem[]> {
    const deadline = Date.now() + timeoutMs;
    let last: Problem[] = [];
    for (;;) {
      last = await this.problems();
      if (accept(last)) return last;
      if (Date.now() > deadline) {
        throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for the Problems panel to show ${description}. It lists:\n${formatProblems(last)}`);
      }
      await this.page.waitForTimeout(250);
    }
  }

  async showProblemsPanel(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ timeout: STEP_TIMEOUT_MS });
    }
  }

  /**
   * Shows an output channel in the Output panel with the view's filter set to `filter` (unfiltered,
   * a busy channel keeps scrolling to its newest line) and waits until the text it shows, wrapped
   * lines joined, matches `until`; returns that match.
   */
  async outputChannel(name: string, filter: string, until: RegExp): Promise<RegExpExecArray> {
    await this.runCommand('Output: Show Output Channels...');
    const row = await this.quickInputRow(`output channel \`${name}\``, (label) => label === name);
    await row.click();
    const editor = this.page.locator('.part.panel .output-view .monaco-editor').first();
    await editor.locator('.view-line').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    const filterBox = this.page.locator('.part.panel input[placeholder="Filter"]');
    await filterBox.fill(filter);
    try {
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      for (;;) {
        const text = (await readViewLines(editor)).replace(/\s+/g, ' ');
        const match = until.exec(text);
        if (match) return match;
        if (Date.now() > deadline) throw new Error(`The ${name} output filtered by "${filter}" never matched ${until}; it shows:\n${text}`);
        await this.page.waitForTimeout(250);
      }
    } finally {
      await filterBox.fill('');
    }
  }

  /** The row of an extension in `Developer: Show Running Extensions`. */
  async runningExtension(displayName: string): Promise<{ activation: string; messages: string }> {
    await this.runCommand('Developer: Show Running Extensions');
    const row = this.page.locator('.runtime-extensions-editor .monaco-list-row', {
      has: this.page.locator('.name', { hasText: displayName }),
    });
    await row.waitFor({ timeout: STEP_TIMEOUT_MS });
    // The row reads `Activating...` until activate() has returned.
    const time = row.locator('.activation-time', { hasNotText: 'Activating' });
    await time.waitFor({ timeout: STEP_TIMEOUT_MS });
    return { activation: (await time.innerText()).trim(), messages: (await row.locator('.msg').innerText()).trim() };
  }

  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file, fullPage: true });
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private async openQuickInput(shortcut: string): Promise<Locator> {
    const input = this.quickInput().locator('.quick-input-box input');
    // A key press can land while the workbench is still busy: press again until the box shows.
    for (let attempt = 0; ; attempt++) {
      await this.page.keyboard.press(shortcut);
      try {
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        return input;
      } catch (error) {
        if (attempt >= 5) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /**
   * Waits for the quick input row whose accessible label satisfies `match` (rows appear as the list's
   * provider answers) and returns it.
   */
  private async quickInputRow(description: string, match: (label: string) => boolean): Promise<Locator> {
    const rows = this.quickInput().locator('.monaco-list-row');
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      const labels = await rows.evaluateAll((elements: RenderedElement[]) =>
        elements.map((element) => ({ index: element.getAttribute('data-index'), label: element.getAttribute('aria-label') ?? '' })),
      );
      const found = labels.find((row) => match(row.label));
      if (found) return this.quickInput().locator(`.monaco-list-row[data-index="${found.index}"]`);
      if (Date.now() > deadline) {
        throw new Error(`No ${description} in the quick input list; it shows: ${labels.map((row) => row.label).join(' | ')}`);
      }
      await this.page.waitForTimeout(200);
    }
  }
}

/**
 * Runs in the page: turns Problems panel rows into Problems (a file row sets the file of the marker
 * rows below it). It is serialised into the browser, so it must not name inner functions: the
 * TypeScript loader would wrap them in a helper that exists only in Node.
 */
function readProblemRows(rows: RenderedElement[]): Problem[] {
  const problems: Problem[] = [];
  let file = '';
  for (const row of rows) {
    const label = row.getAttribute('aria-label') ?? '';
    const severity = (['Error', 'Warning', 'Info', 'Hint'] as const).find((name) => label.startsWith(`${name}:`));
    const message = row.querySelector('.marker-message-line');
    if (!severity || !message) {
      // A file row; related-information rows (no severity) are skipped.
      const name = row.querySelector('.label-name')?.textContent?.trim();
      if (name && !message && !severity) file = name;
      continue;
    }
    const position = /\[Ln (\d+), Col (\d+)\]/.exec(row.querySelector('.marker-line')?.textContent ?? '');
    problems.push({
      file,
      severity,
      message: Array.from(row.querySelectorAll('.marker-message'), (part) => (part.textContent ?? '').trim()).join('\n'),
      source: (row.querySelector('.marker-source')?.textContent ?? '').trim(),
      code: (row.querySelector('.marker-code')?.textContent ?? '').trim().replace(/^\(|\)$/g, ''),
      line: position ? Number(position[1]) : 0,
      column: position ? Number(position[2]) : 0,
    });
  }
  return problems;
}

export function formatProblems(problems: Problem[]): string {
  if (problems.length === 0) return '  (no problems)';
  return problems
    .map((problem) => `  ${problem.file}:${problem.line}:${problem.column} ${problem.severity} ${problem.code}: ${problem.message}`)
    .join('\n');
}

/**
 * The text an editor shows, top to bottom. Monaco reuses line elements and positions each with
 * `top`, so their document order is not the visual one. A line wrapped over several rows comes back
 * as several lines; Monaco's non-breaking spaces come back as spaces.
 */
async function readViewLines(editor: Locator): Promise<string> {
  const lines = await editor.locator('.view-line').evaluateAll((elements: RenderedElement[]) =>
    elements.map((element) => ({ top: parseFloat(element.style.top) || 0, text: element.textContent ?? '' })),
  );
  return lines
    .sort((a, b) => a.top - b.top)
    .map((line) => line.text.replace(/\u00a0/g, ' '))
    .join('\n');
}
