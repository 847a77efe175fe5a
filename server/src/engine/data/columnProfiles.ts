/**
 * A short profile of one column of a data file, for hovers on column names in the config: its
 * kind, rows, missing values, and the spread of its numbers or its most frequent categories.
 * A CSV or Parquet file is read (a sample of a large one); a saved reference profile gives its
 * own figures, over every row it summarises.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { READ_WORKER_FILE, readTableInWorker } from './readInWorker';
import type { RowSample } from './rowSample';
import type { Table } from './table';
import { bundledWorker } from './workerTask';
import { formatCount, formatNumber, formatValue, rate } from '../../protocol/text';
import { InputError } from '../inputError';
import type { Column } from './column';
import { dataFormatOf, type DataFormat } from './dataFormat';
import { readProfileFile } from '../profile/profileFile';
import type { ProfiledColumn } from '../profile/referenceProfile';
import { sketchQuantile } from '../stats/sketchStatistics';

interface ProfileCounts {
  /** Rows profiled: all the file's data rows, or a sample of them. */
  rows: number;
  /** The file's data rows, when `rows` holds a sample of them. */
  sampledFrom?: number;
  missing: number;
}

export type ColumnProfile =
  | (ProfileCounts & {
      kind: 'numerical';
      mean: number;
      std: number;
      min: number;
      max: number;
      /** From a profile's quantile sketch: the quartiles, each within ±`rankError` rows of its rank. */
      quartiles?: { values: [number, number, number]; rankError: number };
    })
  | (ProfileCounts & {
      kind: 'categorical';
      categories: number;
      /** True when `categories` is a lower bound (a profile past its cap on distinct categories). */
      moreCategories?: boolean;
      top: { value: string; count: number }[];
      /** Each top count within ±`countError` rows (a profile's heavy hitters); absent when exact. */
      countError?: number;
    });

/** What a file with its own schema states of a column (a Parquet footer): over every row, sampled or not. */
export interface StatedColumn {
  type: string;
  rows: number;
  missing?: number;
}

/** How many of the most frequent categories a profile lists. */
const TOP_CATEGORIES = 5;

/**
 * A larger file is profiled on a uniform sample of this many rows, so that a hover costs
 * about the same on any file; the seed is fixed so that the same file gives the same profile.
 */
export const PROFILE_SAMPLE: RowSample = { maxRows: 200_000, seed: 1 };

/**
 * Profiles by file, computed on the first request for any of its columns: one read (on a
 * worker thread when running bundled) profiles every column. Kept while the file's mtime
 * and size stay the same.
 */
export class ColumnProfileCache {
  private readonly files = new Map<string, { version: string; profiles: Promise<Map<string, ColumnProfile>> }>();

  /** `readWorker`: the bundle of readWorker.ts to read on; none reads on this thread (see readTableInWorker). */
  constructor(private readonly readWorker: string | undefined = bundledWorker(READ_WORKER_FILE)) {}

  /** `format`: the config's for the file, else its name's. Rejects when the file cannot be read (the reader's InputError, naming the file) or lacks the column. */
  async get(csvPath: string, column: string, format?: DataFormat): Promise<ColumnProfile> {
    const absolute = path.resolve(csvPath);
    const stats = await stat(absolute);
    const read = dataFormatOf(absolute, format);
    // The same file read in another format (the config's `format:` changed) is profiled again.
    const version = `${stats.mtimeMs}:${stats.size}:${read}`;
    let file = this.files.get(absolute);
    if (file?.version !== version) {
      const profiles = read === 'profile' ? savedProfiles(absolute) : readProfiles(absolute, read, this.readWorker);
      file = { version, profiles };
      this.files.set(absolute, file);
    }
    const profile = (await file.profiles).get(column);
    if (!profile)
      throw new InputError(`${path.basename(absolute)} has no column '${column}'.`, {
        file: path.basename(absolute),
        column,
      });
    return profile;
  }

  invalidate(csvPath: string): void {
    this.files.delete(path.resolve(csvPath));
  }
}

/** A profile of each column of the file. */
async function readProfiles(
  file: string,
  format: DataFormat,
  readWorker: string | undefined,
): Promise<Map<string, ColumnProfile>> {
  const table = await readTableInWorker(
    file,
    { displayPath: path.basename(file), format, kinds: new Map(), requiredColumns: [], sample: PROFILE_SAMPLE },
    readWorker,
  );
  const profiles = new Map<string, ColumnProfile>();
  for (const [name, column] of table.columns) {
    // A column of a sample takes a millisecond or so: other requests get their turn between columns.
    await nextTurn();
    profiles.set(name, profileOf(column, table));
  }
  return profiles;
}

/** Each column's figures as the saved reference profile at `file` gives them. */
async function savedProfiles(file: string): Promise<Map<string, ColumnProfile>> {
  const { rows, columns } = await readProfileFile(file, path.basename(file));
  return new Map([...columns].map(([name, column]) => [name, savedProfile(column, rows)]));
}

