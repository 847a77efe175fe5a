/**
 * The multiple-testing correction of the drift table (drift.correction). Many unchanged
 * features tested at p < 0.05 flag about 1 in 20 of them; Benjamini–Hochberg (the default)
 * brings 200 unchanged features to at most one false alarm in nearly every run. Whatever the
 * correction, every verdict of the report follows the adjusted p-value: the feature table,
 * the severities and scores, the dataset-drift share and the alerts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, type AnalyzeOptions } from '../../../src/engine/analysis/analyze';
import { judged } from '../../../src/engine/analysis/verdict';
import { loadConfig } from '../../../src/engine/config/load';
import { adjustPValues } from '../../../src/engine/stats/multipleTesting';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import { featureMessage } from '../../../src/lsp/driftDiagnostics';
import type { Report } from '../../../src/protocol/report';
import { adjustedPValue, datasetDriftSentence, formatNumber } from '../../../src/protocol/text';
import { runCli } from '../../cli/runCli';

const folder = mkdtempSync(join(tmpdir(), 'drift-correction-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A CSV of `rows` rows, one column per entry of `columns`, each cell made by its function. */
function csv(columns: Record<string, (row: number) => string>, rows: number): string {
  const names = Object.keys(columns);
  const lines = [names.join(',')];
  for (let row = 0; row < rows; row++) lines.push(names.map((name) => columns[name](row)).join(','));
  return `${lines.join('\n')}\n`;
}

async function reportOf(
  name: string,
  reference: string,
  current: string,
  drift = '',
  options: AnalyzeOptions = {},
): Promise<Report> {
  writeFileSync(join(folder, `${name}-reference.csv`), reference);
  writeFileSync(join(folder, `${name}-current.csv`), current);
  const config = join(folder, `${name}.drift.yaml`);
  writeFileSync(
    config,
    `reference: ${name}-reference.csv\ncurrent: ${name}-current.csv\nhistory: { enabled: false }\n${drift}`,
  );
  return analyze(await loadConfig(config), options);
}

/** Whole numbers drawn uniformly from 0 to 999,999 by `random` (ties are rare: KS stays continuous). */
const uniform = (random: () => number) => () => String(Math.floor(random() * 1e6));

describe('200 unchanged features of 500 rows each, over 50 seeds', () => {
  const SEEDS = 50;
  const FEATURES = 200;
  const ROWS = 500;
  const runs: { drifted: number; rawBelowThreshold: number }[] = [];

  it('has about 10 raw p-values below 0.05 per run, and at most 1 drifted feature in at least 90% of runs', async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = mulberry32(seed);
      const columns = Object.fromEntries(Array.from({ length: FEATURES }, (_, j) => [`f${j}`, uniform(random)]));
      const report = await reportOf('unchanged', csv(columns, ROWS), csv(columns, ROWS));
      expect(report.correction).toEqual({ method: 'fdr', pValueTests: FEATURES, distanceTests: 0 });
      runs.push({
        drifted: report.features.filter((f) => f.drifted).length,
        rawBelowThreshold: report.features.filter((f) => f.statistic! < f.threshold).length,
      });
    }
    // The false alarms are there to correct: 5% of 200 per run, as without a correction.
    const meanRaw = runs.reduce((sum, r) => sum + r.rawBelowThreshold, 0) / SEEDS;
    expect(meanRaw).toBeGreaterThan(7);
    expect(meanRaw).toBeLessThan(13);
    const atMostOne = runs.filter((r) => r.drifted <= 1).length;
    expect(atMostOne / SEEDS).toBeGreaterThanOrEqual(0.9);
  }, 300_000);
});

