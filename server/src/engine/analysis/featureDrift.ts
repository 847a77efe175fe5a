/** One column's drift entry: every test, the deciding method's verdict, score and severity. */
import type { DriftConfig } from '../config/model';
import type { FeatureDrift } from '../../protocol/report';
import { alignCounts, categoricalDrift } from './categoricalDrift';
import { decide, type ColumnShape } from './decide';
import { numericalDrift, sortedValues } from './numericalDrift';
import { streamedFeatureDrift } from './streamedDrift';
import { verdict } from './verdict';
import { exactValues } from '../profile/profiledValues';
import type { ColumnPair } from './columnPair';

export function featureDrift(pair: ColumnPair, drift: DriftConfig['drift']): FeatureDrift {
  if (pair.streams) {
    const whole = profiledInFull(pair);
    return whole ? featureDrift(whole, drift) : streamedFeatureDrift(pair, pair.streams, drift);
  }
  if (pair.kind === 'numerical') {
    const reference = {
      sorted: sortedValues(pair.reference.values),
      missing: pair.reference.missing + pair.reference.nonNumeric,
    };
    const current = {
      sorted: sortedValues(pair.current.values),
      missing: pair.current.missing + pair.current.nonNumeric,
    };
    const shape: ColumnShape = {
      kind: 'numerical',
      referenceCount: reference.sorted.length,
      currentCount: current.sorted.length,
      categories: 0,
    };
    const decision = decide(pair.name, shape, drift);
    const bins = drift.features[pair.name]?.bins ?? drift.bins;
    return verdict(pair, shape, decision, numericalDrift(reference, current, bins));
  }
  const counts = alignCounts(pair.reference, pair.current);
  const present = counts.categories.filter((_, i) => counts.reference[i] + counts.current[i] > 0).length;
  const shape: ColumnShape = {
    kind: 'categorical',
    referenceCount: pair.reference.codes.length - pair.reference.missing,
    currentCount: pair.current.codes.length - pair.current.missing,
    categories: present,
  };
  const decision = decide(pair.name, shape, drift);
  return verdict(pair, shape, decision, categoricalDrift(counts, pair.reference.missing, pair.current.missing));
}

/**
 * A numerical column whose reference profile kept every value (profile/profiledValues.ts),
 * against a current file read whole: the pair of the values themselves, tested as the files
 * would be, so that the report equals the one against the data the profile was made from.
 */
function profiledInFull(pair: ColumnPair): ColumnPair | undefined {
  const { profiled, reference, current } = pair.streams!;
  if (pair.kind !== 'numerical' || !profiled || !reference || current) return undefined;
  const values = exactValues(reference.numbers.sketch);
  if (!values) return undefined;
  const { streams: _, ...rest } = pair;
  return {
    ...rest,
    reference: { ...pair.reference, values, missing: reference.missing, nonNumeric: reference.nonNumeric },
  };
}
