/**
 * Merging profiles of parts of one dataset into the profile of the parts' rows concatenated,
 * in the order given: counts add, moments combine, exact counts add (until they pass their
 * cap), sketches merge (kll.ts, heavyHitters.ts, hyperLogLog.ts), each within its stated
 * bound. What needs rows from every part at once is lost: duplicate rows become null (rows
 * repeated across parts are not seen), and the reference metrics of models (ROC AUC, log
 * loss, R² need the rows), so profiles with models are not merged.
 */
import { InputError } from '../inputError';
import { mergeHeavyHitters, type HeavyHitters } from '../stats/heavyHitters';
import {
  addNumber,
  addText,
  distinctBounds,
  emptyHyperLogLog,
  hyperLogLogOfText,
  hyperLogLogText,
  mergeHyperLogLogs,
  type HyperLogLog,
} from '../stats/hyperLogLog';
import { textSummary } from './columnSummary';
import { mergeNumbers } from './numberSummary';
import type { ProfileColumn, ProfileDistinct, ProfileFile, ProfileTexts, SketchParameters } from './profileFormat';
import { createdBy } from './profileVersion';

/** A profile read from a file, with the name it is shown by. */
export interface NamedProfile {
  file: string;
  profile: ProfileFile;
}

export function mergeProfiles(parts: NamedProfile[]): ProfileFile {
  const [first, ...rest] = parts;
  for (const part of parts) checkMergeable(first, part);
  const { sketches } = first.profile;
  let columns = first.profile.columns;
  for (const part of rest)
    columns = columns.map((column, i) => mergeColumns(column, part.profile.columns[i], sketches, i + 1));
  return {
    profileVersion: first.profile.profileVersion,
    createdBy: createdBy(),
    sources: parts.flatMap((part) => part.profile.sources),
    sketches,
    rows: parts.reduce((sum, part) => sum + part.profile.rows, 0),
    duplicateRows: parts.length === 1 ? first.profile.duplicateRows : null,
    columns,
    models: [],
  };
}

/** Profiles merge when made with the same sketch parameters, of the same columns and kinds, without models. */
function checkMergeable(first: NamedProfile, part: NamedProfile): void {
  const fail = (why: string) => {
    throw new InputError(`${part.file} cannot be merged with ${first.file}: ${why}.`, { file: part.file });
  };
  if (part.profile.models.length > 0)
    fail(
      `it holds models, whose reference metrics (ROC AUC, log loss, R²) need every row at once; profile the whole reference from the config instead`,
    );
  const [a, b] = [first.profile.sketches, part.profile.sketches];
  const parameters = (s: SketchParameters) => JSON.stringify(s);
  if (parameters(a) !== parameters(b))
    fail(`it was made with other sketch parameters (${parameters(b)} against ${parameters(a)})`);
  const names = (p: ProfileFile) => p.columns.map((c) => c.name);
  const [ours, theirs] = [names(first.profile), names(part.profile)];
  const missing = ours.find((name) => !theirs.includes(name));
  const extra = theirs.find((name) => !ours.includes(name));
  if (missing !== undefined) fail(`it has no column '${missing}'`);
  if (extra !== undefined) fail(`it has a column '${extra}' that ${first.file} has not`);
  if (ours.some((name, i) => theirs[i] !== name)) fail('its columns are in another order');
  first.profile.columns.forEach((column, i) => {
    const other = part.profile.columns[i];
    if (other.kind !== column.kind || other.declared !== column.declared)
      fail(`its column '${column.name}' is ${kindOf(other)}, but ${kindOf(column)} in ${first.file}`);
  });
}

function kindOf(column: ProfileColumn): string {
  return `${column.declared ? 'declared ' : ''}${column.kind}`;
}

function mergeColumns(a: ProfileColumn, b: ProfileColumn, sketches: SketchParameters, seed: number): ProfileColumn {
  const numbers = mergeNumbers(a.numbers, b.numbers, sketches.exactNumbers, sketches.kllK, seed);
  const texts = mergeTexts(a.texts, b.texts, sketches.exactTexts);
  const merged: ProfileColumn = {
    ...a,
    rows: a.rows + b.rows,
    missing: a.missing + b.missing,
    nonNumeric: a.nonNumeric + b.nonNumeric,
    numbers,
    texts,
    distinct: { low: 0, high: 0 },
  };
  merged.distinct = mergeDistinct(a, b, merged);
  return merged;
}

function mergeTexts(a: ProfileTexts, b: ProfileTexts, exactTexts: number): ProfileTexts {
  if (a.counts && b.counts) {
    const counts = new Map(a.counts);
    for (const [text, rows] of b.counts) counts.set(text, (counts.get(text) ?? 0) + rows);
    return textSummary(counts, exactTexts);
  }
  const { counts, error } = mergeHeavyHitters(heavyHittersOf(a), heavyHittersOf(b), exactTexts);
  return { length: a.length + b.length, heavyHitters: { counts: [...counts], error } };
}

/** Exact counts are heavy hitters without error. */
function heavyHittersOf(texts: ProfileTexts): HeavyHitters {
  const summary = texts.heavyHitters ?? { counts: texts.counts!, error: 0 };
  return { counts: new Map(summary.counts), error: summary.error };
}

/**
 * Exact while the merged column counts every value; otherwise the parts' HyperLogLog
 * sketches merged (an exact part's made from its counts) within what the parts' bounds
 * allow: at least the most distinct of any part, at most their sum and the values present.
 */
function mergeDistinct(a: ProfileColumn, b: ProfileColumn, merged: ProfileColumn): ProfileDistinct {
  const { numbers, texts } = merged;
  if (numbers.counts && texts.counts) {
    const distinct = numbers.counts.length + texts.counts.length;
    return { low: distinct, high: distinct };
  }
  const low = Math.max(a.distinct.low, b.distinct.low);
  const high = Math.min(a.distinct.high + b.distinct.high, numbers.count + merged.nonNumeric);
  const sketches = [a, b].map(distinctSketch);
  if (sketches[0] === undefined || sketches[1] === undefined) return { low, high };
  const sketch = mergeHyperLogLogs(sketches[0], sketches[1]);
  const bounds = distinctBounds(sketch, low, high);
  const keep = (numbers.counts === undefined && numbers.wholeNumbers) || texts.counts === undefined;
  return { low: bounds.low, high: bounds.high, ...(keep && { hyperLogLog: hyperLogLogText(sketch) }) };
}

/** A part's HyperLogLog sketch: as saved, or made from its exact counts; undefined without either. */
function distinctSketch(column: ProfileColumn): HyperLogLog | undefined {
  if (column.distinct.hyperLogLog !== undefined) return hyperLogLogOfText(column.distinct.hyperLogLog);
  const { counts } = column.numbers;
  if (counts === undefined || column.texts.counts === undefined) return undefined;
  const sketch = emptyHyperLogLog();
  for (const [value] of counts) addNumber(sketch, value);
  for (const [text] of column.texts.counts) addText(sketch, text);
  return sketch;
}
