/**
 * The analysis: read both files, test every column, decide dataset drift.
 * Plain data in, Report out; the CLI and the language server are front ends.
 */
import { isMainThread } from 'node:worker_threads';
import type { DriftConfig } from '../config/model';
import { readTableHere, readTableInWorker } from '../data/readInWorker';
import { bundledWorker, runWorker } from '../data/workerTask';
import type { Table } from '../data/table';
import { InputError } from '../inputError';
import type { FeatureDrift, Report } from '../../protocol/report';
import { andList, formatCount } from '../../protocol/text';
import { METHODS } from '../../protocol/methods';
import { monitor, prepareMonitoring } from '../monitoring/monitor';
import { configuredColumns, performanceColumns, planColumns } from './columnPlan';
import { correctedForMultipleTests } from './correction';
import { testColumns } from './parallelDrift';
import { streamingDecision, streamingNotes, type StreamingOption } from './streaming';
import { profileNotes } from './profileNotes';
import type { ColumnKind } from '../data/column';
import type { AnalysisProgress } from './progress';

export interface AnalyzeOptions {
  onProgress?: (progress: AnalysisProgress) => void;
  signal?: AbortSignal;
  /** The config path as the user gave it, for the report. */
  configShown?: string;
  /**
   * Each file analyzed on a uniform random sample of this many rows when it has more
   * (driftMonitor.maxRowsInteractive, --max-rows); undefined or 0: every row.
   */
  maxRows?: number;
  /** Streaming for files larger than memory (see streaming.ts); not with `maxRows`. */
  streaming?: StreamingOption;
}

/** p-value methods on samples larger than this flag differences too small to matter. */
const LARGE_FOR_P_VALUES = 10_000;

/** One fixed seed: the same files and limit give the same sample, and so the same report. */
const SAMPLE_SEED = 1;

/** The bundle of analyzeWorker.ts, next to the bundle that loads it (dist/). */
export const ANALYZE_WORKER_FILE = 'analyzeWorker.js';

/**
 * The analysis, on a worker thread when running bundled (the CLI, the language server), so
 * that the calling thread's event loop stays free however large the files; on this thread
 * otherwise (`script` undefined, as when the sources run unbundled in tests). Progress,
 * errors (InputError with its location) and cancellation are the same either way.
 */
export function analyze(
  config: DriftConfig,
  options: AnalyzeOptions = {},
  script: string | undefined = isMainThread ? bundledWorker(ANALYZE_WORKER_FILE) : undefined,
): Promise<Report> {
  if (script === undefined) return analyzeHere(config, options);
  const { onProgress, signal } = options;
  const request: AnalyzeRequest = {
    config,
    configShown: options.configShown,
    maxRows: options.maxRows,
    streaming: options.streaming,
    progress: onProgress !== undefined,
  };
  if (!onProgress) return runWorker<Report, AnalysisProgress>(script, request, { signal, task: 'analyzing' });
  // A step can take seconds on millions of rows: say so at least every second, with the time it has taken.
  let last: AnalysisProgress | undefined;
  let lastAt = Date.now();
  let stepStartedAt = lastAt;
  const report = (progress: AnalysisProgress) => {
    lastAt = Date.now();
    onProgress(progress);
  };
  const ticker = setInterval(() => {
    if (last === undefined || Date.now() - lastAt < PROGRESS_INTERVAL_MS) return;
    report({ ...last, message: `${last.message} (${Math.round((Date.now() - stepStartedAt) / 1000)} s)` });
  }, PROGRESS_INTERVAL_MS / 4);
  const onWorkerProgress = (progress: AnalysisProgress) => {
    if (progress.message !== last?.message) stepStartedAt = Date.now();
    last = progress;
    report(progress);
  };
  return runWorker<Report, AnalysisProgress>(script, request, {
    signal,
    onProgress: onWorkerProgress,
    task: 'analyzing',
  }).finally(() => clearInterval(ticker));
}

/** The longest the worker path of `analyze` goes without a progress report. */
const PROGRESS_INTERVAL_MS = 500;

