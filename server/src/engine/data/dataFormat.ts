/**
 * What kind of data file a path holds: plain or gzip-compressed delimited text (CSV, TSV),
 * Parquet, or a saved reference profile (profile/). The config's `format:` says so
 * explicitly; otherwise the name's ending does, and a name it does not know is read as CSV.
 */
export type DataFormat = 'csv' | 'csv.gz' | 'parquet' | 'profile';

export const DATA_FORMATS: readonly DataFormat[] = ['csv', 'csv.gz', 'parquet', 'profile'];

/** Name endings, lower-cased, longest first where one ends another. */
const ENDINGS: readonly [string, DataFormat][] = [
  ['.profile.json', 'profile'],
  ['.csv.gz', 'csv.gz'],
  ['.tsv.gz', 'csv.gz'],
  ['.txt.gz', 'csv.gz'],
  ['.parquet', 'parquet'],
  ['.pq', 'parquet'],
  ['.csv', 'csv'],
  ['.tsv', 'csv'],
  ['.txt', 'csv'],
];

/** The format of `path`: `declared` when the config gives one, else the one its name ends in, else CSV. */
export function dataFormatOf(path: string, declared?: DataFormat): DataFormat {
  return declared ?? formatInName(path) ?? 'csv';
}

/** The format the name of `path` ends in, if it ends in one it knows (`.csv`, `.csv.gz`, `.parquet`, …). */
export function formatInName(path: string): DataFormat | undefined {
  const lower = path.toLowerCase();
  return ENDINGS.find(([ending]) => lower.endsWith(ending))?.[1];
}

export function isDataFormat(value: unknown): value is DataFormat {
  return DATA_FORMATS.includes(value as DataFormat);
}

/**
 * Whether a file's name says it holds data, for the files the editor offers and watches: any
 * ending above but a plain `.txt`, which reads as CSV when a config names it, but is seldom data.
 */
export function isDataFileName(name: string): boolean {
  return formatInName(name) !== undefined && !name.toLowerCase().endsWith('.txt');
}
