/**
 * `npm run bench` (Parquet): reading the flights pair as Parquet against reading it as CSV,
 * drift-monitor and DuckDB side by side in one run, printed as one markdown table.
 *
 *   node bench/parquet.mjs [--rows N] [--codecs snappy,zstd,gzip,lz4,uncompressed] [--runs 3]
 *     [--tools drift-monitor,duckdb,hyparquet,duckdb-read]
 *
 * The inputs: vega-datasets' flights-3m split by time (bench/flights.mjs: January–March
 * 2001 against April–June), as the CSV pair of bench/run.mjs and as Parquet pairs DuckDB
 * writes with each codec, the same rows in the same order (--rows keeps the first N of each
 * half). Each is written once into bench/data/ (git-ignored). The tools, each timed as a
 * whole process (bench/measure.mjs: wall clock, peak RSS from GNU time), in turn within each
 * of --runs rounds, median and range:
 * - drift-monitor: `analyze drift.yaml --json … --quiet --no-history`, on every input;
 * - duckdb: bench/duckdb.mjs, its load (read_csv_auto or read_parquet) and the summaries;
 * - hyparquet, duckdb-read (Parquet only): bench/parquetRead.mjs, the raw read of the
 *   analysed columns alone, no statistics, so that the reader's share is visible.
 * After every round the reports are compared (bench/agreement.mjs): drift-monitor's report of
 * each Parquet pair must be the CSV pair's, figure for figure and bit for bit; DuckDB's figures
 * must equal drift-monitor's on the same input; both raw reads must count the same rows,
 * values and nulls. The bench fails on any difference, or when a tool fails.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compare, figures } from './agreement.mjs';
import { prepareFlights, prepareFlightsParquet } from './flights.mjs';
import { haveTime, measure, median, summarize, TIME } from './measure.mjs';

const root = new URL('..', import.meta.url).pathname;
/** The pair's columns less the date its drift.yaml leaves out of the tests. */
const COLUMNS = ['delay', 'distance', 'origin', 'destination'];
const CODECS = ['snappy', 'zstd', 'gzip', 'lz4', 'uncompressed'];

const TOOLS = {
  'drift-monitor': {
    label: 'drift-monitor analyze',
    command: (input, out) => [
      process.execPath,
      join(root, 'dist', 'cli.js'),
      ...['analyze', join(input.dir, 'drift.yaml'), '--json', out, '--quiet', '--no-history'],
    ],
  },
  duckdb: {
    label: 'DuckDB, load and summaries',
    command: (input, out) => [
      process.execPath,
      join(root, 'bench', 'duckdb.mjs'),
      ...files(input),
      ...['--skip', 'date', '--out', out],
    ],
  },
  hyparquet: { label: 'hyparquet, read the 4 columns', parquetOnly: true, command: rawRead('hyparquet') },
  'duckdb-read': { label: 'DuckDB, read the 4 columns', parquetOnly: true, command: rawRead('duckdb') },
};

const USAGE =
  'usage: node bench/parquet.mjs [--rows N] [--codecs snappy,zstd,gzip,lz4,uncompressed] [--runs 3] [--tools drift-monitor,duckdb,hyparquet,duckdb-read]';
const options = readOptions(process.argv.slice(2));
if (options.tools.includes('drift-monitor') && !existsSync(join(root, 'dist', 'cli.js')))
  usage('dist/cli.js is missing: npm run build first');
if (!haveTime()) console.error(`No ${TIME}: peak RSS is not measured (apt-get install time).`);

const inputs = await prepareInputs();
const loadBefore = loadavg()[0];
const failures = [];
for (let run = 1; run <= options.runs; run++) await round(run);
printReport();
if (failures.length > 0) {
  console.error(`\n${failures.length} failures:\n${failures.slice(0, 50).join('\n')}`);
  process.exit(1);
}

function readOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        rows: { type: 'string', default: '0' },
        codecs: { type: 'string', default: CODECS.join(',') },
        runs: { type: 'string', default: '3' },
        tools: { type: 'string', default: Object.keys(TOOLS).join(',') },
      },
    }).values;
  } catch (error) {
    usage(error.message);
  }
  const tools = parsed.tools.split(',').map((t) => t.trim());
  for (const t of tools) if (!TOOLS[t]) usage(`unknown tool ${t} (known: ${Object.keys(TOOLS).join(', ')})`);
  const codecs = parsed.codecs ? parsed.codecs.split(',').map((c) => c.trim()) : [];
  for (const c of codecs) if (!CODECS.includes(c)) usage(`unknown codec ${c} (known: ${CODECS.join(', ')})`);
  const rows = Number(parsed.rows);
  if (!Number.isInteger(rows) || rows < 0) usage(`--rows takes a whole number (0: every row), not ${parsed.rows}`);
  const runs = Number(parsed.runs);
  if (!Number.isInteger(runs) || runs <= 0) usage(`--runs takes a positive whole number, not ${parsed.runs}`);
  return { rows, codecs, runs, tools };
}

function usage(problem) {
  console.error(`bench/parquet.mjs: ${problem}\n${USAGE}`);
  process.exit(2);
}

function rawRead(reader) {
  return (input, out) => [
    process.execPath,
    join(root, 'bench', 'parquetRead.mjs'),
    ...['--reader', reader, '--columns', COLUMNS.join(','), '--out', out],
    ...files(input),
  ];
}

function files(input) {
  return ['reference', 'current'].map((side) => join(input.dir, `${side}.${input.extension}`));
}

/** The CSV pair and one Parquet pair per codec, written once into bench/data/ (delete a folder to remake it). */
async function prepareInputs() {
  const suffix = options.rows ? `-${options.rows}` : '';
  const list = [];
  const csv = join(root, 'bench', 'data', `flights${suffix}`);
  if (!existsSync(join(csv, 'drift.yaml'))) {
    console.error(`Writing vega-datasets flights-3m as a CSV pair in bench/data/flights${suffix} …`);
    await prepareFlights(csv, options.rows);
  }
  list.push({ id: 'csv', label: 'CSV', dir: csv, extension: 'csv' });
  for (const codec of options.codecs) {
    const id = `flights-parquet-${codec}${suffix}`;
    const dir = join(root, 'bench', 'data', id);
    if (!existsSync(join(dir, 'drift.yaml'))) {
      console.error(`Writing vega-datasets flights-3m as a Parquet pair (${codec}) in bench/data/${id} …`);
      await prepareFlightsParquet(dir, options.rows, codec);
    }
    list.push({ id: `parquet-${codec}`, label: `Parquet, ${codec}`, dir, extension: 'parquet' });
  }
  for (const input of list) {
    input.bytes = files(input).reduce((total, path) => total + statSync(path).size, 0);
    input.tools = options.tools.filter((t) => input.extension === 'parquet' || !TOOLS[t].parquetOnly);
    input.samples = new Map(input.tools.map((t) => [t, []]));
    input.checks = new Map();
    input.failed = new Map();
  }
  return list;
}

/** Every tool on every input once, then the reports of this round compared. */
async function round(run) {
  const resultsDir = join(root, 'bench', 'results', 'parquet');
  await mkdir(resultsDir, { recursive: true });
  const reports = new Map();
  for (const input of inputs) {
    for (const tool of input.tools) {
      if (input.failed.has(tool)) continue;
      const out = join(resultsDir, `${input.id}-${tool}.json`);
      let sample;
      try {
        sample = measure(TOOLS[tool].command(input, out));
      } catch (error) {
        // The first line after the command names the problem; the table says so and the bench fails.
        const reason = error.message.split('\n').find((line, i) => i > 0 && line.trim()) ?? error.message;
        input.failed.set(tool, reason.trim());
        failures.push(`${input.label}, ${TOOLS[tool].label}, run ${run}: ${error.message}`);
        continue;
      }
      console.error(
        `  ${input.label}, ${tool}, run ${run}: ${sample.seconds.toFixed(2)} s${sample.rssMiB === null ? '' : `, ${sample.rssMiB.toFixed(0)} MiB`}`,
      );
      const report = JSON.parse(readFileSync(out, 'utf8'));
      input.samples.get(tool).push({ ...sample, inProcess: report.seconds ?? null });
      reports.set(`${input.id}|${tool}`, report);
      input.rows ??= rowsOf(report);
    }
  }
  for (const input of inputs) check(input, run, reports);
}

