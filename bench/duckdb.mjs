/**
 * The DuckDB contender of `npm run bench`, a process of its own so that it is timed as
 * the others are. It loads both files into an in-memory database (CSV with read_csv_auto,
 * Parquet, by the name's ending, with read_parquet) and computes the summaries of the
 * drift report per column: for numbers count, missing, mean, std, min, max, quantiles, the
 * reference-decile bins and the display histogram on bins shared by both files; for the
 * rest category counts. From those counts it derives the binned statistics (PSI,
 * Jensen–Shannon, KL, Hellinger, chi-square). DuckDB has no rank tests
 * (Kolmogorov–Smirnov, Mann–Whitney, …), so it does less than the other two.
 *
 *   node bench/duckdb.mjs <reference.csv|.parquet> <current.csv|.parquet> --out report.json [--skip column …]
 *
 * Column kinds follow the engine's rule: numeric when DuckDB types the column as a number
 * in both files and it has more than 5 distinct values over both, categorical otherwise.
 * Quantiles and bin counts are exact, so every figure matches the engine's to 1e-9.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { fileSource, ident, literal } from './duckdbSource.mjs';

const SIDES = ['reference', 'current'];
const MAX_CATEGORICAL_NUMBERS = 5;
const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const SUMMARY_QUANTILES = { p05: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95 };
// The display histogram spans the central 99% of both files, as the report's does.
const DISPLAY_RANGE = [0.005, 0.995];
const DISPLAY_BINS = 30;
const SUMMARY_CATEGORIES = 20;
const FLOOR = 1e-4;
const QUANTILES = [...DECILES, ...Object.values(SUMMARY_QUANTILES), ...DISPLAY_RANGE];

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, skip: { type: 'string', multiple: true, default: [] } },
});
if (positionals.length !== 2 || !values.out) {
  console.error('usage: node bench/duckdb.mjs <reference.csv> <current.csv> --out report.json [--skip column …]');
  process.exit(2);
}

const connection = await (await DuckDBInstance.create(':memory:')).connect();
const query = async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS();
// Through a string, so DuckDB parses the shortest round-trip form back to the same double.
const double = (x) => `${literal(String(x))}::DOUBLE`;

for (const [i, side] of SIDES.entries())
  await connection.run(`CREATE TABLE ${side} AS SELECT * FROM ${fileSource(positionals[i])}`);
const columns = await columnKinds();
const numeric = columns.filter((c) => c.kind === 'numerical');
const moments = await perSide((side) => momentsSql(side, columns));
const sides = {};
for (const side of SIDES) {
  sides[side] = {};
  for (const { name, alias, kind } of columns) {
    const s = Object.fromEntries(
      ['count', 'missing', 'mean', 'std', 'min', 'max'].map((key) => [key, moments[side][`${alias}_${key}`] ?? null]),
    );
    sides[side][name] = kind === 'numerical' ? { ...s, quantile: await quantiles(side, name, s.count) } : s;
  }
}
const edges = Object.fromEntries(
  numeric.map(({ name }) => [name, binEdges(sides.reference[name], sides.current[name])]),
);
const below = await perSide((side) => histogramSql(side, numeric, edges));

const features = {};
for (const column of columns) {
  features[column.name] =
    column.kind === 'numerical'
      ? numericalFeature(column, edges[column.name], below)
      : await categoricalFeature(column);
}
const rows = await perSide((side) => `SELECT count(*)::DOUBLE AS rows FROM ${side}`);
writeFileSync(values.out, JSON.stringify({ ...rows, features }, null, 1) + '\n');

/** The one row of a query run on each side in turn (DuckDB parallelises each query itself). */
async function perSide(sql) {
  const result = {};
  for (const side of SIDES) result[side] = (await query(sql(side)))[0];
  return result;
}

