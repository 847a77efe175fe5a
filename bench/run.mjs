/**
 * `npm run bench`: drift-monitor against pandas + scipy and DuckDB, every tool on the
 * same files in the same run, printed as one table.
 *
 * Workloads: seeded generated pairs (bench/generate.mjs: 10 columns, numbers, low- and
 * high-cardinality text, missing values, known drift) at each of --sizes rows per file,
 * and vega-datasets' flights-3m split by time (bench/flights.mjs). Tools, each timed as a
 * whole process (wall clock; peak RSS from GNU time), median of --runs runs:
 * - drift-monitor: `node dist/cli.js analyze drift.yaml --json … --quiet`, every test;
 * - pandas + scipy: test-fixtures/golden/scipy_drift.py, the same tests;
 * - DuckDB: bench/duckdb.mjs, read_csv_auto and the summaries (no rank tests);
 * - windows (flights-3m only): drift-monitor with `windows: {every: 1w}` on the same pair,
 *   its wall ÷ drift-monitor the cost of the 27 weekly windows.
 * After every run the reports are compared figure by figure (drift-monitor and DuckDB
 * against scipy, DuckDB against drift-monitor): the bench fails if any disagree.
 *
 *   node bench/run.mjs [--sizes 1000000,3000000,10000000] [--real flights|none] [--real-rows N]
 *     [--runs 3] [--tools drift-monitor,windows,scipy,duckdb] [--scipy-max-rows 3000000]
 *     [--python /usr/bin/python3] [--install]
 *
 * --install (as `npm run bench` passes) installs Debian's python3-pandas, python3-scipy
 * and time with apt-get when missing and running as root. Without them the bench still
 * runs: scipy is skipped, and peak RSS is not measured; each says so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compare, figures } from './agreement.mjs';
import { prepareFlights, writeWindowedConfig } from './flights.mjs';
import { generate } from './generate.mjs';
import { haveTime, measure, summarize, TIME } from './measure.mjs';

const DEFAULT_PYTHON = '/usr/bin/python3';
const root = new URL('..', import.meta.url).pathname;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,3000000,10000000' },
    real: { type: 'string', default: 'flights' },
    'real-rows': { type: 'string', default: '0' },
    runs: { type: 'string', default: '3' },
    tools: { type: 'string', default: 'drift-monitor,windows,scipy,duckdb' },
    'scipy-max-rows': { type: 'string', default: '3000000' },
    python: { type: 'string', default: DEFAULT_PYTHON },
    install: { type: 'boolean', default: false },
  },
});
const sizes = values.sizes ? values.sizes.split(',').map(positiveInteger) : [];
const runs = positiveInteger(values.runs);
const scipyMaxRows = positiveInteger(values['scipy-max-rows']);
const realRows = Number(values['real-rows']);
if (!['flights', 'none'].includes(values.real)) usage(`--real is flights or none, not ${values.real}`);

const TOOLS = {
  // --no-history: the analysis alone, as the peers do it (recording hashes the files once per version).
  'drift-monitor': {
    label: 'drift-monitor',
    command: (w, out) => driftMonitor(join(w.dir, 'drift.yaml'), out),
  },
  windows: {
    label: 'drift-monitor, windows: {every: 1w}',
    command: (w, out) => driftMonitor(w.windowedConfig, out),
  },
  scipy: {
    label: 'pandas + scipy',
    command: (w, out) => [
      values.python,
      join(root, 'test-fixtures', 'golden', 'scipy_drift.py'),
      ...files(w),
      ...(w.skip.length ? ['--skip', ...w.skip] : []),
      '--out',
      out,
    ],
  },
  duckdb: {
    label: 'DuckDB',
    command: (w, out) => [
      process.execPath,
      join(root, 'bench', 'duckdb.mjs'),
      ...files(w),
      ...w.skip.flatMap((s) => ['--skip', s]),
      '--out',
      out,
    ],
  },
};
const tools = values.tools.split(',').map((t) => t.trim());
for (const t of tools) if (!TOOLS[t]) usage(`unknown tool ${t} (known: ${Object.keys(TOOLS).join(', ')})`);

if (!existsSync(join(root, 'dist', 'cli.js'))) usage('dist/cli.js is missing: npm run build first');
if (values.install) install();
const pythonProblem = tools.includes('scipy') ? checkPython() : null;
const workloads = await prepareWorkloads();
const loadBefore = loadavg()[0];

const results = [];
for (const workload of workloads) results.push(await benchmark(workload));

printReport(results);
const disagreements = results.flatMap((r) => r.failures);
if (disagreements.length > 0) {
  console.error(`\n${disagreements.length} figures disagree:\n${disagreements.slice(0, 50).join('\n')}`);
  process.exit(1);
}

function positiveInteger(text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) usage(`expected a positive whole number, got ${text}`);
  return n;
}

function usage(problem) {
  console.error(
    `bench: ${problem}\nusage: node bench/run.mjs [--sizes 1000000,3000000] [--real flights|none] [--real-rows N] [--runs 3] [--tools drift-monitor,windows,scipy,duckdb] [--scipy-max-rows 3000000] [--python PATH] [--install]`,
  );
  process.exit(2);
}

function driftMonitor(config, out) {
  return [process.execPath, join(root, 'dist', 'cli.js'), 'analyze', config, '--json', out, '--quiet', '--no-history'];
}

/** The windowed run needs a pair with a timestamp: the other tools run everywhere. */
function applies(tool, workload) {
  return tool !== 'windows' || Boolean(workload.windowedConfig);
}

