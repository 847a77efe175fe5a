/**
 * readDataFile on a worker thread: the files of an analysis are parsed in parallel, one core
 * each. The worker's columns come back transferred (no copy); errors, progress and
 * cancellation work as on the calling thread (see workerTask.ts).
 */
import { duplicateRows } from '../quality/duplicateRows';
import { readDataFile, type ReadDataOptions } from './readData';
import type { Table } from './table';
import { bundledWorker, runWorker } from './workerTask';

export interface ReadInWorkerOptions extends ReadDataOptions {
  /** Count the table's duplicate rows too, on the thread that read it (Table.duplicateRows). */
  duplicateRows?: boolean;
}

/** What the worker is asked to read: the options without the signal and the callback. */
export interface ReadRequest extends Omit<ReadInWorkerOptions, 'signal' | 'onProgress'> {
  path: string;
  progress: boolean;
}

/** The bundle of readWorker.ts, next to the bundle that loads it (dist/). */
export const READ_WORKER_FILE = 'readWorker.js';

/**
 * readDataFile on a worker running `script` (a bundle of readWorker.ts; by default the one in
 * dist/ when running bundled), or on this thread when there is none. Same result, errors
 * and progress either way.
 */
export function readTableInWorker(
  path: string,
  options: ReadInWorkerOptions,
  script: string | undefined = bundledWorker(READ_WORKER_FILE),
): Promise<Table> {
  if (script === undefined) return readTableHere(path, options);
  const { signal, onProgress } = options;
  const request: ReadRequest = {
    path,
    displayPath: options.displayPath,
    format: options.format,
    kinds: options.kinds,
    requiredColumns: options.requiredColumns,
    sample: options.sample,
    stream: options.stream,
    decimal: options.decimal,
    duplicateRows: options.duplicateRows,
    progress: onProgress !== undefined,
  };
  return runWorker<Table, [number, number]>(script, request, {
    signal,
    onProgress: onProgress && (([done, total]) => onProgress(done, total)),
    task: `reading ${options.displayPath}`,
  });
}

/** In the worker: the table of the request. */
export function readRequested(
  { path, progress, ...options }: ReadRequest,
  onProgress: (progress: [number, number]) => void,
): Promise<Table> {
  return readTableHere(path, {
    ...options,
    onProgress: progress ? (done, total) => onProgress([done, total]) : undefined,
  });
}

/** What the worker does, on this thread: readDataFile, then the duplicate rows when asked. */
export async function readTableHere(
  path: string,
  { duplicateRows: count, ...options }: ReadInWorkerOptions,
): Promise<Table> {
  const table = await readDataFile(path, options);
  if (count) table.duplicateRows = duplicateRows(table);
  return table;
}

/**
 * The buffers of a table's typed arrays, each once, to transfer rather than copy: the
 * columns', and those of each stream's sketch (a wide streamed file holds thousands).
 */
export function transferablesOf(table: Table): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (array: Float64Array | Int32Array) => {
    if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  };
  for (const column of table.columns.values()) add(column.kind === 'numerical' ? column.values : column.codes);
  for (const { numbers } of table.streams?.values() ?? []) {
    add(numbers.sketch.values);
    add(numbers.sketch.cumulative);
  }
  return [...buffers];
}
