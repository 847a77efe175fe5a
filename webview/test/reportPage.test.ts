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
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureDrift, Report } from '../../server/src/protocol/report';
import { retrainingHeadline } from '../../server/src/protocol/text';
import { CHROMIUM } from './ensureChromium';
import { WINDOW_DRIFT_SIZE } from '../../server/src/protocol/bands';

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
  const result = spawnSync(
    process.execPath,
    [cli, 'analyze', join(root, config), '--html', html, '--json', json, '--quiet'],
    { encoding: 'utf8' },
  );
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

/** VS Code's high contrast dark theme: what the page reads of it. */
const HIGH_CONTRAST = {
  '--vscode-editor-background': '#000000',
  '--vscode-editor-foreground': '#ffffff',
  '--vscode-contrastBorder': '#6fc3df',
  '--vscode-contrastActiveBorder': '#f38518',
};

/** `#rrggbb` as getComputedStyle writes it. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

interface ChangePointMark {
  x: number;
  window: string;
  label: string;
  confirmed: boolean;
  models: string[];
}

/** The change point markers a trend chart drew (its data-change-points). */
const changePoints = async (canvas: Locator): Promise<ChangePointMark[]> =>
  JSON.parse((await canvas.getAttribute('data-change-points'))!) as ChangePointMark[];

let browser: Browser;
const exports: Record<'demo' | 'model' | 'xss', Export> = {} as never;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  exports.demo = exportReport('demo', 'test-fixtures/demo/drift.yaml');
  exports.model = exportReport('demo-model', 'test-fixtures/demo-model/drift.yaml');
  exports.xss = exportReport('xss', 'test-fixtures/webview/xss/drift.yaml');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  // Three CLI runs and a browser start: seconds on an idle machine, more on a busy one (no limit is asserted).
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

interface Opened {
  page: Page;
  /** Console errors, page errors and dialogs seen so far: each one fails the test. */
  problems: string[];
}

/** A VS Code theme: its variables on <html>, its class on <body>. */
interface VsCodeTheme {
  vars: Record<string, string>;
  bodyClass: string;
}

async function open(
  file: string,
  options: { dark?: boolean; theme?: VsCodeTheme; vscode?: boolean; width?: number } = {},
): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  const theme = options.theme ?? (options.dark ? { vars: DARK, bodyClass: 'vscode-dark' } : undefined);
  if (theme) {
    // VS Code sets its theme variables on <html> before the page script runs. An init script
    // runs before <html> exists, so set them the moment the page script first looks at the
    // document (its first call is getElementById('report-data')).
    await page.addInitScript(({ vars, bodyClass }: VsCodeTheme) => {
      const original = Document.prototype.getElementById;
      Document.prototype.getElementById = function (this: Document, id: string) {
        Document.prototype.getElementById = original;
        for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty(name, value);
        document.body.classList.add(bodyClass);
        (window as unknown as { darkBeforeRender: boolean }).darkBeforeRender =
          !document.getElementById('report')?.dataset.rendered;
        return original.call(this, id);
      };
    }, theme);
  }
  if (options.vscode) {
    // The webview API, recording what the page posts to the extension.
    await page.addInitScript(() => {
      const posted: unknown[] = [];
      Object.assign(window, {
        posted,
        acquireVsCodeApi: () => ({
          getState: () => undefined,
          setState: () => undefined,
          postMessage: (m: unknown) => posted.push(m),
        }),
      });
    });
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
const tableNames = (page: Page) =>
  page
    .locator('#section-features tbody tr:not([hidden])')
    .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.feature!));
const distributionCanvas = (page: Page) => page.locator('#section-distribution canvas');

