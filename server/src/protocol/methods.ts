/**
 * The drift methods: the one table the rest reads. A method's name, what its result holds,
 * which figure decides and how its threshold reads, its default threshold and the range a
 * threshold may take, the column kinds it applies to. The config validator, the auto rule,
 * the verdict, the CSV export, the editor assists and the report page all derive from it,
 * and a test holds both JSON schemas to it. Part of the contract: pure data and small pure
 * functions, importing nothing.
 *
 * Adding a method: its result under `DriftTests`, its row in `METHODS` (new rows go last,
 * so the CSV export's columns only ever grow on the right), its statistic in the engine,
 * and its entries in the two schemas (the test says which).
 */

/**
 * Where a statistic comes from quantile sketches (streaming): the interval that holds the exact
 * value of its deciding figure (the p-value, the normed distance or the distance), with the
 * sketches' confidence (99%). Bins are the ones the sketch cut (docs/statistics.md).
 */
export interface SketchBound {
  low: number;
  high: number;
}

/** Every applicable test, whatever decided; absent where a test does not apply to the column's kind. */
export interface DriftTests {
  ks?: { statistic: number; pValue: number; method: 'exact' | 'asymptotic'; bound?: SketchBound };
  mannwhitney?: { statistic: number; pValue: number };
  cramervonmises?: { statistic: number; pValue: number };
  /** pValueCapped: scipy's significance level is clipped to [0.001, 0.25]; the true p-value lies beyond. */
  andersondarling?: { statistic: number; pValue: number; pValueCapped: boolean };
  /** normed = value / max(reference std, 0.001), Evidently's normalisation. NaN (null in JSON) where the values include infinities. */
  wasserstein?: { value: number; normed: number; bound?: SketchBound };
  energy?: { value: number; normed: number; bound?: SketchBound };
  psi?: { value: number; bound?: SketchBound };
  /** In nats, as Evidently (scipy's default base): in [0, √ln 2]. */
  jensenshannon?: { value: number; bound?: SketchBound };
  /** D(reference ‖ current) = Σ r·ln(r/c), natural log, on floored proportions. */
  kl?: { value: number; bound?: SketchBound };
  hellinger?: { value: number; bound?: SketchBound };
  chisquare?: { statistic: number; pValue: number; dof: number };
  ztest?: { statistic: number; pValue: number };
}

/** A p-value method says drift when p < threshold; a distance says drift when value ≥ threshold. */
export type ThresholdKind = 'pValue' | 'distance';

type Result<M extends keyof DriftTests> = NonNullable<DriftTests[M]>;
type FieldsOf<M extends keyof DriftTests, T> = {
  [F in keyof Result<M>]-?: Result<M>[F] extends T ? F : never;
}[keyof Result<M>];

export interface MethodInfo<M extends keyof DriftTests = keyof DriftTests> {
  /** How messages name the deciding figure: "Kolmogorov–Smirnov p-value", "normed Wasserstein". */
  label: string;
  thresholdKind: ThresholdKind;
  /** The result's field the method is judged on: its p-value, its distance or its normed distance. */
  decidedBy: FieldsOf<M, number> & ('pValue' | 'value' | 'normed');
  defaultThreshold: number;
  /**
   * Upper bound of a meaningful threshold (p-values and bounded distances). A p-value threshold
   * must lie below it; a bounded distance's may reach it. Every threshold is above 0.
   */
  maxThreshold?: number;
  numerical: boolean;
  categorical: boolean;
  /** Only for columns with at most two categories. */
  binaryOnly?: boolean;
  /** The result's numbers in the order the CSV export writes them. */
  figures: readonly FieldsOf<M, number>[];
  /** The result's other fields (how it was computed, caveats), shown beside the numbers. */
  notes?: readonly Exclude<keyof Result<M>, FieldsOf<M, number>>[];
  /** Computed from quantile sketches when a file is streamed; its result then carries `bound`. */
  sketched?: boolean;
}

