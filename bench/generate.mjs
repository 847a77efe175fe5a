/**
 * Writes a reference/current CSV pair of `rows` rows × 10 columns with known drift,
 * plus a drift.yaml, into `dir`. Seeded, so every run benchmarks the same files.
 *
 * Drifted on purpose: income (scale ×1.3), tenure (shift), channel (mix), is_premium (rate).
 * Unchanged: age, balance, score, visits, region, plan.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mulberry32 } from '../server/src/stats/mulberry32.mjs';

function normal(next) {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

function pick(next, labels, weights) {
  let u = next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < labels.length; i++) if ((u -= weights[i]) < 0) return labels[i];
  return labels[labels.length - 1];
}

const REGIONS = Array.from({ length: 40 }, (_, i) => `region_${String(i).padStart(2, '0')}`);
const HEADER = 'age,income,balance,tenure,score,visits,region,plan,channel,is_premium';

function row(next, drifted) {
  const age = Math.round(40 + 12 * normal(next));
  const income = Math.exp(10.5 + 0.6 * normal(next)) * (drifted ? 1.3 : 1);
  const balance = 2000 * normal(next) + 5000;
  const tenure = Math.max(0, 36 + 20 * normal(next) + (drifted ? 6 : 0));
  const score = next();
  const visits = Math.floor(-Math.log(1 - next()) * 8);
  const region = REGIONS[Math.floor(next() * REGIONS.length)];
  const plan = pick(next, ['basic', 'plus', 'pro', 'team', 'enterprise'], [50, 25, 15, 7, 3]);
  const channel = pick(next, ['web', 'app', 'store', 'phone'], drifted ? [30, 45, 15, 10] : [45, 30, 15, 10]);
  const premium = next() < (drifted ? 0.3 : 0.2) ? 1 : 0;
  return `${age},${income.toFixed(2)},${balance.toFixed(2)},${tenure.toFixed(1)},${score.toFixed(6)},${visits},${region},${plan},${channel},${premium}\n`;
}

async function writeCsv(path, rows, seed, drifted) {
  const next = mulberry32(seed);
  const out = createWriteStream(path);
  out.write(HEADER + '\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += row(next, drifted);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject));
}

export async function generate(dir, rows) {
  await mkdir(dir, { recursive: true });
  await Promise.all([writeCsv(join(dir, 'reference.csv'), rows, 1, false), writeCsv(join(dir, 'current.csv'), rows, 2, true)]);
  await writeFile(join(dir, 'drift.yaml'), '# drift-monitor benchmark pair\nreference: reference.csv\ncurrent: current.csv\n');
}
