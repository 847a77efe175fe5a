/**
 * The report page's History view in a real headless Chromium: HTML exports of runs the bundled
 * CLI recorded in a scratch copy of the demo (the history it embeds), histories posted to the page
 * as the extension posts them, and a page restored from its VS Code state. The webview API
 * (acquireVsCodeApi) exists only inside VS Code: where a test needs it, an in-page stand-in
 * records what the page keeps and posts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, HistoryRun } from '../../server/src/protocol/report';
import { reportPageShell } from '../../server/src/engine/export/html';
import { CHROMIUM } from './ensureChromium';

const root = new URL('../../', import.meta.url).pathname;
const cli = join(root, 'dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'drift-history-page-'));

function driftMonitor(...args: string[]): void {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`drift-monitor ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
}

/** A copy of a fixture folder in the scratch folder; its config's path. */
function copyFixture(name: string, fixture: string, files: string[]): string {
  const folder = mkdtempSync(join(dir, `${name}-`));
  for (const file of ['drift.yaml', ...files]) copyFileSync(join(root, fixture, file), join(folder, file));
  return join(folder, 'drift.yaml');
}

interface Export {
  html: string;
  report: Report;
}

function analyze(config: string, name: string, ...options: string[]): Export {
  const html = join(dir, `${name}.html`);
  const json = join(dir, `${name}.json`);
  driftMonitor('analyze', config, '--html', html, '--json', json, '--quiet', ...options);
  return { html, report: JSON.parse(readFileSync(json, 'utf8')) as Report };
}

/** The shifted column of the last recorded run: its statistic leaves the band of the three identical runs before. */
const SHIFTED = 'monthly_charges';

let browser: Browser;
/** Runs 1 to 4 of one config: three on the demo's data, the fourth with `SHIFTED` moved. */
const recorded: Export[] = [];
let unrecorded: Export;
/** The demo model with windows.dynamic_k: 1.5 in place of 3. */
let narrow: Export;
let hostile: Export;

beforeAll(async () => {
  const config = copyFixture('recorded', 'test-fixtures/demo-model', ['reference.csv', 'current.csv', 'test.csv']);
  for (let run = 1; run <= 3; run++) recorded.push(analyze(config, `run-${run}`));
  const current = join(dirname(config), 'current.csv');
  driftMonitor('simulate', current, '--out', `${current}.shifted`, '--shift', `${SHIFTED}=40`);
  renameSync(`${current}.shifted`, current);
  recorded.push(analyze(config, 'run-4'));
  unrecorded = analyze(
    copyFixture('unrecorded', 'test-fixtures/demo-model', ['reference.csv', 'current.csv', 'test.csv']),
    'unrecorded',
    '--no-history',
  );
  const narrowConfig = copyFixture('narrow', 'test-fixtures/demo-model', ['reference.csv', 'current.csv', 'test.csv']);
  // support_calls decided by a p-value (KS), which the History view draws without a band.
  writeFileSync(
    narrowConfig,
    readFileSync(narrowConfig, 'utf8').replace('dynamic_k: 3', 'dynamic_k: 1.5') +
      '\ndrift:\n  features:\n    support_calls: { method: ks }\n',
  );
  narrow = analyze(narrowConfig, 'narrow', '--no-history');
  hostile = analyze(
    copyFixture('hostile', 'test-fixtures/webview/xss', ['reference.csv', 'current.csv']),
    'hostile',
    '--no-history',
  );
  mkdirSync(join(root, 'test-results'), { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  // Seven analyses of the demo by the CLI.
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  /** Console errors, page errors and dialogs seen so far: each one fails the test. */
  problems: string[];
}

/** Opens `file`; with `vscodeState`, inside a stand-in of the webview API whose getState answers it. */
async function open(file: string, options: { vscode?: boolean; vscodeState?: unknown } = {}): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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
  if (options.vscode || options.vscodeState !== undefined) {
    await page.addInitScript((kept: unknown) => {
      const states: unknown[] = [];
      const posted: unknown[] = [];
      let state = kept;
      Object.assign(window, {
        states,
        posted,
        acquireVsCodeApi: () => ({
          getState: () => state,
          setState: (next: unknown) => states.push((state = next)),
          postMessage: (message: unknown) => posted.push(message),
        }),
      });
    }, options.vscodeState ?? null);
  }
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('#report[data-rendered="1"]');
  return { page, problems };
}

async function close({ page, problems }: Opened): Promise<void> {
  await page.context().close();
  expect(problems).toEqual([]);
}

const history = (page: Page) => page.locator('#section-history');
const chart = (page: Page, name: string) => page.locator(`#section-history canvas[data-chart="${name}"]`);
const pointsOf = async (page: Page, name: string) =>
  JSON.parse((await chart(page, name).getAttribute('data-bars'))!) as { x: number; y: number }[];
const outsideOf = async (page: Page, name: string) =>
  JSON.parse((await chart(page, name).getAttribute('data-outside'))!) as { series: string; run: number }[];
const bandsOf = async (page: Page, name: string) =>
  JSON.parse((await chart(page, name).getAttribute('data-bands'))!) as Record<
    string,
    ({ low: number; high: number } | null)[]
  >;
const postHistory = (page: Page, message: { history?: HistoryRun[]; problem?: string }) =>
  page.evaluate((m) => window.postMessage({ type: 'history', ...m }, '*'), message);
const selectFeature = (page: Page, name: string) =>
  page
    .locator('#section-features tbody tr')
    .filter({ has: page.locator('td:first-child', { hasText: name }) })
    .first()
    .click();

/** A number as the page writes it (webview/src/dom.ts fmt): 4 significant digits. */
const fmt = (value: number) => (Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4))));

