/**
 * A time window of a categorical feature is tested on its counts alone: its categories
 * counted through its rows (categoryCountsOfRows), and only the deciding method's test
 * (categoricalTests with `only`). Both give what the whole-column path gives on the window's
 * rows copied out.
 */
import { describe, expect, it } from 'vitest';
import {
  alignCounts,
  categoricalDrift,
  categoricalTests,
  type CategoricalMethod,
} from '../../../src/engine/analysis/categoricalDrift';
import type { CategoricalColumn } from '../../../src/engine/data/column';
import { selectRows } from '../../../src/engine/data/selectRows';
import { categoryCounts, categoryCountsOfRows } from '../../../src/engine/stats/categories';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';

function column(categories: string[], rows: number, seed: number): CategoricalColumn {
  const next = mulberry32(seed);
  const codes = Int32Array.from({ length: rows }, () =>
    next() < 0.05 ? -1 : Math.floor(categories.length * next() * next()),
  );
  const missing = codes.filter((code) => code < 0).length;
  return {
    kind: 'categorical',
    name: 'c',
    codes,
    categories,
    missing,
    nonNumeric: rows - missing,
    nonNumericLines: [],
  };
}

const METHODS: CategoricalMethod[] = ['chisquare', 'psi', 'jensenshannon', 'kl', 'hellinger', 'ztest'];

describe('a categorical window', () => {
  it.each([
    ['two categories', ['yes', 'no'], ['no', 'yes']],
    ['many categories, some only in one file', ['a', 'b', 'c', 'd', 'e'], ['e', 'd', 'x', 'a']],
  ])(
    'is tested on its rows counted in place, with only the tests asked for (%s)',
    (_, referenceCategories, currentCategories) => {
      const reference = column(referenceCategories, 2_000, 1);
      const current = column(currentCategories, 3_000, 2);
      const rows = Int32Array.from({ length: 700 }, (_, i) => (i * 37) % 3_000);
      const copied = selectRows(current, rows);
      expect(categoryCountsOfRows(current.codes, current.categories.length, rows)).toEqual(
        categoryCounts(copied.codes, copied.categories.length),
      );
      const referenceCounts = categoryCounts(reference.codes, reference.categories.length);
      const counts = alignCounts(
        reference,
        current,
        referenceCounts,
        categoryCountsOfRows(current.codes, current.categories.length, rows),
      );
      const whole = categoricalDrift(alignCounts(reference, copied), reference.missing, copied.missing).tests;
      expect(categoricalTests(counts)).toStrictEqual(whole);
      for (const method of METHODS) {
        const expected = whole[method] === undefined ? {} : { [method]: whole[method] };
        expect(categoricalTests(counts, [method])).toStrictEqual(expected);
      }
    },
  );
});
