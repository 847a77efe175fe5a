/**
 * Testing every column for drift on this thread and on extra worker threads at once
 * (featureWorker.ts, bundled to dist/featureWorker.js): on millions of rows a column takes
 * a second or more, and the other cores would otherwise idle. Columns go, largest first, to
 * whichever thread is free; the results keep the columns' order and are those of testing
 * them one by one, which is what happens without a worker bundle (the sources unbundled)
 * or a spare core. Errors (InputError with its location), progress and cancellation are
 * the same either way.
 */
import { availableParallelism } from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { DriftConfig } from '../config/model';
import { bundledWorker } from '../data/workerTask';
import { InputError } from '../inputError';
import type { FeatureDrift } from '../../protocol/report';
import { knownDistinctCount, rememberDistinctCount } from '../stats/sortNumbers';
import { featureDrift } from './featureDrift';
import type { CategoricalColumn, NumericalColumn } from '../data/column';
import type { AnalysisProgress } from './progress';
import type { ColumnPair } from './columnPair';

/** The bundle of featureWorker.ts, next to the bundle that loads it (dist/). */
export const FEATURE_WORKER_FILE = 'featureWorker.js';

/** Each worker holds copies of the columns it tests: a few spread the usual dozen columns well enough. */
const MAX_EXTRA_WORKERS = 3;

/**
 * Values (both files, all columns) below which testing on this thread alone is quicker:
 * starting a worker (loading its bundle) takes some 30-50 ms, about what testing a few
 * hundred thousand values takes.
 */
const PARALLEL_FROM_VALUES = 500_000;

/**
 * Columns a worker holds at once: the one it tests and the next. This thread hands columns
 * out only between its own, so a worker that had to ask for its next column would wait.
 */
const COLUMNS_PER_WORKER = 2;

export interface TestColumnsOptions {
  onProgress?: (progress: AnalysisProgress) => void;
  signal?: AbortSignal;
}

/** The drift of each of `pairs`, in their order. */
export function testColumns(
  pairs: ColumnPair[],
  drift: DriftConfig['drift'],
  options: TestColumnsOptions = {},
  script: string | undefined = bundledWorker(FEATURE_WORKER_FILE),
  extraWorkers = spareCores(pairs),
): Promise<FeatureDrift[]> {
  // A worker that would get no column is not worth starting.
  const workers = Math.min(extraWorkers, pairs.length - 1);
  if (script === undefined || workers < 1) return testInTurn(pairs, drift, options);
  return testInParallel(pairs, drift, options, script, workers);
}

/** Workers worth starting for `pairs`: one per spare core, up to MAX_EXTRA_WORKERS, none for little data. */
function spareCores(pairs: ColumnPair[]): number {
  const values = pairs.reduce((sum, pair) => sum + valueCount(pair), 0);
  return values < PARALLEL_FROM_VALUES ? 0 : Math.min(availableParallelism() - 1, MAX_EXTRA_WORKERS);
}

function valueCount(pair: ColumnPair): number {
  return pair.kind === 'numerical'
    ? pair.reference.values.length + pair.current.values.length
    : pair.reference.codes.length + pair.current.codes.length;
}

