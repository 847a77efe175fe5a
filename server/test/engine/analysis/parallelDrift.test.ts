/**
 * Testing columns on this thread and worker threads at once (analysis/parallelDrift.ts, the
 * workers bundled to dist/featureWorker.js) gives what testing them one by one gives: the
 * same JSON byte for byte, in the columns' order, and the distinct counts the sorts found
 * for the data-quality checks. A worker's error comes back as the same error; aborting
 * stops the workers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generate } from '../../../../bench/generate.mjs';
import { configuredColumns, planColumns } from '../../../src/engine/analysis/columnPlan';
import { testColumns } from '../../../src/engine/analysis/parallelDrift';
import { loadConfig } from '../../../src/engine/config/load';
import type { DriftConfig } from '../../../src/engine/config/model';
import type { FeatureDrift } from '../../../src/protocol/report';
import { knownDistinctCount } from '../../../src/engine/stats/sortNumbers';
import type { FixedKind } from '../../../src/engine/data/columnBuilder';
import { readTable } from '../../../src/engine/data/readTable';
import type { ColumnPair } from '../../../src/engine/analysis/columnPair';
import type { NumericalColumn } from '../../../src/engine/data/column';

const featureWorker = new URL('../../../../dist/featureWorker.js', import.meta.url).pathname;
const fixture = (name: string) => new URL(`../../../../test-fixtures/${name}/drift.yaml`, import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'drift-monitor-parallel-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** The same report JSON, and the same values where JSON cannot tell (NaN, -0, undefined). */
function expectSame(actual: FeatureDrift[], expected: FeatureDrift[], message?: string): void {
  expect(JSON.stringify(actual), message).toBe(JSON.stringify(expected));
  expect(actual, message).toStrictEqual(expected);
}

/** The column pairs the analysis tests for the config at `path`, read as analyze reads them. */
async function pairsOf(
  path: string,
  sample?: { maxRows: number; stream: boolean },
): Promise<{ pairs: ColumnPair[]; drift: DriftConfig['drift'] }> {
  const config = await loadConfig(path);
  const kinds = new Map<string, FixedKind>([
    ...config.columns.numerical.map((name): [string, FixedKind] => [name, { kind: 'numerical', declared: true }]),
    ...config.columns.categorical.map((name): [string, FixedKind] => [name, { kind: 'categorical', declared: true }]),
  ]);
  const read = (file: DriftConfig['reference']) =>
    readTable(file.path, {
      displayPath: file.written,
      kinds,
      requiredColumns: configuredColumns(config),
      sample: sample && { maxRows: sample.maxRows, seed: 1 },
      stream: sample?.stream,
    });
  const { pairs } = planColumns(config, await read(config.reference), await read(config.current));
  return { pairs, drift: config.drift };
}