describe('every verdict follows the adjusted p-value', () => {
  const ROWS = 150;
  const random = mulberry32(7);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const columns = (shift: number): Record<string, (row: number) => string> => ({
    ...Object.fromEntries(Array.from({ length: 8 }, (_, j) => [`same${j}`, () => normal().toFixed(5)])),
    // Shifted a little: a raw p-value below 0.05 that the correction over 10 tests lifts above it.
    slight: () => (normal() + shift * 0.3).toFixed(5),
    // Shifted far: drifted whatever the correction.
    far: () => (normal() + shift * 2).toFixed(5),
    // Decided by a distance, which no correction touches.
    spread: () => (normal() * (1 + shift)).toFixed(5),
    // No values in the current file: nothing to test, and not counted among the tests.
    gone: (row) => (shift === 0 ? String(row % 7) : ''),
  });
  const reference = csv(columns(0), ROWS);
  const current = csv(columns(1), ROWS);
  const overrides = 'drift:\n  features:\n    spread: { method: wasserstein }\n';

  it('leaves distances and untested columns alone and counts only the computed p-values', async () => {
    const report = await reportOf('mixed', reference, current, overrides);
    expect(report.correction).toEqual({ method: 'fdr', pValueTests: 10, distanceTests: 1 });
    const byName = new Map(report.features.map((f) => [f.name, f]));
    expect(byName.get('spread')!.adjustedPValue).toBeUndefined();
    expect(byName.get('gone')?.adjustedPValue).toBeUndefined();
    const slight = byName.get('slight')!;
    expect(slight.statistic).toBeLessThan(0.05);
    expect(slight.adjustedPValue).toBeGreaterThanOrEqual(0.05);
    expect(slight.drifted).toBe(false);
    expect(byName.get('far')!.drifted).toBe(true);
  });

  for (const [correction, streaming] of [
    ['fdr', undefined],
    ['bonferroni', undefined],
    ['fdr', { mode: 'on', exactRows: 50 }],
  ] as const) {
    it(`${correction}${streaming ? ', streamed' : ''}: the table, severities, scores, dataset share and alerts agree`, async () => {
      const report = await reportOf(
        `agree-${correction}-${streaming ? 'streamed' : 'read'}`,
        reference,
        current,
        `${overrides}  correction: ${correction}\n`,
        { streaming },
      );
      expect(report.correction.method).toBe(correction);
      const tested = report.features.filter((f) => f.adjustedPValue !== undefined);
      expect(tested.map((f) => f.name).sort()).toEqual(
        [...Array.from({ length: 8 }, (_, j) => `same${j}`), 'far', 'slight'].sort(),
      );
      const expected = adjustPValues(
        tested.map((f) => f.statistic!),
        correction,
      );
      tested.forEach((f, i) => {
        expect(f.adjustedPValue, f.name).toBe(expected[i]);
        expect({ drifted: f.drifted, score: f.score, severity: f.severity }, f.name).toEqual(
          judged(f.method, f.adjustedPValue!, f.threshold),
        );
      });
      const drifted = report.features.filter((f) => f.drifted);
      expect(report.dataset.driftedFeatures).toBe(drifted.filter((f) => f.role === 'feature').length);
      const alerted = report.alerts.filter((a) => a.kind === 'feature-drift').map((a) => a.subject);
      expect(alerted.sort()).toEqual(drifted.map((f) => f.name).sort());
      const far = report.alerts.find((a) => a.subject === 'far')!;
      expect(far.message).toContain(`adjusted p `);
      expect(far.values.adjustedPValue).toBe(report.features.find((f) => f.name === 'far')!.adjustedPValue);
    });
  }

  it('reads the same in the CLI summary, the CSV export and the Problems pane', async () => {
    const report = await reportOf('surfaces', reference, current, overrides);
    const csvPath = join(folder, 'surfaces.csv');
    const { code, stdout } = await runCli([
      'analyze',
      join(folder, 'surfaces.drift.yaml'),
      '--csv',
      csvPath,
      '--no-history',
      '--no-notify',
    ]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const sentence =
      'p-values corrected: Benjamini–Hochberg over the 10 p-value tests; the one distance is not corrected.';
    expect(lines[lines.indexOf(datasetDriftSentence(report.dataset)) + 1]).toBe(sentence);
    const far = report.features.find((f) => f.name === 'far')!;
    const header = lines.find((line) => line.startsWith('feature '))!.split(/\s{2,}/);
    expect(header.slice(4, 7)).toEqual(['statistic', 'adjusted p', 'threshold']);
    expect(
      lines
        .find((line) => line.startsWith('far '))!
        .split(/\s+/)
        .slice(4, 6),
    ).toEqual([formatNumber(far.statistic!), formatNumber(far.adjustedPValue!)]);
    const rows = Papa.parse<Record<string, string>>(readFileSync(csvPath, 'utf8'), { header: true }).data;
    const row = (name: string) => rows.find((r) => r.feature === name)!;
    expect([row('far').correction, Number(row('far').adjusted_p_value)]).toEqual(['fdr', far.adjustedPValue]);
    expect([row('spread').correction, row('spread').adjusted_p_value]).toEqual(['', '']);
    expect(featureMessage(far)).toContain(
      `${formatNumber(far.statistic!)}, ${adjustedPValue(far.adjustedPValue!)} < 0.05`,
    );
  });

  it('none: each raw p-value meets its threshold alone, with no adjusted value', async () => {
    const report = await reportOf('none', reference, current, `${overrides}  correction: none\n`);
    expect(report.correction).toEqual({ method: 'none', pValueTests: 10, distanceTests: 1 });
    expect(report.features.every((f) => f.adjustedPValue === undefined)).toBe(true);
    expect(report.features.find((f) => f.name === 'slight')!.drifted).toBe(true);
  });
});