/** One column after the other on this thread. */
async function testInTurn(
  pairs: ColumnPair[],
  drift: DriftConfig['drift'],
  { onProgress, signal }: TestColumnsOptions,
): Promise<FeatureDrift[]> {
  const features: FeatureDrift[] = [];
  for (const [index, pair] of pairs.entries()) {
    onProgress?.({
      stage: 'testing',
      message: `Testing ${pair.name} (${index + 1}/${pairs.length})`,
      done: index,
      total: pairs.length,
    });
    // Let the event loop breathe between columns: a language server must keep answering.
    await new Promise((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    features.push(featureDrift(pair, drift));
  }
  return features;
}

/** What a worker is started with: the drift settings, and a flag per column set by the thread that tests it. */
interface WorkerSetup {
  drift: DriftConfig['drift'];
  claims: Int32Array;
}

/** What this thread sends a worker: a column to test, by its index in `pairs`. */
interface ColumnRequest {
  index: number;
  pair: ColumnPair;
}

/** What a worker sends back. */
type ColumnReply =
  | { type: 'started'; index: number }
  /** This thread took the column while it waited in the worker's queue. */
  | { type: 'skipped'; index: number }
  | { type: 'tested'; index: number; feature: FeatureDrift; distinct?: DistinctCounts }
  | { type: 'inputError'; message: string; location: InputError['location'] }
  // Structured clone keeps an Error's class (RangeError, TypeError…), message and stack.
  | { type: 'error'; error: unknown };

/**
 * The distinct values of a numerical column's two sides, which sorting them counted (see
 * stats/sortNumbers): this thread's data-quality checks ask for them, and counting them
 * again here would take back much of the time the worker saved.
 */
interface DistinctCounts {
  reference?: number;
  current?: number;
}

interface Helper {
  worker: Worker;
  /** Columns sent and not yet tested or skipped. */
  holding: number;
}

/** True for the one thread that gets to test column `index`. */
function claim(claims: Int32Array, index: number): boolean {
  return Atomics.compareExchange(claims, index, 0, 1) === 0;
}

/**
 * `workers` worker threads and this one, each testing a column at a time. A worker is handed
 * its columns between this thread's own; this thread, once no column is left waiting, takes
 * one still queued behind a busy worker's rather than wait.
 */
function testInParallel(
  pairs: ColumnPair[],
  drift: DriftConfig['drift'],
  { onProgress, signal }: TestColumnsOptions,
  script: string,
  workers: number,
): Promise<FeatureDrift[]> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<FeatureDrift[]>((resolve, reject) => {
    const features = new Array<FeatureDrift>(pairs.length);
    const waiting = largestFirst(pairs);
    const handedOut: number[] = [];
    const claims = new Int32Array(new SharedArrayBuffer(4 * pairs.length));
    let started = 0;
    let tested = 0;
    let testing = '';
    const report = () => {
      // Nothing more once settled: a worker's last replies may still come in before it stops.
      if (!settled) onProgress?.({ stage: 'testing', message: testing, done: tested, total: pairs.length });
    };
    const start = (index: number) => {
      started++;
      testing = `Testing ${pairs[index].name} (${started}/${pairs.length})`;
      report();
    };
    const finish = (index: number, feature: FeatureDrift) => {
      features[index] = feature;
      tested++;
      report();
      if (tested === pairs.length) settle(undefined, features);
    };

    let settled = false;
    const settle = (error: unknown, result?: FeatureDrift[]) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const { worker } of helpers) void worker.terminate();
      if (result) resolve(result);
      else reject(error);
    };
    const onAbort = () => settle(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    const helpers: Helper[] = Array.from({ length: workers }, () => {
      const helper = {
        worker: new Worker(script, { workerData: { drift, claims } satisfies WorkerSetup }),
        holding: 0,
      };
      helper.worker.on('message', (reply: ColumnReply) => {
        try {
          if (reply.type === 'started') start(reply.index);
          else if (reply.type === 'skipped') helper.holding--;
          else if (reply.type === 'tested') {
            helper.holding--;
            rememberDistinctCounts(pairs[reply.index], reply.distinct);
            finish(reply.index, reply.feature);
          } else settle(reply.type === 'inputError' ? new InputError(reply.message, reply.location) : reply.error);
        } catch (error) {
          settle(error);
        }
      });
      helper.worker.on('error', (error) => settle(error));
      helper.worker.on('exit', (code) =>
        settle(new Error(`The worker testing columns stopped (exit code ${code}) before it finished.`)),
      );
      return helper;
    });

    const handOut = () => {
      // Keep one column for this thread: it is free now.
      for (const helper of helpers) {
        while (helper.holding < COLUMNS_PER_WORKER && waiting.length > 1) {
          const index = waiting.shift()!;
          helper.worker.postMessage({ index, pair: withSharedValues(pairs[index]) } satisfies ColumnRequest);
          helper.holding++;
          handedOut.push(index);
        }
      }
    };
    /** The next column for this thread: a waiting one, else one still queued behind a busy worker's, the last handed out first. */
    const next = () => [...waiting.splice(0, 1), ...[...handedOut].reverse()].find((index) => claim(claims, index));
    // Between steps the workers' replies come in, and the event loop breathes as it did before.
    const breathe = () => new Promise((resolve) => setImmediate(resolve));
    const testHere = async () => {
      for (;;) {
        await breathe();
        if (settled) return;
        handOut();
        // Copying columns out takes a moment too: keep it apart from testing a column.
        await breathe();
        if (settled) return;
        const index = next();
        if (index === undefined) return;
        start(index);
        if (settled) return;
        finish(index, featureDrift(pairs[index], drift));
      }
    };
    testHere().catch((error: unknown) => settle(error));
  });
}

