/** Error-based concept drift on synthetic error streams with and without a change. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import { errorDrift } from '../../../src/engine/monitoring/conceptDrift';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import { stream } from '../concept/streams';

const DAY = 86_400_000;
/** One row a minute from 2026-01-01, in file order. */
function minuteOrder(rows: number) {
  const times = Float64Array.from({ length: rows }, (_, i) => Date.UTC(2026, 0, 1) + i * 60_000);
  return { rows: Int32Array.from({ length: rows }, (_, i) => i), times, sorted: times };
}

/** `errors` misclassifications among `rows`, at positions drawn from mulberry32(seed). */
function scatteredErrors(seed: number, rows: number, errors: number): Float64Array {
  const uniform = mulberry32(seed);
  const out = new Float64Array(rows);
  for (let placed = 0; placed < errors;) {
    const row = Math.floor(uniform() * rows);
    if (out[row] === 0) {
      out[row] = 1;
      placed += 1;
    }
  }
  return out;
}

describe('errorDrift', () => {
  // The smaller version of bench/conceptAlarms.mjs: 200 seeded stationary streams per cell, the
  // reference (20,000 rows) drawn at the same rate. At a true alarm rate of 1%, 7 or more alarms
  // of 200 happen with probability 0.5%. Before, DDM and Page–Hinkley alarmed together on many
  // streams at 0.1% (DDM's running rate is 0 after 1,000 rows without an error, then any error
  // passes it), and the file-level z-test at p < 0.05 two-sided flagged 2.5% of files of 1,000 rows
  // at high error rates, where 2 points are within the noise.
  it.each([
    { rate: 0.001, rows: 20_000 },
    { rate: 0.02, rows: 10_000 },
    { rate: 0.5, rows: 1_000 },
  ])('says the errors rose in at most 1% of stationary analyses: rate $rate, $rows rows', ({ rate, rows }) => {
    const streams = 200;
    let alarms = 0;
    for (let seed = 1; seed <= streams; seed++) {
      const reference = stream(seed, [{ length: 20_000, rate }]);
      const current = stream(seed + 1_000_000, [{ length: rows, rate }]);
      if (errorDrift('m', 'classification', reference, current, minuteOrder(rows)).errorsRose) alarms += 1;
    }
    expect(alarms).toBeLessThanOrEqual(6);
  });

  it('raises nothing on 100,000 stationary misclassifications', () => {
    for (const seed of [1, 2, 3]) {
      const reference = stream(seed, [{ length: 20_000, rate: 0.2 }]);
      const current = stream(seed + 100, [{ length: 100_000, rate: 0.2 }]);
      const result = errorDrift('m', 'classification', reference, current, minuteOrder(current.length));
      expect(result.changePoints.map((c) => [c.detector, c.detections.length])).toEqual([
        ['ddm', 0],
        ['page-hinkley', 0],
        ['adwin', 0],
      ]);
      expect(result.confirmedChange).toBeNull();
      expect(result.errorsRose).toBe(false);
    }
  });

  // Seed 116 places the 501 errors so that DDM and Page–Hinkley used to agree on a change, as in
  // the case reported ("detected by page-hinkley and ddm"): about 1 in 500 placements did.
  it('sees no concept drift where 0.500% of 20,000 reference rows and 0.501% of 100,000 current rows are errors', () => {
    const reference = scatteredErrors(1, 20_000, 100);
    const current = scatteredErrors(116, 100_000, 501);
    const result = errorDrift('m', 'classification', reference, current, minuteOrder(current.length));
    expect(result.test.pValue).toBeGreaterThan(0.9);
    expect(result.changePoints.flatMap((c) => c.detections)).toEqual([]);
    expect(result.confirmedChange).toBeNull();
    expect(result.errorsRose).toBe(false);
  });

  it('confirms a rise in the error rate within a day of rows, with its timestamp', () => {
    const reference = stream(7, [{ length: 5000, rate: 0.2 }]);
    const current = stream(8, [
      { length: 3000, rate: 0.2 },
      { length: 3000, rate: 0.36 },
    ]);
    const result = errorDrift('m', 'classification', reference, current, minuteOrder(current.length));
    expect(result.errorsRose).toBe(true);
    const confirmed = result.confirmedChange!;
    expect(confirmed.index).toBeGreaterThanOrEqual(3000);
    expect(confirmed.index).toBeLessThan(3000 + 1440);
    expect(Date.parse(confirmed.time) - Date.UTC(2026, 0, 1)).toBeLessThan(3000 * 60_000 + DAY);
  });

  it('confirms a doubling of a low error rate, 0.5% → 1%', () => {
    const reference = stream(21, [{ length: 20_000, rate: 0.005 }]);
    const current = stream(22, [
      { length: 50_000, rate: 0.005 },
      { length: 50_000, rate: 0.01 },
    ]);
    const result = errorDrift('m', 'classification', reference, current, minuteOrder(current.length));
    // Half a point of error rate is below the file-level test's material rise: the detectors see it.
    expect(result.test.pValue).toBeLessThan(0.01);
    expect(result.confirmedChange!.index).toBeGreaterThanOrEqual(50_000);
    expect(result.errorsRose).toBe(true);
  });

  it('sees residuals grow, whatever the units of the target', () => {
    for (const scale of [1, 1e6]) {
      const reference = stream(11, [{ length: 4000, mean: 0 }]).map((r) => r * scale);
      const current = stream(12, [
        { length: 2000, mean: 0 },
        { length: 2000, mean: 0 },
      ]).map((r, i) => r * scale * (i < 2000 ? 1 : 2));
      const result = errorDrift('m', 'regression', reference, current, minuteOrder(current.length));
      expect(result.error).toBe('residual');
      expect(result.errorsRose, `scale ${scale}`).toBe(true);
      expect(result.confirmedChange!.index).toBeGreaterThanOrEqual(2000);
    }
  });
});

describe('a stationary classifier with a low error rate, end to end', () => {
  it('reports no concept drift and gives no retraining reason for it (0.500% → 0.501%)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drift-concept-'));
    const write = (name: string, errors: Float64Array, seed: number) => {
      const uniform = mulberry32(seed);
      const lines = ['event_time,x,target,prediction'];
      for (let row = 0; row < errors.length; row++) {
        const target = uniform() < 0.3 ? 1 : 0;
        const time = new Date(Date.UTC(2026, 0, 1) + row * 60_000).toISOString();
        lines.push(`${time},${(uniform() * 10).toFixed(3)},${target},${errors[row] ? 1 - target : target}`);
      }
      writeFileSync(join(dir, name), lines.join('\n') + '\n');
    };
    write('reference.csv', scatteredErrors(1, 20_000, 100), 3);
    write('current.csv', scatteredErrors(116, 100_000, 501), 4);
    writeFileSync(
      join(dir, 'drift.yaml'),
      'reference: reference.csv\ncurrent: current.csv\ncolumns: { target: target, prediction: prediction, timestamp: event_time }\n',
    );
    const report = await analyze(await loadConfig(join(dir, 'drift.yaml')));
    const [model] = report.concept.models;
    expect(model.reference.errorRate).toBe(0.005);
    expect(model.current.errorRate).toBe(0.00501);
    expect(model.errorsRose).toBe(false);
    expect(report.concept.diagnosis.conceptDrift).toBe(false);
    expect(report.alerts.filter((a) => a.kind === 'concept-drift')).toEqual([]);
    expect(report.retraining.reasons.filter((r) => r.startsWith('concept drift'))).toEqual([]);
  });
});