/** The alerts of a report by severity, as the alerts chart describes a run. */
const alertCounts = (report: Report) =>
  (['high', 'moderate', 'low'] as const)
    .map((s) => `${s} ${report.alerts.filter((a) => a.severity === s).length}`)
    .join(', ');

/** mean ± k·σ (sample σ) of the earlier values, from three of them on: the rule the page states. */
/** mean ± k·σ of the earlier values, kept within [lowest, highest], the values the quantity can take. */
function expectedBands(
  values: (number | null)[],
  k = 3,
  [lowest, highest] = [-Infinity, Infinity],
): ({ low: number; high: number } | null)[] {
  return values.map((value, i) => {
    const earlier = values.slice(0, i).filter((v): v is number => v !== null);
    if (value === null || earlier.length < 3) return null;
    const mean = earlier.reduce((a, b) => a + b, 0) / earlier.length;
    const sd = Math.sqrt(earlier.reduce((a, b) => a + (b - mean) ** 2, 0) / (earlier.length - 1));
    return { low: Math.max(mean - k * sd, lowest), high: Math.min(mean + k * sd, highest) };
  });
}

/** The pixels at points of a chart, each as [r, g, b] (read at once: Chromium warns of repeated readbacks). */
const pixelsAt = (page: Page, name: string, points: { x: number; y: number }[]) =>
  chart(page, name).evaluate((c, at) => {
    const canvas = c as HTMLCanvasElement;
    const ratio = canvas.width / canvas.clientWidth;
    const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    return at.map((p) => {
      const i = (Math.round(p.y * ratio) * image.width + Math.round(p.x * ratio)) * 4;
      return [...image.data.slice(i, i + 3)];
    });
  }, points);

/** A run of a constructed history over the features of `report`, with the given numbers. */
function constructedRun(
  report: Report,
  id: number,
  numbers: { share: number; f1?: number; statistics: Record<string, number | null> },
  method?: (name: string) => string,
): HistoryRun {
  return {
    id,
    startedAt: new Date(Date.UTC(2026, 4, id, 6, 30)).toISOString(),
    trigger: 'editor',
    driftShare: numbers.share,
    datasetDrift: numbers.share >= report.dataset.threshold,
    riskScore: 20,
    retraining: { state: 'not-needed', priority: 'none' },
    metrics: numbers.f1 === undefined ? [] : [{ model: 'v1', metric: 'f1', value: numbers.f1 }],
    features: report.features
      .filter((f) => f.name in numbers.statistics)
      .map((f) => ({
        name: f.name,
        method: (method?.(f.name) ?? f.method) as HistoryRun['features'][number]['method'],
        statistic: numbers.statistics[f.name]!,
        threshold: f.threshold,
        drifted: false,
      })),
    alerts: { high: id % 2, moderate: 1, low: 0 },
  };
}