function savedProfile({ kind, stream, distinct, heavyHitters }: ProfiledColumn, rows: number): ColumnProfile {
  const { missing, numbers } = stream;
  if (kind === 'numerical') {
    const quartile = (q: number) => sketchQuantile(numbers.sketch, q);
    return {
      kind,
      rows,
      missing,
      mean: numbers.mean,
      std: numbers.std,
      min: numbers.min,
      max: numbers.max,
      ...(numbers.count > 0 && {
        quartiles: { values: [quartile(0.25), quartile(0.5), quartile(0.75)], rankError: numbers.sketch.rankError },
      }),
    };
  }
  const counts = stream.categories ?? heavyHitters?.counts ?? new Map<string, number>();
  return {
    kind,
    rows,
    missing,
    categories: distinct.low,
    ...(distinct.high > distinct.low && { moreCategories: true }),
    top: mostFrequent([...counts].map(([value, count]) => ({ value, count }))),
    ...(stream.categories === undefined && heavyHitters && { countError: heavyHitters.error }),
  };
}

function mostFrequent(counts: { value: string; count: number }[]): { value: string; count: number }[] {
  return counts.sort((a, b) => b.count - a.count).slice(0, TOP_CATEGORIES);
}

function profileOf(column: Column, { rows, sampledFrom }: Table): ColumnProfile {
  const counts = { rows, ...(sampledFrom !== undefined && { sampledFrom }) };
  if (column.kind === 'numerical') {
    let count = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const value of column.values) {
      if (Number.isNaN(value)) continue;
      count++;
      sum += value;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    const mean = sum / count;
    let squares = 0;
    for (const value of column.values) if (!Number.isNaN(value)) squares += (value - mean) ** 2;
    // Sample standard deviation, as pandas' describe() gives.
    return {
      kind: 'numerical',
      ...counts,
      missing: rows - count,
      mean,
      std: Math.sqrt(squares / (count - 1)),
      min,
      max,
    };
  }
  const frequencies = new Array<number>(column.categories.length).fill(0);
  for (const code of column.codes) if (code >= 0) frequencies[code]++;
  const top = mostFrequent(column.categories.map((value, code) => ({ value, count: frequencies[code] })));
  return { kind: 'categorical', ...counts, missing: column.missing, categories: column.categories.length, top };
}

/**
 * The profile as hover markdown: a summary line, then the numbers or a table of the top
 * categories. `stated`: what the file's schema says of the column (its type, and its rows and
 * missing values over the whole file, exact where the profile's figures may come from a sample).
 */
export function profileMarkdown(column: string, file: string, profile: ColumnProfile, stated?: StatedColumn): string {
  const sampled = profile.sampledFrom !== undefined;
  const rows = stated
    ? `${formatCount(stated.rows)} rows`
    : sampled
      ? `sampled ${formatCount(profile.rows)} of ${formatCount(profile.sampledFrom!)} rows`
      : `${formatCount(profile.rows)} rows`;
  const [missing, of] = stated?.missing !== undefined ? [stated.missing, stated.rows] : [profile.missing, profile.rows];
  const missingText = `${formatCount(missing)} missing${missing > 0 ? ` (${rate(missing / of)})` : ''}`;
  const kind = stated ? `${profile.kind} (${stated.type})` : profile.kind;
  const lines = [`**${escapeMarkdown(column)}** in \`${file}\`: ${kind}, ${rows}, ${missingText}`, ''];
  // The figures below come from the sample; the summary line has already said so, unless the file stated its rows.
  const fromSample = stated && sampled ? ` (a sample of ${formatCount(profile.rows)} rows)` : '';
  if (profile.kind === 'numerical') {
    if (profile.missing < profile.rows) {
      const std = profile.rows - profile.missing > 1 ? ` · std ${formatNumber(profile.std)}` : '';
      lines.push(
        `mean ${formatNumber(profile.mean)}${std} · min ${formatValue(profile.min)} · max ${formatValue(profile.max)}${fromSample}`,
      );
      if (profile.quartiles) {
        const [q1, median, q3] = profile.quartiles.values.map(formatValue);
        const error =
          profile.quartiles.rankError > 0
            ? ` (each within ±${formatCount(Math.ceil(profile.quartiles.rankError))} rows of its rank)`
            : '';
        lines.push('', `quartiles ${q1} · ${median} · ${q3}${error}`);
      }
    }
  } else {
    const count = `${profile.moreCategories ? 'at least ' : ''}${formatCount(profile.categories)} categories`;
    const more =
      profile.categories > profile.top.length || profile.moreCategories ? ` (top ${profile.top.length})` : '';
    const error = profile.countError ? `, each count within ±${formatCount(Math.ceil(profile.countError))}` : '';
    lines.push(`${count}${more}${error}${fromSample}:`, '', '| value | rows |', '|---|---:|');
    for (const { value, count: frequency } of profile.top)
      lines.push(`| ${escapeMarkdown(value).replace(/\|/g, '\\|')} | ${formatCount(frequency)} |`);
  }
  return lines.join('\n').trimEnd();
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#]/g, '\\$&');
}
