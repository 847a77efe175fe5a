/**
 * Every drift test that applies to a categorical column, on the category counts
 * of both files aligned to one list of categories.
 */
import type { CategoricalSummary, DriftTests, Histogram } from '../../protocol/report';
import { categoryCounts } from '../stats/categories';
import { chiSquareHomogeneity } from '../stats/chiSquare';
import { hellingerDistance, jensenShannonDistance, klDivergence } from '../stats/divergences';
import { populationStabilityIndex } from '../stats/psi';
import { twoProportionZTest } from '../stats/zTest';
import type { CategoricalColumn } from '../data/column';
import { categoricalHistogram } from './displayHistogram';

const SUMMARY_CATEGORIES = 20;

export interface AlignedCounts {
  /** Union of both files' categories, reference first. */
  categories: string[];
  reference: Float64Array;
  current: Float64Array;
}

/**
 * Counts per category of both columns over the union of their categories. `referenceCounts`,
 * the reference's own `categoryCounts` when many columns are aligned with it (the time
 * windows), saves counting it again; `currentCounts`, counts of `current`'s codes made
 * otherwise (a time window's, read through its rows).
 */
export function alignCounts(
  reference: CategoricalColumn,
  current: CategoricalColumn,
  referenceCounts = categoryCounts(reference.codes, reference.categories.length),
  currentCounts = categoryCounts(current.codes, current.categories.length),
): AlignedCounts {
  const index = new Map<string, number>();
  for (const label of [...reference.categories, ...current.categories])
    if (!index.has(label)) index.set(label, index.size);
  const remap = (column: CategoricalColumn, own: Float64Array) => {
    const counts = new Float64Array(index.size);
    column.categories.forEach((label, code) => (counts[index.get(label)!] += own[code]));
    return counts;
  };
  return {
    categories: [...index.keys()],
    reference: remap(reference, referenceCounts),
    current: remap(current, currentCounts),
  };
}

export interface CategoricalDrift {
  tests: DriftTests;
  reference: CategoricalSummary;
  current: CategoricalSummary;
  histogram: Histogram;
}

export function categoricalDrift(
  counts: AlignedCounts,
  referenceMissing: number,
  currentMissing: number,
): CategoricalDrift {
  const { categories, reference, current } = counts;
  const summaries = {
    reference: summarize(categories, reference, referenceMissing),
    current: summarize(categories, current, currentMissing),
  };
  const tests = categoricalTests(counts);
  return { tests, ...summaries, histogram: categoricalHistogram(categories, reference, current) };
}

export type CategoricalMethod = 'chisquare' | 'psi' | 'jensenshannon' | 'kl' | 'hellinger' | 'ztest';

/**
 * The drift tests on aligned counts: all of them, or only `only` (the deciding method, for
 * time windows, which read nothing else: no summaries, no chi-square p-value on the rest).
 * None when a side is empty; the z-test only for two categories or fewer.
 */
export function categoricalTests(counts: AlignedCounts, only?: readonly CategoricalMethod[]): DriftTests {
  const { categories, reference, current } = counts;
  const referenceTotal = sum(reference);
  const currentTotal = sum(current);
  if (referenceTotal === 0 || currentTotal === 0) return {};
  const run: { [M in CategoricalMethod]: () => NonNullable<DriftTests[M]> | undefined } = {
    chisquare: () => chiSquareHomogeneity(reference, current),
    psi: () => ({ value: populationStabilityIndex(reference, current).value }),
    jensenshannon: () => ({ value: jensenShannonDistance(reference, current) }),
    kl: () => ({ value: klDivergence(reference, current) }),
    hellinger: () => ({ value: hellingerDistance(reference, current) }),
    ztest: () =>
      categories.length <= 2 ? twoProportionZTest(reference[0], referenceTotal, current[0], currentTotal) : undefined,
  };
  const tests: DriftTests = {};
  for (const method of only ?? (Object.keys(run) as CategoricalMethod[])) {
    const result = run[method]();
    if (result !== undefined) Object.assign(tests, { [method]: result });
  }
  return tests;
}

function summarize(categories: string[], counts: Float64Array, missing: number): CategoricalSummary {
  const present = categories.map((value, i) => ({ value, count: counts[i] })).filter((c) => c.count > 0);
  present.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { count: sum(counts), missing, unique: present.length, categories: present.slice(0, SUMMARY_CATEGORIES) };
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