describe('History view of the HTML export', () => {
  it('draws every recorded run: drift share, each model’s f1, the selected feature and the alerts per run', async () => {
    const last = recorded[3]!;
    const opened = await open(last.html);
    const { page } = opened;
    expect(await history(page).isVisible()).toBe(true);
    expect(await history(page).locator('p').first().textContent()).toContain('4 recorded runs, oldest first');
    expect(await history(page).textContent()).toContain('mean ± 3·σ of the earlier runs');
    for (const name of ['history-drift-share', 'history-metric', 'history-statistic', 'history-alerts'])
      expect(await pointsOf(page, name)).toHaveLength(4);

    expect(await chart(page, 'history-drift-share').getAttribute('aria-label')).toBe(
      `Dataset drift share per run: ${recorded.map((r, i) => `#${i + 1} ${fmt(r.report.dataset.share)}`).join('; ')}`,
    );
    const metricLabel = (await chart(page, 'history-metric').getAttribute('aria-label'))!;
    for (const model of last.report.performance!.models.map((m) => m.model))
      expect(metricLabel).toContain(`${model}: #1 `);
    expect(await chart(page, 'history-alerts').getAttribute('aria-label')).toBe(
      `Alerts per run by severity: ${recorded.map((r, i) => `#${i + 1} ${alertCounts(r.report)}`).join('; ')}`,
    );

    // The page starts on the column that drifted most; the statistic chart follows the table.
    const top = [...last.report.features].sort((a, b) => b.score - a.score)[0]!;
    expect(await chart(page, 'history-statistic').getAttribute('data-feature')).toBe(top.name);
    await page.locator(`#section-features tbody tr[data-feature="${SHIFTED}"]`).click();
    expect(await chart(page, 'history-statistic').getAttribute('data-feature')).toBe(SHIFTED);
    expect(await history(page).locator('[data-slot="statistic"] h3').textContent()).toBe(
      `${SHIFTED}: wasserstein per run`,
    );

    // Three identical runs give a band of width 0 around their value; the shifted fourth leaves it.
    const statistics = recorded.map((r) => r.report.features.find((f) => f.name === SHIFTED)!.statistic!);
    expect(statistics[0]).toBe(statistics[2]);
    expect(statistics[3]).not.toBe(statistics[0]);
    expect(await outsideOf(page, 'history-statistic')).toEqual([{ series: SHIFTED, run: 4 }]);
    expect(await history(page).locator('[data-slot="statistic"] ul.outside li').allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`^#4 \\(.+\\): ${SHIFTED} .+, outside `)),
    ]);
    expect(await pixelsAt(page, 'history-statistic', [(await pointsOf(page, 'history-statistic'))[3]!])).toEqual([
      [0xd1, 0x24, 0x2f],
    ]);
    await page.screenshot({ path: join(root, 'test-results', 'report-history.png'), fullPage: true });
    await close(opened);
  });

  it('explains, instead of charts, that the first recorded run has no history yet', async () => {
    const opened = await open(recorded[0]!.html);
    const { page } = opened;
    expect(await history(page).locator('p').first().textContent()).toMatch(
      /^One run recorded so far \(#1, .+\): trends across runs show from the second run on\.$/,
    );
    expect(await page.locator('#section-history canvas:visible').count()).toBe(0);
    await close(opened);
  });

  it('leaves the History view out of the export of an unrecorded run (--no-history)', async () => {
    expect(readFileSync(unrecorded.html, 'utf8')).not.toContain('id="history-data"');
    const opened = await open(unrecorded.html);
    expect(await history(opened.page).isHidden()).toBe(true);
    await close(opened);
  });
});

