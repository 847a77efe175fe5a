/**
 * `npm run bench` (concept drift): how often the concept-drift verdict ("errors rose") raises a
 * false alarm on stationary model errors, and how fast it sees a real rise.
 *
 * Classification: per cell (error rate × current rows), seeded streams whose reference
 * (--reference-rows, 20,000 by default: the size of the case that prompted this) and current
 * misclassifications are Bernoulli draws at the same rate. Each stream goes through the engine's
 * own pieces of the verdict (monitoring/conceptDrift.ts): the file-level z-test, DDM,
 * Page–Hinkley and ADWIN with the parameters the reference sets, and the agreement rule. ADWIN,
 * the slowest, runs on the first --adwin-streams streams of a cell for its own rate, and on any
 * other stream only where DDM or Page–Hinkley fired: without either, no two detectors can agree,
 * so the verdict is the same as with ADWIN run. Then streams whose rate doubles (p → 2p, or half
 * way to 1) or rises by 5 points in the middle: the share the file-level test flags, and the
 * delay (rows after the change) to the first confirmed change.
 *
 * Regression: residuals N(0, 1) and Laplace (heavier tails), reference and current alike: the
 * KS test on |residuals| and the two residual detectors.
 *
 *   node bench/conceptAlarms.mjs [--streams 1000] [--delay-streams 100] [--regression-streams 1000]
 *     [--rates 0.001,0.005,0.01,0.02,0.05,0.1,0.2,0.5] [--lengths 1000,10000,100000,1000000]
 *     [--reference-rows 20000] [--adwin-streams 200] [--workers 2]
 *
 * Prints markdown tables (the one in docs/monitoring.md); progress goes to stderr. Exits 1 when
 * a cell's alarm rate is above the 1% budget beyond chance: its lower 95% confidence bound is.
 */
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { mulberry32 } from '../server/src/engine/stats/mulberry32.mjs';

const root = new URL('..', import.meta.url).pathname;
const enginePath = join(root, 'bench', 'data', 'conceptEngine.mjs');

if (isMainThread) await main();
else await work();