/** Reference columns (less --skip) with their kind: numeric in both files with more than 5 distinct values. */
async function columnKinds() {
  const types = {};
  for (const side of SIDES)
    types[side] = new Map((await query(`DESCRIBE ${side}`)).map((r) => [r.column_name, r.column_type]));
  const names = [...types.reference.keys()].filter((name) => !values.skip.includes(name));
  const isNumber = (type) => /^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|DECIMAL.*)$/.test(type ?? '');
  const numbers = names.filter((name) => isNumber(types.reference.get(name)) && isNumber(types.current.get(name)));
  const distinct = await distinctCounts(numbers);
  return names.map((name, i) => ({
    name,
    alias: `c${i}`,
    kind: numbers.includes(name) && distinct[name] > MAX_CATEGORICAL_NUMBERS ? 'numerical' : 'categorical',
  }));
}

/**
 * Distinct values over both files, exact where it matters: HyperLogLog's estimate first
 * (a fraction of the cost), counted exactly only when it is small enough to be near 5.
 */
async function distinctCounts(names) {
  const estimates = names.length ? (await query(distinctSql(names, (c) => `approx_count_distinct(${c})`)))[0] : {};
  const near = names.filter((name) => Number(estimates[name]) <= 10 * MAX_CATEGORICAL_NUMBERS);
  const exact = near.length ? (await query(distinctSql(near, (c) => `count(DISTINCT ${c})`)))[0] : {};
  return Object.fromEntries(names.map((name) => [name, Number(exact[name] ?? estimates[name])]));
}

/** `aggregate` of each column over both files. */
function distinctSql(names, aggregate) {
  const list = names.map(ident).join(', ');
  return `SELECT ${names.map((n) => `${aggregate(ident(n))} AS ${ident(n)}`).join(', ')} FROM (SELECT ${list} FROM reference UNION ALL SELECT ${list} FROM current)`;
}

/** One scan of a side: count and missing of every column; mean, std, min and max of the numeric ones. */
function momentsSql(side, columns) {
  const parts = columns.flatMap(({ name, alias, kind }) => {
    const c = ident(name);
    const counts = [`count(${c})::DOUBLE AS ${alias}_count`, `(count(*) - count(${c}))::DOUBLE AS ${alias}_missing`];
    const x = `${c}::DOUBLE`;
    return kind === 'numerical'
      ? [
          ...counts,
          `avg(${x}) AS ${alias}_mean`,
          `stddev_samp(${x}) AS ${alias}_std`,
          `min(${x}) AS ${alias}_min`,
          `max(${x}) AS ${alias}_max`,
        ]
      : counts;
  });
  return `SELECT ${parts.join(', ')} FROM ${side}`;
}

/**
 * `numpy.quantile(x, q)` ('linear') of a column of `n` values, bit for bit as the
 * engine's quantileSorted: the order statistics it interpolates between come from one
 * parallel sort (row_number over the column), the interpolation is numpy's. DuckDB's
 * quantile_cont rounds its interpolation differently in the last bit, which moves values
 * sitting on a decile across a bin edge, and its list form re-selects per quantile.
 */
async function quantiles(side, name, n) {
  const ranks = [...new Set(QUANTILES.flatMap((q) => [Math.floor((n - 1) * q), Math.floor((n - 1) * q) + 1]))].filter(
    (k) => k < n,
  );
  const x = `${ident(name)}::DOUBLE`;
  const sql = `SELECT k, x FROM (SELECT ${x} AS x, row_number() OVER (ORDER BY ${x}) - 1 AS k FROM ${side} WHERE ${x} IS NOT NULL) WHERE k IN (${ranks.join(', ')})`;
  const at = ranks.length ? new Map((await query(sql)).map((r) => [Number(r.k), r.x])) : new Map();
  return (q) => {
    if (!(n > 0)) return null;
    const position = (n - 1) * q;
    const below = Math.floor(position);
    if (below >= n - 1) return at.get(n - 1);
    const fraction = position - below;
    if (fraction === 0) return at.get(below);
    const a = at.get(below);
    const b = at.get(below + 1);
    return fraction >= 0.5 ? b - (b - a) * (1 - fraction) : a + (b - a) * fraction;
  };
}