function files(workload) {
  return [join(workload.dir, 'reference.csv'), join(workload.dir, 'current.csv')];
}

/** apt-get install of what is missing, only as root (as in CI containers). */
function install() {
  const pythonMissing = tools.includes('scipy') && values.python === DEFAULT_PYTHON && checkPython();
  const missing = [
    ...(existsSync(TIME) ? [] : ['time']),
    ...(pythonMissing ? ['python3-pandas', 'python3-scipy'] : []),
  ];
  if (missing.length === 0 || process.getuid?.() !== 0) return;
  console.error(`Installing ${missing.join(', ')} with apt-get …`);
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    console.error('apt-get failed: going on without them.');
  }
}

/** Why scipy cannot run, or null when --python imports pandas and scipy. */
function checkPython() {
  if (!existsSync(values.python)) return `${values.python} not found`;
  const run = spawnSync(values.python, ['-c', 'import pandas, scipy'], { encoding: 'utf8' });
  return run.status === 0 ? null : `${values.python} cannot import pandas and scipy`;
}

/** The CSV pairs, made once and kept in bench/data/ (git-ignored); delete a folder to remake it. */
async function prepareWorkloads() {
  const list = [];
  for (const rows of sizes) {
    const id = `generated-${rows}`;
    const dir = join(root, 'bench', 'data', id);
    if (!existsSync(join(dir, 'drift.yaml'))) {
      console.error(`Generating ${rows.toLocaleString('en-US')} rows × 10 columns in bench/data/${id} …`);
      await generate(dir, rows, { highCardinality: true });
    }
    list.push({
      id,
      name: 'generated',
      title: `the generated pair at ${rows.toLocaleString('en-US')} rows`,
      columns: 10,
      dir,
      skip: [],
      rowsPerFile: rows,
    });
  }
  if (values.real === 'flights') {
    const id = realRows ? `flights-${realRows}` : 'flights';
    const dir = join(root, 'bench', 'data', id);
    if (!existsSync(join(dir, 'drift.yaml'))) {
      console.error(`Writing vega-datasets flights-3m as a CSV pair in bench/data/${id} …`);
      await prepareFlights(dir, realRows);
    }
    await writeWindowedConfig(dir);
    list.push({
      id,
      name: 'flights-3m (vega-datasets), Jan–Mar vs Apr–Jun 2001',
      title: 'flights-3m',
      columns: 5,
      dir,
      skip: ['date'],
      rowsPerFile: null,
      windowedConfig: join(dir, 'windows.yaml'),
    });
  }
  return list;
}

