/**
 * `npm run bench`: drift-monitor against pandas + scipy on the same CSV pair, in one run.
 *
 * Both tools read the two files and compute every per-column test (KS, Mann–Whitney,
 * Cramér–von Mises, Anderson–Darling, Wasserstein, energy, PSI, Jensen–Shannon, KL,
 * Hellinger; chi-square and z-test on categorical columns). Each is timed as a whole
 * process (wall clock and peak RSS from GNU time), the median of --runs runs, and the
 * two reports are compared figure by figure: the run fails if they disagree.
 *
 *   npm run bench -- [--rows 1000000] [--runs 3]
 *
 * Needs Debian's python3-pandas, python3-scipy and time; installed with apt-get when
 * missing and running as root.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';

const PYTHON = '/usr/bin/python3';
const TIME = '/usr/bin/time';
const root = new URL('..', import.meta.url).pathname;

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } } });
const rows = Number(values.rows);
const runs = Number(values.runs);

ensurePrerequisites();
const dataDir = join(root, 'bench', 'data', String(rows));
if (!existsSync(join(dataDir, 'drift.yaml'))) {
  console.error(`Generating ${rows.toLocaleString('en-US')} rows × 10 columns in bench/data/${rows} …`);
  await generate(dataDir, rows);
}
const resultsDir = join(root, 'bench', 'results');
await mkdir(resultsDir, { recursive: true });
const engineJson = join(resultsDir, 'drift-monitor.json');
const scipyJson = join(resultsDir, 'scipy.json');

const contenders = [
  { name: 'drift-monitor (node dist/cli.js)', command: ['node', join(root, 'dist', 'cli.js'), 'analyze', join(dataDir, 'drift.yaml'), '--json', engineJson, '--quiet'] },
  { name: 'python3 + pandas + scipy', command: [PYTHON, join(root, 'test-fixtures', 'golden', 'scipy_drift.py'), join(dataDir, 'reference.csv'), join(dataDir, 'current.csv'), '--out', scipyJson] },
];
const timings = contenders.map((c) => ({ name: c.name, ...measure(c.command) }));

const mismatches = compare(JSON.parse(readFileSync(engineJson, 'utf8')), JSON.parse(readFileSync(scipyJson, 'utf8')));
const [engine, scipy] = timings;
console.log(`\n${rows.toLocaleString('en-US')} rows × 10 columns per file (${fileSize(join(dataDir, 'reference.csv'))} + ${fileSize(join(dataDir, 'current.csv'))}), median of ${runs} runs, ${new Date().toISOString().slice(0, 10)}, ${process.version}\n`);
console.log('| tool | wall time (s) | peak RSS (MiB) |');
console.log('|---|---:|---:|');
for (const t of timings) console.log(`| ${t.name} | ${t.seconds.toFixed(2)} | ${t.rssMiB.toFixed(0)} |`);
console.log(`\ndrift-monitor is ${(scipy.seconds / engine.seconds).toFixed(1)}× the speed of pandas + scipy on this pair.`);
console.log(mismatches.checked > 0 && mismatches.failures.length === 0 ? `All ${mismatches.checked} figures agree with scipy (statistics to 1e-9 relative, p-values to 1% where above 1e-12).` : '');
if (mismatches.failures.length > 0) {
  console.error(`${mismatches.failures.length} of ${mismatches.checked} figures disagree with scipy:\n${mismatches.failures.join('\n')}`);
  process.exit(1);
}

function measure(command) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const run = spawnSync(TIME, ['-f', '%e %M', ...command], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(`${command.join(' ')} failed (exit ${run.status}):\n${run.stderr}`);
    const [seconds, kib] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
    samples.push({ seconds, rssMiB: kib / 1024 });
    console.error(`  ${command[0] === 'node' ? 'drift-monitor' : 'scipy'} run ${i + 1}: ${seconds.toFixed(2)} s, ${(kib / 1024).toFixed(0)} MiB`);
  }
  const median = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  return { seconds: median('seconds'), rssMiB: median('rssMiB') };
}

/** Every test figure both reports have, compared with the tolerances of the golden tests. */
function compare(engineReport, scipyReport) {
  const failures = [];
  let checked = 0;
  for (const feature of engineReport.features) {
    const reference = scipyReport.features[feature.name];
    if (!reference) {
      failures.push(`${feature.name}: not in the scipy report`);
      continue;
    }
    if (reference.kind !== feature.kind) failures.push(`${feature.name}: ${feature.kind} here, ${reference.kind} in scipy`);
    for (const [test, expected] of Object.entries(reference.tests)) {
      for (const [field, want] of Object.entries(expected)) {
        const got = feature.tests[test]?.[field];
        checked++;
        if (!agrees(field, got, want)) failures.push(`${feature.name} ${test}.${field}: ${got} vs scipy ${want}`);
      }
    }
  }
  return { checked, failures };
}

function agrees(field, got, want) {
  if (typeof got !== 'number') return false;
  if (field === 'pValue') return want > 1e-12 ? Math.abs(got - want) <= 0.01 * want : got <= 1e-12;
  return Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
}

function fileSize(path) {
  return `${(Number(execFileSync('stat', ['-c', '%s', path], { encoding: 'utf8' })) / 1e6).toFixed(0)} MB`;
}

function ensurePrerequisites() {
  const pythonReady = () => existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import pandas, scipy'], { stdio: 'ignore' }).status === 0;
  if (pythonReady() && existsSync(TIME)) return;
  if (process.getuid?.() !== 0) {
    console.error('The benchmark needs Debian packages python3-pandas, python3-scipy and time: sudo apt-get install -y python3-pandas python3-scipy time');
    process.exit(2);
  }
  console.error('Installing python3-pandas, python3-scipy and time with apt-get …');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'python3-pandas', 'python3-scipy', 'time'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
