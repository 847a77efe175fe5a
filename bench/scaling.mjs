/**
 * `npm run bench` (scaling): drift-monitor's wall time and peak RSS as the rows and the
 * columns grow, DuckDB beside it in the same run, printed as one markdown table, then the
 * wide-data goals of the speed issue as met / not met lines measured in that run.
 *
 *   node bench/scaling.mjs [--rows 100000,300000,1000000,3000000,10000000] [--columns 10,100,1000]
 *     [--runs 1] [--tools drift-monitor,streamed,duckdb] [--streamed-columns 1000]
 *     [--max-cells 300000000]
 *
 * Each cell of rows × columns is a seeded pair from bench/generate.mjs (its ten-column mix
 * repeated to `columns`, with the 40 regions: at 1,000 columns, 100 copies of run.mjs's
 * 50,000 merchant ids would make the categorical tests, not the size, the workload),
 * written once into bench/data/scaling-<rows>x<columns> (git-ignored) and reused while its
 * drift.yaml, written last, is there. Each tool runs as a whole process (bench/measure.mjs:
 * wall clock, peak RSS from GNU time), the tools in turn within each of --runs rounds; the
 * table gives the best run of each, the one least disturbed by other work on the machine:
 * - drift-monitor: `node dist/cli.js analyze drift.yaml --json … --quiet --no-history --stream off`;
 * - streamed (cells of at least --streamed-columns columns): the same with `--stream on`
 *   (the CLI's default --exact-rows, 1,000,000: below it the rank tests still see every row);
 * - DuckDB: bench/duckdb.mjs, its reads and summaries; after every run its figures are
 *   compared with drift-monitor's (bench/agreement.mjs) and the bench fails on a difference.
 *
 * The default grid is the largest this bench can run on a machine of 2 cores, 24 GiB and
 * ~57 GB of free disk: the speed issue's 100k, 1M, 3M and 10M rows, and 300k for its
 * 300,000 × 1,000 goal. Before the speed work it took 47 minutes there, shared with other
 * work; the cells over 300M cells per file would each add from 12 minutes to two hours.
 * A cell it cannot run is printed with the reason, never dropped:
 * - disk: its CSV pair (estimated at BYTES_PER_CELL) must leave DISK_RESERVE free; 10M × 1,000
 *   is ~116 GB;
 * - memory: read whole, the larger peak RSS of the two tools, DuckDB's, is RSS_PER_DECODED_BYTE
 *   × the decoded columns (drift-monitor's 1.3–1.5×): a cell must fit in MEMORY_SHARE of the
 *   machine's memory (1M × 1,000 and 10M × 100 need ~27 GB);
 * - time: more than --max-cells rows × columns per file (default 300,000,000, the size of
 *   300k × 1,000 and 3M × 100, each several minutes per tool before the speed work).
 */
