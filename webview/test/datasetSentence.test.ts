/**
 * One report, every surface: the dataset-drift sentence reads the same in the CLI's summary, the
 * Problems pane, the report page (headless Chromium, the HTML export), the notifications and the
 * editor's status bar, as the text module writes it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusView } from '../../client/src/statusView';
import { emailMessage } from '../../server/src/engine/notify/email';
import { webhookPayload } from '../../server/src/engine/notify/webhook';
import { driftDiagnostics } from '../../server/src/lsp/driftDiagnostics';
import { analysisSummary } from '../../server/src/protocol/messages';
import type { Report } from '../../server/src/protocol/report';
import { datasetDriftSentence, driftedFeaturesBrief } from '../../server/src/protocol/text';
import { CHROMIUM } from './ensureChromium';

const root = new URL('../../', import.meta.url).pathname;
const demo = join(root, 'test-fixtures/demo');
const dir = mkdtempSync(join(tmpdir(), 'drift-sentence-'));

/** The demo with drift.share lowered to 0.3, so that its 3 of 8 drifted features make dataset drift. */
const configPath = join(dir, 'drift.yaml');
const configText = readFileSync(join(demo, 'drift.yaml'), 'utf8')
  .replace('reference: reference.csv', `reference: ${join(demo, 'reference.csv')}`)
  .replace('current: current.csv', `current: ${join(demo, 'current.csv')}`)
  .replace(/share: 0\.5 .*/, 'share: 0.3');
const SENTENCE = 'Dataset drift: 3 of 8 input features drifted (38%, limit 30%).';

let browser: Browser;
let report: Report;
let summary: string;
let html: string;

beforeAll(async () => {
  writeFileSync(configPath, configText);
  html = join(dir, 'report.html');
  const json = join(dir, 'report.json');
  const result = spawnSync(
    process.execPath,
    [join(root, 'dist/cli.js'), 'analyze', configPath, '--json', json, '--html', html, '--no-history'],
    { encoding: 'utf8' },
  );
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`drift-monitor exited ${result.status}: ${result.stderr}`);
  summary = result.stdout;
  report = JSON.parse(readFileSync(json, 'utf8')) as Report;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
});

describe('the dataset-drift sentence', () => {
  it('is the one the report writes in its alert', () => {
    expect(report.dataset).toMatchObject({ features: 8, driftedFeatures: 3, drifted: true });
    expect(datasetDriftSentence(report.dataset)).toBe(SENTENCE);
    expect(report.alerts.find((a) => a.kind === 'dataset-drift')?.message).toBe(SENTENCE);
  });

  it('reads the same in the CLI summary', () => {
    expect(summary.split('\n')).toContain(SENTENCE);
  });

  it('reads the same in the Problems pane', () => {
    const { config } = driftDiagnostics({
      report,
      configUri: pathToFileURL(configPath).href,
      configText,
      configDocument: parseDocument(configText),
      currentUri: pathToFileURL(join(demo, 'current.csv')).href,
      currentHeader: null,
    });
    expect(config.find((d) => d.code === 'dataset-drift')?.message).toBe(SENTENCE);
  });

  it('reads the same on the report page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector('#report[data-rendered="1"]');
    expect(await page.locator('#section-header .verdict[data-drifted]').textContent()).toBe(SENTENCE);
    expect(await page.locator('#section-alerts').textContent()).toContain(SENTENCE);
    await context.close();
  });

  it('reads the same in the e-mail and the webhook text', () => {
    const { text } = emailMessage(report, report.alerts);
    expect(text.split('\n')).toContain(`Risk ${report.risk.score}/100 (${report.risk.level}). ${SENTENCE}`);
    expect(text).toContain(`   ${SENTENCE}`);
    expect(webhookPayload(report, report.alerts).text.split('\n')).toContain(`• [moderate] ${SENTENCE}`);
  });

  it('starts as the status bar says it, in the editor', () => {
    const brief = driftedFeaturesBrief(report.dataset);
    expect(brief).toBe('3 of 8 input features drifted — dataset drift');
    expect(SENTENCE).toContain(brief.split(' — ')[0]);
    expect(statusView(analysisSummary('file:///drift.yaml', report), false).tooltip.split('\n')[0]).toBe(brief);
  });
});