/** The reference deciles (PSI bins before the keep rule) and the display histogram's edges. */
function binEdges(reference, current) {
  const present = [reference, current].filter((s) => s.count > 0);
  const deciles = reference.count > 0 ? DECILES.map((q) => reference.quantile(q)) : [];
  // The outer edges of the reference-decile bins: current values beyond the reference's range are binned apart.
  const extremes = reference.count > 0 ? [reference.min, nextUp(reference.max)] : [];
  if (present.length === 0) return { deciles, extremes, display: [] };
  let low = Math.min(...present.map((s) => s.quantile(DISPLAY_RANGE[0])));
  let high = Math.max(...present.map((s) => s.quantile(DISPLAY_RANGE[1])));
  if (!(high > low)) {
    low = Math.min(...present.map((s) => s.min));
    high = Math.max(...present.map((s) => s.max));
  }
  return { deciles, extremes, display: equalWidthEdges(low, high, high > low ? DISPLAY_BINS : 1) };
}

/** `numpy.histogram_bin_edges(x, bins, range=(low, high))`, as the engine computes them. */
function equalWidthEdges(low, high, bins) {
  const first = low === high ? low - 0.5 : low;
  const last = low === high ? high + 0.5 : high;
  const step = (last - first) / bins;
  return [...Array.from({ length: bins }, (_, i) => i * step + first), last];
}

/**
 * One scan of a side: DuckDB's histogram() of each numeric column over every decile and
 * inner display edge. Its bins are closed on the right (x ≤ boundary) and the report's on
 * the left, so each boundary is the double just below its edge: x ≤ that exactly when x < edge.
 */
function histogramSql(side, numeric, edges) {
  const parts = numeric.map(({ name, alias }) => {
    const boundaries = [...new Set(allEdges(edges[name]).map(nextDown))].sort((a, b) => a - b);
    return `histogram(${ident(name)}::DOUBLE, [${boundaries.map(double).join(', ')}]) AS ${alias}_histogram`;
  });
  return parts.length ? `SELECT ${parts.join(', ')} FROM ${side}` : 'SELECT 1';
}

function allEdges({ deciles, extremes, display }) {
  return [...deciles, ...extremes, ...display.slice(1, -1)];
}

/** The smallest double above finite `x` (numpy.nextafter(x, inf)). */
function nextUp(x) {
  if (x === 0) return Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] += x > 0 ? 1n : -1n;
  return new Float64Array(bits.buffer)[0];
}

/** The largest double below finite `x`. */
function nextDown(x) {
  if (x === 0) return -Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] += x > 0 ? -1n : 1n;
  return new Float64Array(bits.buffer)[0];
}

/** The number of values below `edge`, from a histogram() result: the counts of its boundaries up to the edge's. */
function countBelow(histogram, edge) {
  const boundary = nextDown(edge);
  let total = 0;
  for (const { key, value } of histogram) if (key <= boundary) total += Number(value);
  return total;
}

function numericalFeature({ name, alias }, { deciles, extremes, display }, below) {
  const [reference, current] = SIDES.map((side) => {
    const { quantile, ...s } = sides[side][name];
    return {
      ...s,
      quantiles: Object.fromEntries(Object.entries(SUMMARY_QUANTILES).map(([key, q]) => [key, quantile(q)])),
    };
  });
  const countsBelow = (side, edgeList) =>
    edgeList.map((edge) => countBelow(below[side][`${alias}_histogram`] ?? [], edge));
  // The engine's rule: an edge is kept only when a reference value lies between it and the previous
  // kept edge, between the reference minimum and the double above its maximum.
  const referenceBelow = countsBelow('reference', deciles);
  const kept = extremes.slice(0, 1);
  let belowPrevious = 0;
  deciles.forEach((edge, j) => {
    if (referenceBelow[j] > belowPrevious) {
      kept.push(edge);
      belowPrevious = referenceBelow[j];
    }
  });
  kept.push(...extremes.slice(1));
  const binned = (side, edgeList) => binCounts(countsBelow(side, edgeList), sides[side][name].count);
  const tests =
    reference.count > 0 && current.count > 0 ? binnedTests(binned('reference', kept), binned('current', kept)) : {};
  const inner = display.slice(1, -1);
  const proportions = (side, total) => binned(side, inner).map((n) => (total ? n / total : 0));
  const histogram = {
    edges: display,
    reference: proportions('reference', reference.count),
    current: proportions('current', current.count),
  };
  return { kind: 'numerical', tests, reference, current, histogram };
}