import { existsSync, mkdirSync, readFileSync, statfsSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { compare, figures } from './agreement.mjs';
import { generate } from './generate.mjs';
import { haveTime, measure, TIME } from './measure.mjs';

const root = new URL('..', import.meta.url).pathname;
const dataDir = join(root, 'bench', 'data');
const resultsDir = join(root, 'bench', 'results', 'scaling');

/** Bytes of CSV per cell of the generated mix, both files counted apart (100k × 1,000: 1,158 MB for 2 × 10⁸ cells). */
const BYTES_PER_CELL = 5.8;
/** Decoded bytes per cell of the mix: 6 numerical columns of 8 bytes and 4 categorical of 4 in every 10. */
const DECODED_BYTES_PER_CELL = 6.4;
/** DuckDB's peak RSS ÷ the decoded column bytes, read whole, measured at 300k × 1,000 (7,665 MiB for 3,662 MiB). */
const RSS_PER_DECODED_BYTE = 2.1;
const MEMORY_SHARE = 0.8;
const DISK_RESERVE = 5e9;

/**
 * The issue's wide-data figures, measured before the speed work: halve the in-memory time,
 * peak RSS within 1.5× the decoded column bytes plus a fixed overhead, streamed ≤ 1.3× in memory.
 */
const GOALS = [
  { rows: 100_000, columns: 1_000, beforeSeconds: [24, 27], beforeGB: 2.97 },
  { rows: 300_000, columns: 1_000, beforeSeconds: [81], beforeGB: 8.5, beforeStreamed: { seconds: 122, gb: 3.8 } },
];
const RSS_ALLOWANCE = 1.5;
const STREAMED_ALLOWANCE = 1.3;

const TOOLS = {
  'drift-monitor': { label: 'drift-monitor, in memory', command: (cell, out) => driftMonitor(cell, out, 'off') },
  streamed: { label: 'drift-monitor, streamed', command: (cell, out) => driftMonitor(cell, out, 'on') },
  duckdb: {
    label: 'DuckDB',
    command: (cell, out) => [process.execPath, join(root, 'bench', 'duckdb.mjs'), ...files(cell), '--out', out],
  },
};

const USAGE =
  'usage: node bench/scaling.mjs [--rows 100000,300000,1000000,3000000,10000000] [--columns 10,100,1000] [--runs 1] [--tools drift-monitor,streamed,duckdb] [--streamed-columns 1000] [--max-cells 300000000]';

const options = readOptions(process.argv.slice(2));
if (!existsSync(join(root, 'dist', 'cli.js'))) usage('dist/cli.js is missing: npm run build first');
if (!haveTime()) console.error(`No ${TIME}: peak RSS is not measured (apt-get install time).`);

const loadBefore = loadavg()[0];
const cells = plan(options);
const failures = [];
for (const cell of cells.filter((c) => c.reasons.length === 0)) await benchmark(cell);
printReport(cells);
if (failures.length > 0) {
  console.error(`\n${failures.length} figures disagree:\n${failures.slice(0, 50).join('\n')}`);
  process.exit(1);
}

function readOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        rows: { type: 'string', default: '100000,300000,1000000,3000000,10000000' },
        columns: { type: 'string', default: '10,100,1000' },
        runs: { type: 'string', default: '1' },
        tools: { type: 'string', default: 'drift-monitor,streamed,duckdb' },
        'streamed-columns': { type: 'string', default: '1000' },
        'max-cells': { type: 'string', default: '300000000' },
      },
    }).values;
  } catch (error) {
    usage(error.message);
  }
  const tools = parsed.tools.split(',').map((t) => t.trim());
  for (const t of tools) if (!TOOLS[t]) usage(`unknown tool ${t} (known: ${Object.keys(TOOLS).join(', ')})`);
  if (!tools.includes('drift-monitor')) usage('--tools must include drift-monitor: the table is built around it');
  return {
    rows: list('--rows', parsed.rows),
    columns: list('--columns', parsed.columns),
    runs: positiveInteger('--runs', parsed.runs),
    tools,
    streamedColumns: positiveInteger('--streamed-columns', parsed['streamed-columns']),
    maxCells: positiveInteger('--max-cells', parsed['max-cells']),
  };
}

function list(name, text) {
  return [...new Set(text.split(',').map((item) => positiveInteger(name, item.trim())))].sort((a, b) => a - b);
}

function positiveInteger(name, text) {
  const n = Number(text);
  if (text === '' || !Number.isInteger(n) || n <= 0) usage(`${name} takes positive whole numbers, not ${text}`);
  return n;
}

function usage(problem) {
  console.error(`bench/scaling.mjs: ${problem}\n${USAGE}`);
  process.exit(2);
}

function driftMonitor(cell, out, stream) {
  return [
    process.execPath,
    join(root, 'dist', 'cli.js'),
    ...['analyze', join(cell.dir, 'drift.yaml'), '--json', out, '--quiet', '--no-history', '--stream', stream],
  ];
}

function files(cell) {
  return [join(cell.dir, 'reference.csv'), join(cell.dir, 'current.csv')];
}

/** Every cell of the grid with its tools, and the reasons it cannot run here (none when it can). */
function plan({ rows, columns, tools, streamedColumns, maxCells }) {
  mkdirSync(dataDir, { recursive: true });
  const { bavail, bsize } = statfsSync(dataDir);
  let diskLeft = bavail * bsize - DISK_RESERVE;
  const memory = MEMORY_SHARE * totalmem();
  const out = [];
  for (const r of rows) {
    for (const c of columns) {
      const dir = join(dataDir, `scaling-${r}x${c}`);
      const csvBytes = 2 * r * c * BYTES_PER_CELL;
      const rssBytes = RSS_PER_DECODED_BYTE * 2 * r * c * DECODED_BYTES_PER_CELL;
      const reasons = [];
      const made = existsSync(join(dir, 'drift.yaml'));
      if (!made && csvBytes > diskLeft)
        reasons.push(
          `~${gigabytes(csvBytes)} GB of CSV, more than the disk's free space less ${gigabytes(DISK_RESERVE)} GB`,
        );
      if (rssBytes > memory)
        reasons.push(
          `~${gigabytes(rssBytes)} GB of peak RSS read whole (${RSS_PER_DECODED_BYTE}× the decoded columns), more than ${MEMORY_SHARE * 100}% of ${gibibytes(totalmem())} GiB`,
        );
      if (r * c > maxCells)
        reasons.push(`${count(r * c)} cells per file, more than --max-cells ${count(maxCells)} (the bench's time)`);
      if (reasons.length === 0 && !made) diskLeft -= csvBytes;
      const cellTools = tools.filter((t) => t !== 'streamed' || c >= streamedColumns);
      out.push({ rows: r, columns: c, dir, csvBytes, reasons, tools: cellTools, results: new Map(), checked: 0 });
    }
  }
  return out;
}

