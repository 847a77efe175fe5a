/**
 * The analysis streamed: every row through the column streams, a sample for the rest. Compared
 * with the same files read whole: exact where streaming promises exact (category counts,
 * counts, means, extremes), within the stated bound where it sketches, the same verdicts,
 * and the report saying what was streamed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../../../bench/generate.mjs';
import { textSummary } from '../../../src/cli/textSummary';
import { analyze } from '../../../src/engine/analysis/analyze';
import { sizeInMemory, streamingDecision } from '../../../src/engine/analysis/streaming';
import { parquetColumns } from '../../../src/engine/data/parquet/parquetColumns';
import { loadConfig } from '../../../src/engine/config/load';
import { InputError } from '../../../src/engine/inputError';
import type { CategoricalSummary, NumericalSummary, Report } from '../../../src/protocol/report';
import { reportValidator } from '../../reportValidator';

const on = (exactRows: number) => ({ mode: 'on' as const, exactRows });

describe('streaming a generated pair of 60,000 rows with 5,000 exact rows', () => {
  const folder = mkdtempSync(join(tmpdir(), 'drift-streaming-'));
  let whole: Report;
  let streamed: Report;

  beforeAll(async () => {
    // Drifted on purpose: income, tenure, channel, is_premium (see bench/generate.mjs).
    await generate(folder, 60_000);
    const config = await loadConfig(join(folder, 'drift.yaml'));
    whole = await analyze(config);
    streamed = await analyze(config, { streaming: on(5_000) });
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('says each file was streamed, with the sample the rest reads', () => {
    expect(streamed.reference).toEqual({
      path: 'reference.csv',
      rows: 5_000,
      sampledFrom: 60_000,
      streamed: true,
      columns: 10,
    });
    expect(streamed.current).toEqual({
      path: 'current.csv',
      rows: 5_000,
      sampledFrom: 60_000,
      streamed: true,
      columns: 10,
    });
    expect(streamed.notes[0]).toMatch(
      /^Streamed reference \(60,000 rows\) and current \(60,000 rows\), as streaming was asked for: the drift tests read every row, .*KLL quantile sketches.* a uniform sample of 5,000 rows per file \(seed 1\)/,
    );
  });

  it('counts every row: counts, missing values, means, standard deviations and extremes as when read whole', () => {
    for (const feature of whole.features) {
      const other = streamed.features.find((f) => f.name === feature.name)!;
      expect(other.reference.count, feature.name).toBe(feature.reference.count);
      expect(other.current.missing, feature.name).toBe(feature.current.missing);
      if (feature.kind !== 'numerical') continue;
      for (const side of ['reference', 'current'] as const) {
        const [a, b] = [feature[side] as NumericalSummary, other[side] as NumericalSummary];
        expect(b.mean! / a.mean!, `${feature.name} ${side} mean`).toBeCloseTo(1, 12);
        expect(b.std! / a.std!, `${feature.name} ${side} std`).toBeCloseTo(1, 10);
        expect([b.min, b.max]).toEqual([a.min, a.max]);
      }
    }
  });

  it('gives categorical columns exactly the whole read’s tests', () => {
    const categorical = whole.features.filter((f) => f.kind === 'categorical');
    expect(categorical.length).toBeGreaterThan(0);
    for (const feature of categorical) {
      const other = streamed.features.find((f) => f.name === feature.name)!;
      expect(other.tests, feature.name).toEqual(feature.tests);
      expect((other.current as CategoricalSummary).categories).toEqual(
        (feature.current as CategoricalSummary).categories,
      );
      expect(other.cdfError).toBeUndefined();
    }
  });

  it('gives the KS statistic of numerical columns within the stated cdf error', () => {
    for (const feature of whole.features.filter((f) => f.kind === 'numerical')) {
      const other = streamed.features.find((f) => f.name === feature.name)!;
      expect(other.cdfError, feature.name).toBeGreaterThan(0);
      expect(other.cdfError, feature.name).toBeLessThan(0.01);
      expect(Math.abs(other.tests.ks!.statistic - feature.tests.ks!.statistic), feature.name).toBeLessThanOrEqual(
        other.cdfError!,
      );
      expect(other.methodReason, feature.name).toMatch(
        /from sketches of every row \(cdf error within ±[\d.]+% with 99% confidence\)$/,
      );
      // The rank tests run on the sample.
      expect(other.tests.mannwhitney?.pValue, feature.name).toBeGreaterThanOrEqual(0);
    }
  });

  it('bounds every sketched statistic, and the bound holds the whole read’s value', () => {
    // Streamed Wasserstein and the exact one differ (by several percent on some columns): the
    // bound says by how much they may.
    for (const feature of whole.features.filter((f) => f.kind === 'numerical')) {
      const { tests } = streamed.features.find((f) => f.name === feature.name)!;
      const within = (exact: number, bound: { low: number; high: number } | undefined, what: string) => {
        expect(bound, `${feature.name} ${what}`).toBeDefined();
        expect(exact, `${feature.name} ${what}`).toBeGreaterThanOrEqual(bound!.low);
        expect(exact, `${feature.name} ${what}`).toBeLessThanOrEqual(bound!.high);
      };
      within(feature.tests.ks!.pValue, tests.ks!.bound, 'KS p-value');
      within(feature.tests.wasserstein!.normed, tests.wasserstein!.bound, 'normed Wasserstein');
      within(feature.tests.energy!.normed, tests.energy!.bound, 'normed energy');
      for (const method of ['psi', 'jensenshannon', 'kl', 'hellinger'] as const)
        expect(tests[method]!.bound, `${feature.name} ${method}`).toBeDefined();
    }
  });

  it('leaves a column undecided when the bound lies on both sides of the threshold', async () => {
    const income = whole.features.find((f) => f.name === 'income')!;
    expect(income.method).toBe('wasserstein');
    const config = await loadConfig(join(folder, 'drift.yaml'));
    // The threshold at the exact value: inside the bound, so the sketches cannot tell.
    config.drift.thresholds.wasserstein = income.tests.wasserstein!.normed;
    const report = await analyze(config, { streaming: on(5_000) });
    const feature = report.features.find((f) => f.name === 'income')!;
    expect(feature).toMatchObject({ undecided: true, drifted: false, severity: 'none', score: 0.5 });
    expect(feature.methodReason).toMatch(
      /; undecided: from the sketches the exact normed Wasserstein lies in [\d.]+ … [\d.]+, on both sides of the threshold [\d.]+: read the files whole \(streaming off\) to decide$/,
    );
    expect(textSummary(report, 'drift.yaml', config)).toMatch(
      /^income +feature +numerical +wasserstein .* undecided +none$/m,
    );
    expect(streamed.features.some((f) => f.undecided)).toBe(false);
    const validate = reportValidator();
    validate(JSON.parse(JSON.stringify(report)));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('keeps every verdict', () => {
    const verdicts = (report: Report) => Object.fromEntries(report.features.map((f) => [f.name, f.drifted]));
    expect(verdicts(streamed)).toEqual(verdicts(whole));
    expect(streamed.dataset).toEqual(whole.dataset);
  });

  it('validates against schemas/report.schema.json', () => {
    const validate = reportValidator();
    validate(JSON.parse(JSON.stringify(streamed)));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('reads files of at most exactRows rows whole: the same report as without streaming', async () => {
    const config = await loadConfig(join(folder, 'drift.yaml'));
    const report = await analyze(config, { streaming: on(60_000) });
    expect(report.features).toEqual(whole.features);
    expect(report.reference).toEqual(whole.reference);
    expect(report.notes).toEqual(whole.notes);
  });
});

describe('streaming, edge cases', () => {
  const folder = mkdtempSync(join(tmpdir(), 'drift-streaming-edges-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function pair(name: string, reference: string[], current: string[], yaml = ''): string {
    const dir = join(folder, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeFileSync(join(dir, 'reference.csv'), reference.join('\n') + '\n');
    writeFileSync(join(dir, 'current.csv'), current.join('\n') + '\n');
    writeFileSync(join(dir, 'drift.yaml'), `reference: reference.csv\ncurrent: current.csv\n${yaml}`);
    return join(dir, 'drift.yaml');
  }
  const rows = (n: number, cell: (i: number) => string) => Array.from({ length: n }, (_, i) => cell(i));

  it('stops at a text cell of a column declared numerical even in a row the sample leaves out', async () => {
    const current = ['x', ...rows(3_000, (i) => (i === 2_500 ? 'oops' : String(i)))];
    const config = await loadConfig(
      pair('declared', ['x', ...rows(3_000, String)], current, 'columns:\n  numerical: [x]\n'),
    );
    const error = await analyze(config, { streaming: on(100) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      "current.csv line 2502, column 'x': 'oops' is not a number, but the column is declared numerical.",
    );
  });

  it('tests a column of many numbers and a few texts as categories of the sample, and says so', async () => {
    // Numbers that recur (i % 700): numbers unique per row would make the column an identifier, left out.
    const mixed = (i: number) => (i % 1_000 === 999 ? 'unknown' : String(i % 700));
    const config = await loadConfig(pair('mixed', ['code', ...rows(3_000, mixed)], ['code', ...rows(3_000, mixed)]));
    const report = await analyze(config, { streaming: on(500) });
    const feature = report.features.find((f) => f.name === 'code')!;
    expect(feature.kind).toBe('categorical');
    expect(feature.methodReason).toMatch(
      /; on the sample: the column has too many distinct numbers to count while streaming$/,
    );
  });

  it('gives no bound where the distance is undefined (infinite values), and the report stays valid', async () => {
    const cell = (i: number) => (i === 7 ? 'inf' : String((i * 7919) % 5_000));
    const config = await loadConfig(pair('infinite', ['x', ...rows(5_000, cell)], ['x', ...rows(5_000, cell)]));
    const report = await analyze(config, { streaming: on(100) });
    const { tests } = report.features.find((f) => f.name === 'x')!;
    expect(tests.wasserstein!.normed).toBeNaN();
    expect(tests.wasserstein!.bound).toBeUndefined();
    expect(tests.ks!.bound).toBeDefined();
    expect(tests.jensenshannon!.bound).toBeDefined();
    const validate = reportValidator();
    validate(JSON.parse(JSON.stringify(report)));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('counts a column of few numbers and a text as exact categories', async () => {
    const levels = (i: number) => ['1', '2', '3', 'n/a-ish'][i % 4];
    const config = await loadConfig(
      pair(
        'levels',
        ['grade', ...rows(4_000, levels)],
        ['grade', ...rows(4_000, (i) => levels(i + (i % 3 === 0 ? 1 : 0)))],
      ),
    );
    const whole = await analyze(config);
    const streamed = await analyze(config, { streaming: on(300) });
    const [a, b] = [whole, streamed].map((r) => r.features.find((f) => f.name === 'grade')!);
    expect(b.kind).toBe('categorical');
    expect(b.tests).toEqual(a.tests);
    expect(b.methodReason).toMatch(/exact counts of every row$/);
  });

  it('judges whether a text column is an identifier from every row, not from the sample', async () => {
    // 5,000 codes over 20,000 rows: each recurs 4 times in the file, and 97% of 300 sampled rows are distinct.
    const code = (i: number) => `c${(i * 7919) % 5000}`;
    const config = await loadConfig(
      pair('codes', ['code', ...rows(20_000, code)], ['code', ...rows(20_000, (i) => code(i + 1))]),
    );
    const whole = await analyze(config);
    const streamed = await analyze(config, { streaming: on(300) });
    for (const report of [whole, streamed]) {
      expect(report.features.map((f) => f.name)).toEqual(['code']);
      expect(report.notes.some((note) => note.includes('identifier'))).toBe(false);
    }
  });
});

describe('streamingDecision', () => {
  it('streams in auto mode only for files larger than a quarter of memory; on and off as told', async () => {
    const config = await loadConfig(new URL('../../../../test-fixtures/demo/drift.yaml', import.meta.url).pathname);
    expect(await streamingDecision(config, { mode: 'auto', exactRows: 10 })).toBeUndefined();
    expect(await streamingDecision(config, { mode: 'off', exactRows: 10 })).toBeUndefined();
    expect(await streamingDecision(config, undefined)).toBeUndefined();
    expect(await streamingDecision(config, { mode: 'on', exactRows: 10 })).toEqual({
      exactRows: 10,
      reason: 'streaming was asked for',
    });
  });
});

describe('sizeInMemory', () => {
  it('counts a Parquet file as decoded, 8 bytes a cell of each column read, not its compressed size on disk', async () => {
    const file = new URL('../../../../test-fixtures/parquet/types.parquet', import.meta.url).pathname;
    const columns = await parquetColumns(file, 'types.parquet');
    const read = columns.filter((column) => column.kind !== 'skipped');
    expect(read.length).toBeGreaterThan(0);
    expect(read.length).toBeLessThan(columns.length);
    expect(await sizeInMemory(file)).toEqual({ bytes: read.length * columns[0].rows * 8, gzip: false });
  });
});