/** Counts per bin from the counts below each inner edge and the total. */
function binCounts(cumulative, total) {
  return [...cumulative, total].map((n, i) => n - (i ? cumulative[i - 1] : 0));
}

async function categoricalFeature({ name }) {
  const counts = {};
  for (const side of SIDES) {
    const groups = await query(
      `SELECT ${ident(name)}::VARCHAR AS value, count(*)::DOUBLE AS n FROM ${side} WHERE ${ident(name)} IS NOT NULL GROUP BY 1`,
    );
    counts[side] = new Map(groups.map((g) => [g.value, g.n]));
  }
  const categories = [...new Set([...counts.reference.keys(), ...counts.current.keys()])];
  const aligned = (side) => categories.map((c) => counts[side].get(c) ?? 0);
  const summary = (side) => {
    const top = [...counts[side]]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    return {
      count: sides[side][name].count,
      missing: sides[side][name].missing,
      unique: top.length,
      categories: top.slice(0, SUMMARY_CATEGORIES),
    };
  };
  const [r, c] = [aligned('reference'), aligned('current')];
  const tests = sum(r) > 0 && sum(c) > 0 ? { chisquare: chiSquare(r, c), ...binnedTests(r, c) } : {};
  return { kind: 'categorical', tests, reference: summary('reference'), current: summary('current') };
}

/** PSI, Jensen–Shannon, KL and Hellinger on aligned counts, as scipy_drift.py computes them. */
function binnedTests(r, c) {
  const p = normalize(r);
  const q = normalize(c);
  const pf = p.map((x) => Math.max(x, FLOOR));
  const qf = q.map((x) => Math.max(x, FLOOR));
  const m = p.map((x, i) => (x + q[i]) / 2);
  const psi = sum(pf.map((x, i) => (qf[i] - x) * Math.log(qf[i] / x)));
  const js = Math.sqrt((sum(relativeEntropy(p, m)) + sum(relativeEntropy(q, m))) / 2);
  const kl = sum(relativeEntropy(normalize(pf), normalize(qf)));
  const hellinger = Math.sqrt(sum(p.map((x, i) => (Math.sqrt(x) - Math.sqrt(q[i])) ** 2)) / 2);
  return { psi: { value: psi }, jensenshannon: { value: js }, kl: { value: kl }, hellinger: { value: hellinger } };
}

/** Pearson's chi-square statistic of the 2 × k table, no continuity correction. */
function chiSquare(r, c) {
  const total = sum(r) + sum(c);
  let statistic = 0;
  for (const [row, rowTotal] of [
    [r, sum(r)],
    [c, sum(c)],
  ]) {
    row.forEach((observed, i) => {
      const expected = (rowTotal * (r[i] + c[i])) / total;
      statistic += (observed - expected) ** 2 / expected;
    });
  }
  return { statistic, dof: r.length - 1 };
}

/** `scipy.special.rel_entr`, element by element. */
function relativeEntropy(x, y) {
  return x.map((xi, i) => (xi === 0 ? 0 : xi * Math.log(xi / y[i])));
}

function normalize(xs) {
  const total = sum(xs);
  return xs.map((x) => x / total);
}

function sum(xs) {
  return xs.reduce((a, b) => a + b, 0);
}
