/**
 * Making a reference profile: a data file of any format read whole (data/readData.ts), each
 * column summarised (columnSummary.ts), the file's duplicate rows counted, and, when made
 * from a config, its models on the reference (modelSummary.ts). Deterministic: the same file
 * and options give the same profile, byte for byte once written (profileFile.ts).
 */
import { basename } from 'node:path';
import { configuredColumns } from '../analysis/columnPlan';
import type { DriftConfig } from '../config/model';
import type { FixedKind } from '../data/columnBuilder';
import type { DataFormat } from '../data/dataFormat';
import type { DecimalSeparator } from '../data/numberParsing';
import { readDataFile } from '../data/readData';
import type { Table } from '../data/table';
import { fileSha256 } from '../history/fileHash';
import { duplicateRowCount } from '../quality/duplicateRows';
import { columnSummary } from './columnSummary';
import { modelSummaries } from './modelSummary';
import { createdBy } from './profileVersion';
import { DEFAULT_SKETCHES, PROFILE_VERSION, type ProfileFile, type SketchParameters } from './profileFormat';

export interface BuildProfileOptions {
  /** The path as the user wrote it, for messages and the profile's source. */
  displayPath: string;
  format?: DataFormat;
  /** Kinds fixed by a config; the other columns get theirs from their cells. */
  kinds?: Map<string, FixedKind>;
  requiredColumns?: string[];
  decimal?: DecimalSeparator;
  /** Columns left out (a config's `columns.exclude`). */
  exclude?: string[];
  sketches?: SketchParameters;
  signal?: AbortSignal;
  /** While the file is read: its bytes read so far and in all. */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

/** The profile of the data file at `path`, every column of it but `exclude`, no models. */
export async function buildProfile(path: string, options: BuildProfileOptions): Promise<ProfileFile> {
  const table = await readDataFile(path, {
    displayPath: options.displayPath,
    format: options.format,
    kinds: options.kinds ?? new Map(),
    requiredColumns: options.requiredColumns ?? [],
    decimal: options.decimal,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  return profileOfTable(table, path, options, () => []);
}

/** The profile of a config's reference: its columns, kinds, decimal, format, models, target and task. */
export async function buildConfigProfile(
  config: DriftConfig,
  { sketches = DEFAULT_SKETCHES, onProgress }: Pick<BuildProfileOptions, 'sketches' | 'onProgress'> = {},
): Promise<ProfileFile> {
  const kinds = new Map<string, FixedKind>();
  for (const name of config.columns.numerical) kinds.set(name, { kind: 'numerical', declared: true });
  for (const name of config.columns.categorical) kinds.set(name, { kind: 'categorical', declared: true });
  const options: BuildProfileOptions = {
    displayPath: config.reference.written,
    format: config.reference.format,
    kinds,
    requiredColumns: configuredColumns(config),
    decimal: config.decimal,
    exclude: config.columns.exclude,
    sketches,
    onProgress,
  };
  const table = await readDataFile(config.reference.path, {
    ...options,
    kinds,
    requiredColumns: options.requiredColumns!,
  });
  return profileOfTable(table, config.reference.path, options, (used) => modelSummaries(config, table, used));
}

async function profileOfTable(
  table: Table,
  path: string,
  options: BuildProfileOptions,
  models: (sketches: SketchParameters) => ProfileFile['models'],
): Promise<ProfileFile> {
  const sketches = options.sketches ?? DEFAULT_SKETCHES;
  const excluded = new Set(options.exclude);
  const columns = table.header
    .map((name, i) => ({ name, seed: i + 1 }))
    .filter(({ name }) => !excluded.has(name))
    .map(({ name, seed }) =>
      columnSummary(
        table.columns.get(name)!,
        options.kinds?.get(name)?.declared === true,
        options.decimal,
        sketches,
        seed,
      ),
    );
  const all = table.header.map((name) => table.columns.get(name)!);
  return {
    profileVersion: PROFILE_VERSION,
    createdBy: createdBy(),
    sources: [{ file: basename(options.displayPath), rows: table.rows, sha256: await fileSha256(path) }],
    sketches,
    rows: table.rows,
    duplicateRows: duplicateRowCount(all, table.rows),
    columns,
    models: models(sketches),
  };
}