/** Every tool on one workload, --runs rounds, the reports compared after each round. */
async function benchmark(workload) {
  const resultsDir = join(root, 'bench', 'results', workload.id);
  await mkdir(resultsDir, { recursive: true });
  const applying = tools.filter((t) => applies(t, workload));
  const skipped = new Map(applying.map((t) => [t, skipReason(t, workload)]).filter(([, reason]) => reason));
  const running = applying.filter((t) => !skipped.has(t));
  const samples = new Map(running.map((t) => [t, []]));
  const checks = new Map();
  const failures = [];
  let rows = { reference: 0, current: 0 };
  let windows = 0;
  for (let run = 1; run <= runs; run++) {
    const reports = new Map();
    for (const tool of running) {
      const out = join(resultsDir, `${tool}.json`);
      const sample = measure(TOOLS[tool].command(workload, out));
      console.error(
        `  ${workload.id} ${tool} run ${run}: ${sample.seconds.toFixed(2)} s${sample.rssMiB === null ? '' : `, ${sample.rssMiB.toFixed(0)} MiB`}`,
      );
      samples.get(tool).push(sample);
      const report = JSON.parse(readFileSync(out, 'utf8'));
      rows = { reference: report.reference.rows, current: report.current.rows };
      if (tool === 'windows') windows = report.windows.current.length;
      reports.set(tool, figures(report));
    }
    for (const [tool, against] of [
      ['drift-monitor', 'scipy'],
      ['duckdb', 'scipy'],
      ['duckdb', 'drift-monitor'],
      // Windows add to the report; the whole pair's figures stay those of the plain run.
      ['windows', 'drift-monitor'],
    ]) {
      if (!reports.has(tool) || !reports.has(against)) continue;
      const result = compare(reports.get(tool), reports.get(against));
      failures.push(...result.failures.map((f) => `${workload.id} run ${run}, ${tool} vs ${against}: ${f}`));
      const key = `${tool}|${against}`;
      // The worst run counts: the figures checked are the same in every run.
      checks.set(key, {
        checked: result.checked,
        failed: Math.max(checks.get(key)?.failed ?? 0, result.failures.length),
      });
    }
  }
  const bytes = files(workload).reduce((total, path) => total + statSync(path).size, 0);
  return {
    workload,
    rows,
    windows,
    bytes,
    skipped,
    timings: new Map([...samples].map(([t, s]) => [t, summarize(s)])),
    checks,
    failures,
  };
}

function skipReason(tool, workload) {
  if (tool !== 'scipy') return null;
  if (pythonProblem) return `${pythonProblem} (apt-get install python3-pandas python3-scipy, or --python PATH)`;
  if (workload.rowsPerFile > scipyMaxRows) return `above --scipy-max-rows ${scipyMaxRows.toLocaleString('en-US')}`;
  return null;
}

function totalRows(result) {
  return result.rows.reference + result.rows.current;
}

function megabytes(bytes) {
  return (bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0);
}

function printReport(results) {
  const cpu = cpus();
  console.log(
    `\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${versions()}; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`,
  );
  console.log(
    `Median of ${runs} run${runs > 1 ? 's' : ''} (range in brackets); rows/s and MB/s over both files; ratios are the tool's figure ÷ drift-monitor's; the reports are compared after every run.\n`,
  );
  console.log(
    '| workload | tool | wall (s) | peak RSS (MiB) | rows/s | MB/s | wall ÷ drift-monitor | RSS ÷ drift-monitor | agreement |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---|');
  for (const result of results) {
    const { reference, current } = result.rows;
    const count =
      reference === current
        ? `${reference.toLocaleString('en-US')} rows`
        : `${reference.toLocaleString('en-US')} + ${current.toLocaleString('en-US')} rows`;
    const name = `${result.workload.name}: ${count} × ${result.workload.columns} columns, ${megabytes(result.bytes)} MB`;
    tools
      .filter((tool) => applies(tool, result.workload))
      .forEach((tool, i) => console.log(`| ${i === 0 ? name : ''} | ${TOOLS[tool].label} | ${row(result, tool)} |`));
  }
  const notes = results.flatMap((r) =>
    [...r.skipped].map(
      ([tool, reason]) =>
        `${TOOLS[tool].label} not run on ${r.workload.title}: ${reason}. ${whySkipped(tool, results)}`,
    ),
  );
  if (notes.length) console.log(`\n${[...new Set(notes)].join('\n')}`);
  for (const line of [...targetLines(results), ...windowLines(results)]) console.log(line);
}