/** One cell: its pair made if missing, every tool --runs times in turn, DuckDB's figures checked against drift-monitor's. */
async function benchmark(cell) {
  const name = `${count(cell.rows)} × ${count(cell.columns)}`;
  if (!existsSync(join(cell.dir, 'drift.yaml'))) {
    console.error(`Generating ${name} in bench/data/scaling-${cell.rows}x${cell.columns} …`);
    await generate(cell.dir, cell.rows, { columns: cell.columns });
  }
  cell.csvBytes = files(cell).reduce((total, path) => total + statSync(path).size, 0);
  mkdirSync(resultsDir, { recursive: true });
  for (let run = 1; run <= options.runs; run++) {
    const reports = new Map();
    for (const tool of cell.tools) {
      const out = join(resultsDir, `${cell.rows}x${cell.columns}-${tool}.json`);
      const sample = measure(TOOLS[tool].command(cell, out));
      console.error(
        `  ${name} ${tool} run ${run}: ${sample.seconds.toFixed(2)} s, ${sample.rssMiB?.toFixed(0) ?? '?'} MiB`,
      );
      const best = cell.results.get(tool);
      if (!best || sample.seconds < best.seconds) cell.results.set(tool, sample);
      if (tool !== 'streamed') reports.set(tool, JSON.parse(readFileSync(out, 'utf8')));
    }
    const dm = reports.get('drift-monitor');
    cell.decodedBytes = decodedBytes(dm);
    if (reports.has('duckdb')) {
      const result = compare(figures(reports.get('duckdb')), figures(dm));
      cell.checked = result.checked;
      failures.push(...result.failures.map((f) => `${name} run ${run}, DuckDB vs drift-monitor: ${f}`));
    }
  }
}

/** The columns as the engine holds them: 8 bytes per numerical cell, 4 per category code, both files. */
function decodedBytes(report) {
  const rows = report.reference.rows + report.current.rows;
  return report.features.reduce((total, f) => total + rows * (f.kind === 'numerical' ? 8 : 4), 0);
}

function printReport(cells) {
  const cpu = cpus();
  const ran = cells.filter((c) => c.results.size > 0);
  console.log(
    `\n## Scaling: rows × columns (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${gibibytes(totalmem())} GiB; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after)\n`,
  );
  console.log(
    `Wall time (s) and peak RSS (MiB) of each tool, best of ${options.runs} run${options.runs > 1 ? 's' : ''}; above them the size of the CSV pair (both files).\n`,
  );
  console.log(`| rows per file | tool | ${options.columns.map((c) => `${count(c)} columns`).join(' | ')} |`);
  console.log(`|---:|---|${options.columns.map(() => '---:').join('|')}|`);
  const notes = [];
  for (const r of options.rows) {
    const row = cells.filter((c) => c.rows === r);
    const sizes = row.map((cell) => {
      if (cell.reasons.length === 0) return `${megabytes(cell.csvBytes)} MB`;
      notes.push(
        `${count(cell.rows)} × ${count(cell.columns)}: not run: ${[...cell.reasons, ...estimate(cell, ran)].join('; ')}.`,
      );
      return `~${megabytes(cell.csvBytes)} MB, not run (${notes.length})`;
    });
    console.log(`| ${count(r)} | CSV pair | ${sizes.join(' | ')} |`);
    for (const tool of options.tools) {
      const entries = row.map((cell) => {
        const sample = cell.results.get(tool);
        if (sample)
          return `${seconds(sample.seconds)} s, ${sample.rssMiB === null ? 'n/a' : count(Math.round(sample.rssMiB))} MiB`;
        return cell.reasons.length === 0 && cell.tools.includes(tool) ? 'failed' : '';
      });
      console.log(`|  | ${TOOLS[tool].label} | ${entries.join(' | ')} |`);
    }
  }
  console.log('');
  notes.forEach((note, i) => console.log(`(${i + 1}) ${note}`));
  if (options.tools.includes('streamed'))
    console.log(`Streamed runs only at ${count(options.streamedColumns)} columns and more (--streamed-columns).`);
  const checked = ran.filter((c) => c.results.has('duckdb'));
  if (checked.length)
    console.log(
      `DuckDB's figures were compared with drift-monitor's after every run: ${count(checked.reduce((t, c) => t + c.checked, 0))} figures over ${checked.length} cells, ${failures.length ? `${failures.length} differ` : 'all equal'}.`,
    );
  for (const line of goalLines(ran)) console.log(line);
}

