/**
 * The extension in a real VS Code (code-server, driven in Debian's Chromium): install the
 * packaged .vsix, open a workspace, run "Run Drift Analysis" from the command palette, and
 * look where a person would: the Problems pane, the report panel, the editor's diagnostics.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCodeServer, type RunningCodeServer } from './codeServer';

const root = new URL('../../../', import.meta.url).pathname;
const demo = join(root, 'test-fixtures', 'demo');
let codeServer: RunningCodeServer;
let browser: Browser;
let page: Page;
let workspace: string;

beforeAll(async () => {
  execFileSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });
  const scratch = mkdtempSync(join(tmpdir(), 'drift-e2e-'));
  workspace = join(scratch, 'workspace');
  execFileSync('mkdir', ['-p', workspace]);
  for (const file of ['reference.csv', 'current.csv', 'drift.yaml']) copyFileSync(join(demo, file), join(workspace, file));
  writeFileSync(join(workspace, 'typo.drift.yaml'), 'reference: reference.csv\ncurrent: current.csv\ndrfit:\n  share: 0.3\n');
  codeServer = await startCodeServer(join(root, 'drift-monitor.vsix'), join(scratch, 'profile'), workspace);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  codeServer?.stop();
});

/** Opens the quick input with `key` and types `text` into it (never into the editor, however slow the page). */
async function quickInput(key: string, text: string): Promise<void> {
  await page.locator('.monaco-workbench').click({ position: { x: 600, y: 400 } });
  await page.keyboard.press(key);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(text);
}

/** Opens a workspace file through "Go to File", as a person would from the keyboard. */
async function openFile(name: string): Promise<void> {
  await quickInput('Control+P', name);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label^="${name}"]`, { timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab[aria-label^="${name}"]`, { timeout: 30_000 });
}

async function runCommand(title: string): Promise<void> {
  await quickInput('F1', `>${title}`);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`, { timeout: 30_000 });
  await page.keyboard.press('Enter');
}

describe('Drift Monitor in VS Code', () => {
  it('runs the analysis from the command palette: drifted features in the Problems pane, the report panel with charts', async () => {
    await openFile('drift.yaml');
    await runCommand('Drift Monitor: Run Drift Analysis');
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await expect.poll(async () => problems.innerText(), { timeout: 90_000 }).toContain("Feature 'income' drifted");
    const text = await problems.innerText();
    for (const feature of ['loan_amount', 'employment_type']) expect(text).toContain(`Feature '${feature}' drifted`);

    // The report panel's page (inside the webview's frames): rendered, with its charts.
    await expect
      .poll(async () => {
        for (const frame of page.frames()) {
          const canvases = await frame.locator('#report[data-rendered] canvas').count().catch(() => 0);
          if (canvases > 0) return canvases;
        }
        return 0;
      }, { timeout: 60_000 })
      .toBeGreaterThan(2);
    await page.screenshot({ path: join(root, 'test-results', 'vscode-report.png') });
  }, 240_000);

  it('shows a config typo as a diagnostic in the editor', async () => {
    await openFile('typo.drift.yaml');
    await page.keyboard.press('Control+Shift+M');
    // The drift results fill the pane too; filter to this file's problems.
    await page.locator('.viewpane-filter input').fill('typo.drift.yaml');
    await expect.poll(async () => page.locator('.markers-panel').innerText(), { timeout: 60_000 }).toContain('did you mean `drift`?');
    await expect.poll(async () => page.locator('.squiggly-error').count(), { timeout: 30_000 }).toBeGreaterThan(0);
  }, 120_000);
});