/** In the order methods were added: the CSV export's column order. */
const TABLE = {
  ks: {
    label: 'Kolmogorov–Smirnov p-value',
    thresholdKind: 'pValue',
    decidedBy: 'pValue',
    defaultThreshold: 0.05,
    maxThreshold: 1,
    numerical: true,
    categorical: false,
    figures: ['statistic', 'pValue'],
    notes: ['method'],
    sketched: true,
  },
  psi: {
    label: 'PSI',
    thresholdKind: 'distance',
    decidedBy: 'value',
    defaultThreshold: 0.1,
    numerical: true,
    categorical: true,
    figures: ['value'],
    sketched: true,
  },
  wasserstein: {
    label: 'normed Wasserstein',
    thresholdKind: 'distance',
    decidedBy: 'normed',
    defaultThreshold: 0.1,
    numerical: true,
    categorical: false,
    figures: ['value', 'normed'],
    sketched: true,
  },
  jensenshannon: {
    label: 'Jensen–Shannon distance',
    thresholdKind: 'distance',
    decidedBy: 'value',
    defaultThreshold: 0.1,
    // In nats, as Evidently and scipy's default: distributions without common bins are √ln 2 apart.
    maxThreshold: Math.sqrt(Math.LN2),
    numerical: true,
    categorical: true,
    figures: ['value'],
    sketched: true,
  },
  kl: {
    label: 'KL divergence D(reference ‖ current)',
    thresholdKind: 'distance',
    decidedBy: 'value',
    defaultThreshold: 0.1,
    numerical: true,
    categorical: true,
    figures: ['value'],
    sketched: true,
  },
  hellinger: {
    label: 'Hellinger distance',
    thresholdKind: 'distance',
    decidedBy: 'value',
    defaultThreshold: 0.1,
    maxThreshold: 1,
    numerical: true,
    categorical: true,
    figures: ['value'],
    sketched: true,
  },
  chisquare: {
    label: 'chi-square p-value',
    thresholdKind: 'pValue',
    decidedBy: 'pValue',
    defaultThreshold: 0.05,
    maxThreshold: 1,
    numerical: false,
    categorical: true,
    figures: ['statistic', 'pValue', 'dof'],
  },
  ztest: {
    label: 'two-proportion z-test p-value',
    thresholdKind: 'pValue',
    decidedBy: 'pValue',
    defaultThreshold: 0.05,
    maxThreshold: 1,
    numerical: false,
    categorical: true,
    binaryOnly: true,
    figures: ['statistic', 'pValue'],
  },
  mannwhitney: {
    label: 'Mann–Whitney U p-value',
    thresholdKind: 'pValue',
    decidedBy: 'pValue',
    defaultThreshold: 0.05,
    maxThreshold: 1,
    numerical: true,
    categorical: false,
    figures: ['statistic', 'pValue'],
  },
  cramervonmises: {
    label: 'Cramér–von Mises p-value',
    thresholdKind: 'pValue',
    decidedBy: 'pValue',
    defaultThreshold: 0.05,
    maxThreshold: 1,
    numerical: true,
    categorical: false,
    figures: ['statistic', 'pValue'],
  },
  andersondarling: {
    label: 'Anderson–Darling p-value',
    thresholdKind: 'pValue',
    decidedBy: 'pValue',
    defaultThreshold: 0.05,
    maxThreshold: 1,
    numerical: true,
    categorical: false,
    figures: ['statistic', 'pValue'],
    notes: ['pValueCapped'],
  },
  energy: {
    label: 'normed energy distance',
    thresholdKind: 'distance',
    decidedBy: 'normed',
    defaultThreshold: 0.1,
    numerical: true,
    categorical: false,
    figures: ['value', 'normed'],
    sketched: true,
  },
} as const satisfies { [M in keyof DriftTests]-?: MethodInfo<M> };

export type DriftMethod = keyof typeof TABLE;

export const METHODS: { readonly [M in DriftMethod]: MethodInfo<M> } = TABLE;

export const METHOD_NAMES = Object.keys(METHODS) as DriftMethod[];

/**
 * The order people read the methods in (the report's tests, message lists): the tests with a
 * p-value, then the distances; within each, numerical-only, then categorical-only, then both
 * kinds; the table's order within those.
 */
export const METHODS_FOR_READING: readonly DriftMethod[] = [...METHOD_NAMES].sort(
  (a, b) => readingRank(a) - readingRank(b),
);

function readingRank(method: DriftMethod): number {
  const { thresholdKind, numerical, categorical } = METHODS[method];
  return (thresholdKind === 'distance' ? 3 : 0) + (numerical && categorical ? 2 : numerical ? 0 : 1);
}

export function isDriftMethod(name: unknown): name is DriftMethod {
  return typeof name === 'string' && Object.hasOwn(METHODS, name);
}

/** The number the deciding method is judged on: its p-value, or its (normed) distance. */
export function decidingStatistic(method: DriftMethod, tests: DriftTests): number | undefined {
  const result = tests[method] as Record<string, unknown> | undefined;
  return result?.[METHODS[method].decidedBy] as number | undefined;
}

/** Is the statistic on the drifted side of the threshold? */
export function exceedsThreshold(method: DriftMethod, statistic: number, threshold: number): boolean {
  return METHODS[method].thresholdKind === 'pValue' ? statistic < threshold : statistic >= threshold;
}

/** The thresholds a method accepts, in JSON Schema's words: above 0, and below or at most its bound. */
export function thresholdRange(method: DriftMethod): {
  exclusiveMinimum: 0;
  exclusiveMaximum?: number;
  maximum?: number;
} {
  const { thresholdKind, maxThreshold } = METHODS[method];
  if (maxThreshold === undefined) return { exclusiveMinimum: 0 };
  return thresholdKind === 'pValue'
    ? { exclusiveMinimum: 0, exclusiveMaximum: maxThreshold }
    : { exclusiveMinimum: 0, maximum: maxThreshold };
}

/** Does the method apply to a column of this kind (with this many categories, when known)? */
export function appliesTo(method: DriftMethod, kind: 'numerical' | 'categorical', categories?: number): boolean {
  const info = METHODS[method];
  if (!info[kind]) return false;
  return !info.binaryOnly || categories === undefined || categories <= 2;
}
