/** A numerical column holding `inf` cells: the analysis runs, draws what is finite, and says which statistics are undefined. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';

const folder = mkdtempSync(join(tmpdir(), 'drift-infinities-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function analyzePair(yaml = ''): Promise<Awaited<ReturnType<typeof analyze>>> {
  const random = mulberry32(5);
  for (const [name, shift] of [
    ['reference', 0],
    ['current', 0.5],
  ] as const) {
    // 2% infinite: past the 0.5% tail the display histogram used to span, which broke it.
    const rows = Array.from(
      { length: 2_000 },
      (_, i) =>
        `${i % 50 === 0 ? (i % 100 === 0 ? 'inf' : '-inf') : (random() + shift).toFixed(4)},${random().toFixed(4)}`,
    );
    writeFileSync(join(folder, `${name}.csv`), ['x,y', ...rows].join('\n') + '\n');
  }
  writeFileSync(join(folder, 'drift.yaml'), `reference: reference.csv\ncurrent: current.csv\n${yaml}`);
  return analyze(await loadConfig(join(folder, 'drift.yaml')));
}

describe('infinite values in a numerical column', () => {
  it('runs, draws the finite range, and says the deciding distance is undefined', async () => {
    const report = await analyzePair();
    const x = report.features.find((f) => f.name === 'x')!;
    expect(x.method).toBe('wasserstein');
    expect(x.statistic).toBeNull();
    expect(x.drifted).toBe(false);
    expect(x.methodReason).toMatch(
      /; not computable: the values include infinities, for which this method is undefined \(set drift\.features\.x\.method to ks, psi or jensenshannon to test the column\)$/,
    );
    if (x.histogram.kind !== 'numerical') throw new Error('numerical histogram expected');
    expect(x.histogram.edges.every(Number.isFinite)).toBe(true);
    expect(x.histogram.edges[0]).toBeGreaterThanOrEqual(0);
    expect(x.histogram.edges.at(-1)).toBeLessThanOrEqual(1.5);
    // The infinities fold into the end bins: every value is counted.
    expect(x.histogram.current.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('decides by KS when told, and finds the shift', async () => {
    const report = await analyzePair('drift:\n  features:\n    x:\n      method: ks\n');
    const x = report.features.find((f) => f.name === 'x')!;
    expect(x.method).toBe('ks');
    expect(x.drifted).toBe(true);
    expect(x.statistic).toBeLessThan(1e-10);
  });
});