/** What the analysis worker is asked: `analyze`'s arguments without the signal and the callback. */
export interface AnalyzeRequest extends Pick<AnalyzeOptions, 'configShown' | 'maxRows' | 'streaming'> {
  config: DriftConfig;
  progress: boolean;
}

/** In the worker: the report of the request. */
export function analyzeRequested(
  { config, progress, ...options }: AnalyzeRequest,
  onProgress: (progress: AnalysisProgress) => void,
): Promise<Report> {
  return analyzeHere(config, { ...options, onProgress: progress ? onProgress : undefined });
}

/** The analysis on this thread. */
export async function analyzeHere(config: DriftConfig, options: AnalyzeOptions = {}): Promise<Report> {
  const { onProgress, signal } = options;
  const streaming = options.maxRows ? undefined : await streamingDecision(config, options.streaming);
  const tables = await readAll(config, options, streaming?.exactRows);
  const [reference, current, ...extra] = tables;
  const datasets = new Map(config.datasets.map((d, i) => [d.name, extra[i]]));

  const { pairs, emptyPairs, notes } = planColumns(config, reference, current);
  const names = ['reference', 'current', ...config.datasets.map((d) => `'${d.name}'`)];
  notes.unshift(
    ...tables.flatMap((table) => table.notes ?? []),
    ...(streaming ? streamingNotes(names, tables, streaming) : samplingNotes(names, tables, options.maxRows ?? 0)),
  );
  // While the columns are tested, this thread reads what monitoring needs of the data alone
  // (timestamps, quality, windows), between the columns it tests itself: the worker threads
  // take more of the columns, and the other core no longer waits for this work after the tests.
  const testing = testColumns(pairs, config.drift, { onProgress, signal });
  const stop = new AbortController();
  testing.catch(() => stop.abort());
  const preparing = prepareMonitoring({ config, reference, current, pairs, emptyPairs }, async () => {
    await new Promise((resolve) => setImmediate(resolve));
    stop.signal.throwIfAborted();
    signal?.throwIfAborted();
  });
  const [tested, prepared] = await Promise.all([testing, preparing]);
  // Corrected here, once every column of the pair is tested, whichever path tested it (this thread, workers, streams).
  const { features, correction } = correctedForMultipleTests(tested, config.drift.correction);
  if (reference.profile) notes.push(...profileNotes(reference.path, reference.profile, config, features));
  notes.push(...largeSampleNotes(features));

  const inputs = features.filter((f) => f.role === 'feature');
  const drifted = inputs.filter((f) => f.drifted).length;
  const share = inputs.length ? drifted / inputs.length : 0;
  const dataset = {
    features: inputs.length,
    driftedFeatures: drifted,
    share,
    threshold: config.drift.share,
    drifted: inputs.length > 0 && share >= config.drift.share,
  };
  onProgress?.({ stage: 'testing', message: 'Model performance, data quality, windows' });
  await new Promise((resolve) => setImmediate(resolve));
  signal?.throwIfAborted();
  const monitoring = monitor(
    { config, reference, current, datasets, pairs, emptyPairs, features, dataset, notes },
    prepared,
  );
  return {
    version: 1,
    generatedAt: new Date().toISOString(),
    config: options.configShown ?? config.configPath,
    reference: fileSummary(reference),
    current: fileSummary(current),
    datasets: config.datasets.map((d) => ({ name: d.name, ...fileSummary(datasets.get(d.name)!) })),
    features,
    dataset,
    correction,
    ...monitoring,
    notes,
  };
}

/**
 * Reference, current, then each of `datasets`, read in parallel, each on a thread of its own
 * (see readInWorker): the reference on this one when it is itself a worker (the analysis
 * worker would only wait meanwhile: a worker fewer to start), the others on worker threads.
 * Streamed (see streaming.ts) when `streamRows` is set. The reference's and current's
 * duplicate rows are counted as each is read, beside the other's reading, not after the tests.
 */
