/**
 * Bounds you can trust: a report against a reference profile states, for each statistic it
 * takes from a sketch, an interval that holds the exact value; this checks that it does.
 *
 * `boundViolations(exact, profiled)` takes the report against the reference file itself
 * (read whole, streaming off) and the report against its profile (the same current file),
 * and lists every statistic of the profiled report whose exact value lies outside its stated
 * bound: the KS statistic (within the feature's cdfError) and p-value, the normed
 * Wasserstein and energy distances (and their plain values, the same bound times the norm),
 * PSI, Jensen–Shannon, KL, Hellinger, each summary quantile. A statistic stated without a
 * bound must equal the exact one (counts, means, extremes, category counts, the categorical
 * tests, data quality's reference side, the reference metrics), to within `tolerance`
 * (relative: summing in another order moves the last digits), and a verdict not marked
 * undecided must be the exact report's. An empty list is the pass.
 *
 *   node bench/profileBounds.mjs --whole     the whole flights pair (bench/flights.mjs), Q1 as a profile
 *   node bench/profileBounds.mjs --rows N    the first N rows of each half
 *
 * needs dist/cli.js (npm run build); prints the checked statistics, the widest bounds and
 * the violations, and exits 1 when there is one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/** Relative difference allowed between two figures that are both exact: floating-point summation order. */
export const EXACT_TOLERANCE = 1e-9;

const QUANTILES = ['p05', 'p25', 'p50', 'p75', 'p95'];
const BINNED = ['psi', 'jensenshannon', 'kl', 'hellinger'];
const DISTANCES = ['wasserstein', 'energy'];

/**
 * Every statistic of `profiled` whose exact value (in `exact`) lies outside its stated bound,
 * or differs where no bound is stated; also the number of statistics checked.
 */
export function boundViolations(exact, profiled, tolerance = EXACT_TOLERANCE) {
  const violations = [];
  let checked = 0;
  const equal = (a, b) =>
    a === b ||
    (typeof a === 'number' &&
      typeof b === 'number' &&
      Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b)));
  const within = (value, bound) =>
    value >= bound.low - tolerance * Math.abs(bound.low) && value <= bound.high + tolerance * Math.abs(bound.high);
  const same = (where, exactValue, stated) => {
    checked++;
    if (!equal(exactValue, stated)) violations.push({ where, exact: exactValue, stated, bound: null });
  };
  const bounded = (where, exactValue, stated, bound) => {
    checked++;
    if (exactValue === undefined || exactValue === null)
      violations.push({ where, exact: exactValue, stated, bound, reason: 'no exact value' });
    else if (!bound) {
      if (!equal(exactValue, stated)) violations.push({ where, exact: exactValue, stated, bound: null });
    } else if (!within(exactValue, bound)) violations.push({ where, exact: exactValue, stated, bound });
  };

  for (const feature of profiled.features) {
    const whole = exact.features.find((f) => f.name === feature.name);
    const at = (name) => `${feature.name}: ${name}`;
    if (!whole || whole.kind !== feature.kind) {
      violations.push({ where: at('column'), exact: whole?.kind ?? null, stated: feature.kind, bound: null });
      continue;
    }
    const tests = feature.tests;
    const exactTests = whole.tests;
    for (const [method, result] of Object.entries(tests)) {
      const truth = exactTests[method];
      if (method === 'ks') {
        const error = feature.cdfError;
        const statisticBound =
          error === undefined ? undefined : { low: result.statistic - error, high: result.statistic + error };
        bounded(at('ks statistic'), truth?.statistic, result.statistic, statisticBound);
        bounded(at('ks p-value'), truth?.pValue, result.pValue, result.bound);
      } else if (DISTANCES.includes(method)) {
        bounded(at(`${method} normed`), truth?.normed, result.normed, result.bound);
        const norm = result.value / result.normed;
        const valueBound = result.bound &&
          Number.isFinite(norm) && { low: result.bound.low * norm, high: result.bound.high * norm };
        bounded(at(`${method} value`), truth?.value, result.value, valueBound || undefined);
      } else if (BINNED.includes(method)) {
        bounded(at(method), truth?.value, result.value, result.bound);
      } else {
        // Tests from exact counts or values (chi-square, z-test, the rank tests): no bound, equal.
        for (const [key, value] of Object.entries(result))
          if (typeof value === 'number') bounded(at(`${method} ${key}`), truth?.[key], value, undefined);
      }
    }
    const side = feature.reference;
    const exactSide = whole.reference;
    for (const key of ['count', 'missing', 'mean', 'std', 'min', 'max', 'unique'])
      if (key in side) same(at(`reference ${key}`), exactSide[key], side[key]);
    if (side.quantiles)
      for (const q of QUANTILES)
        bounded(at(`reference ${q}`), exactSide.quantiles[q], side.quantiles[q], side.quantileBounds?.[q]);
    if (side.categories)
      same(at('reference categories'), JSON.stringify(exactSide.categories), JSON.stringify(side.categories));
    checked++;
    if (!feature.undecided && feature.drifted !== whole.drifted)
      violations.push({ where: at('verdict'), exact: whole.drifted, stated: feature.drifted, bound: null });
  }

  for (const column of profiled.quality.columns) {
    const whole = exact.quality.columns.find((c) => c.name === column.name);
    if (!whole) continue;
    for (const [key, value] of Object.entries(column.reference))
      same(`${column.name}: quality reference ${key}`, whole.reference[key], value);
    same(`${column.name}: quality new categories`, whole.newCategoryCount, column.newCategoryCount);
    same(`${column.name}: quality vanished categories`, whole.missingCategoryCount, column.missingCategoryCount);
    same(`${column.name}: quality out of range`, JSON.stringify(whole.outOfRange), JSON.stringify(column.outOfRange));
  }
  if (profiled.quality.duplicateRows.reference)
    same(
      'duplicate rows of the reference',
      exact.quality.duplicateRows.reference.rows,
      profiled.quality.duplicateRows.reference.rows,
    );
  for (const model of profiled.performance?.models ?? []) {
    const whole = exact.performance.models.find((m) => m.model === model.model);
    for (const [metric, value] of Object.entries(model.baseline))
      same(`${model.model}: reference ${metric}`, whole?.baseline[metric], value);
  }
  return { checked, violations };
}