describe('report page', () => {
  for (const name of ['demo', 'model'] as const) {
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
      expect(header).toContain(retrainingHeadline(report.retraining));
      expect(await rows(page, '[data-list="retraining-reasons"] li')).toBe(report.retraining.reasons.length);

      expect(await page.locator('#section-kpis .card').count()).toBe(report.performance ? 6 : 5);
      const risk = page.locator('#section-kpis .card[data-kpi="Risk"]');
      expect(await risk.locator('.value').textContent()).toBe(`${report.risk.score}/100 ${report.risk.level}`);
      expect(await risk.locator('.detail').textContent()).toBe(report.risk.meaning);
      expect(await risk.locator('li').count()).toBe(report.risk.components.length);
      expect(await rows(page, '[data-list="risk-components"] li')).toBe(report.risk.components.length);
      expect(await canvases(page, 'drift-chart')).toBe(1);
      expect(await rows(page, '#section-features tbody tr')).toBe(report.features.length);
      expect(await page.locator('#section-features thead th').allTextContents()).toEqual([
        'feature',
        'role',
        'kind',
        'method',
        'statistic',
        'threshold',
        'PSI',
        'KS p-value',
        'JS',
        'Wasserstein (normed)',
        'missing change',
        'drifted',
        'severity',
      ]);
      expect(await canvases(page, 'distribution')).toBe(1);
      expect(await rows(page, '#section-distribution table.summary tbody tr')).toBeGreaterThan(0);
      expect(await rows(page, '#section-distribution table.tests tbody tr')).toBeGreaterThan(0);
      // The tests table: every test of the selected column, p-value tests first, the deciding one marked.
      const title = (await page.locator('#section-distribution .distribution-title').textContent())!;
      const selected = report.features.find((f) => title.startsWith(`${f.name} (`))!;
      const testNames = await page
        .locator('#section-distribution table.tests tbody tr > :first-child')
        .allTextContents();
      const readingOrder = [
        'ks',
        'mannwhitney',
        'cramervonmises',
        'andersondarling',
        'chisquare',
        'ztest',
        'wasserstein',
        'energy',
        'psi',
        'jensenshannon',
        'kl',
        'hellinger',
      ] as const;
      expect(testNames).toEqual(
        readingOrder.filter((m) => selected.tests[m]).map((m) => (m === selected.method ? `${m} (deciding)` : m)),
      );
      const notes = await page.locator('#section-distribution table.tests tbody tr > :last-child').allTextContents();
      if (selected.tests.wasserstein)
        expect(notes[testNames.findIndex((name) => name.startsWith('wasserstein'))]).toMatch(/^normed \d/);
      if (selected.tests.chisquare)
        expect(notes[testNames.findIndex((name) => name.startsWith('chisquare'))]).toBe(
          `dof ${selected.tests.chisquare.dof}`,
        );

      if (report.performance) {
        expect(await rows(page, '#section-performance canvas:not([data-chart="roc"])')).toBe(
          report.performance.models.length,
        );
        expect(await rows(page, '#section-performance table.metrics')).toBe(report.performance.models.length);
        const first = report.performance.models[0]!.current;
        if (first.task === 'classification')
          expect(await rows(page, '#section-performance table.confusion tbody tr')).toBe(first.labels.length);
        for (const dataset of Object.keys(report.performance.models[0]!.datasets)) {
          expect(await page.locator('#section-performance table.metrics thead th').allTextContents()).toContain(
            `dataset ${dataset}`,
          );
        }
      } else {
        expect(await rows(page, '#section-performance')).toBe(0);
      }
      if (report.windows) {
        expect(await canvases(page, 'trends')).toBe(3);
        const anomalies = report.windows.current.reduce((n, w) => n + w.anomalies.length, 0);
        expect(await rows(page, '#section-trends table.anomalies tbody tr')).toBe(anomalies);
        const improvements = report.windows.current.reduce((n, w) => n + w.improvements.length, 0);
        expect(await rows(page, '#section-trends .improvement')).toBe(improvements);
        const changes = report.concept.models.filter((m) => m.confirmedChange);
        expect(await rows(page, '#section-trends .change-point')).toBe(changes.length);
        for (const m of changes)
          expect(await page.locator('#section-trends').textContent()).toContain(m.confirmedChange!.time);
      } else {
        expect(await rows(page, '#section-trends')).toBe(0);
      }
      expect(await rows(page, '#section-alerts tbody tr')).toBe(report.alerts.length);
      for (const severity of ['high', 'moderate', 'low'] as const) {
        expect(await rows(page, `#section-alerts table[data-severity="${severity}"] tbody tr`)).toBe(
          report.alerts.filter((a) => a.severity === severity).length,
        );
      }
      expect(await page.locator('#section-alerts .recommendation').allTextContents()).toEqual(
        (['high', 'moderate', 'low'] as const).flatMap((s) =>
          report.alerts.filter((a) => a.severity === s).map((a) => a.recommendation),
        ),
      );
      expect(await rows(page, '#section-quality tbody tr')).toBe(report.quality.findings.length);
      // Wide tables scroll in their own box; the page itself never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      await page.screenshot({
        path: join(screenshots, `report-${name === 'model' ? 'demo-model' : name}-light.png`),
        fullPage: true,
      });
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

  it('says a retraining recommendation blocked by too few labels is one, with the labels to collect', async () => {
    // Made here rather than in beforeAll, whose time limit the other three exports already take up most of.
    const opened = await open(exportReport('blocked', 'test-fixtures/retraining-blocked/drift.yaml').html);
    const verdict = opened.page.locator('#section-header [data-retraining]');
    expect(await verdict.getAttribute('data-retraining')).toBe('blocked');
    expect(await verdict.textContent()).toBe(
      'Retraining recommended (priority high), blocked: collect 196 more labels',
    );
    expect(await opened.page.locator('#section-header').textContent()).not.toContain('No retraining needed');
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
    expect(await canvases(page, 'trends')).toBe(3);
    await close(opened);
  });

  it('does not redraw the report on screen when the same one is posted again', async () => {
    const opened = await open(exports.demo.html);
    const { page } = opened;
    await page.evaluate((report) => window.postMessage({ type: 'report', report }, '*'), exports.demo.report);
    await page.evaluate((report) => window.postMessage({ type: 'report', report }, '*'), exports.model.report);
    await page.waitForSelector('#report[data-rendered="2"]');
    expect(await page.locator('h1').textContent()).toBe(`Drift report: ${exports.model.report.config}`);
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
      const row = page
        .locator('#section-features tbody tr')
        .filter({ has: page.locator('td:first-child', { hasText: name }) });
      expect(await row.locator('td').first().textContent()).toBe(name);
      await row.click();
      expect(await page.locator('#section-distribution .distribution-title').textContent()).toMatch(
        new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`),
      );
    }
    // The categorical column's hostile category shows as text in its summary.
    expect(await page.locator('#section-distribution table.summary').textContent()).toContain(
      'x"><img src=x onerror=alert(3)>',
    );
    const alertsText = (await page.locator('#section-alerts').textContent())!;
    for (const name of names) expect(alertsText).toContain(name);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    // The page script only: the report and the recorded history ride as JSON data, never as script.
    expect(await page.locator('script:not([type="application/json"])').count()).toBe(1);
    await page.screenshot({ path: join(screenshots, 'report-xss.png'), fullPage: true });
    await close(opened);
  });

  it('follows the VS Code dark theme variables', async () => {
    const { report, html } = exports.model;
    const top = [...report.features].sort((a, b) => b.score - a.score)[0]!;
    const expected = {
      high: DARK['--vscode-charts-red'],
      moderate: DARK['--vscode-charts-orange'],
      low: DARK['--vscode-charts-yellow'],
      none: DARK['--vscode-charts-green'],
    }[top.severity];
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
      return [
        ...canvas.getContext('2d')!.getImageData(Math.round(bar.x * ratio), Math.round((bar.y + 6) * ratio), 1, 1).data,
      ];
    });
    expect(pixel.slice(0, 3)).toEqual([1, 3, 5].map((i) => parseInt(expected.slice(i, i + 2), 16)));
    await page.screenshot({ path: join(screenshots, 'report-demo-model-dark.png'), fullPage: true });
    await close(opened);
  });

  it('follows the VS Code high contrast dark theme: contrast borders on cards and tables, active border on the selection', async () => {
    const opened = await open(exports.model.html, {
      theme: { vars: HIGH_CONTRAST, bodyClass: 'vscode-high-contrast' },
    });
    const { page } = opened;
    const style = (selector: string, ...properties: string[]) =>
      page
        .locator(selector)
        .first()
        .evaluate((node, names) => names.map((name) => getComputedStyle(node).getPropertyValue(name)), properties);
    expect(await style('body', 'background-color', 'color')).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    const contrast = rgb(HIGH_CONTRAST['--vscode-contrastBorder']);
    expect(await style('#section-kpis .card', 'border-top-style', 'border-top-color')).toEqual(['solid', contrast]);
    expect(await style('#section-features td', 'border-bottom-style', 'border-bottom-color')).toEqual([
      'solid',
      contrast,
    ]);
    expect(await style('#section-quality table.data th', 'border-bottom-color')).toEqual([contrast]);
    expect(await style('#section-features input.filter', 'border-top-color')).toEqual([contrast]);
    expect(await style('.badge', 'border-top-color')).toEqual([contrast]);
    expect(await style('#section-features tbody tr.selected', 'outline-style', 'outline-color')).toEqual([
      'solid',
      rgb(HIGH_CONTRAST['--vscode-contrastActiveBorder']),
    ]);
    await page.screenshot({ path: join(screenshots, 'report-high-contrast.png'), fullPage: true });
    await close(opened);
  });

  it('outlines nothing in the contrast colours outside high contrast themes', async () => {
    const opened = await open(exports.model.html, { dark: true });
    const { page } = opened;
    expect(
      await page
        .locator('#section-kpis .card')
        .first()
        .evaluate((c) => getComputedStyle(c).borderTopColor),
    ).toBe(rgb(DARK['--vscode-panel-border']));
    expect(
      await page.locator('#section-features tbody tr.selected').evaluate((r) => getComputedStyle(r).outlineColor),
    ).toBe('rgba(0, 0, 0, 0)');
    await close(opened);
  });

  it('marks the confirmed concept change on the metric per window, in the window holding 2026-05-18, naming the detectors', async () => {
    const { report, html } = exports.model;
    const windows = report.windows!.current;
    const index = windows.findIndex((w) => w.start <= '2026-05-18T12:00:00.000Z' && '2026-05-18T12:00:00.000Z' < w.end);
    expect(index).toBeGreaterThan(0);
    const opened = await open(html);
    const { page } = opened;
    const metric = page.locator('#section-trends canvas[data-chart="window-metric"]');
    const markers = await changePoints(metric);
    const confirmed = markers.find((m) => m.window === windows[index]!.label)!;
    expect(confirmed).toMatchObject({ confirmed: true, models: [report.performance!.models[0]!.model] });
    expect(confirmed.label).toContain('page-hinkley + adwin');
    // On the window's own point (the line's points are recorded as data-bars), drawn in the theme's red.
    const points = JSON.parse((await metric.getAttribute('data-bars'))!) as { x: number; y: number }[];
    expect(Math.abs(confirmed.x - points[index]!.x)).toBeLessThanOrEqual(1);
    const pixel = await metric.evaluate(
      (c, at) => [...(c as HTMLCanvasElement).getContext('2d')!.getImageData(at.x, at.y, 1, 1).data],
      { x: confirmed.x, y: points[index]!.y },
    );
    expect(pixel.slice(0, 3)).toEqual([0xd1, 0x24, 0x2f]);
    // Every detection falls in a marked window: dashed markers for the single detectors, none confirmed but the one above.
    const detections = report.concept.models[0]!.changePoints.flatMap((p) =>
      p.detections.map((d) => ({ detector: p.detector, time: d.time })),
    );
    for (const d of detections) {
      const w = windows.find((w) => w.start <= d.time && d.time < w.end)!;
      expect(markers.find((m) => m.window === w.label)?.label).toContain(d.detector);
    }
    expect(markers.filter((m) => m.confirmed)).toHaveLength(1);
    // The other trend charts mark every model's change points; the note says it in words too.
    for (const chart of ['window-drift-share', 'window-statistic']) {
      const other = await changePoints(page.locator(`#section-trends canvas[data-chart="${chart}"]`));
      expect(other.find((m) => m.window === windows[index]!.label)).toMatchObject({
        confirmed: true,
        models: report.concept.models.map((m) => m.model),
      });
    }
    expect(await page.locator('#section-trends .change-point').first().textContent()).toContain(
      `window ${windows[index]!.label}), confirmed by page-hinkley and adwin`,
    );
    await close(opened);
  });

  it("charts a p-value feature's drift size per window, not its p-value, and notes improvements without alerting", async () => {
    const { report, html } = exportReport('windows', 'test-fixtures/windows/drift.yaml');
    const opened = await open(html);
    const { page } = opened;
    const chart = page.locator('#section-trends canvas[data-chart="window-statistic"]');
    const shown = await chart.getAttribute('data-feature');
    const feature = report.features.find((f) => f.name === shown)!;
    expect(['ks', 'chisquare']).toContain(feature.method);
    const size = WINDOW_DRIFT_SIZE[feature.method].label;
    expect(await page.locator('#section-trends h3').allTextContents()).toContain(`${feature.name}: ${size} per window`);
    // A p-value's threshold is not on the drift size's scale: no threshold line.
    expect(await chart.getAttribute('aria-label')).toMatch(
      new RegExp(`^${size} of ${feature.name} per window against the reference: `),
    );
    expect(await rows(page, '#section-trends table.anomalies')).toBe(0);
    const notes = await page.locator('#section-trends .improvement').allTextContents();
    expect(notes).toHaveLength(4);
    expect(notes).toContainEqual(expect.stringMatching(/^recall rose above its band in window 2026-W17 \(0\.9, band /));
    expect(await rows(page, '#section-alerts tbody tr')).toBe(report.alerts.length);
    expect(report.alerts.some((a) => a.kind === 'window-anomaly')).toBe(false);
    await close(opened);
  });

  it('draws no change point for a report without detections', async () => {
    const opened = await open(exports.model.html);
    const { page } = opened;
    const report = exports.model.report;
    const calm = {
      ...report,
      concept: {
        ...report.concept,
        models: report.concept.models.map((m) => ({ ...m, changePoints: [], confirmedChange: null })),
      },
    };
    await page.evaluate((r) => window.postMessage({ type: 'report', report: r }, '*'), calm);
    await page.waitForSelector('#report[data-rendered="2"]');
    const charts = page.locator('#section-trends canvas');
    expect(await charts.count()).toBe(3);
    for (let i = 0; i < 3; i++) expect(await changePoints(charts.nth(i))).toEqual([]);
    expect(await rows(page, '#section-trends .change-point, #section-trends .change-detections')).toBe(0);
    await close(opened);
  });

  it('shows the ROC curves, the metrics of every model on every file and the per-window statistic of the selected feature', async () => {
    const { report, html } = exports.model;
    const opened = await open(html);
    const { page } = opened;
    const perf = report.performance!;
    expect(await rows(page, '#section-performance canvas[data-chart="roc"]')).toBe(perf.models.length);
    expect(
      await page.locator('#section-performance canvas[data-chart="roc"]').first().getAttribute('aria-label'),
    ).toContain(`current AUC ${(perf.models[0]!.current as { rocAuc: number }).rocAuc.toPrecision(4)}`);
    const heatmap = page.locator('#section-performance table.heatmap');
    expect(await heatmap.locator('thead th').allTextContents()).toEqual([
      'metric',
      ...perf.models.flatMap((m) =>
        ['reference', 'current', ...Object.keys(m.datasets)].map((side) => `${m.model} ${side}`),
      ),
    ]);
    // The best f1 of the row is the greenest cell, the worst the reddest.
    const f1 = await heatmap
      .locator('tr[data-metric="f1"] td[data-goodness]')
      .evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.goodness)));
    expect(Math.max(...f1)).toBe(1);
    expect(Math.min(...f1)).toBe(0);

    const statistic = page.locator('#section-trends canvas[data-chart="window-statistic"]');
    const inputs = report.features.filter((f) => f.role === 'feature').sort((a, b) => b.score - a.score);
    expect(await statistic.getAttribute('data-feature')).toBe(inputs[0]!.name);
    await page.locator(`#section-features tbody tr[data-feature="${inputs[1]!.name}"]`).click();
    expect(await statistic.getAttribute('data-feature')).toBe(inputs[1]!.name);
    // The target has no per-window statistic: the chart keeps the last input feature.
    await page.locator('#section-features tbody tr[data-feature="churned"]').click();
    expect(await statistic.getAttribute('data-feature')).toBe(inputs[1]!.name);
    await close(opened);
  });

  it('wraps column names only after a separator, shows each figure once and draws the ROC curve square, in a narrow panel', async () => {
    const opened = await open(exports.model.html, { width: 640 });
    const { page } = opened;
    // Where each name cell's text wraps: the characters that start a new line.
    const wraps = await page.locator('#section-features tbody td:first-child').evaluateAll((cells) =>
      cells.map((cell) => {
        const text = cell.textContent!;
        const tops: number[] = [];
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode())
          for (let i = 0; i < node.textContent!.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            tops.push(range.getBoundingClientRect().top);
          }
        return { text, after: tops.flatMap((top, i) => (i > 0 && top > tops[i - 1]! + 1 ? [text[i - 1]] : [])) };
      }),
    );
    expect(wraps.some((w) => w.after.length > 0)).toBe(true);
    for (const { text, after } of wraps)
      for (const c of after) expect(`${text}: after '${c}'`).toMatch(/: after '[_./-]'$/);

    // The deciding figure is in "statistic"; the common test's own column does not repeat it.
    const header = await page.locator('#section-features thead th').allTextContents();
    const cell = (row: string[], title: string) => row[header.indexOf(title)];
    const table = await page
      .locator('#section-features tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells, (td) => td.textContent!)));
    const titles: Record<string, string> = {
      psi: 'PSI',
      ks: 'KS p-value',
      jensenshannon: 'JS',
      wasserstein: 'Wasserstein (normed)',
    };
    let decided = 0;
    for (const row of table) {
      const title = titles[cell(row, 'method')!];
      if (!title) continue;
      decided++;
      expect(cell(row, title)).toBe('deciding');
    }
    expect(decided).toBe(table.length);

    const roc = (await page.locator('#section-performance canvas[data-chart="roc"]').first().boundingBox())!;
    expect(Math.abs(roc.width - roc.height)).toBeLessThanOrEqual(2);
    await close(opened);
  });

  it('sorts the drift bars by name', async () => {
    const { report, html } = exports.demo;
    const opened = await open(html);
    const { page } = opened;
    await page.locator('#section-drift-chart select').selectOption('name');
    const chart = page.locator('#section-drift-chart canvas');
    const bars = JSON.parse((await chart.getAttribute('data-bars'))!) as { x: number; y: number }[];
    const first = report.features.map((f) => f.name).sort((a, b) => a.localeCompare(b))[0]!;
    await chart.click({ position: { x: bars[0]!.x, y: Math.max(bars[0]!.y + 4, 0) } });
    await expect
      .poll(() => page.locator('#section-distribution .distribution-title').textContent())
      .toMatch(new RegExp(`^${first} \\(`));
    await close(opened);
  });

  it('reveals the column of an alert: selected on the page, asked of the extension in VS Code', async () => {
    const { report, html } = exports.model;
    const alert = report.alerts.find((a) => a.kind === 'feature-drift')!;
    const opened = await open(html, { vscode: true });
    const { page } = opened;
    const buttons = page.locator('#section-alerts button[data-column]');
    expect(await buttons.evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.column))).toContain(
      alert.subject,
    );
    // Alerts on a model, a metric or the dataset are not about a column.
    expect(await page.locator('#section-alerts tbody tr', { hasText: 'concept-drift' }).locator('button').count()).toBe(
      0,
    );
    await page
      .locator(`#section-alerts table[data-severity="${alert.severity}"] button[data-column="${alert.subject}"]`)
      .first()
      .click();
    expect(await page.locator('#section-distribution .distribution-title').textContent()).toMatch(
      new RegExp(`^${alert.subject} \\(`),
    );
    expect(await page.evaluate(() => (window as unknown as { posted: unknown[] }).posted)).toContainEqual({
      type: 'revealColumn',
      column: alert.subject,
    });
    await close(opened);
  });
});

