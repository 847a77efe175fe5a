/**
 * The report page in a real headless Chromium: HTML exports made by the bundled CLI, opened
 * from file://, under their own CSP. Checks every section, the interactions, the themes and
 * that hostile column names stay text.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureDrift, Report } from '../../server/src/protocol';
import { CHROMIUM } from './ensureChromium';

const root = new URL('../../', import.meta.url).pathname;
const cli = join(root, 'dist/cli.js');
const screenshots = join(root, 'test-results');
const dir = mkdtempSync(join(tmpdir(), 'drift-webview-'));

interface Export {
  html: string;
  report: Report;
}

function exportReport(name: string, config: string): Export {
  const html = join(dir, `${name}.html`);
  const json = join(dir, `${name}.json`);
  const result = spawnSync(process.execPath, [cli, 'analyze', join(root, config), '--html', html, '--json', json, '--quiet'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`drift-monitor exited ${result.status}: ${result.stderr}`);
  return { html, report: JSON.parse(readFileSync(json, 'utf8')) as Report };
}

const DARK = {
  '--vscode-editor-background': '#1e1e1e',
  '--vscode-editor-foreground': '#d4d4d4',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-panel-border': '#3c3c3c',
  '--vscode-editorWidget-background': '#252526',
  '--vscode-editorWidget-border': '#454545',
  '--vscode-input-background': '#3c3c3c',
  '--vscode-input-foreground': '#cccccc',
  '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-list-activeSelectionBackground': '#04395e',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-purple': '#b180d7',
};

let browser: Browser;
const exports: Record<'demo' | 'model' | 'xss', Export> = {} as never;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  exports.demo = exportReport('demo', 'test-fixtures/demo/drift.yaml');
  exports.model = exportReport('demo-model', 'test-fixtures/demo-model/drift.yaml');
  exports.xss = exportReport('xss', 'test-fixtures/webview/xss/drift.yaml');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  /** Console errors, page errors and dialogs seen so far: each one fails the test. */
  problems: string[];
}

async function open(file: string, options: { dark?: boolean } = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  if (options.dark) {
    // VS Code sets its theme variables on <html> before the page script runs. An init script
    // runs before <html> exists, so set them the moment the page script first looks at the
    // document (its first call is getElementById('report-data')).
    await page.addInitScript((vars: Record<string, string>) => {
      const original = Document.prototype.getElementById;
      Document.prototype.getElementById = function (this: Document, id: string) {
        Document.prototype.getElementById = original;
        for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty(name, value);
        (window as unknown as { darkBeforeRender: boolean }).darkBeforeRender = !document.getElementById('report')?.dataset.rendered;
        return original.call(this, id);
      };
    }, DARK);
  }
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#report[data-rendered="1"]');
  return { page, problems };
}

async function close({ page, problems }: Opened): Promise<void> {
  await page.context().close();
  expect(problems).toEqual([]);
}

const canvases = (page: Page, section: string) => page.locator(`#section-${section} canvas`).count();
const rows = (page: Page, selector: string) => page.locator(selector).count();
const tableNames = (page: Page) => page.locator('#section-features tbody tr:not([hidden])').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.feature!));
const distributionCanvas = (page: Page) => page.locator('#section-distribution canvas');

