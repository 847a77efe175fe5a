/**
 * `npm run bench` (last part): streaming keeps memory bounded. The CLI analyzes generated
 * pairs (bench/generate.mjs, the same files as bench/run.mjs) of growing size with
 * `--stream on --exact-rows N`, and, up to --whole-max-rows, reading every file whole, and
 * prints wall time and peak RSS side by side. Passes when the streamed peak RSS at the
 * largest size is within --rss-growth of that at the smallest, and every streamed verdict
 * (drifted or not, per feature) is the whole read's.
 *
 *   node bench/stream.mjs [--sizes 1000000,10000000] [--exact-rows 100000]
 *     [--whole-max-rows 10000000] [--rss-growth 1.25]
 *
 * Files larger than memory are not made here (a 20 GB pair is ~1.2 billion rows, hours to
 * generate on two cores); the flat RSS over a tenfold growth is the bounded-memory proof.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';
import { haveTime, measure } from './measure.mjs';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,10000000' },
    'exact-rows': { type: 'string', default: '100000' },
    'whole-max-rows': { type: 'string', default: '10000000' },
    'rss-growth': { type: 'string', default: '1.25' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const exactRows = values['exact-rows'];
const wholeMaxRows = Number(values['whole-max-rows']);
const allowedGrowth = Number(values['rss-growth']);
if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: npm run build first');
if (!haveTime()) console.error('No /usr/bin/time: peak RSS is not measured (apt-get install time).');

const rows = [];
const failures = [];
for (const size of sizes) {
  const dir = join(root, 'bench', 'data', `generated-${size}`);
  if (!existsSync(join(dir, 'drift.yaml'))) {
    console.error(`Generating ${size.toLocaleString('en-US')} rows × 10 columns in bench/data/generated-${size} …`);
    await generate(dir, size, { highCardinality: true });
  }
  const megabytes = (statSync(join(dir, 'reference.csv')).size + statSync(join(dir, 'current.csv')).size) / 1e6;
  const streamed = run(dir, 'streamed', ['--stream', 'on', '--exact-rows', exactRows]);
  rows.push({
    size,
    megabytes,
    mode: `streamed, exact rows ${Number(exactRows).toLocaleString('en-US')}`,
    ...streamed,
  });
  if (size <= wholeMaxRows) {
    const whole = run(dir, 'whole', ['--stream', 'off']);
    rows.push({ size, megabytes, mode: 'every file read whole', ...whole });
    const differ = whole.report.features.filter(
      (f) => streamed.report.features.find((g) => g.name === f.name)?.drifted !== f.drifted,
    );
    if (differ.length > 0)
      failures.push(`${size} rows: streaming changed the verdict of ${differ.map((f) => f.name).join(', ')}`);
  }
}

console.log(
  `\n## Streaming: peak memory as the files grow (${new Date().toISOString().slice(0, 10)}, Node ${process.version})\n`,
);
console.log(
  '| rows per file | both files (MB) | mode | wall (s) | peak RSS (MiB) | rows/s | largest cdf error bound |',
);
console.log('|---:|---:|---|---:|---:|---:|---:|');
for (const r of rows) {
  const bound = Math.max(0, ...r.report.features.map((f) => f.cdfError ?? 0));
  console.log(
    `| ${r.size.toLocaleString('en-US')} | ${r.megabytes.toFixed(0)} | ${r.mode} | ${r.seconds.toFixed(2)} | ${r.rssMiB?.toFixed(0) ?? 'n/a'} | ${Math.round((2 * r.size) / r.seconds).toLocaleString('en-US')} | ${bound ? `±${(bound * 100).toFixed(2)}%` : 'exact'} |`,
  );
}
const streamedRows = rows.filter((r) => r.mode.startsWith('streamed'));
const [first, last] = [streamedRows[0], streamedRows.at(-1)];
if (first.rssMiB !== null && last !== first) {
  const growth = last.rssMiB / first.rssMiB;
  console.log(
    `\nStreamed peak RSS ×${growth.toFixed(2)} while rows grew ×${(last.size / first.size).toFixed(0)} (allowed ×${allowedGrowth}).`,
  );
  if (growth > allowedGrowth)
    failures.push(`streamed peak RSS grew ×${growth.toFixed(2)}, more than ×${allowedGrowth}`);
}
if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}

function run(dir, label, options) {
  const out = join(root, 'bench', 'results', `stream-${label}.json`);
  const measured = measure([
    process.execPath,
    join(root, 'dist', 'cli.js'),
    'analyze',
    join(dir, 'drift.yaml'),
    '--json',
    out,
    '--quiet',
    '--no-history',
    ...options,
  ]);
  console.error(
    `  ${dir.split('/').pop()} ${label}: ${measured.seconds.toFixed(2)} s, ${measured.rssMiB?.toFixed(0) ?? '?'} MiB`,
  );
  return { ...measured, report: JSON.parse(readFileSync(out, 'utf8')) };
}