describe('History view of a posted history', () => {
  // Deliberately posted out of time order: the page orders runs by their start.
  const shares = [0.2, 0.25, 0.3, 0.22, 0.9, 0.26];
  const f1s = [0.6, 0.62, 0.61, 0.6, 0.59, 0.3];
  const tenure = [0.1, 0.12, 0.11, 0.13, 0.4, 0.12];
  const runs = (report: Report) =>
    [5, 0, 3, 1, 4, 2].map((i) =>
      constructedRun(
        report,
        i + 1,
        {
          share: shares[i]!,
          f1: f1s[i]!,
          statistics: { tenure_months: tenure[i]!, payment_method: i === 1 ? 0.3 : 0.05 },
        },
        (name) => (name === 'payment_method' && i === 0 ? 'psi' : report.features.find((f) => f.name === name)!.method),
      ),
    );

  it('takes k from the config’s windows.dynamic_k', async () => {
    expect(narrow.report.windows!.dynamicK).toBe(1.5);
    const opened = await open(narrow.html);
    const { page } = opened;
    await postHistory(page, { history: runs(narrow.report) });
    await page.waitForSelector('#section-history canvas[data-chart="history-drift-share"]');
    expect(await history(page).textContent()).toContain('mean ± 1.5·σ of the earlier runs');
    const bands = (await bandsOf(page, 'history-drift-share'))['drift share']!;
    expectedBands(shares, 1.5, [0, 1]).forEach((band, i) => {
      if (!band) return expect(bands[i]).toBeNull();
      expect(bands[i]!.low).toBeCloseTo(band.low, 10);
      expect(bands[i]!.high).toBeCloseTo(band.high, 10);
    });
    await close(opened);
  });

  it('bands each series by mean ± 3·σ of the earlier runs and marks the runs outside', async () => {
    const opened = await open(unrecorded.html);
    const { page } = opened;
    await postHistory(page, { history: runs(unrecorded.report) });
    await page.waitForSelector('#section-history canvas[data-chart="history-drift-share"]');
    for (const name of ['history-drift-share', 'history-metric']) expect(await pointsOf(page, name)).toHaveLength(6);
    expect(await chart(page, 'history-drift-share').getAttribute('aria-label')).toBe(
      `Dataset drift share per run: ${shares.map((s, i) => `#${i + 1} ${s}`).join('; ')}`,
    );
    expect(await chart(page, 'history-alerts').getAttribute('aria-label')).toBe(
      `Alerts per run by severity: ${[...runs(unrecorded.report)]
        .sort((a, b) => a.id - b.id)
        .map((r) => `#${r.id} high ${r.alerts.high}, moderate ${r.alerts.moderate}, low ${r.alerts.low}`)
        .join('; ')}`,
    );

    const close4 = (
      actual: ({ low: number; high: number } | null)[],
      expected: ({ low: number; high: number } | null)[],
    ) => {
      expect(actual.map((b) => b === null)).toEqual(expected.map((b) => b === null));
      expected.forEach((b, i) => {
        if (!b) return;
        expect(actual[i]!.low).toBeCloseTo(b.low, 10);
        expect(actual[i]!.high).toBeCloseTo(b.high, 10);
      });
    };
    close4((await bandsOf(page, 'history-drift-share'))['drift share']!, expectedBands(shares, 3, [0, 1]));
    expect(await outsideOf(page, 'history-drift-share')).toEqual([{ series: 'drift share', run: 5 }]);
    close4((await bandsOf(page, 'history-metric')).v1!, expectedBands(f1s, 3, [0, 1]));
    expect(await outsideOf(page, 'history-metric')).toEqual([{ series: 'v1', run: 6 }]);

    await selectFeature(page, 'tenure_months');
    expect(await pointsOf(page, 'history-statistic')).toHaveLength(6);
    // Normed Wasserstein is never below 0.
    const bands = expectedBands(tenure, 3, [0, Infinity]);
    close4((await bandsOf(page, 'history-statistic')).tenure_months!, bands);
    // Run 5 (0.4) is past the band of runs 1–4; run 6 (0.12) is inside the wider band that includes it.
    expect([4, 5].map((i) => tenure[i]! < bands[i]!.low || tenure[i]! > bands[i]!.high)).toEqual([true, false]);
    expect(await outsideOf(page, 'history-statistic')).toEqual([{ series: 'tenure_months', run: 5 }]);
    expect(await history(page).locator('[data-slot="statistic"] ul.outside li').allTextContents()).toEqual([
      `#5 (2026-05-05 06:30): tenure_months 0.4, outside ${fmt(bands[4]!.low)} – ${fmt(bands[4]!.high)}`,
    ]);
    const points = await pointsOf(page, 'history-statistic');
    const [outsidePixel, insidePixel] = await pixelsAt(page, 'history-statistic', [points[4]!, points[3]!]);
    expect(outsidePixel).toEqual([0xd1, 0x24, 0x2f]);
    expect(insidePixel).not.toEqual([0xd1, 0x24, 0x2f]);

    // A run that tested the column with another method is left out, and the note says so.
    await selectFeature(page, 'payment_method');
    const aria = (await chart(page, 'history-statistic').getAttribute('aria-label'))!;
    expect(aria).toBe(`jensenshannon of payment_method per run: #1 —; #2 0.3; #3 0.05; #4 0.05; #5 0.05; #6 0.05`);
    expect(await history(page).locator('[data-slot="statistic"] p').textContent()).toContain(
      '1 run tested it with another method and is left out.',
    );
    await close(opened);
  });

  it('keeps each band within the values its quantity can take, and draws a p-value without a band', async () => {
    expect(narrow.report.features.find((f) => f.name === 'support_calls')!.method).toBe('ks');
    // A share that jumps about: mean − 1.5·σ of the first four runs is below 0.
    const jumpy = [0.05, 0.5, 0.05, 0.9, 0.1];
    const pValues = [0.5, 0.02, 0.9, 0.01, 0.6];
    const posted = jumpy.map((share, i) =>
      constructedRun(narrow.report, i + 1, { share, statistics: { support_calls: pValues[i]! } }),
    );
    const opened = await open(narrow.html);
    const { page } = opened;
    await postHistory(page, { history: posted });
    await page.waitForSelector('#section-history canvas[data-chart="history-drift-share"]');
    const share = (await bandsOf(page, 'history-drift-share'))['drift share']!;
    expect(share[4]!.low).toBe(0);
    expect(share[4]!.high).toBeCloseTo(expectedBands(jumpy, 1.5)[4]!.high, 10);

    await selectFeature(page, 'support_calls');
    expect(await pointsOf(page, 'history-statistic')).toHaveLength(5);
    expect((await bandsOf(page, 'history-statistic')).support_calls).toEqual([null, null, null, null, null]);
    expect(await outsideOf(page, 'history-statistic')).toEqual([]);
    expect(await history(page).locator('[data-slot="statistic"] p').textContent()).toContain(
      'a p-value is not banded: it has no scale, so the threshold alone decides',
    );
    await close(opened);
  });

  it('shows a short explanation for an empty history and for one that cannot be read', async () => {
    const opened = await open(unrecorded.html);
    const { page } = opened;
    expect(await history(page).isHidden()).toBe(true);
    await postHistory(page, { history: runs(unrecorded.report) });
    await page.waitForSelector('#section-history canvas[data-chart="history-drift-share"]');
    await postHistory(page, { history: [] });
    await expect
      .poll(() => history(page).locator('p').first().textContent())
      .toMatch(/^No run of this config is recorded yet\./);
    expect(await page.locator('#section-history canvas:visible').count()).toBe(0);
    await postHistory(page, {
      problem: '/home/user/h.sqlite is not a readable SQLite database (file is not a database); it is left as it is.',
    });
    await expect
      .poll(() => history(page).locator('p').first().textContent())
      .toBe(
        'The run history cannot be read: /home/user/h.sqlite is not a readable SQLite database (file is not a database); it is left as it is.',
      );
    expect(await page.locator('#section-history canvas:visible').count()).toBe(0);
    await close(opened);
  });

  it('shows hostile feature and model names as text and runs none of them', async () => {
    const { report, html } = hostile;
    const names = report.features.map((f) => f.name).filter((n) => n.includes('<'));
    expect(names.length).toBeGreaterThan(0);
    const statistics = (value: number) => Object.fromEntries(names.map((n) => [n, value]));
    const hostileRuns = [0.1, 0.11, 0.12, 0.1, 0.5].map((v, i) => {
      const run = constructedRun(report, i + 1, { share: 0.1, statistics: statistics(v) });
      return { ...run, metrics: [{ model: '<img src=x onerror=alert(4)>', metric: 'rmse' as const, value: v }] };
    });
    const opened = await open(html);
    const { page } = opened;
    await postHistory(page, { history: hostileRuns });
    await page.waitForSelector('#section-history canvas[data-chart="history-drift-share"]');
    for (const name of names) {
      await selectFeature(page, name);
      const feature = report.features.find((f) => f.name === name)!;
      expect(await history(page).locator('[data-slot="statistic"] h3').textContent()).toBe(
        `${name}: ${feature.method} per run`,
      );
      expect(await chart(page, 'history-statistic').getAttribute('data-feature')).toBe(name);
      // Each hostile column is decided by a p-value, drawn without a band: its name is in the title and the chart's label only.
      expect(await history(page).locator('[data-slot="statistic"] ul.outside li').count()).toBe(0);
      expect(await chart(page, 'history-statistic').getAttribute('aria-label')).toContain(`of ${name} per run`);
    }
    expect(await history(page).locator('[data-slot="metric"] ul.outside li').first().textContent()).toContain(
      '<img src=x onerror=alert(4)> 0.5',
    );
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#section-history script').count()).toBe(0);
    await close(opened);
  });
});

