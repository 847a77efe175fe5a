/**
 * What is wrong with the data, and how badly. A finding is made only when something is wrong.
 * Rates and shares are fractions; "points" are percentage points of current − reference.
 *
 * | finding            | low                                   | moderate                          | high                  |
 * | ------------------ | ------------------------------------- | --------------------------------- | --------------------- |
 * | all-missing        | no values in either file              | no values in reference            | no values in current  |
 * | missing-rate       | missing in current, none in reference | up ≥ 5 points                     | up ≥ 20 points        |
 * | new-categories     | on < 1% of current rows               | on 1% to < 10%                    | on ≥ 10%              |
 * | missing-categories | any reference category gone           | they held ≥ 10% of reference rows | —                     |
 * | out-of-range       | ≥ 1% of current values                | ≥ 5%                              | ≥ 20%                 |
 * | zero-inflation     | —                                     | zero rate up ≥ 10 points          | up ≥ 30 points        |
 * | constant-column    | constant in both files                | constant in current only          | —                     |
 * | type-change        | —                                     | —                                 | any text in a column numerical in reference |
 * | duplicate-rows     | share up ≥ 1 point (so ≥ 1% of current rows) | ≥ 5% of current rows       | ≥ 20%                 |
 *
 * A column with every cell empty in a file is not tested for drift (analysis/columnPlan.ts):
 * all-missing says so, and stands in for missing-rate when the current file is the empty one.
 */
import type { ColumnQuality, QualityFinding, QualityFindingKind, DataQuality } from '../../protocol/report';
import { formatCount, formatValue, plural, rate } from '../../protocol/text';

const MISSING_RATE_MODERATE = 0.05;
const MISSING_RATE_HIGH = 0.2;
const NEW_CATEGORIES_MODERATE = 0.01;
const NEW_CATEGORIES_HIGH = 0.1;
const MISSING_CATEGORIES_MODERATE = 0.1;
const OUT_OF_RANGE_LOW = 0.01;
const OUT_OF_RANGE_MODERATE = 0.05;
const OUT_OF_RANGE_HIGH = 0.2;
const ZERO_RATE_MODERATE = 0.1;
const ZERO_RATE_HIGH = 0.3;
const DUPLICATES_RISE = 0.01;
const DUPLICATES_MODERATE = 0.05;
const DUPLICATES_HIGH = 0.2;

/** Shares are ratios of counts: a rise of exactly 5 points may come out as 0.0499…; it still reaches 5. */
const TOLERANCE = 1e-9;

type Level = QualityFinding['severity'];

function reaches(value: number, cutoff: number): boolean {
  return value >= cutoff - TOLERANCE;
}

/** The findings on one column, in the order of the table above. */
export function columnFindings(column: ColumnQuality): QualityFinding[] {
  const findings = [
    allMissing(column),
    missingRate(column),
    newCategories(column),
    missingCategories(column),
    outOfRange(column),
    zeroInflation(column),
    constantColumn(column),
    typeChange(column),
  ];
  return findings.filter((finding): finding is QualityFinding => finding !== null);
}

export function duplicateRowsFinding({ reference, current }: DataQuality['duplicateRows']): QualityFinding | null {
  // Without the reference's count there is no rise to measure.
  if (reference === null || !reaches(current.share - reference.share, DUPLICATES_RISE)) return null;
  const severity = reaches(current.share, DUPLICATES_HIGH)
    ? 'high'
    : reaches(current.share, DUPLICATES_MODERATE)
      ? 'moderate'
      : 'low';
  const message = `${plural(current.rows, 'duplicate row', 'duplicate rows')} in current (${rate(current.share)} of rows) vs ${formatCount(reference.rows)} in reference (${rate(reference.share)})`;
  return finding('duplicate-rows', null, severity, message, {
    count: current.rows,
    share: current.share,
    referenceCount: reference.rows,
    referenceShare: reference.share,
  });
}

/** Every cell of a file empty: nothing to test, and, in current, a broken producer or join. */
function allMissing(c: ColumnQuality): QualityFinding | null {
  const inReference = isAllMissing(c.reference);
  const inCurrent = isAllMissing(c.current);
  if (!inReference && !inCurrent) return null;
  const values = { referenceRows: inReference ? c.reference.rows : 0, currentRows: inCurrent ? c.current.rows : 0 };
  const untested = 'not tested for drift';
  if (inReference && inCurrent)
    return finding(
      'all-missing',
      c.name,
      'low',
      `'${c.name}': no values in reference or current (all ${formatCount(c.reference.rows)} and ${formatCount(c.current.rows)} rows missing); ${untested}`,
      values,
    );
  if (inCurrent)
    return finding(
      'all-missing',
      c.name,
      'high',
      `'${c.name}': no values in current (all ${formatCount(c.current.rows)} rows missing) vs ${rate(c.reference.missingRate)} missing in reference; ${untested}`,
      values,
    );
  return finding(
    'all-missing',
    c.name,
    'moderate',
    `'${c.name}': no values in reference (all ${formatCount(c.reference.rows)} rows missing) vs ${rate(c.current.missingRate)} missing in current; ${untested}`,
    values,
  );
}

function isAllMissing(side: ColumnQuality['reference']): boolean {
  return side.rows > 0 && side.missing === side.rows;
}