/** The widest stated bound per statistic, relative to the stated value: how much a sketch costs. */
export function widestBounds(profiled) {
  const widest = {};
  const note = (name, value, bound) => {
    if (!bound || !value) return;
    const width = (bound.high - bound.low) / Math.abs(value);
    if (!(name in widest) || width > widest[name]) widest[name] = width;
  };
  for (const feature of profiled.features)
    for (const [method, result] of Object.entries(feature.tests)) {
      // A p-value has no scale: the KS statistic's bound is its cdf error either side.
      if (method === 'ks' && feature.cdfError !== undefined)
        note('ks statistic', result.statistic, {
          low: result.statistic - feature.cdfError,
          high: result.statistic + feature.cdfError,
        });
      else if (method !== 'ks') note(method, result.normed ?? result.value, result.bound);
    }
  return widest;
}

async function main() {
  const { values } = parseArgs({ options: { whole: { type: 'boolean' }, rows: { type: 'string' } } });
  if (!values.whole && !values.rows) {
    console.error('usage: node bench/profileBounds.mjs --whole | --rows N');
    process.exit(2);
  }
  const root = fileURLToPath(new URL('..', import.meta.url));
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: npm run build first');
  const { prepareFlights } = await import('./flights.mjs');
  const dir = join(root, 'bench', 'data', values.whole ? 'flights-profile' : `flights-profile-${values.rows}`);
  if (!existsSync(join(dir, 'drift.yaml'))) await prepareFlights(dir, values.whole ? undefined : Number(values.rows));
  const run = (...args) =>
    execFileSync(process.execPath, [cli, ...args], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const started = Date.now();
  run('profile', 'drift.yaml', '--out', 'reference.profile.json');
  const profileSeconds = (Date.now() - started) / 1000;
  writeFileSync(
    join(dir, 'profile.yaml'),
    readFileSync(join(dir, 'drift.yaml'), 'utf8').replace(
      'reference: reference.csv',
      'reference: reference.profile.json',
    ),
  );
  // Exit 1 is drift, which the pair has: the reports are what is compared.
  const analyze = (config, out) => {
    try {
      run('analyze', config, '--json', out, '--stream', 'off', '--no-history', '--no-notify', '--quiet');
    } catch (error) {
      if (error.status !== 1) throw error;
    }
    return JSON.parse(readFileSync(join(dir, out), 'utf8'));
  };
  const exact = analyze('drift.yaml', 'exact.json');
  const profiled = analyze('profile.yaml', 'profiled.json');
  const { checked, violations } = boundViolations(exact, profiled);
  console.log(
    `Flights ${values.whole ? 'whole pair' : `first ${values.rows} rows per half`}: profile made in ${profileSeconds.toFixed(1)} s; ${checked} statistics checked, ${violations.length} outside their bound.`,
  );
  for (const feature of profiled.features) {
    const wasserstein = feature.tests.wasserstein;
    const truth = exact.features.find((f) => f.name === feature.name)?.tests.wasserstein;
    if (wasserstein && truth)
      console.log(
        `  ${feature.name}: normed Wasserstein ${wasserstein.normed.toPrecision(4)} (bound ${wasserstein.bound ? `${wasserstein.bound.low.toPrecision(4)} … ${wasserstein.bound.high.toPrecision(4)}` : 'none: exact'}), exact ${truth.normed.toPrecision(4)}, ${(100 * Math.abs(wasserstein.normed / truth.normed - 1)).toFixed(2)}% off`,
      );
  }
  for (const [name, width] of Object.entries(widestBounds(profiled)))
    console.log(`  widest ${name} bound: ${(100 * width).toFixed(1)}% of its value`);
  for (const v of violations)
    console.log(
      `  OUTSIDE ${v.where}: exact ${v.exact}, stated ${v.stated}${v.bound ? `, bound ${v.bound.low} … ${v.bound.high}` : ', no bound'}`,
    );
  process.exit(violations.length ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