async function readAll(
  config: DriftConfig,
  { onProgress, signal, maxRows }: AnalyzeOptions,
  streamRows: number | undefined,
): Promise<Table[]> {
  const required = configuredColumns(config);
  const kinds = new Map<string, { kind: ColumnKind; declared: boolean }>();
  for (const name of config.columns.numerical) kinds.set(name, { kind: 'numerical', declared: true });
  for (const name of config.columns.categorical) kinds.set(name, { kind: 'categorical', declared: true });
  const files = [config.reference, config.current, ...config.datasets];
  const done = files.map(() => 0);
  const totals = files.map(() => 0);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const names = files.map((f) => f.written).join(', ');
  const results = await Promise.allSettled(
    files.map((file, i) =>
      (i === 0 && !isMainThread ? readTableHere : readTableInWorker)(file.path, {
        displayPath: file.written,
        format: file.format,
        kinds,
        // Extra datasets only need what the metrics read.
        requiredColumns: i < 2 ? required : performanceColumns(config),
        sample: maxRows || streamRows ? { maxRows: (maxRows || streamRows)!, seed: SAMPLE_SEED } : undefined,
        stream: streamRows !== undefined,
        decimal: config.decimal,
        duplicateRows: i < 2,
        signal,
        onProgress: (bytes, total) => {
          done[i] = bytes;
          totals[i] = total;
          const all = sum(totals);
          onProgress?.({
            stage: 'reading',
            message: `Reading ${names}: ${all ? Math.floor((100 * sum(done)) / all) : 0}%`,
            done: sum(done),
            total: all,
          });
        },
      }),
    ),
  );
  return tablesOrOneError(results);
}

/** The tables, or every file's problem in one error: a user fixing one missing file wants to know about the other. */
function tablesOrOneError(results: PromiseSettledResult<Table>[]): Table[] {
  const failures = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => r.reason as unknown);
  if (failures.length === 0) return results.map((r) => (r as PromiseFulfilledResult<Table>).value);
  const unexpected = failures.find((f) => !(f instanceof InputError));
  if (unexpected !== undefined || failures.length === 1) throw unexpected ?? failures[0];
  const problems = failures as InputError[];
  throw new InputError(problems.map((p) => p.message).join('\n'), problems[0].location);
}

function fileSummary(table: Table): Report['reference'] {
  if (table.profile) {
    const { createdBy, sources, rows } = table.profile;
    return { path: table.path, rows, columns: table.header.length, profile: { createdBy, sources } };
  }
  return {
    path: table.path,
    rows: table.rows,
    columns: table.header.length,
    ...(table.sampledFrom !== undefined && { sampledFrom: table.sampledFrom }),
    ...(table.streams && { streamed: true }),
  };
}

/** Which files were sampled, and what that means for the figures. */
function samplingNotes(names: string[], tables: Table[], maxRows: number): string[] {
  const sampled = tables.flatMap((t, i) =>
    t.sampledFrom === undefined || t.profile
      ? []
      : [`${formatCount(t.rows)} of ${formatCount(t.sampledFrom)} ${names[i]} rows`],
  );
  if (sampled.length === 0) return [];
  const limit = `limit ${formatCount(maxRows)} rows from driftMonitor.maxRowsInteractive or --max-rows`;
  return [
    `Sampled: ${andList(sampled)} (uniform random sample, seed ${SAMPLE_SEED}; ${limit}); p-values and counts are those of the sample.`,
  ];
}

function largeSampleNotes(features: FeatureDrift[]): string[] {
  const affected = features.filter(
    (f) =>
      METHODS[f.method].thresholdKind === 'pValue' && Math.min(f.reference.count, f.current.count) > LARGE_FOR_P_VALUES,
  );
  if (affected.length === 0) return [];
  return [
    `${affected.map((f) => `'${f.name}'`).join(', ')} ${affected.length === 1 ? 'is' : 'are'} decided by a p-value on more than ${formatCount(LARGE_FOR_P_VALUES)} values per side, where even negligible differences are significant; an effect size (wasserstein, jensenshannon, psi) is usually the better judge.`,
  ];
}