async function main() {
  const { values } = parseArgs({
    options: {
      streams: { type: 'string', default: '1000' },
      'delay-streams': { type: 'string', default: '100' },
      'regression-streams': { type: 'string', default: '1000' },
      'adwin-streams': { type: 'string', default: '200' },
      rates: { type: 'string', default: '0.001,0.005,0.01,0.02,0.05,0.1,0.2,0.5' },
      lengths: { type: 'string', default: '1000,10000,100000,1000000' },
      'reference-rows': { type: 'string', default: '20000' },
      workers: { type: 'string', default: String(Math.min(2, cpus().length)) },
    },
  });
  const streams = Number(values.streams);
  const delayStreams = Number(values['delay-streams']);
  const regressionStreams = Number(values['regression-streams']);
  const adwinStreams = Number(values['adwin-streams']);
  const rates = values.rates.split(',').map(Number);
  const lengths = values.lengths.split(',').map(Number);
  const referenceRows = Number(values['reference-rows']);

  // The engine's TypeScript, bundled for the workers.
  mkdirSync(join(root, 'bench', 'data'), { recursive: true });
  buildSync({
    stdin: {
      contents: [
        "export * from './server/src/engine/monitoring/conceptDrift';",
        "export { agreementRows, FALSE_ALARM_BUDGET, MIN_AGREEMENT_ROWS } from './server/src/engine/concept/alarmBudget';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: enginePath,
    logLevel: 'warning',
  });
  const { FALSE_ALARM_BUDGET } = await import(enginePath);

  const cells = [];
  for (const rate of rates)
    for (const length of lengths) {
      cells.push({ kind: 'stationary', rate, length, streams, seed: seedOf(1, rate, length) });
      cells.push({ kind: 'double', rate, length, streams: delayStreams, seed: seedOf(2, rate, length) });
      // At 5% the two rises are the same.
      if (rate !== 0.05)
        cells.push({ kind: 'plus5', rate, length, streams: delayStreams, seed: seedOf(3, rate, length) });
    }
  for (const [d, distribution] of ['normal', 'laplace'].entries())
    for (const length of lengths)
      cells.push({
        kind: 'regression',
        distribution,
        length,
        // Each stream is sorted for KS: at most 200 million rows per cell.
        streams: Math.min(regressionStreams, Math.floor(2e8 / length)),
        seed: seedOf(4 + d, 0, length),
      });

  // Jobs of at most ~20 million rows, largest first so the workers finish together.
  const jobs = [];
  for (const [c, cell] of cells.entries()) {
    const perJob = Math.max(1, Math.floor(20_000_000 / cell.length));
    for (let first = 0; first < cell.streams; first += perJob)
      jobs.push({
        cell: c,
        ...cell,
        referenceRows,
        adwinStreams,
        first,
        count: Math.min(perJob, cell.streams - first),
      });
  }
  jobs.sort((a, b) => b.count * b.length - a.count * a.length);
  const totalRows = jobs.reduce((s, j) => s + j.count * j.length, 0);
  const results = cells.map(() => emptyTally());
  let doneRows = 0;
  const started = Date.now();
  let lastProgress = 0;
  const progress = () => {
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed - lastProgress < 10 && doneRows < totalRows) return;
    lastProgress = elapsed;
    process.stderr.write(
      `${((100 * doneRows) / totalRows).toFixed(1)}% of ${(totalRows / 1e9).toFixed(2)} billion rows, ${elapsed.toFixed(0)} s\n`,
    );
  };
  await Promise.all(
    Array.from({ length: Number(values.workers) }, async () => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { enginePath } });
      let settle;
      worker.on('message', (tally) => settle.resolve(tally));
      worker.on('error', (error) => settle.reject(error));
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const tally = await new Promise((resolve, reject) => {
          settle = { resolve, reject };
          worker.postMessage(job);
        });
        merge(results[job.cell], tally);
        doneRows += job.count * job.length;
        progress();
      }
      await worker.terminate();
    }),
  );

  const failures = [];
  const pct = (k, n) => (n === 0 ? 'n/a' : `${((100 * k) / n).toFixed(1)}%`);
  console.log(
    `\nConcept drift, classification: false alarms on stationary streams (reference ${count(referenceRows)} rows at the same rate), ${count(streams)} streams per cell\n`,
  );
  console.log(
    '| error rate | current rows | errors rose | 95% upper bound | file test | Page–Hinkley | DDM | ADWIN | two detectors agree |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [c, cell] of cells.entries()) {
    if (cell.kind !== 'stationary') continue;
    const t = results[c];
    const n = cell.streams;
    if (lowerBound(t.verdict, n) > FALSE_ALARM_BUDGET)
      failures.push(`error rate ${cell.rate}, ${cell.length} rows: ${t.verdict} alarms of ${n}`);
    console.log(
      `| ${percentText(cell.rate)} | ${count(cell.length)} | ${t.verdict} (${pct(t.verdict, n)}) | ${pct(upperBound(t.verdict, n) * n, n)} | ${t.file} | ${t.pageHinkley} | ${t.ddm} | ${t.adwin} of ${t.adwinRuns} | ${t.confirmed} |`,
    );
  }
  console.log(
    `\nConcept drift, classification: real rises in the middle of the stream, ${count(delayStreams)} streams per cell; delay in rows after the change to the first confirmed change (— where fewer than half, or nine in ten, were confirmed)\n`,
  );
  console.log('| error rate | current rows | change | file test flags | confirmed | median delay | 90th percentile |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [c, cell] of cells.entries()) {
    if (cell.kind === 'stationary' || cell.kind === 'regression') continue;
    const t = results[c];
    const n = cell.streams;
    const delays = Float64Array.from(t.delays).sort();
    const quantile = (q) => {
      const i = Math.ceil(q * n) - 1;
      return i >= 0 && i < delays.length ? count(delays[i]) : '—';
    };
    console.log(
      `| ${percentText(cell.rate)} | ${count(cell.length)} | ${changeText(cell)} | ${pct(t.file, n)} | ${pct(delays.length, n)} | ${quantile(0.5)} | ${quantile(0.9)} |`,
    );
  }
  console.log(
    `\nConcept drift, regression: false alarms on stationary residuals (reference ${count(referenceRows)} rows)\n`,
  );
  console.log(
    '| residuals | current rows | streams | errors rose | 95% upper bound | file test | Page–Hinkley | ADWIN | both agree |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [c, cell] of cells.entries()) {
    if (cell.kind !== 'regression') continue;
    const t = results[c];
    const n = cell.streams;
    if (lowerBound(t.verdict, n) > FALSE_ALARM_BUDGET)
      failures.push(`${cell.distribution} residuals, ${cell.length} rows: ${t.verdict} alarms of ${n}`);
    console.log(
      `| ${cell.distribution} | ${count(cell.length)} | ${count(n)} | ${t.verdict} (${pct(t.verdict, n)}) | ${pct(upperBound(t.verdict, n) * n, n)} | ${t.file} | ${t.pageHinkley} | ${t.adwin} of ${t.adwinRuns} | ${t.confirmed} |`,
    );
  }
  console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s on ${values.workers} workers`);
  if (failures.length > 0) {
    console.error(`Above the ${percentText(FALSE_ALARM_BUDGET)} false-alarm budget:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

