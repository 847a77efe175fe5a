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
];

/** The format of `path`: `declared` when the config gives one, else the one its name ends in, else CSV. */
export function dataFormatOf(path: string, declared?: DataFormat): DataFormat {
  if (declared !== undefined) return declared;
  const lower = path.toLowerCase();
  return ENDINGS.find(([ending]) => lower.endsWith(ending))?.[1] ?? 'csv';
}

/** Whether a file's name says it holds data: `.csv`, `.tsv`, or one of the endings above (completion, file watching). */
export function isDataFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.csv') || lower.endsWith('.tsv') || ENDINGS.some(([ending]) => lower.endsWith(ending));
}