/** What a cell not run would have cost, scaled by rows × columns from this run's largest in-memory run. */
function estimate(cell, ran) {
  const largest = [...ran].sort((a, b) => b.rows * b.columns - a.rows * a.columns)[0];
  const dm = largest?.results.get('drift-monitor');
  if (!dm) return [];
  const time = (dm.seconds * (cell.rows * cell.columns)) / (largest.rows * largest.columns);
  return [
    `about ${time < 120 ? `${time.toFixed(0)} s` : `${(time / 60).toFixed(0)} min`} for drift-monitor in memory at this run's rate (${seconds(dm.seconds)} s at ${count(largest.rows)} × ${count(largest.columns)})`,
  ];
}

/** The issue's wide-data goals, each met or not in this run, or why it was not measured. */
function goalLines(ran) {
  const smallest = [...ran].sort((a, b) => a.rows * a.columns - b.rows * b.columns)[0];
  const overhead = smallest?.results.get('drift-monitor')?.rssMiB ?? null;
  const lines = ['', 'Wide-data goals of the speed issue, measured in this run ("before": the issue\'s own figures):'];
  if (overhead !== null)
    lines.push(
      `- fixed overhead: ${count(Math.round(overhead))} MiB, the peak RSS of this run's smallest run (${count(smallest.rows)} × ${count(smallest.columns)}, in memory).`,
    );
  for (const goal of GOALS) {
    const name = `${count(goal.rows)} × ${count(goal.columns)}`;
    const cell = ran.find((c) => c.rows === goal.rows && c.columns === goal.columns);
    const memory = cell?.results.get('drift-monitor');
    if (!memory) {
      const inGrid = options.rows.includes(goal.rows) && options.columns.includes(goal.columns);
      lines.push(
        `- ${name}: not measured in this run (${inGrid ? 'not run: see above' : 'not in its --rows × --columns'}).`,
      );
      continue;
    }
    const before = goal.beforeSeconds.map((s) => `${s}`).join('–');
    const target = Math.min(...goal.beforeSeconds) / 2;
    lines.push(
      `- ${name} in memory, at most half the time before (${before} s): ${seconds(memory.seconds)} s against ${seconds(target)} s, ${verdict(memory.seconds <= target)}.`,
    );
    if (memory.rssMiB !== null && overhead !== null) {
      const decoded = cell.decodedBytes / 2 ** 20;
      const limit = RSS_ALLOWANCE * decoded + overhead;
      lines.push(
        `- ${name} in memory, peak RSS at most ${RSS_ALLOWANCE}× the decoded columns (${count(Math.round(decoded))} MiB) + the fixed overhead: ${count(Math.round(memory.rssMiB))} MiB against ${count(Math.round(limit))} MiB (before: ${goal.beforeGB} GB), ${verdict(memory.rssMiB <= limit)}.`,
      );
    }
    const streamed = cell.results.get('streamed');
    if (streamed) {
      const ratio = streamed.seconds / memory.seconds;
      const was = goal.beforeStreamed
        ? ` (before: ${goal.beforeStreamed.seconds} s, ${goal.beforeStreamed.gb} GB)`
        : '';
      lines.push(
        `- ${name} streamed, at most ${STREAMED_ALLOWANCE}× the time in memory: ${seconds(streamed.seconds)} s, ${ratio.toFixed(2)}×${was}, ${verdict(ratio <= STREAMED_ALLOWANCE)}.`,
      );
    }
  }
  return lines;
}

function verdict(met) {
  return met ? 'met' : 'not met';
}

function seconds(s) {
  return s < 10 ? s.toFixed(2) : s.toFixed(1);
}

function count(n) {
  return n.toLocaleString('en-US');
}

function megabytes(bytes) {
  return bytes < 1e7 ? (bytes / 1e6).toFixed(1) : count(Math.round(bytes / 1e6));
}

function gigabytes(bytes) {
  return (bytes / 1e9).toFixed(bytes < 1e10 ? 1 : 0);
}

function gibibytes(bytes) {
  return (bytes / 2 ** 30).toFixed(0);
}