describe('report page of a sampled run', () => {
  it('says next to each file how many of its rows were analyzed', async () => {
    const html = join(dir, 'sampled.html');
    const result = spawnSync(
      process.execPath,
      [cli, 'analyze', join(root, 'test-fixtures/demo/drift.yaml'), '--max-rows', '1000', '--html', html, '--quiet'],
      { encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    const opened = await open(html);
    const terms = await opened.page.locator('#section-header dd').allTextContents();
    expect(terms).toContain('reference.csv (1,000 of 5,000 rows, sampled × 11 columns)');
    expect(terms).toContain('current.csv (1,000 of 3,000 rows, sampled × 11 columns)');
    expect(await opened.page.locator('#section-header ul.muted li').first().textContent()).toMatch(
      /^Sampled: 1,000 of 5,000 reference rows/,
    );
    // On 1,000 rows p-values decide: the page says how they were corrected and shows each adjusted one.
    expect(await opened.page.locator('#section-header .correction').textContent()).toBe(
      'p-values corrected: Benjamini–Hochberg over the 10 p-value tests; the one distance is not corrected.',
    );
    const headers = await opened.page.locator('#section-features thead th').allTextContents();
    expect(headers.slice(4, 7)).toEqual(['statistic', 'adjusted p', 'threshold']);
    await opened.page.locator('#section-features tr[data-feature="income"]').click();
    expect(await opened.page.locator('#section-distribution .distribution-title').textContent()).toMatch(
      /: drifted, ks \S+, adjusted p \S+ against 0\.05$/,
    );
    await close(opened);
  });
});