describe('report page', () => {
  for (const name of ["demo", "model"] as const) {
    it(`renders every section of the ${name} report`, async () => {
      const { report, html } = exports[name];
      const opened = await open(html);
      const { page } = opened;
      expect(await page.locator('h1').textContent()).toBe(`Drift report: ${report.config}`);
      expect(await page.title()).toBe(`Drift report: ${report.config}`);
      const header = (await page.locator('#section-header').textContent())!;
      expect(header).toContain(report.generatedAt);
      expect(header).toContain(`${report.risk.score} / 100`);
      expect(header).toContain(report.dataset.drifted ? 'Dataset drift' : 'No dataset drift');
      expect(header).toContain(report.retraining.retrain ? 'Retrain' : 'No retraining needed');
      expect(await rows(page, '[data-list="retraining-reasons"] li')).toBe(report.retraining.reasons.length);

      expect(await page.locator('#section-kpis .card').count()).toBe(report.performance ? 5 : 4);
      expect(await canvases(page, 'drift-chart')).toBe(1);
      expect(await rows(page, '#section-features tbody tr')).toBe(report.features.length);
      expect(await page.locator('#section-features thead th').allTextContents()).toEqual(['feature', 'role', 'kind', 'method', 'statistic', 'threshold', 'PSI', 'KS p-value', 'JS', 'Wasserstein (normed)', 'missing change', 'drifted', 'severity']);
      expect(await canvases(page, 'distribution')).toBe(1);
      expect(await rows(page, '#section-distribution table.summary tbody tr')).toBeGreaterThan(0);
      expect(await rows(page, '#section-distribution table.tests tbody tr')).toBeGreaterThan(0);

      if (report.performance) {
        expect(await canvases(page, 'performance')).toBe(report.performance.models.length);
        expect(await rows(page, '#section-performance table.metrics')).toBe(report.performance.models.length);
        const first = report.performance.models[0]!.current;
        if (first.task === 'classification') expect(await rows(page, '#section-performance table.confusion tbody tr')).toBe(first.labels.length);
        for (const dataset of Object.keys(report.performance.models[0]!.datasets)) {
          expect(await page.locator('#section-performance table.metrics thead th').allTextContents()).toContain(`dataset ${dataset}`);
        }
      } else {
        expect(await rows(page, '#section-performance')).toBe(0);
      }
      if (report.windows) {
        expect(await canvases(page, 'trends')).toBe(2);
        const anomalies = report.windows.current.reduce((n, w) => n + w.anomalies.length, 0);
        expect(await rows(page, '#section-trends table.anomalies tbody tr')).toBe(anomalies);
        const changes = report.concept.models.filter((m) => m.confirmedChange);
        expect(await rows(page, '#section-trends .change-point')).toBe(changes.length);
        for (const m of changes) expect(await page.locator('#section-trends').textContent()).toContain(m.confirmedChange!.time);
      } else {
        expect(await rows(page, '#section-trends')).toBe(0);
      }
      expect(await rows(page, '#section-alerts tbody tr')).toBe(report.alerts.length);
      for (const severity of ['high', 'moderate', 'low'] as const) {
        expect(await rows(page, `#section-alerts table[data-severity="${severity}"] tbody tr`)).toBe(report.alerts.filter((a) => a.severity === severity).length);
      }
      expect(await page.locator('#section-alerts .recommendation').allTextContents()).toEqual(
        (['high', 'moderate', 'low'] as const).flatMap((s) => report.alerts.filter((a) => a.severity === s).map((a) => a.recommendation)),
      );
      expect(await rows(page, '#section-quality tbody tr')).toBe(report.quality.findings.length);
      // Wide tables scroll in their own box; the page itself never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      await page.screenshot({ path: join(screenshots, `report-${name === 'model' ? 'demo-model' : name}-light.png`), fullPage: true });
      await close(opened);
    });
  }

  it('selects a column from its table row and from its bar', async () => {
    const { report, html } = exports.model;
    const opened = await open(html);
    const { page } = opened;
    const byScore = [...report.features].sort((a, b) => b.score - a.score);
    const top = byScore[0]!;
    const other = byScore[byScore.length - 1]!;
    const title = page.locator('#section-distribution .distribution-title');
    expect(await title.textContent()).toContain(top.name);
    const before = await distributionCanvas(page).evaluate((c) => (c as HTMLCanvasElement).toDataURL());

    await page.locator(`#section-features tbody tr[data-feature="${other.name}"]`).click();
    expect(await title.textContent()).toMatch(new RegExp(`^${other.name} \\(`));
    expect(await distributionCanvas(page).getAttribute('data-feature')).toBe(other.name);
    expect(await distributionCanvas(page).evaluate((c) => (c as HTMLCanvasElement).toDataURL())).not.toBe(before);
    expect(await page.locator('#section-features tbody tr.selected').getAttribute('data-feature')).toBe(other.name);

    // Back to the top column by clicking its bar (the first: bars are sorted by score).
    const chart = page.locator('#section-drift-chart canvas');
    const bars = JSON.parse((await chart.getAttribute('data-bars'))!) as { x: number; y: number }[];
    expect(bars).toHaveLength(report.features.length);
    await chart.click({ position: { x: bars[0]!.x, y: bars[0]!.y + 4 } });
    // Chart.js handles canvas events on the next animation frame.
    await expect.poll(() => title.textContent()).toMatch(new RegExp(`^${top.name} \\(`));
    expect(await distributionCanvas(page).getAttribute('data-feature')).toBe(top.name);
    expect(await page.locator('#section-features tbody tr.selected').getAttribute('data-feature')).toBe(top.name);
    await close(opened);
  });

  it('sorts the table by a column header and filters it by text', async () => {
    const { report, html } = exports.demo;
    const opened = await open(html);
    const { page } = opened;
    const initial = await tableNames(page);
    expect(initial).toEqual(report.features.map((f) => f.name));

    const byStatistic = (a: FeatureDrift, b: FeatureDrift) => (a.statistic ?? Infinity) - (b.statistic ?? Infinity);
    const header = page.locator('#section-features th[data-key="statistic"]');
    await header.click();
    const ascending = [...report.features].sort(byStatistic).map((f) => f.name);
    expect(ascending).not.toEqual(initial);
    expect(await tableNames(page)).toEqual(ascending);
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await header.click();
    expect(await tableNames(page)).toEqual([...report.features].sort((a, b) => byStatistic(b, a)).map((f) => f.name));
    expect(await header.getAttribute('aria-sort')).toBe('descending');

    await page.locator('#section-features th[data-key="name"]').click();
    expect(await tableNames(page)).toEqual(report.features.map((f) => f.name).sort((a, b) => a.localeCompare(b)));

    const filter = page.locator('#section-features input.filter');
    await filter.fill('categorical');
    const categorical = report.features.filter((f) => f.kind === 'categorical').map((f) => f.name);
    expect(categorical.length).toBeGreaterThan(0);
    expect((await tableNames(page)).sort()).toEqual([...categorical].sort());
    expect(await rows(page, '#section-features tbody tr[hidden]')).toBe(report.features.length - categorical.length);
    await filter.fill('income');
    expect(await tableNames(page)).toEqual(['income']);
    await filter.fill('');
    expect(await rows(page, '#section-features tbody tr:not([hidden])')).toBe(report.features.length);
    await close(opened);
  });

  it('re-renders on a posted report message', async () => {
    const opened = await open(exports.demo.html);
    const { page } = opened;
    const other = exports.model.report;
    await page.evaluate((report) => window.postMessage({ type: 'report', report }, '*'), other);
    await page.waitForSelector('#report[data-rendered="2"]');
    expect(await page.locator('h1').textContent()).toBe(`Drift report: ${other.config}`);
    expect(await rows(page, '#section-features tbody tr')).toBe(other.features.length);
    expect(await canvases(page, 'trends')).toBe(2);
    await close(opened);
  });

  it('shows hostile column names and values as text and runs none of them', async () => {
    const { report, html } = exports.xss;
    const names = ['<img src=x onerror=alert(1)>', '"><script>alert(2)</script>'];
    expect(report.features.map((f) => f.name)).toEqual(expect.arrayContaining(names));
    const opened = await open(html);
    const { page } = opened;
    expect(await tableNames(page)).toEqual(expect.arrayContaining(names));
    for (const name of names) {
      const row = page.locator('#section-features tbody tr').filter({ has: page.locator('td:first-child', { hasText: name }) });
      expect(await row.locator('td').first().textContent()).toBe(name);
      await row.click();
      expect(await page.locator('#section-distribution .distribution-title').textContent()).toMatch(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`));
    }
    // The categorical column's hostile category shows as text in its summary.
    expect(await page.locator('#section-distribution table.summary').textContent()).toContain('x"><img src=x onerror=alert(3)>');
    const alertsText = (await page.locator('#section-alerts').textContent())!;
    for (const name of names) expect(alertsText).toContain(name);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    await page.screenshot({ path: join(screenshots, 'report-xss.png'), fullPage: true });
    await close(opened);
  });

  it('follows the VS Code dark theme variables', async () => {
    const { report, html } = exports.model;
    const top = [...report.features].sort((a, b) => b.score - a.score)[0]!;
    const expected = { high: DARK['--vscode-charts-red'], moderate: DARK['--vscode-charts-orange'], low: DARK['--vscode-charts-yellow'], none: DARK['--vscode-charts-green'] }[top.severity];
    const opened = await open(html, { dark: true });
    const { page } = opened;
    expect(await page.evaluate(() => (window as unknown as { darkBeforeRender: boolean }).darkBeforeRender)).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(30, 30, 30)');
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(212, 212, 212)');
    // The charts read the theme: the top bar is drawn in the dark theme's colour for its severity.
    const pixel = await page.locator('#section-drift-chart canvas').evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const bar = (JSON.parse(canvas.dataset.bars!) as { x: number; y: number }[])[0]!;
      const ratio = canvas.width / canvas.clientWidth;
      return [...canvas.getContext('2d')!.getImageData(Math.round(bar.x * ratio), Math.round((bar.y + 6) * ratio), 1, 1).data];
    });
    expect(pixel.slice(0, 3)).toEqual([1, 3, 5].map((i) => parseInt(expected.slice(i, i + 2), 16)));
    await page.screenshot({ path: join(screenshots, 'report-demo-model-dark.png'), fullPage: true });
    await close(opened);
  });
});
