/**
 * The data files the extension offers and watches, by their names' endings: plain and gzip
 * CSV or TSV, Parquet, and saved reference profiles, as the server reads them (its
 * engine/data/dataFormat.ts says which ending is which format).
 */

/** Every data file, for findFiles and the file watcher. */
export const DATA_FILES_GLOB = '**/*.{csv,tsv,csv.gz,tsv.gz,txt.gz,parquet,pq,profile.json}';

/** The open dialog's filters (its extensions cannot have a dot, so `gz` and `json` stand for theirs). */
export const DATA_FILE_FILTERS = {
  'Data files': ['csv', 'tsv', 'gz', 'parquet', 'pq', 'json'],
  CSV: ['csv', 'tsv'],
  Parquet: ['parquet', 'pq'],
};

/** A saved reference profile (`drift-monitor profile`), which stands only for a reference. */
export function isProfileName(file: string): boolean {
  return /\.profile\.json$/i.test(file);
}

/** A data file that can be current data: any but a profile. */
export function isCurrentDataName(file: string): boolean {
  return /\.(csv|tsv|csv\.gz|tsv\.gz|txt\.gz|parquet|pq)$/i.test(file);
}

/** `train` of `train.csv`, `train.csv.gz`, `train.parquet` or `train.profile.json` (a path keeps its folders). */
export function dataFileStem(file: string): string {
  return file.replace(/(\.profile\.json|\.(csv|tsv|txt)(\.gz)?|\.parquet|\.pq)$/i, '');
}

/** `train.profile.json` for `train.parquet`, `train.csv` or `train.csv.gz`. */
export function profileNameOf(file: string): string {
  return `${dataFileStem(file)}.profile.json`;
}