/** A 32-bit seed per table, error rate and length, the same whichever cells a run has. */
function seedOf(table, rate, length) {
  return (table * 1_000_003 + Math.round(rate * 1e6) * 10_007 + length * 101) >>> 0;
}

function count(n) {
  return n.toLocaleString('en-US');
}

function percentText(share) {
  return `${Number((share * 100).toPrecision(3))}%`;
}

function changeText(cell) {
  const after = risenRate(cell);
  return `${percentText(cell.rate)} → ${percentText(after)}`;
}

/** The rate after the change: doubled (at most half way to 1), or 5 points more. */
function risenRate(cell) {
  return cell.kind === 'double' ? Math.min(2 * cell.rate, (1 + cell.rate) / 2) : cell.rate + 0.05;
}

/** P(X ≤ k) for X binomial(n, p). */
function binomialCdf(k, n, p) {
  if (p <= 0) return 1;
  if (p >= 1) return k >= n ? 1 : 0;
  let term = Math.pow(1 - p, n);
  let total = term;
  for (let i = 1; i <= k; i++) {
    term *= ((n - i + 1) / i) * (p / (1 - p));
    total += term;
  }
  return total;
}

/** The one-sided 95% Clopper–Pearson upper bound of k alarms in n: the p with P(X ≤ k) = 0.05, by bisection. */
function upperBound(k, n) {
  if (k >= n) return 1;
  let lo = k / n;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (binomialCdf(k, n, mid) > 0.05) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The one-sided 95% Clopper–Pearson lower bound: the p with P(X ≥ k) = 0.05. */
function lowerBound(k, n) {
  if (k === 0) return 0;
  let lo = 0;
  let hi = k / n;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (1 - binomialCdf(k - 1, n, mid) < 0.05) lo = mid;
    else hi = mid;
  }
  return lo;
}

function emptyTally() {
  return { verdict: 0, file: 0, pageHinkley: 0, ddm: 0, adwin: 0, adwinRuns: 0, confirmed: 0, delays: [] };
}

function merge(into, from) {
  for (const key of Object.keys(into)) {
    if (key === 'delays') into.delays.push(...from.delays);
    else into[key] += from[key];
  }
}

// ---------------------------------------------------------------- worker

async function work() {
  const engine = await import(workerData.enginePath);
  parentPort.on('message', (job) => {
    parentPort.postMessage(job.kind === 'regression' ? regressionJob(engine, job) : classificationJob(engine, job));
  });
}

/**
 * Misclassifications at `rate`, then at `after` from row `from` on, into `out`: the rows
 * between errors are geometric, drawn by inversion, so only the errors cost a draw.
 */
function bernoulli(uniform, out, rate, after = rate, from = out.length) {
  out.fill(0);
  let errors = 0;
  let row = -1;
  for (const [p, end] of [
    [rate, from],
    [after, out.length],
  ]) {
    if (p <= 0) {
      row = end - 1;
      continue;
    }
    const logMiss = Math.log1p(-p);
    for (;;) {
      row += p >= 1 ? 1 : 1 + Math.floor(Math.log(1 - uniform()) / logMiss);
      if (row >= end) break;
      out[row] = 1;
      errors += 1;
    }
    row = end - 1;
  }
  return errors;
}

