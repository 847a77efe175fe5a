/** One column's drift entry: every test, the deciding method's verdict, score and severity. */
import type { DriftConfig } from '../config/model';
import type { CategoricalColumn, NumericalColumn } from '../data/table';
import type { ColumnRole, FeatureDrift } from '../protocol';
import { alignCounts, categoricalDrift } from './categoricalDrift';
import { decide, type ColumnShape } from './decide';
import { numericalDrift, sortedValues } from './numericalDrift';
import { streamedFeatureDrift, type PairStreams } from './streamedDrift';
import { verdict } from './verdict';

/**
 * One column of both files brought to one kind; `model` names the model whose output it is;
 * `streams` are there when a file was streamed (see streamedDrift).
 */
export type ColumnPair = { name: string; role: ColumnRole; model?: string; streams?: PairStreams } & (
  | { kind: 'numerical'; reference: NumericalColumn; current: NumericalColumn }
  | { kind: 'categorical'; reference: CategoricalColumn; current: CategoricalColumn }
);

export function featureDrift(pair: ColumnPair, drift: DriftConfig['drift']): FeatureDrift {
  if (pair.streams) return streamedFeatureDrift(pair, pair.streams, drift);
  if (pair.kind === 'numerical') {
    const reference = { sorted: sortedValues(pair.reference.values), missing: pair.reference.missing + pair.reference.nonNumeric };
    const current = { sorted: sortedValues(pair.current.values), missing: pair.current.missing + pair.current.nonNumeric };
    const shape: ColumnShape = { kind: 'numerical', referenceCount: reference.sorted.length, currentCount: current.sorted.length, categories: 0 };
    const decision = decide(pair.name, shape, drift);
    const bins = drift.features[pair.name]?.bins ?? drift.bins;
    return verdict(pair, shape, decision, numericalDrift(reference, current, bins));
  }
  const counts = alignCounts(pair.reference, pair.current);
  const present = counts.categories.filter((_, i) => counts.reference[i] + counts.current[i] > 0).length;
  const shape: ColumnShape = { kind: 'categorical', referenceCount: pair.reference.codes.length - pair.reference.missing, currentCount: pair.current.codes.length - pair.current.missing, categories: present };
  const decision = decide(pair.name, shape, drift);
  return verdict(pair, shape, decision, categoricalDrift(counts, pair.reference.missing, pair.current.missing));
}