describe('testColumns on worker threads', () => {
  let generated: string;
  let manyMerchants: string;
  beforeAll(async () => {
    generated = join(scratch, 'generated');
    manyMerchants = join(scratch, 'many-merchants');
    await generate(generated, 20_000);
    await generate(manyMerchants, 20_000, { highCardinality: true });
  }, 60_000);

  const cases: [string, () => string, { maxRows: number; stream: boolean }?][] = [
    ['test-fixtures/demo', () => fixture('demo')],
    ['test-fixtures/demo-model', () => fixture('demo-model')],
    ['a generated pair', () => join(generated, 'drift.yaml')],
    ['a generated pair with 50,000 merchants', () => join(manyMerchants, 'drift.yaml')],
    [
      'a generated pair streamed past a 5,000-row sample',
      () => join(generated, 'drift.yaml'),
      { maxRows: 5_000, stream: true },
    ],
  ];

  it.each(cases)('gives what testing one column after the other gives on %s', async (_, path, sample) => {
    const { pairs, drift } = await pairsOf(path(), sample);
    const inTurn = await testColumns(pairs, drift, {}, undefined);
    for (const workers of [1, 3]) {
      const parallel = await testColumns(pairs, drift, {}, featureWorker, workers);
      expect(parallel.map((f) => f.name)).toEqual(pairs.map((p) => p.name));
      expectSame(parallel, inTurn, `${workers} worker(s)`);
    }
  });

  it('leaves the columns as they were: they are copied, not moved', async () => {
    const { pairs, drift } = await pairsOf(join(generated, 'drift.yaml'));
    const before = structuredClone(pairs);
    await testColumns(pairs, drift, {}, featureWorker, 1);
    expect(pairs).toStrictEqual(before);
  });

  it("keeps the distinct counts the workers' sorts found, for the data-quality checks on this thread", async () => {
    const { pairs, drift } = await pairsOf(join(generated, 'drift.yaml'));
    await testColumns(pairs, drift, {}, featureWorker, 1);
    const numerical = pairs.filter((p): p is Extract<ColumnPair, { kind: 'numerical' }> => p.kind === 'numerical');
    expect(numerical.length).toBeGreaterThan(2);
    for (const pair of numerical) {
      for (const { values } of [pair.reference, pair.current])
        expect(knownDistinctCount(values), pair.name).toBe(new Set(values.filter((v) => !Number.isNaN(v))).size);
    }
  });

  it('reports each column as it starts and finishes, up to all of them', async () => {
    const { pairs, drift } = await pairsOf(join(generated, 'drift.yaml'));
    const seen: { message: string; done?: number; total?: number }[] = [];
    await testColumns(
      pairs,
      drift,
      { onProgress: ({ message, done, total }) => seen.push({ message, done, total }) },
      featureWorker,
      1,
    );
    const started = [...new Set(seen.map((p) => p.message))];
    expect(started.map((m) => m.replace(/^Testing (.+) \(\d+\/\d+\)$/, '$1')).sort()).toEqual(
      pairs.map((p) => p.name).sort(),
    );
    expect(started.map((m) => m.replace(/^.* \((\d+)\/(\d+)\)$/, '$1 $2'))).toEqual(
      pairs.map((_, i) => `${i + 1} ${pairs.length}`),
    );
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done!)].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ done: pairs.length, total: pairs.length });
  });

  it("throws a worker's error as testing here throws it", async () => {
    const { drift } = await loadConfig(fixture('demo'));
    const spread = (n: number) => Float64Array.from({ length: n }, (_, i) => (i * 7919) % 1_000_003);
    const column = (name: string, values: Float64Array): NumericalColumn => ({
      kind: 'numerical',
      name,
      values,
      missing: 0,
      nonNumeric: 0,
      nonNumericLines: [],
    });
    const numerical = (name: string, values: Float64Array): ColumnPair => ({
      name,
      role: 'feature',
      kind: 'numerical',
      reference: column(name, values),
      current: column(
        name,
        values.map((v) => v + 1),
      ),
    });
    // Bin edges that decrease, which the config's validation would have refused, make binning throw a RangeError.
    // The costliest column, it goes to the worker first while this thread tests the others.
    const broken = numerical('broken', spread(2_000_000));
    const pairs = [broken, ...['a', 'b', 'c'].map((name) => numerical(name, spread(1_000_000)))];
    const withBadBins = { ...drift, features: { ...drift.features, broken: { bins: [3, 1] } } };
    const error = (testing: Promise<unknown>) =>
      testing.then(
        () => undefined,
        (e: unknown) => e,
      );
    const here = await error(testColumns(pairs, withBadBins, {}, undefined));
    const there = await error(testColumns(pairs, withBadBins, {}, featureWorker, 1));
    expect(here).toBeInstanceOf(RangeError);
    expect(there).toBeInstanceOf(RangeError);
    expect((there as Error).message).toBe((here as Error).message);
  });

  it('stops the workers when aborted, rejecting with the reason, with no progress after', async () => {
    const { pairs, drift } = await pairsOf(join(generated, 'drift.yaml'));
    const terminate = Worker.prototype.terminate;
    const exits: Promise<number>[] = [];
    vi.spyOn(Worker.prototype, 'terminate').mockImplementation(function (this: Worker) {
      const exit = terminate.call(this);
      exits.push(exit);
      return exit;
    });
    const controller = new AbortController();
    let afterAbort = 0;
    const testing = testColumns(
      pairs,
      drift,
      {
        signal: controller.signal,
        onProgress: () => {
          if (controller.signal.aborted) afterAbort++;
          else controller.abort(new Error('cancelled'));
        },
      },
      featureWorker,
      2,
    );
    await expect(testing).rejects.toThrow('cancelled');
    expect(exits).toHaveLength(2);
    await Promise.all(exits);
    expect(afterAbort).toBe(0);
  });

  it('tests on this thread without a worker bundle, or with no core to spare', async () => {
    const { pairs, drift } = await pairsOf(fixture('demo'));
    const sent = vi.spyOn(Worker.prototype, 'postMessage');
    const inTurn = await testColumns(pairs, drift, {}, undefined, 1);
    const noSpareCore = await testColumns(pairs, drift, {}, featureWorker, 0);
    expect(sent).not.toHaveBeenCalled();
    expectSame(noSpareCore, inTurn);
  });

  it('starts no worker for little data, where starting one takes longer than the tests (the demo: 8,000 rows)', async () => {
    const { pairs, drift } = await pairsOf(fixture('demo'));
    const sent = vi.spyOn(Worker.prototype, 'postMessage');
    const byDefault = await testColumns(pairs, drift, {}, featureWorker);
    expect(sent).not.toHaveBeenCalled();
    expectSame(byDefault, await testColumns(pairs, drift, {}, undefined));
  });
});
