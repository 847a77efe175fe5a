/** A regression model end to end: metrics, the MAPE note and residual-based concept drift. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';

const fixture = new URL('../../../../test-fixtures/performance/regression.csv', import.meta.url).pathname;

async function analyzeWith(current: string, extra = '') {
  const dir = mkdtempSync(join(tmpdir(), 'drift-regression-'));
  writeFileSync(join(dir, 'current.csv'), current);
  writeFileSync(
    join(dir, 'drift.yaml'),
    `reference: ${fixture}\ncurrent: current.csv\ncolumns: { target: target, prediction: prediction }\n${extra}`,
  );
  return analyze(await loadConfig(join(dir, 'drift.yaml')));
}

describe('a regression model', () => {
  it('is inferred from a continuous target and scored with regression metrics', async () => {
    const { readFileSync } = await import('node:fs');
    const report = await analyzeWith(readFileSync(fixture, 'utf8'));
    expect(report.task).toBe('regression');
    expect(Object.keys(report.performance!.current).sort()).toEqual(['mae', 'mape', 'r2', 'rmse']);
    expect(report.performance!.models[0].deltas).toEqual({ mae: 0, rmse: 0, r2: 0, mape: 0 });
    expect(report.concept.models[0]).toMatchObject({ error: 'residual', errorsRose: false });
  });

  it('says how many zero targets MAPE left out, and sees residuals grow as concept drift', async () => {
    const rows = [
      'target,prediction',
      ...Array.from(
        { length: 400 },
        (_, i) => `${i % 50 === 0 ? 0 : 10 + (i % 7)},${10 + (i % 7) + (i % 2 ? 20 : -20)}`,
      ),
    ];
    const report = await analyzeWith(
      rows.join('\n') + '\n',
      'task: regression\nperformance: { max_drop: { rmse: 1 } }\n',
    );
    expect(report.notes).toContain('mape of model on the current file leaves out 8 rows whose target is 0.');
    expect(report.concept.models[0].errorsRose).toBe(true);
    expect(report.performance!.findings.map((f) => f.metric)).toEqual(['rmse']);
  });
});
