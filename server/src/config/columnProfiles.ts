/**
 * A short profile of one CSV column, for hovers on column names in the config: its kind,
 * rows, missing values, and the spread of its numbers or its most frequent categories.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { readTable } from '../data/readTable';
import type { Column } from '../data/table';
import { formatNumber } from '../export/format';

interface ProfileCounts {
  rows: number;
  missing: number;
}

export type ColumnProfile =
  | (ProfileCounts & { kind: 'numerical'; mean: number; std: number; min: number; max: number })
  | (ProfileCounts & { kind: 'categorical'; categories: number; top: { value: string; count: number }[] });

/** How many of the most frequent categories a profile lists. */
const TOP_CATEGORIES = 5;

/**
 * Profiles by file and column, computed on first request. Each read reads the whole file,
 * so it profiles every column at once; entries are kept while the file's mtime and size
 * stay the same.
 */
export class ColumnProfileCache {
  private readonly files = new Map<string, { version: string; profiles: Map<string, Promise<ColumnProfile>> }>();

  /** Rejects when the file cannot be read or lacks the column (with the reader's InputError once the file is there). */
  async get(csvPath: string, column: string): Promise<ColumnProfile> {
    const absolute = path.resolve(csvPath);
    const stats = await stat(absolute);
    const version = `${stats.mtimeMs}:${stats.size}`;
    let file = this.files.get(absolute);
    if (file?.version !== version) {
      file = { version, profiles: new Map() };
      this.files.set(absolute, file);
    }
    let profile = file.profiles.get(column);
    if (!profile) {
      profile = readProfiles(absolute, column, file.profiles);
      file.profiles.set(column, profile);
    }
    return profile;
  }

  invalidate(csvPath: string): void {
    this.files.delete(path.resolve(csvPath));
  }
}

/** Reads the file, stores a profile of each of its columns in `into`, and returns that of `column`. */
async function readProfiles(file: string, column: string, into: Map<string, Promise<ColumnProfile>>): Promise<ColumnProfile> {
  const table = await readTable(file, { displayPath: path.basename(file), kinds: new Map(), requiredColumns: [column] });
  for (const [name, values] of table.columns) {
    if (!into.has(name)) into.set(name, Promise.resolve(profileOf(values, table.rows)));
  }
  return profileOf(table.columns.get(column)!, table.rows);
}

function profileOf(column: Column, rows: number): ColumnProfile {
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
    return { kind: 'numerical', rows, missing: rows - count, mean, std: Math.sqrt(squares / (count - 1)), min, max };
  }
  const counts = new Array<number>(column.categories.length).fill(0);
  for (const code of column.codes) if (code >= 0) counts[code]++;
  const top = column.categories
    .map((value, code) => ({ value, count: counts[code] }))
    .sort((a, b) => b.count - a.count)
    .slice(0, TOP_CATEGORIES);
  return { kind: 'categorical', rows, missing: column.missing, categories: column.categories.length, top };
}

/** The profile as hover markdown: a summary line, then the numbers or a table of the top categories. */
export function profileMarkdown(column: string, file: string, profile: ColumnProfile): string {
  const missing = `${profile.missing} missing${profile.missing > 0 ? ` (${formatNumber((100 * profile.missing) / profile.rows)}%)` : ''}`;
  const lines = [`**${escapeMarkdown(column)}** in \`${file}\`: ${profile.kind}, ${profile.rows} rows, ${missing}`, ''];
  if (profile.kind === 'numerical') {
    if (profile.missing < profile.rows) {
      const std = profile.rows - profile.missing > 1 ? ` · std ${formatNumber(profile.std)}` : '';
      lines.push(`mean ${formatNumber(profile.mean)}${std} · min ${formatNumber(profile.min)} · max ${formatNumber(profile.max)}`);
    }
  } else {
    const more = profile.categories > profile.top.length ? ` (top ${profile.top.length})` : '';
    lines.push(`${profile.categories} categories${more}:`, '', '| value | rows |', '|---|---:|');
    for (const { value, count } of profile.top) lines.push(`| ${escapeMarkdown(value).replace(/\|/g, '\\|')} | ${count} |`);
  }
  return lines.join('\n').trimEnd();
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#]/g, '\\$&');
}
