/**
 * The analysis: read both files, test every column, decide dataset drift.
 * Plain data in, Report out; the CLI and the language server are front ends.
 */
import type { DriftConfig } from '../config/model';
import { readTable } from '../data/readTable';
import type { ColumnKind, Table } from '../data/table';
import type { FeatureDrift, Report } from '../protocol';
import { METHODS } from './methods';
import { configuredColumns, planColumns } from './columnPlan';
import { featureDrift } from './featureDrift';

export interface AnalysisProgress {
  stage: 'reading' | 'testing' | 'done';
  message: string;
  /** Work done and total, in bytes while reading and in columns while testing. */
  done?: number;
  total?: number;
}

export interface AnalyzeOptions {
  onProgress?: (progress: AnalysisProgress) => void;
  signal?: AbortSignal;
  /** The config path as the user gave it, for the report. */
  configShown?: string;
}

/** p-value methods on samples larger than this flag differences too small to matter. */
const LARGE_FOR_P_VALUES = 10_000;

export async function analyze(config: DriftConfig, options: AnalyzeOptions = {}): Promise<Report> {
  const { onProgress, signal } = options;
  const [reference, current] = await readBoth(config, options);

  const { pairs, notes } = planColumns(config, reference, current);
  const features: FeatureDrift[] = [];
  for (const [index, pair] of pairs.entries()) {
    onProgress?.({ stage: 'testing', message: `Testing ${pair.name} (${index + 1}/${pairs.length})`, done: index, total: pairs.length });
    // Let the event loop breathe between columns: a language server must keep answering.
    await new Promise((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    features.push(featureDrift(pair, config.drift));
  }
  notes.push(...largeSampleNotes(features));

  const inputs = features.filter((f) => f.role === 'feature');
  const drifted = inputs.filter((f) => f.drifted).length;
  const share = inputs.length ? drifted / inputs.length : 0;
  return {
    version: 1,
    generatedAt: new Date().toISOString(),
    config: options.configShown ?? config.configPath,
    reference: fileSummary(reference),
    current: fileSummary(current),
    features,
    dataset: { features: inputs.length, driftedFeatures: drifted, share, threshold: config.drift.share, drifted: inputs.length > 0 && share >= config.drift.share },
    notes,
  };
}

async function readBoth(config: DriftConfig, { onProgress, signal }: AnalyzeOptions): Promise<[Table, Table]> {
  const required = configuredColumns(config);
  const kinds = new Map<string, { kind: ColumnKind; declared: boolean }>();
  for (const name of config.columns.numerical) kinds.set(name, { kind: 'numerical', declared: true });
  for (const name of config.columns.categorical) kinds.set(name, { kind: 'categorical', declared: true });
  const bytes = { reference: 0, current: 0, referenceTotal: 0, currentTotal: 0 };
  const report = () => {
    const done = bytes.reference + bytes.current;
    const total = bytes.referenceTotal + bytes.currentTotal;
    onProgress?.({ stage: 'reading', message: `Reading ${config.reference.written} and ${config.current.written}: ${total ? Math.floor((100 * done) / total) : 0}%`, done, total });
  };
  const read = (file: DriftConfig['reference'], side: 'reference' | 'current') =>
    readTable(file.path, {
      displayPath: file.written,
      kinds,
      requiredColumns: required,
      signal,
      onProgress: (done, total) => {
        bytes[side] = done;
        bytes[`${side}Total`] = total;
        report();
      },
    });
  return Promise.all([read(config.reference, 'reference'), read(config.current, 'current')]);
}

function fileSummary(table: Table): Report['reference'] {
  return { path: table.path, rows: table.rows, columns: table.header.length };
}

function largeSampleNotes(features: FeatureDrift[]): string[] {
  const affected = features.filter((f) => METHODS[f.method].thresholdKind === 'pValue' && Math.min(f.reference.count, f.current.count) > LARGE_FOR_P_VALUES);
  if (affected.length === 0) return [];
  return [`${affected.map((f) => `'${f.name}'`).join(', ')} ${affected.length === 1 ? 'is' : 'are'} decided by a p-value on more than ${LARGE_FOR_P_VALUES.toLocaleString('en-US')} values per side, where even negligible differences are significant; an effect size (wasserstein, jensenshannon, psi) is usually the better judge.`];
}
