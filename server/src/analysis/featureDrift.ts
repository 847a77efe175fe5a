/** One column's drift entry: every test, the deciding method's verdict, score and severity. */
import type { DriftConfig } from '../config/model';
import type { CategoricalColumn, NumericalColumn } from '../data/table';
import type { ColumnRole, DriftMethod, DriftTests, FeatureDrift } from '../protocol';
import { alignCounts, categoricalDrift } from './categoricalDrift';
import { decide, driftScore, severity, thresholdRatio, type ColumnShape } from './decide';
import { exceedsThreshold } from './methods';
import { numericalDrift, sortedValues } from './numericalDrift';

/** One column of both files brought to one kind; `model` names the model whose output it is. */
export type ColumnPair = { name: string; role: ColumnRole; model?: string } & (
  | { kind: 'numerical'; reference: NumericalColumn; current: NumericalColumn }
  | { kind: 'categorical'; reference: CategoricalColumn; current: CategoricalColumn }
);

export function featureDrift(pair: ColumnPair, drift: DriftConfig['drift']): FeatureDrift {
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

function verdict(
  pair: ColumnPair,
  shape: ColumnShape,
  decision: ReturnType<typeof decide>,
  result: Pick<FeatureDrift, 'tests' | 'reference' | 'current' | 'histogram'>,
): FeatureDrift {
  const base = { name: pair.name, kind: pair.kind, role: pair.role, ...(pair.model && { model: pair.model }), method: decision.method, methodReason: decision.reason, threshold: decision.threshold, ...result };
  const statistic = decidingStatistic(decision.method, result.tests);
  if (statistic === undefined) {
    // A side with no values at all cannot be tested; values vanishing (or appearing) is itself a change.
    const oneSideEmpty = (shape.referenceCount === 0) !== (shape.currentCount === 0);
    const emptySide = shape.referenceCount === 0 ? 'reference' : 'current';
    return { ...base, methodReason: `${decision.reason}; not tested: no values in the ${emptySide} file`, statistic: null, drifted: oneSideEmpty, score: oneSideEmpty ? 1 : 0, severity: oneSideEmpty ? 'high' : 'none' };
  }
  const drifted = exceedsThreshold(decision.method, statistic, decision.threshold);
  const ratio = thresholdRatio(decision.method, statistic, decision.threshold);
  return { ...base, statistic, drifted, score: driftScore(ratio), severity: severity(drifted, ratio) };
}

/** The number the deciding method is judged on: its p-value, or its (normed) distance. */
export function decidingStatistic(method: DriftMethod, tests: DriftTests): number | undefined {
  switch (method) {
    case 'ks':
    case 'mannwhitney':
    case 'cramervonmises':
    case 'andersondarling':
    case 'chisquare':
    case 'ztest':
      return tests[method]?.pValue;
    case 'wasserstein':
    case 'energy':
      return tests[method]?.normed;
    case 'psi':
    case 'jensenshannon':
    case 'kl':
    case 'hellinger':
      return tests[method]?.value;
  }
}