/** Rows over both files, from any tool's output: the reports say them per side, the raw reads per file. */
function rowsOf(report) {
  return report.files
    ? report.files.reduce((total, file) => total + file.rows, 0)
    : report.reference.rows + report.current.rows;
}

/** This round's comparisons for one input, the worst round kept for the table. */
function check(input, run, reports) {
  const get = (id, tool) => reports.get(`${id}|${tool}`);
  const pairs = [
    // The same engine on the same rows: nothing may change with the format, not even the last bit.
    ['drift-monitor', 'csv', 'drift-monitor', (a, b) => compare(figures(a), figures(b), { exact: true })],
    ['duckdb', input.id, 'drift-monitor', (a, b) => compare(figures(a), figures(b))],
    ['hyparquet', input.id, 'duckdb-read', compareReads],
  ];
  for (const [tool, againstId, against, comparison] of pairs) {
    if (tool === against && againstId === input.id) continue;
    const got = get(input.id, tool);
    const want = get(againstId, against);
    if (!got || !want) continue;
    const result = comparison(got, want);
    const key = `${tool}|${againstId}|${against}`;
    failures.push(...result.failures.map((f) => `${input.label} run ${run}, ${tool} vs ${againstId} ${against}: ${f}`));
    input.checks.set(key, {
      checked: result.checked,
      failed: Math.max(input.checks.get(key)?.failed ?? 0, result.failures.length),
    });
  }
}

/** Both raw reads: the same rows, and per column the same values and nulls, file by file. */
function compareReads(got, want) {
  const failures = [];
  let checked = 0;
  want.files.forEach((file, i) => {
    const other = got.files[i];
    checked++;
    if (other.rows !== file.rows) failures.push(`${file.path}: ${other.rows} rows vs ${file.rows}`);
    for (const [name, counts] of Object.entries(file.columns)) {
      checked += 2;
      for (const key of ['values', 'nulls'])
        if (other.columns[name]?.[key] !== counts[key])
          failures.push(`${file.path} ${name}: ${other.columns[name]?.[key]} ${key} vs ${counts[key]}`);
    }
  });
  return { checked, failures };
}

