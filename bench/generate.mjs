/**
 * Writes a reference/current CSV pair of `rows` rows × 10 columns (or `columns`) with known drift,
 * plus a drift.yaml, into `dir`. Seeded, so every run benchmarks the same files.
 *
 * Drifted on purpose: income (scale ×1.3), tenure (shift), channel (mix), is_premium (rate).
 * Unchanged: age, balance, score, visits, region, plan.
 * Missing values, as the engine's missing tokens: income (empty, 3%), balance (`NaN`, 0.5%),
 * tenure (`NA`, 1% → 4%: its missing rate drifts too) and channel (empty, 2%).
 *
 * `highCardinality` (the benchmark's workload) puts `merchant` in place of `region`: ids out
 * of 50,000, skewed so that a few are common and most rare, with 10% of the current rows
 * from 5,000 merchants the reference never saw (drifted). Off by default: at a few
 * thousand rows the sampling noise of so many categories alone crosses the Jensen–Shannon
 * threshold, and the tests that draw from this generator expect every column but the
 * drifted four to stay put.
 *
 * `columns` (the wide workload) repeats the same mix of ten until there are that many
 * columns, the copies' names suffixed `_2`, `_3`…, each row's cells drawn in turn from the
 * one seeded stream. At ten (the default) the files are those of the plain pair, byte for byte.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mulberry32 } from '../server/src/engine/stats/mulberry32.mjs';

function normal(next) {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

function pick(next, labels, weights) {
  let u = next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < labels.length; i++) if ((u -= weights[i]) < 0) return labels[i];
  return labels[labels.length - 1];
}

/** `text`, or `token` with probability `rate`. */
function orMissing(next, rate, token, text) {
  return next() < rate ? token : text;
}

const REGIONS = Array.from({ length: 40 }, (_, i) => `region_${String(i).padStart(2, '0')}`);
const MERCHANTS = 50_000;
const NEW_MERCHANTS = 5_000;

function region(next) {
  return REGIONS[Math.floor(next() * REGIONS.length)];
}

function merchant(next, drifted) {
  // u² puts the low ids first in popularity: the commonest id is ~300× as frequent as the rarest.
  const u = next();
  const id = drifted && next() < 0.1 ? MERCHANTS + Math.floor(u * NEW_MERCHANTS) : Math.floor(MERCHANTS * u * u);
  return `m${String(id).padStart(5, '0')}`;
}

function cells(next, drifted, place) {
  const age = Math.round(40 + 12 * normal(next));
  const income = Math.exp(10.5 + 0.6 * normal(next)) * (drifted ? 1.3 : 1);
  const balance = 2000 * normal(next) + 5000;
  const tenure = Math.max(0, 36 + 20 * normal(next) + (drifted ? 6 : 0));
  const score = next();
  const visits = Math.floor(-Math.log(1 - next()) * 8);
  const where = place(next, drifted);
  const plan = pick(next, ['basic', 'plus', 'pro', 'team', 'enterprise'], [50, 25, 15, 7, 3]);
  const channel = pick(next, ['web', 'app', 'store', 'phone'], drifted ? [30, 45, 15, 10] : [45, 30, 15, 10]);
  const premium = next() < (drifted ? 0.3 : 0.2) ? 1 : 0;
  return [
    age,
    orMissing(next, 0.03, '', income.toFixed(2)),
    orMissing(next, 0.005, 'NaN', balance.toFixed(2)),
    orMissing(next, drifted ? 0.04 : 0.01, 'NA', tenure.toFixed(1)),
    score.toFixed(6),
    visits,
    where,
    plan,
    orMissing(next, 0.02, '', channel),
    premium,
  ];
}

/** One CSV line of `columns` cells: the mix of ten, repeated. */
function row(next, drifted, place, columns) {
  if (columns === MIX) return cells(next, drifted, place).join(',') + '\n';
  const line = [];
  while (line.length < columns) line.push(...cells(next, drifted, place));
  line.length = columns;
  return line.join(',') + '\n';
}

/** Columns in one copy of the mix. */
const MIX = 10;

/** The header of `columns` columns: `names`, then copies suffixed `_2`, `_3`…, cut at `columns`. */
function wideHeader(names, columns) {
  const header = [];
  for (let copy = 1; header.length < columns; copy++)
    header.push(...names.map((name) => (copy === 1 ? name : `${name}_${copy}`)));
  return header.slice(0, columns).join(',');
}

async function writeCsv(path, header, rows, seed, drifted, place, columns) {
  const next = mulberry32(seed);
  const out = createWriteStream(path);
  out.write(header + '\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += row(next, drifted, place, columns);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject));
}

export async function generate(dir, rows, { highCardinality = false, columns = MIX } = {}) {
  const place = highCardinality ? merchant : region;
  const names = ['age', 'income', 'balance', 'tenure', 'score', 'visits', highCardinality ? 'merchant' : 'region'];
  const header = wideHeader([...names, 'plan', 'channel', 'is_premium'], columns);
  await mkdir(dir, { recursive: true });
  await Promise.all([
    writeCsv(join(dir, 'reference.csv'), header, rows, 1, false, place, columns),
    writeCsv(join(dir, 'current.csv'), header, rows, 2, true, place, columns),
  ]);
  await writeFile(
    join(dir, 'drift.yaml'),
    '# drift-monitor benchmark pair\nreference: reference.csv\ncurrent: current.csv\n',
  );
}
