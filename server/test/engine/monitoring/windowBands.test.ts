/**
 * The bands of the time windows on the patterns that misled on real data
 * (test-fixtures/windows/generate.py): bands on p-values that ran below 0, a constant run of
 * windows whose zero-width band flagged a wobble of one row, and an improvement raised as an
 * incident.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import type { Report, TimeWindowReport } from '../../../src/protocol/report';
import { reportValidator } from '../../reportValidator';

const config = new URL('../../../../test-fixtures/windows/drift.yaml', import.meta.url).pathname;

let report: Report;
let windows: TimeWindowReport[];
beforeAll(async () => {
  report = await analyze(await loadConfig(config));
  windows = report.windows!.current;
});

describe('time-window bands', () => {
  it('cuts the eight weeks and writes a report the schema accepts', () => {
    expect(windows.map((w) => w.rows)).toEqual(new Array(8).fill(200));
    const validate = reportValidator();
    validate(JSON.parse(JSON.stringify(report)));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('bands the KS distance D of a KS-decided feature, not its p-value, inside [0, 1]', () => {
    const banded = windows.filter((w) => w.bands.amount);
    expect(banded.length).toBe(5);
    for (const w of windows) {
      // The verdict still reads the p-value; the band reads the distance.
      expect(w.drifted.includes('amount')).toBe(w.statistics.amount! < 0.05);
      expect(w.driftSizes.amount).toBeGreaterThan(0);
      expect(w.driftSizes.amount).toBeLessThan(0.2);
      expect(w.driftSizes.amount).not.toBe(w.statistics.amount);
    }
    for (const w of banded) {
      expect(w.bands.amount!.low).toBeGreaterThanOrEqual(0);
      expect(w.bands.amount!.high).toBeLessThanOrEqual(1);
    }
    // Every band of every series lies within the values it can take.
    for (const w of windows) for (const band of Object.values(w.bands)) expect(band.low).toBeGreaterThanOrEqual(0);
  });

  it("gives a run of equal windows a band as wide as the sampling error: one row's wobble is no anomaly", () => {
    // Weeks 1 to 6: precision 0.5, accuracy 0.8, the segment shares exactly the reference's.
    const week7 = windows[6]!;
    expect(week7.performance!.precision).toBeCloseTo(20 / 41, 12);
    expect(week7.bands.precision!.high - week7.bands.precision!.low).toBeGreaterThan(0.2);
    expect(week7.bands.segment!.high).toBeGreaterThan(0);
    expect(windows[7]!.bands.segment!.high).toBeGreaterThan(windows[7]!.driftSizes.segment!);
    expect(windows.flatMap((w) => w.anomalies)).toEqual([]);
  });

  it('notes an improvement without an alert, risk or retraining', () => {
    const week8 = windows[7]!;
    expect(week8.performance!.recall).toBeCloseTo(0.9, 12);
    expect(week8.improvements.map((a) => a.metric).sort()).toEqual(['accuracy', 'f1', 'precision', 'recall']);
    for (const a of week8.improvements) expect(a.value).toBeGreaterThan(a.high);
    expect(report.alerts.filter((a) => a.kind === 'window-anomaly')).toEqual([]);
    expect(report.risk.components.find((c) => c.name === 'timeWindows')!.points).toBe(0);
    expect(report.retraining.retrain).toBe(false);
  });
});