function missingRate(c: ColumnQuality): QualityFinding | null {
  if (isAllMissing(c.current)) return null;
  const change = c.missingRateChange;
  const appeared = c.reference.missing === 0 && c.current.missing > 0;
  const severity = reaches(change, MISSING_RATE_HIGH)
    ? 'high'
    : reaches(change, MISSING_RATE_MODERATE)
      ? 'moderate'
      : appeared
        ? 'low'
        : null;
  if (severity === null) return null;
  const message = `'${c.name}': ${rate(c.current.missingRate)} missing in current vs ${rate(c.reference.missingRate)} in reference`;
  return finding('missing-rate', c.name, severity, message, {
    referenceRate: c.reference.missingRate,
    currentRate: c.current.missingRate,
    change,
    count: c.current.missing,
  });
}

function newCategories(c: ColumnQuality): QualityFinding | null {
  if (c.newCategoryCount === 0) return null;
  const share = c.newCategoryRows / c.current.rows;
  const severity = reaches(share, NEW_CATEGORIES_HIGH)
    ? 'high'
    : reaches(share, NEW_CATEGORIES_MODERATE)
      ? 'moderate'
      : 'low';
  const message = `'${c.name}': ${plural(c.newCategoryCount, 'category', 'categories')} not in reference (${examples(c.newCategories, c.newCategoryCount)}) on ${rate(share)} of current rows (${formatCount(c.newCategoryRows)} of ${formatCount(c.current.rows)})`;
  return finding('new-categories', c.name, severity, message, {
    count: c.newCategoryCount,
    rows: c.newCategoryRows,
    share,
  });
}

function missingCategories(c: ColumnQuality): QualityFinding | null {
  if (c.missingCategoryCount === 0) return null;
  const share = c.missingCategoryRows / c.reference.rows;
  const severity = reaches(share, MISSING_CATEGORIES_MODERATE) ? 'moderate' : 'low';
  const message = `'${c.name}': ${plural(c.missingCategoryCount, 'category', 'categories')} of reference absent from current (${examples(c.missingCategories, c.missingCategoryCount)}), which held ${rate(share)} of reference rows (${formatCount(c.missingCategoryRows)} of ${formatCount(c.reference.rows)})`;
  return finding('missing-categories', c.name, severity, message, {
    count: c.missingCategoryCount,
    rows: c.missingCategoryRows,
    share,
  });
}

function outOfRange(c: ColumnQuality): QualityFinding | null {
  const { outOfRange: range, reference } = c;
  if (range === null || reference.min === null || reference.max === null || !reaches(range.share, OUT_OF_RANGE_LOW))
    return null;
  const severity = reaches(range.share, OUT_OF_RANGE_HIGH)
    ? 'high'
    : reaches(range.share, OUT_OF_RANGE_MODERATE)
      ? 'moderate'
      : 'low';
  const message = `'${c.name}': ${rate(range.share)} of current values outside the reference range ${formatValue(reference.min)} to ${formatValue(reference.max)} (${formatCount(range.below)} below, ${formatCount(range.above)} above)`;
  return finding('out-of-range', c.name, severity, message, {
    below: range.below,
    above: range.above,
    count: range.below + range.above,
    share: range.share,
    referenceMin: reference.min,
    referenceMax: reference.max,
  });
}

function zeroInflation(c: ColumnQuality): QualityFinding | null {
  const before = c.reference.zeroRate;
  const after = c.current.zeroRate;
  if (before === null || after === null) return null;
  const change = after - before;
  const severity: Level | null = reaches(change, ZERO_RATE_HIGH)
    ? 'high'
    : reaches(change, ZERO_RATE_MODERATE)
      ? 'moderate'
      : null;
  if (severity === null) return null;
  const message = `'${c.name}': ${rate(after)} of current values are 0 vs ${rate(before)} in reference`;
  return finding('zero-inflation', c.name, severity, message, {
    referenceRate: before,
    currentRate: after,
    change,
    count: c.current.zeros ?? 0,
  });
}

function constantColumn(c: ColumnQuality): QualityFinding | null {
  if (!c.current.constant) return null;
  const values = { referenceDistinct: c.reference.distinct, currentDistinct: c.current.distinct };
  if (c.reference.constant)
    return finding(
      'constant-column',
      c.name,
      'low',
      `'${c.name}': a single value in both reference and current`,
      values,
    );
  return finding(
    'constant-column',
    c.name,
    'moderate',
    `'${c.name}': a single value in current vs ${formatCount(c.reference.distinct)} distinct values in reference`,
    values,
  );
}

function typeChange(c: ColumnQuality): QualityFinding | null {
  if (c.typeChange === null) return null;
  const { nonNumeric, firstLines } = c.typeChange;
  const share = nonNumeric / c.current.rows;
  const lines = `first at line${firstLines.length === 1 ? '' : 's'} ${firstLines.join(', ')}`;
  const message = `'${c.name}': numerical in reference but ${plural(nonNumeric, 'non-numeric value', 'non-numeric values')} in current (${rate(share)} of rows, ${lines})`;
  return finding('type-change', c.name, 'high', message, { count: nonNumeric, share, firstLine: firstLines[0] });
}

function finding(
  kind: QualityFindingKind,
  column: string | null,
  severity: Level,
  message: string,
  values: Record<string, number>,
): QualityFinding {
  return { kind, column, severity, message, values };
}

/** The first few listed categories, quoted, with "…" when there are more. */
function examples(listed: { value: string }[], all: number): string {
  const shown = listed.slice(0, 3).map((c) => `'${c.value}'`);
  return shown.join(', ') + (all > shown.length ? ', …' : '');
}
