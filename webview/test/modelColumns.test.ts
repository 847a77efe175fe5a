/**
 * The report page on a class new in the current file and on model columns the metrics cannot
 * read (test-fixtures/model-columns/generate.py): each is listed in the performance section,
 * with its severity, and a left-out metric is not shown as a number.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../server/src/protocol/report';
import { CHROMIUM } from './ensureChromium';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'drift-webview-model-columns-'));
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The fixture's HTML export, opened; its report; and the page's console errors. */
async function opened(folder: string): Promise<{ page: Page; report: Report; errors: string[] }> {
  const html = join(dir, `${folder}.html`);
  const json = join(dir, `${folder}.json`);
  const config = join(root, 'test-fixtures/model-columns', folder, 'drift.yaml');
  const run = spawnSync(
    process.execPath,
    [join(root, 'dist/cli.js'), 'analyze', config, '--html', html, '--json', json, '--quiet', '--no-history'],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`drift-monitor exited ${run.status}: ${run.stderr}`);
  const page = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector('#report[data-rendered="1"]');
  return { page, report: JSON.parse(readFileSync(json, 'utf8')) as Report, errors };
}

describe('report page: model columns', () => {
  it('lists a class new in the current file with its severity, and its row in the confusion matrix', async () => {
    const { page, report, errors } = await opened('new-class');
    const items = page.locator('#section-performance ul.new-classes li');
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toBe(`moderate ${report.performance!.newClasses[0].message}`);
    expect(await page.locator('#section-performance table.confusion tbody tr').count()).toBe(3);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lists each model column error, and shows no number for a metric left out', async () => {
    const { page, report, errors } = await opened('word-predictions');
    const items = page.locator('#section-performance ul.model-column-problems li');
    expect(await items.allTextContents()).toEqual(report.performance!.problems.map((p) => `error ${p.message}`));
    const accuracy = page.locator('#section-performance table.metrics tbody tr', { hasText: 'accuracy' });
    expect(await accuracy.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
