/**
 * The untrusted flow in a real VS Code: code-server opens a folder in Restricted Mode (started
 * without --disable-workspace-trust, the startup prompt off), whose config sends alerts to a
 * webhook on loopback. Run Drift Analysis analyzes it but sends nothing, and says so in one
 * notification with Manage Workspace Trust; once the folder is trusted in the trust editor, the
 * next run sends the alerts, with no reload.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { webhookServer, type WebhookServer } from '../../../server/test/engine/notify/servers';
import { startCodeServer, type RunningCodeServer } from './codeServer';

const root = new URL('../../../', import.meta.url).pathname;
const demo = join(root, 'test-fixtures', 'demo');
const results = join(root, 'test-results');
let codeServer: RunningCodeServer;
let browser: Browser;
let page: Page;
let webhook: WebhookServer;

beforeAll(async () => {
  execFileSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });
  mkdirSync(results, { recursive: true });
  webhook = await webhookServer([200]);
  const scratch = mkdtempSync(join(tmpdir(), 'drift-e2e-restricted-'));
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace);
  for (const file of ['reference.csv', 'current.csv']) copyFileSync(join(demo, file), join(workspace, file));
  writeFileSync(
    join(workspace, 'drift.yaml'),
    `${readFileSync(join(demo, 'drift.yaml'), 'utf8')}\nnotifications:\n  webhook: { url: ${webhook.url} }\n`,
  );
  const profile = join(scratch, 'profile');
  mkdirSync(join(profile, 'data', 'User'), { recursive: true });
  writeFileSync(
    join(profile, 'data', 'User', 'settings.json'),
    JSON.stringify({
      // Restricted Mode at once, without the modal question.
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
      'workbench.startupEditor': 'none',
      'driftMonitor.openReportAfterAnalysis': false,
      'chat.disableAIFeatures': true,
    }),
  );
  codeServer = await startCodeServer(join(root, 'drift-monitor.vsix'), profile, workspace, { workspaceTrust: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
}, 600_000);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail')
    await page?.screenshot({ path: join(results, 'vscode-failed-restricted.png') }).catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  codeServer?.stop();
  await webhook?.close();
});

/**
 * Runs the command `title` from the command palette, clicking its own row. The palette lists
 * the extension's commands once the extensions are scanned: until then, it is opened again.
 */
async function runCommand(title: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${title}$`) }) });
  for (let attempt = 1; ; attempt++) {
    await page.locator('.part.sidebar').click({ position: { x: 100, y: 400 } });
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill(`>${title}`);
    try {
      await row.first().waitFor({ state: 'visible', timeout: 20_000 });
      await row.first().click();
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** The toast that says `text`, once it is on screen. */
function toast(text: string) {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
}

describe('Drift Monitor in Restricted Mode', () => {
  it('analyzes without sending, says what was held back, and sends once the folder is trusted', async () => {
    await runCommand('Drift Monitor: Run Drift Analysis');
    const notice = toast('ran in Restricted Mode');
    await notice.waitFor({ state: 'visible', timeout: 120_000 });
    expect(await notice.innerText()).toContain('the alerts to the webhook held back');
    // The analysis's own summary came too: the run finished, and the report says what it held back.
    await toast('Drift analysis of drift.yaml:').waitFor({ state: 'visible', timeout: 30_000 });
    expect(webhook.requests).toEqual([]);

    await notice.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).click();
    const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
    await trust.waitFor({ state: 'visible', timeout: 30_000 });
    await trust.click();
    await page.locator('.workspace-trust-editor', { hasText: 'You trust this folder' }).waitFor({ timeout: 30_000 });
    // The trust editor opens over the workbench: closed with its X before the next command.
    await page.locator('.action-label[aria-label^="Close Modal Editor"]').click();
    await page.locator('.workspace-trust-editor').waitFor({ state: 'hidden', timeout: 30_000 });

    await runCommand('Drift Monitor: Run Drift Analysis');
    await expect.poll(() => webhook.requests.length, { timeout: 120_000 }).toBe(1);
    expect(JSON.parse(webhook.requests[0]!.body).config).toBe('drift.yaml');
  }, 600_000);
});