/** The issue's target for windows: with 27 weekly windows, at most 1.2× the plain run. */
function windowLines(results) {
  return results.flatMap((result) => {
    const windowed = result.timings.get('windows');
    const plain = result.timings.get('drift-monitor');
    if (!windowed || !plain) return [];
    const ratio = windowed.seconds / plain.seconds;
    return [
      '',
      `Target on ${result.workload.title}: with weekly windows (${result.windows} here) at most 1.2× the plain run: ${ratio.toFixed(2)}×, ${ratio <= 1.2 ? 'met' : 'not met'}.`,
    ];
  });
}

function row(result, tool) {
  const reason = result.skipped.get(tool);
  if (reason) return `not run | | | | | | ${reason.split(' (')[0]}`;
  const t = result.timings.get(tool);
  const dm = result.timings.get('drift-monitor');
  const wall = runs > 1 ? `${t.seconds.toFixed(2)} (${t.min.toFixed(2)}–${t.max.toFixed(2)})` : t.seconds.toFixed(2);
  const ratio = (a, b) => (tool === 'drift-monitor' || !dm || a === null || b === null ? '' : `${(a / b).toFixed(2)}×`);
  const rss = t.rssMiB === null ? 'n/a' : t.rssMiB.toFixed(0);
  return [
    wall,
    rss,
    Math.round(totalRows(result) / t.seconds).toLocaleString('en-US'),
    (result.bytes / 1e6 / t.seconds).toFixed(1),
    ratio(t.seconds, dm?.seconds),
    ratio(t.rssMiB, dm?.rssMiB ?? null),
    agreement(result, tool),
  ].join(' | ');
}

function agreement(result, tool) {
  const parts = [...result.checks]
    .filter(([key]) => key.startsWith(`${tool}|`))
    .map(
      ([key, c]) =>
        `${c.failed ? `${c.failed} of ${c.checked} differ from` : `${c.checked} figures =`} ${TOOLS[key.split('|')[1]].label}`,
    );
  return parts.join('; ') || (tool === 'scipy' ? 'reference' : 'no peer to compare with');
}

/** The reason behind --scipy-max-rows, with this run's own largest scipy measurement when there is one. */
function whySkipped(tool, results) {
  if (tool !== 'scipy' || pythonProblem) return '';
  const measured = results.filter((r) => r.timings.has('scipy')).sort((a, b) => totalRows(b) - totalRows(a))[0];
  const evidence = measured
    ? ` (${measured.rows.reference.toLocaleString('en-US')} rows per file took ${measured.timings.get('scipy').seconds.toFixed(0)} s and ${measured.timings.get('scipy').rssMiB?.toFixed(0) ?? '?'} MiB here)`
    : '';
  return `It is by far the slowest of the three, and its time and memory grow at least in proportion to the rows${evidence}; raise --scipy-max-rows to include it.`;
}

/** The issue's targets, at 3,000,000 rows per file: ≥ 5× pandas + scipy's speed, no slower than DuckDB. */
function targetLines(results) {
  const at = results.find((r) => r.workload.rowsPerFile === 3_000_000);
  const dm = at?.timings.get('drift-monitor');
  if (!dm) return [];
  const lines = [];
  for (const [tool, need] of [
    ['scipy', 5],
    ['duckdb', 1],
  ]) {
    const peer = at.timings.get(tool);
    if (!peer) continue;
    const speedup = peer.seconds / dm.seconds;
    lines.push(
      `Target at 3,000,000 rows: drift-monitor ≥ ${need}× the speed of ${TOOLS[tool].label}: ${speedup.toFixed(2)}×, ${speedup >= need ? 'met' : 'not met'}.`,
    );
  }
  return lines.length ? ['', ...lines] : [];
}

function versions() {
  const parts = [];
  if (tools.includes('scipy') && !pythonProblem) {
    parts.push(
      execFileSync(
        values.python,
        ['-c', 'import pandas, scipy; print(f"pandas {pandas.__version__}, scipy {scipy.__version__}")'],
        { encoding: 'utf8' },
      ).trim(),
    );
  }
  if (tools.includes('duckdb'))
    parts.push(
      `DuckDB ${JSON.parse(readFileSync(join(root, 'node_modules', '@duckdb', 'node-api', 'package.json'), 'utf8')).version}`,
    );
  if (!haveTime()) parts.push(`no ${TIME}: peak RSS not measured`);
  return parts.join(', ');
}