describe('History view in the editor’s panel', () => {
  it('keeps the posted history in the page state, and a restored page draws it from there', async () => {
    const configUri = 'file:///workspace/drift.yaml';
    const report = unrecorded.report;
    const posted = [1, 2, 3].map((id) => constructedRun(report, id, { share: 0.1 * id, statistics: {} }));
    const first = await open(unrecorded.html, { vscode: true });
    await first.page.evaluate(([r, uri]) => window.postMessage({ type: 'report', report: r, configUri: uri }, '*'), [
      report,
      configUri,
    ] as const);
    await first.page.evaluate(([h, uri]) => window.postMessage({ type: 'history', history: h, configUri: uri }, '*'), [
      posted,
      configUri,
    ] as const);
    await first.page.waitForSelector('#section-history canvas[data-chart="history-drift-share"]');
    const states = (await first.page.evaluate(() => (window as unknown as { states: unknown[] }).states)) as {
      configUri: string;
      report: Report;
      history?: { runs: HistoryRun[] };
    }[];
    const kept = states.at(-1)!;
    expect(kept.configUri).toBe(configUri);
    expect(kept.history).toEqual({ runs: posted });
    await close(first);

    // The panel's page: no data in it, only the bundled script (as client/src/reportPanel.ts writes it).
    const nonce = 'aGlzdG9yeS10ZXN0LW5vbmNl';
    const csp = [
      `default-src 'none'`,
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      `base-uri 'none'`,
      `form-action 'none'`,
    ].join('; ');
    const shell = join(dir, 'panel.html');
    writeFileSync(
      shell,
      reportPageShell(
        csp,
        nonce,
        `<script nonce="${nonce}" src="${pathToFileURL(join(root, 'dist/webview.js')).href}"></script>`,
      ),
    );
    const restored = await open(shell, { vscodeState: kept });
    expect(await pointsOf(restored.page, 'history-drift-share')).toHaveLength(3);
    expect(await restored.page.evaluate(() => (window as unknown as { posted: unknown[] }).posted)).toContainEqual({
      type: 'ready',
    });
    await close(restored);
  });
});