/**
 * `pair` with its columns' values copied to shared memory, the rest as it is. A worker reads
 * shared memory where it is; anything else postMessage copies twice (out of this thread's
 * memory, then into the worker's). The caller's own arrays stay as they are: it keeps using them.
 */
function withSharedValues(pair: ColumnPair): ColumnPair {
  if (pair.kind === 'numerical') {
    const share = (column: NumericalColumn): NumericalColumn => ({
      ...column,
      values: shared(column.values, Float64Array),
    });
    return { ...pair, reference: share(pair.reference), current: share(pair.current) };
  }
  const share = (column: CategoricalColumn): CategoricalColumn => ({
    ...column,
    codes: shared(column.codes, Int32Array),
  });
  return { ...pair, reference: share(pair.reference), current: share(pair.current) };
}

function shared<Array extends Float64Array | Int32Array>(
  array: Array,
  type: new (buffer: SharedArrayBuffer) => Array,
): Array {
  const copy = new type(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

function distinctCountsOf(pair: ColumnPair): DistinctCounts | undefined {
  if (pair.kind !== 'numerical') return undefined;
  return { reference: knownDistinctCount(pair.reference.values), current: knownDistinctCount(pair.current.values) };
}

function rememberDistinctCounts(pair: ColumnPair, counts: DistinctCounts | undefined): void {
  if (pair.kind !== 'numerical' || counts === undefined) return;
  if (counts.reference !== undefined) rememberDistinctCount(pair.reference.values, counts.reference);
  if (counts.current !== undefined) rememberDistinctCount(pair.current.values, counts.current);
}

/** Indices of `pairs`, the costliest column first: sorting a numerical column (n log n) outweighs counting a categorical one (n). */
function largestFirst(pairs: ColumnPair[]): number[] {
  const cost = (pair: ColumnPair) => {
    const n = valueCount(pair);
    return pair.kind === 'numerical' ? n * Math.log2(n + 1) : n;
  };
  const costs = pairs.map(cost);
  return pairs.map((_, i) => i).sort((a, b) => costs[b] - costs[a]);
}

/** In the worker (featureWorker.ts): tests each column it is sent, in turn, unless this thread took it meanwhile. */
export function serveColumns(): void {
  const port = parentPort;
  if (!port) return;
  const { drift, claims } = workerData as WorkerSetup;
  const reply = (message: ColumnReply) => port.postMessage(message);
  port.on('message', ({ index, pair }: ColumnRequest) => {
    if (!claim(claims, index)) return reply({ type: 'skipped', index });
    reply({ type: 'started', index });
    try {
      const feature = featureDrift(pair, drift);
      reply({ type: 'tested', index, feature, distinct: distinctCountsOf(pair) });
    } catch (error) {
      reply(
        error instanceof InputError
          ? { type: 'inputError', message: error.message, location: error.location }
          : { type: 'error', error },
      );
    }
  });
}
