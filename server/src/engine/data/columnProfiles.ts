/**
 * A short profile of one CSV column, for hovers on column names in the config: its kind,
 * rows, missing values, and the spread of its numbers or its most frequent categories.
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

interface ProfileCounts {
  /** Rows profiled: all the file's data rows, or a sample of them. */
  rows: number;
  /** The file's data rows, when `rows` holds a sample of them. */
  sampledFrom?: number;
  missing: number;
}

export type ColumnProfile =
  | (ProfileCounts & { kind: 'numerical'; mean: number; std: number; min: number; max: number })
  | (ProfileCounts & { kind: 'categorical'; categories: number; top: { value: string; count: number }[] });

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

  /** Rejects when the file cannot be read (the reader's InputError, naming the file) or lacks the column. */
  async get(csvPath: string, column: string): Promise<ColumnProfile> {
    const absolute = path.resolve(csvPath);
    const stats = await stat(absolute);
    const version = `${stats.mtimeMs}:${stats.size}`;
    let file = this.files.get(absolute);
    if (file?.version !== version) {
      file = { version, profiles: readProfiles(absolute, this.readWorker) };
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
async function readProfiles(file: string, readWorker: string | undefined): Promise<Map<string, ColumnProfile>> {
  const table = await readTableInWorker(
    file,
    { displayPath: path.basename(file), kinds: new Map(), requiredColumns: [], sample: PROFILE_SAMPLE },
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
  const top = column.categories
    .map((value, code) => ({ value, count: frequencies[code] }))
    .sort((a, b) => b.count - a.count)
    .slice(0, TOP_CATEGORIES);
  return { kind: 'categorical', ...counts, missing: column.missing, categories: column.categories.length, top };
}

/** The profile as hover markdown: a summary line, then the numbers or a table of the top categories. */
export function profileMarkdown(column: string, file: string, profile: ColumnProfile): string {
  const rows =
    profile.sampledFrom === undefined
      ? `${formatCount(profile.rows)} rows`
      : `sampled ${formatCount(profile.rows)} of ${formatCount(profile.sampledFrom)} rows`;
  const missing = `${formatCount(profile.missing)} missing${profile.missing > 0 ? ` (${rate(profile.missing / profile.rows)})` : ''}`;
  const lines = [`**${escapeMarkdown(column)}** in \`${file}\`: ${profile.kind}, ${rows}, ${missing}`, ''];
  if (profile.kind === 'numerical') {
    if (profile.missing < profile.rows) {
      const std = profile.rows - profile.missing > 1 ? ` · std ${formatNumber(profile.std)}` : '';
      lines.push(
        `mean ${formatNumber(profile.mean)}${std} · min ${formatValue(profile.min)} · max ${formatValue(profile.max)}`,
      );
    }
  } else {
    const more = profile.categories > profile.top.length ? ` (top ${profile.top.length})` : '';
    lines.push(`${formatCount(profile.categories)} categories${more}:`, '', '| value | rows |', '|---|---:|');
    for (const { value, count: frequency } of profile.top)
      lines.push(`| ${escapeMarkdown(value).replace(/\|/g, '\\|')} | ${formatCount(frequency)} |`);
  }
  return lines.join('\n').trimEnd();
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#]/g, '\\$&');
}
