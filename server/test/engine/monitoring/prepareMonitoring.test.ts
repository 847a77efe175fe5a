/**
 * Monitoring reads what it needs of the data alone (timestamps, the quality scans, the windows
 * and their shared reference) while the drift tests run (monitoring/monitor.ts,
 * prepareMonitoring): the report is the one made by reading it after the tests, or with no
 * tests before it at all (the distinct counts then come from hashing, not from the sorts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeHere } from '../../../src/engine/analysis/analyze';
import { configuredColumns, performanceColumns, planColumns } from '../../../src/engine/analysis/columnPlan';
import { correctedForMultipleTests } from '../../../src/engine/analysis/correction';
import { testColumns } from '../../../src/engine/analysis/parallelDrift';
import { configFromText, loadConfig } from '../../../src/engine/config/load';
import type { DriftConfig } from '../../../src/engine/config/model';
import { readTableHere } from '../../../src/engine/data/readInWorker';
import type { ColumnKind } from '../../../src/engine/data/column';
import { InputError } from '../../../src/engine/inputError';
import { monitor, prepareMonitoring, type MonitorInputs } from '../../../src/engine/monitoring/monitor';

const fixture = (name: string) => new URL(`../../../../test-fixtures/${name}/drift.yaml`, import.meta.url).pathname;

/** The files of `config` read as the analysis reads them, freshly (no counts remembered from another read). */
async function inputsOf(config: DriftConfig): Promise<Omit<MonitorInputs, 'features' | 'dataset'>> {
  const kinds = new Map<string, { kind: ColumnKind; declared: boolean }>([
    ...config.columns.numerical.map((name): [string, { kind: ColumnKind; declared: boolean }] => [
      name,
      { kind: 'numerical', declared: true },
    ]),
    ...config.columns.categorical.map((name): [string, { kind: ColumnKind; declared: boolean }] => [
      name,
      { kind: 'categorical', declared: true },
    ]),
  ]);
  const files = [config.reference, config.current, ...config.datasets];
  const [reference, current, ...extra] = await Promise.all(
    files.map((file, i) =>
      readTableHere(file.path, {
        displayPath: file.written,
        kinds,
        requiredColumns: i < 2 ? configuredColumns(config) : performanceColumns(config),
        decimal: config.decimal,
        duplicateRows: i < 2,
      }),
    ),
  );
  const { pairs, emptyPairs, notes } = planColumns(config, reference, current);
  const datasets = new Map(config.datasets.map((d, i) => [d.name, extra[i]]));
  return { config, reference, current, datasets, pairs, emptyPairs, notes };
}

type When = 'before the tests' | 'after the tests' | 'with no tests before it';

/** monitor()'s part of the report, with its preparation made `when`. */
async function monitoringOf(config: DriftConfig, when: When, features?: MonitorInputs['features']) {
  const inputs = await inputsOf(config);
  const pause = () => Promise.resolve();
  const early = when === 'before the tests' ? await prepareMonitoring(inputs, pause) : undefined;
  const tested =
    when === 'with no tests before it'
      ? features!
      : correctedForMultipleTests(await testColumns(inputs.pairs, config.drift, {}, undefined), config.drift.correction)
          .features;
  const prepared = early ?? (await prepareMonitoring(inputs, pause));
  const drifted = tested.filter((f) => f.role === 'feature' && f.drifted).length;
  const count = tested.filter((f) => f.role === 'feature').length;
  const dataset = {
    features: count,
    driftedFeatures: drifted,
    share: count ? drifted / count : 0,
    threshold: config.drift.share,
    drifted: count > 0 && drifted / count >= config.drift.share,
  };
  const monitoring = monitor({ ...inputs, features: tested, dataset }, prepared);
  return { json: JSON.stringify({ monitoring, notes: inputs.notes }), features: tested };
}

describe('monitoring prepared while the drift tests run', () => {
  it.each(['demo', 'demo-model', 'windows'])(
    'gives the report of preparing it after the tests, or before any test, on test-fixtures/%s',
    async (name) => {
      const config = await loadConfig(fixture(name));
      const after = await monitoringOf(config, 'after the tests');
      expect((await monitoringOf(config, 'before the tests')).json).toBe(after.json);
      expect((await monitoringOf(config, 'with no tests before it', after.features)).json).toBe(after.json);
    },
  );

  it('throws an unreadable timestamp where the report meets it, after the tests, naming the file and row', async () => {
    const config = configFromText(
      'reference: reference.csv\ncurrent: current.csv\ncolumns:\n  timestamp: event_time\nwindows:\n  every: 1w\n',
      fixture('windows'),
    );
    const inputs = await inputsOf(config);
    const column = inputs.current.columns.get('event_time')!;
    if (column.kind !== 'categorical') throw new Error('event_time is read as text');
    // The second row's timestamp becomes text that is no date.
    const codes = column.codes.slice();
    codes[1] = column.categories.length;
    inputs.current.columns.set('event_time', { ...column, codes, categories: [...column.categories, 'soon'] });
    const prepared = await prepareMonitoring(inputs, () => Promise.resolve());
    const features = await testColumns(inputs.pairs, config.drift, {}, undefined);
    const dataset = { features: 0, driftedFeatures: 0, share: 0, threshold: config.drift.share, drifted: false };
    const run = () => monitor({ ...inputs, features, dataset }, prepared);
    expect(run).toThrow(InputError);
    expect(run).toThrow("current.csv row 2, column 'event_time': 'soon' is not a timestamp");
  });
});

describe('a window of a file in time order', () => {
  it('gives the figures of the same rows in another file order (read in place, or copied out)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drift-monitor-window-order-'));
    try {
      const source = new URL('../../../../test-fixtures/windows/', import.meta.url).pathname;
      const [header, ...rows] = readFileSync(join(source, 'current.csv'), 'utf8').trimEnd().split('\n');
      // The same rows, every third one moved to the end: no window is one run of the file any more.
      const shuffled = [...rows.filter((_, i) => i % 3 !== 0), ...rows.filter((_, i) => i % 3 === 0)];
      writeFileSync(join(dir, 'reference.csv'), readFileSync(join(source, 'reference.csv')));
      writeFileSync(join(dir, 'in-order.csv'), [header, ...rows].join('\n') + '\n');
      writeFileSync(join(dir, 'shuffled.csv'), [header, ...shuffled].join('\n') + '\n');
      const yaml = readFileSync(join(source, 'drift.yaml'), 'utf8');
      const windowsOf = async (current: string) =>
        (await analyzeHere(configFromText(yaml.replace('current.csv', current), join(dir, 'drift.yaml')))).windows;
      const inOrder = await windowsOf('in-order.csv');
      expect(inOrder!.current.length).toBeGreaterThan(3);
      expect(await windowsOf('shuffled.csv')).toStrictEqual(inOrder);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
