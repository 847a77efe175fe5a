/**
 * A profile file (profileFormat.ts) as the analysis reads it (referenceProfile.ts): each
 * column's stream with its quantile sketch (exact from the counts, or the KLL sketch with
 * its rank error), category counts while both numbers and texts are counted exactly, and
 * what the identifier rules and data quality need.
 */
import type { ColumnStream } from '../data/columnStream';
import { KllSketch, CONFIDENCE, type QuantileSketch } from '../stats/kll';
import type { ModelMetrics } from '../../protocol/report';
import { sketchState } from './numberSummary';
import type { ProfileColumn, ProfileFile, ProfileModel, ProfileNumbers } from './profileFormat';
import type { ProfiledColumn, ProfiledModel, ReferenceProfile } from './referenceProfile';

export function decodeProfile(file: ProfileFile): ReferenceProfile {
  const k = file.sketches.kllK;
  return {
    createdBy: file.createdBy,
    sources: file.sources.map(({ file: path, rows, sha256 }) => ({ path, rows, sha256 })),
    rows: file.rows,
    columns: new Map(file.columns.map((column) => [column.name, profiledColumn(column, k)])),
    duplicateRows:
      file.duplicateRows === null
        ? null
        : { rows: file.duplicateRows, share: file.rows ? file.duplicateRows / file.rows : 0 },
    models: file.models.map((model) => profiledModel(model, k)),
  };
}

function profiledColumn(column: ProfileColumn, k: number): ProfiledColumn {
  const { numbers, texts } = column;
  const stream: ColumnStream = {
    rows: column.rows,
    missing: column.missing,
    nonNumeric: column.nonNumeric,
    numbers: numberStream(numbers, k),
    categories: categories(numbers, texts.counts),
  };
  return {
    kind: column.kind,
    stream,
    zeros: numbers.zeros,
    distinct: { low: column.distinct.low, high: column.distinct.high },
    wholeNumbers: numbers.wholeNumbers,
    order: numbers.count < 2 ? null : numbers.rising ? 'rising' : numbers.falling ? 'falling' : null,
    meanTextLength: column.nonNumeric ? texts.length / column.nonNumeric : null,
    ...(texts.heavyHitters && {
      heavyHitters: { counts: new Map(texts.heavyHitters.counts), error: texts.heavyHitters.error },
    }),
  };
}

/** The numbers as a stream keeps them: std the sample standard deviation, NaN where there is none. */
export function numberStream(numbers: ProfileNumbers, k: number): ColumnStream['numbers'] {
  const { count } = numbers;
  return {
    count,
    mean: numbers.mean ?? NaN,
    std: count > 1 ? Math.sqrt(numbers.m2 / (count - 1)) : NaN,
    min: numbers.min ?? NaN,
    max: numbers.max ?? NaN,
    sketch: quantileSketch(numbers, k),
  };
}

function quantileSketch(numbers: ProfileNumbers, k: number): QuantileSketch {
  if (numbers.sketch) return KllSketch.fromState(sketchState(numbers.sketch, k)).summary();
  const counts = numbers.counts ?? [];
  const values = Float64Array.from(counts, ([value]) => value);
  const cumulative = new Float64Array(counts.length);
  let total = 0;
  counts.forEach(([, rows], i) => (cumulative[i] = total += rows));
  return { values, cumulative, count: numbers.count, rankError: 0, confidence: CONFIDENCE };
}

/** Numbers by their labels, then texts, as a stream counts categories; undefined unless both are exact. */
function categories(numbers: ProfileNumbers, texts: [string, number][] | undefined): Map<string, number> | undefined {
  if (numbers.counts === undefined || texts === undefined) return undefined;
  const labels = new Map(numbers.labels);
  const counts = new Map<string, number>();
  for (const [value, rows] of numbers.counts) {
    const label = labels.get(value) ?? String(value);
    counts.set(label, (counts.get(label) ?? 0) + rows);
  }
  for (const [text, rows] of texts) counts.set(text, (counts.get(text) ?? 0) + rows);
  return counts;
}

function profiledModel(model: ProfileModel, k: number): ProfiledModel {
  return {
    name: model.name,
    prediction: model.prediction,
    ...(model.probability !== null && { probability: model.probability }),
    target: model.target,
    metrics: model.metrics as unknown as ModelMetrics,
    ...(model.joint && { joint: model.joint }),
    ...(model.calibration && { calibration: model.calibration }),
    ...(model.absoluteErrors && { absoluteErrors: numberStream(model.absoluteErrors, k) }),
  };
}