function binomialCount(uniform, rows, rate) {
  let errors = 0;
  const logMiss = Math.log1p(-rate);
  for (let row = -1; ; errors++) {
    row += 1 + Math.floor(Math.log(1 - uniform()) / logMiss);
    if (row >= rows) return errors;
  }
}

function classificationJob(engine, job) {
  const tally = emptyTally();
  const current = new Float64Array(job.length);
  const change = job.kind === 'stationary' ? job.length : Math.floor(job.length / 2);
  const after = job.kind === 'stationary' ? job.rate : risenRate(job);
  for (let s = job.first; s < job.first + job.count; s++) {
    const uniform = mulberry32(job.seed + s * 7919);
    const referenceErrors = binomialCount(uniform, job.referenceRows, job.rate);
    const currentErrors = bernoulli(uniform, current, job.rate, after, change);
    const file = engine.errorRateTest(referenceErrors, job.referenceRows, currentErrors, job.length).rose;
    const detectors = engine.misclassificationDetectors(referenceErrors, job.referenceRows)(job.length);
    // Misclassifications feed the detectors as they are (their transform is the identity).
    const fired = {};
    for (const d of detectors) if (d.detector !== 'adwin') fired[d.detector] = d.run(current).detections;
    const mayAgree = fired.ddm.length > 0 || fired['page-hinkley'].length > 0;
    if (mayAgree || s < job.adwinStreams) {
      fired.adwin = detectors.find((d) => d.detector === 'adwin').run(current).detections;
      if (s < job.adwinStreams) {
        tally.adwinRuns += 1;
        if (fired.adwin.length > 0) tally.adwin += 1;
      }
    } else fired.adwin = [];
    const changePoints = Object.entries(fired).map(([detector, detections]) => ({
      detector,
      detections: detections.map((index) => ({ index, time: '' })),
    }));
    const confirmed = engine.confirmedChange(changePoints, engine.agreementRows(referenceErrors, job.referenceRows));
    if (file) tally.file += 1;
    if (fired['page-hinkley'].length > 0) tally.pageHinkley += 1;
    if (fired.ddm.length > 0) tally.ddm += 1;
    if (confirmed) tally.confirmed += 1;
    if (file || confirmed) tally.verdict += 1;
    if (confirmed && confirmed.index >= change && job.kind !== 'stationary')
      tally.delays.push(confirmed.index - change);
  }
  return tally;
}

function regressionJob(engine, job) {
  const tally = emptyTally();
  const reference = new Float64Array(job.referenceRows);
  const current = new Float64Array(job.length);
  for (let s = job.first; s < job.first + job.count; s++) {
    const uniform = mulberry32(job.seed + s * 7919);
    const draw = job.distribution === 'normal' ? normal(uniform) : laplace(uniform);
    for (let i = 0; i < reference.length; i++) reference[i] = draw();
    for (let i = 0; i < current.length; i++) current[i] = draw();
    const file = engine.residualTest(reference, current).rose;
    const [pageHinkley, adwin] = engine.residualDetectors(reference)(job.length);
    const feed = (d) => d.run(current.map(d.transform)).detections;
    const fired = { 'page-hinkley': feed(pageHinkley) };
    // Two detectors: a change is confirmed only where Page–Hinkley fired too.
    const runAdwin = fired['page-hinkley'].length > 0 || s < job.adwinStreams;
    fired.adwin = runAdwin ? feed(adwin) : [];
    if (s < job.adwinStreams) {
      tally.adwinRuns += 1;
      if (fired.adwin.length > 0) tally.adwin += 1;
    }
    const changePoints = Object.entries(fired).map(([detector, detections]) => ({
      detector,
      detections: detections.map((index) => ({ index, time: '' })),
    }));
    const confirmed = engine.confirmedChange(changePoints, engine.MIN_AGREEMENT_ROWS);
    if (file) tally.file += 1;
    if (fired['page-hinkley'].length > 0) tally.pageHinkley += 1;
    if (confirmed) tally.confirmed += 1;
    if (file || confirmed) tally.verdict += 1;
  }
  return tally;
}

/** Standard normals by Box–Muller. */
function normal(uniform) {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Laplace with scale 1: an exponential with a random sign. */
function laplace(uniform) {
  return () => (uniform() < 0.5 ? -1 : 1) * -Math.log(1 - uniform());
}