function printReport() {
  const cpu = cpus();
  const csv = inputs[0];
  const rows = inputs.find((input) => input.rows)?.rows;
  console.log(
    `\n## Parquet against CSV: vega-datasets flights-3m, Jan–Mar vs Apr–Jun 2001${rows ? `, ${count(rows)} rows` : ''} (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${versions()}; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after)\n`,
  );
  console.log(
    `Median of ${options.runs} run${options.runs > 1 ? 's' : ''} (range in brackets) of each whole process, the tools in turn; CPU is user + system time of every thread (median); "in process" is the reads alone, module loading excluded; rows/s over both files.\n`,
  );
  console.log(
    '| input | tool | wall (s) | CPU (s) | peak RSS (MiB) | rows/s | in process (s) | wall ÷ drift-monitor on CSV | CPU ÷ drift-monitor on CSV | agreement |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
  const baseline = timing(csv, 'drift-monitor');
  for (const input of inputs) {
    input.tools.forEach((tool, i) => {
      const name = i === 0 ? `${input.label}, ${megabytes(input.bytes)} MB` : '';
      console.log(`| ${name} | ${TOOLS[tool].label} | ${cells(input, tool, baseline).join(' | ')} |`);
    });
  }
  for (const line of readerLines()) console.log(line);
}

function timing(input, tool) {
  const samples = input.samples.get(tool) ?? [];
  if (samples.length === 0) return null;
  const inProcess = samples.map((s) => s.inProcess).filter((x) => x !== null);
  return { ...summarize(samples), inProcess: inProcess.length ? median(inProcess) : null };
}

function cells(input, tool, baseline) {
  const failed = input.failed.get(tool);
  if (failed) return ['failed', '', '', '', '', '', '', failed];
  const t = timing(input, tool);
  const wall =
    options.runs > 1 ? `${t.seconds.toFixed(2)} (${t.min.toFixed(2)}–${t.max.toFixed(2)})` : t.seconds.toFixed(2);
  const rows = input.rows;
  const isBaseline = input.id === 'csv' && tool === 'drift-monitor';
  const ratio = (a, b) => (baseline && !isBaseline && a !== null && b !== null ? `${(a / b).toFixed(2)}×` : '');
  return [
    wall,
    t.cpuSeconds === null ? 'n/a' : t.cpuSeconds.toFixed(2),
    t.rssMiB === null ? 'n/a' : t.rssMiB.toFixed(0),
    rows ? count(Math.round(rows / t.seconds)) : '',
    t.inProcess === null ? '' : t.inProcess.toFixed(2),
    ratio(t.seconds, baseline?.seconds),
    ratio(t.cpuSeconds, baseline?.cpuSeconds ?? null),
    agreement(input, tool),
  ];
}

function agreement(input, tool) {
  const names = {
    'drift-monitor': 'drift-monitor',
    'duckdb-read': 'DuckDB read',
  };
  return [...input.checks]
    .filter(([key]) => key.startsWith(`${tool}|`))
    .map(([key, c]) => {
      const [, againstId, against] = key.split('|');
      const peer = againstId === input.id ? names[against] : `${names[against]} on CSV`;
      const relation = tool === 'drift-monitor' ? 'identical to' : '=';
      return c.failed
        ? `${c.failed} of ${c.checked} differ from ${peer}`
        : `${count(c.checked)} figures ${relation} ${peer}`;
    })
    .join('; ');
}

/** Per codec: the raw reads side by side, and what reading Parquet instead of CSV changes for the analysis. */
function readerLines() {
  const csv = timing(inputs[0], 'drift-monitor');
  const lines = [];
  for (const input of inputs.slice(1)) {
    const parts = [];
    const [hyparquet, duckdb] = ['hyparquet', 'duckdb-read'].map((t) => timing(input, t));
    if (hyparquet?.inProcess && duckdb?.inProcess)
      parts.push(
        `hyparquet reads the ${COLUMNS.length} columns in ${hyparquet.inProcess.toFixed(2)} s, DuckDB in ${duckdb.inProcess.toFixed(2)} s (${(hyparquet.inProcess / duckdb.inProcess).toFixed(1)}×)`,
      );
    const analysis = timing(input, 'drift-monitor');
    if (analysis && csv)
      parts.push(
        `drift-monitor's analysis takes ${analysis.seconds.toFixed(2)} s against ${csv.seconds.toFixed(2)} s on CSV (${(analysis.seconds / csv.seconds).toFixed(2)}×${analysis.cpuSeconds !== null && csv.cpuSeconds ? `; CPU ${(analysis.cpuSeconds / csv.cpuSeconds).toFixed(2)}×` : ''})${hyparquet?.inProcess ? `, hyparquet's raw read of both files, one after the other, is ${Math.round((100 * hyparquet.inProcess) / analysis.seconds)}% of that` : ''}`,
      );
    if (parts.length) lines.push(`- ${input.label}: ${parts.join('; ')}.`);
  }
  return lines.length ? ['', ...lines] : [];
}

function versions() {
  const version = (name) =>
    JSON.parse(readFileSync(join(root, 'node_modules', ...name.split('/'), 'package.json'), 'utf8')).version;
  const parts = [`hyparquet ${version('hyparquet')}`, `DuckDB ${version('@duckdb/node-api')}`];
  if (!haveTime()) parts.push(`no ${TIME}: peak RSS not measured`);
  return parts.join(', ');
}

function count(n) {
  return n.toLocaleString('en-US');
}

function megabytes(bytes) {
  return (bytes / 1e6).toFixed(bytes < 1e6 ? 2 : bytes < 1e7 ? 1 : 0);
}
