/**
 * Do two tools' reports say the same? Each report is flattened to `feature path → value`
 * figures (tests, summaries, histograms) and compared on the figures both have, with the
 * tolerances of the golden tests: statistics to 1e-9 relative, p-values to 1% where
 * above 1e-12. Reads the engine's report (features an array, top 20 categories) and those
 * of scipy_drift.py and duckdb.mjs (features keyed by name).
 */

/** The figures of a report as a Map from e.g. `income tests.ks.pValue` or `plan reference.categories[pro]` to a value. */
export function figures(report) {
  const features = Array.isArray(report.features)
    ? report.features
    : Object.entries(report.features).map(([name, feature]) => ({ name, ...feature }));
  const out = new Map();
  for (const feature of features) {
    for (const part of ['kind', 'tests', 'reference', 'current', 'histogram'])
      flatten(out, `${feature.name} ${part}`, feature[part]);
  }
  return out;
}

function flatten(out, path, value) {
  if (value === undefined) return;
  // Category counts are keyed by category, so that lists of different lengths still line up.
  if (Array.isArray(value) && value.every(isCategoryCount))
    for (const { value: label, count } of value) out.set(`${path}[${label}]`, count);
  else if (Array.isArray(value)) value.forEach((item, i) => flatten(out, `${path}[${i}]`, item));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) flatten(out, `${path}.${key}`, item);
  else out.set(path, value);
}

function isCategoryCount(item) {
  return item !== null && typeof item === 'object' && 'value' in item && 'count' in item;
}

/**
 * `got` against `want` on the figures both have. A feature of `want` that `got` lacks
 * (its `kind` missing) is a failure, so a dropped column cannot pass unnoticed. `exact`
 * (the same engine on the same data in another format): both have the same figures, each
 * the same value bit for bit.
 */
export function compare(got, want, { exact = false } = {}) {
  const failures = [];
  let checked = 0;
  for (const [key, expected] of want) {
    if (!got.has(key)) {
      if (exact || key.endsWith(' kind')) failures.push(`${exact ? key : key.slice(0, -5)}: missing`);
      continue;
    }
    checked++;
    const same = exact ? Object.is(got.get(key), expected) : agrees(key, got.get(key), expected);
    if (!same) failures.push(`${key}: ${got.get(key)} vs ${expected}`);
  }
  if (exact) for (const key of got.keys()) if (!want.has(key)) failures.push(`${key}: not in the other report`);
  return { checked, failures };
}

function agrees(key, got, want) {
  if (typeof want !== 'number' || typeof got !== 'number') return got === want;
  if (key.endsWith('.pValue')) return want > 1e-12 ? Math.abs(got - want) <= 0.01 * want : got <= 1e-12;
  return Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
}
