/**
 * `npm run bench` (profiles): the size and build time of a reference profile, with DuckDB's
 * SUMMARIZE of the same file beside it in the same run, the analysis of the pair for scale,
 * and the analysis against the profile instead of the raw reference; one markdown table.
 *
 *   node bench/profile.mjs [--cells 1000000x10,100000x1000] [--runs 2]
 *     [--tools profile,summarize,analyze,from-profile]
 *
 * Each cell, rows × columns, is the seeded pair of bench/generate.mjs (its mix of ten
 * repeated, as bench/scaling.mjs has it), written once into bench/data/scaling-<rows>x<columns>
 * (git-ignored) and shared with scaling.mjs. The tools, each timed as a whole process
 * (bench/measure.mjs: wall clock, peak RSS from GNU time), in turn within each of --runs
 * rounds, median and range:
 * - profile: `drift-monitor profile reference.csv --out …profile.json`; its size in bytes,
 *   per column and gzip-compressed (as a team would commit it);
 * - summarize: bench/duckdbSummarize.mjs, DuckDB's SUMMARIZE of the same file, its rows as
 *   JSON (what it keeps per column is far less: no sketch, no category counts);
 * - analyze: `drift-monitor analyze drift.yaml`, the raw pair, for scale;
 * - from-profile: the same analysis with the profile as the reference
 *   (`reference: ….profile.json`); the report's verdicts are set beside the raw pair's.
 * The bench fails when a tool fails or when the profile's bytes differ between runs: a
 * profile is deterministic for the same input.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { generate } from './generate.mjs';
import { haveTime, measure, summarize, TIME } from './measure.mjs';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, 'bench', 'results', 'profile');
const cli = join(root, 'dist', 'cli.js');

const TOOLS = {
  profile: {
    label: 'drift-monitor profile',
    command: (cell) => [process.execPath, cli, 'profile', reference(cell), '--out', cell.profile],
    output: (cell) => cell.profile,
  },
  summarize: {
    label: 'DuckDB SUMMARIZE',
    command: (cell) => [
      process.execPath,
      join(root, 'bench', 'duckdbSummarize.mjs'),
      reference(cell),
      '--out',
      out(cell, 'summarize.json'),
    ],
    output: (cell) => out(cell, 'summarize.json'),
  },
  analyze: {
    label: 'drift-monitor analyze, raw reference',
    command: (cell) => analyze(join(cell.dir, 'drift.yaml'), out(cell, 'analyze.json')),
  },
  'from-profile': {
    label: 'drift-monitor analyze, the profile as reference',
    command: (cell) => analyze(cell.fromProfileConfig, out(cell, 'from-profile.json')),
    needs: 'profile',
  },
};

const USAGE =
  'usage: node bench/profile.mjs [--cells 1000000x10,100000x1000] [--runs 2] [--tools profile,summarize,analyze,from-profile]';
const options = readOptions(process.argv.slice(2));
if (!existsSync(cli)) usage('dist/cli.js is missing: npm run build first');
if (!haveTime()) console.error(`No ${TIME}: peak RSS is not measured (apt-get install time).`);

const loadBefore = loadavg()[0];
const failures = [];
const cells = [];
for (const [rows, columns] of options.cells) cells.push(await prepare(rows, columns));
for (let run = 1; run <= options.runs; run++) for (const cell of cells) round(cell, run);
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
        cells: { type: 'string', default: '1000000x10,100000x1000' },
        // Two: a median and a range, and the profile's bytes compared, within the bench's time at 1,000 columns.
        runs: { type: 'string', default: '2' },
        tools: { type: 'string', default: Object.keys(TOOLS).join(',') },
      },
    }).values;
  } catch (error) {
    usage(error.message);
  }
  const tools = parsed.tools.split(',').map((t) => t.trim());
  for (const t of tools) if (!TOOLS[t]) usage(`unknown tool ${t} (known: ${Object.keys(TOOLS).join(', ')})`);
  for (const t of tools)
    if (TOOLS[t].needs && !tools.includes(TOOLS[t].needs)) usage(`--tools ${t} needs ${TOOLS[t].needs}`);
  const cells = parsed.cells.split(',').map((text) => {
    const match = /^(\d+)x(\d+)$/.exec(text.trim());
    if (!match || Number(match[1]) <= 0 || Number(match[2]) <= 0)
      usage(`--cells takes rows x columns, such as 1000000x10, not ${text}`);
    return [Number(match[1]), Number(match[2])];
  });
  const runs = Number(parsed.runs);
  if (!Number.isInteger(runs) || runs <= 0) usage(`--runs takes a positive whole number, not ${parsed.runs}`);
  return { cells, runs, tools };
}

function usage(problem) {
  console.error(`bench/profile.mjs: ${problem}\n${USAGE}`);
  process.exit(2);
}

function analyze(config, json) {
  return [process.execPath, cli, 'analyze', config, '--json', json, '--quiet', '--no-history'];
}

function reference(cell) {
  return join(cell.dir, 'reference.csv');
}

function out(cell, name) {
  return join(resultsDir, `${cell.id}-${name}`);
}

/** The cell's pair (generated if missing), and the config that reads its profile as the reference. */
async function prepare(rows, columns) {
  const id = `${rows}x${columns}`;
  const dir = join(root, 'bench', 'data', `scaling-${id}`);
  if (!existsSync(join(dir, 'drift.yaml'))) {
    console.error(`Generating ${count(rows)} × ${count(columns)} in bench/data/scaling-${id} …`);
    await generate(dir, rows, { columns });
  }
  await mkdir(resultsDir, { recursive: true });
  const cell = { id, rows, columns, dir, profile: join(resultsDir, `${id}.profile.json`), samples: new Map() };
  cell.fromProfileConfig = join(resultsDir, `${id}-from-profile.yaml`);
  writeFileSync(
    cell.fromProfileConfig,
    `# the bench pair with its reference as a profile\nreference: ${JSON.stringify(cell.profile)}\ncurrent: ${JSON.stringify(join(dir, 'current.csv'))}\n`,
  );
  cell.csvBytes = statSync(reference(cell)).size;
  cell.failed = new Map();
  return cell;
}

/** Every tool on the cell once, the profile's bytes checked against the first run's. */
function round(cell, run) {
  for (const tool of options.tools) {
    if (cell.failed.has(tool) || cell.failed.has(TOOLS[tool].needs)) continue;
    let sample;
    try {
      sample = measure(TOOLS[tool].command(cell));
    } catch (error) {
      const reason = error.message.split('\n').find((line, i) => i > 0 && line.trim()) ?? error.message;
      cell.failed.set(tool, reason.trim());
      failures.push(`${cell.id}, ${TOOLS[tool].label}, run ${run}: ${error.message}`);
      continue;
    }
    console.error(
      `  ${cell.id} ${tool} run ${run}: ${sample.seconds.toFixed(2)} s${sample.rssMiB === null ? '' : `, ${sample.rssMiB.toFixed(0)} MiB`}`,
    );
    if (!cell.samples.has(tool)) cell.samples.set(tool, []);
    cell.samples.get(tool).push(sample);
    const output = TOOLS[tool].output?.(cell);
    if (output) {
      const bytes = readFileSync(output);
      const previous = cell[`${tool}Bytes`];
      if (tool === 'profile' && previous && !previous.equals(bytes))
        failures.push(
          `${cell.id} run ${run}: the profile differs from the first run's (${bytes.length} bytes against ${previous.length})`,
        );
      cell[`${tool}Bytes`] ??= bytes;
    }
  }
  if (cell.samples.has('from-profile') && cell.samples.has('analyze')) cell.verdicts = verdicts(cell);
}

/**
 * The analysis against the profile beside the one against the raw reference: the features
 * whose verdict differs among those the sketches decide, and those they leave undecided
 * (their bound on both sides of the threshold: not counted as drifted, the report says so).
 */
function verdicts(cell) {
  const [raw, profiled] = ['analyze.json', 'from-profile.json'].map((name) =>
    JSON.parse(readFileSync(out(cell, name), 'utf8')),
  );
  const exact = new Map(raw.features.map((f) => [f.name, f]));
  const decided = profiled.features.filter((f) => !f.undecided);
  const differing = decided.filter((f) => exact.get(f.name)?.drifted !== f.drifted).map((f) => f.name);
  const undecided = profiled.features.filter((f) => f.undecided).map((f) => f.name);
  return { decided: decided.length, differing, undecided };
}

function printReport() {
  const cpu = cpus();
  console.log(
    `\n## Reference profiles: size and build time (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; DuckDB ${duckdbVersion()}${haveTime() ? '' : `; no ${TIME}: peak RSS not measured`}; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after)\n`,
  );
  console.log(
    `Median of ${options.runs} run${options.runs > 1 ? 's' : ''} (range in brackets) of each whole process, the tools in turn; CPU is user + system time of every thread (median); the profile and SUMMARIZE are of the reference file alone, the analyses of the pair.\n`,
  );
  console.log(
    '| data | tool | wall (s) | CPU (s) | peak RSS (MiB) | output (bytes) | per column (bytes) | gzip (bytes) | notes |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---|');
  for (const cell of cells) {
    options.tools.forEach((tool, i) => {
      const name =
        i === 0
          ? `${count(cell.rows)} rows × ${count(cell.columns)} columns, reference ${megabytes(cell.csvBytes)} MB of CSV`
          : '';
      console.log(`| ${name} | ${TOOLS[tool].label} | ${row(cell, tool).join(' | ')} |`);
    });
  }
  const lines = cells.flatMap((cell) => comparisonLines(cell));
  if (lines.length) console.log(['', ...lines].join('\n'));
}

function row(cell, tool) {
  const failed =
    cell.failed.get(tool) ??
    (TOOLS[tool].needs && cell.failed.has(TOOLS[tool].needs) ? `needs ${TOOLS[tool].needs}` : null);
  if (failed) return ['failed', '', '', '', '', '', failed];
  const t = summarize(cell.samples.get(tool));
  const wall =
    options.runs > 1 ? `${t.seconds.toFixed(2)} (${t.min.toFixed(2)}–${t.max.toFixed(2)})` : t.seconds.toFixed(2);
  const bytes = cell[`${tool}Bytes`];
  const sizes = bytes
    ? [count(bytes.length), count(Math.round(bytes.length / cell.columns)), count(gzipSync(bytes).length)]
    : ['', '', ''];
  return [
    wall,
    t.cpuSeconds === null ? 'n/a' : t.cpuSeconds.toFixed(2),
    t.rssMiB === null ? 'n/a' : t.rssMiB.toFixed(0),
    ...sizes,
    notes(cell, tool),
  ];
}

function notes(cell, tool) {
  if (tool === 'profile') {
    const runs = cell.samples.get(tool).length;
    const same = !failures.some((f) => f.startsWith(`${cell.id} run`));
    return runs > 1 ? (same ? `the same bytes in all ${runs} runs` : 'differs between runs') : '';
  }
  if (tool === 'from-profile' && cell.verdicts) {
    const { decided, differing, undecided } = cell.verdicts;
    const names = (list) => (list.length <= 5 ? ` (${list.join(', ')})` : '');
    return [
      `${decided - differing.length} of ${decided} decided verdicts as with the raw reference`,
      differing.length ? `${differing.length} differ${names(differing)}` : '',
      undecided.length ? `${undecided.length} undecided by the sketches${names(undecided)}` : '',
    ]
      .filter(Boolean)
      .join('; ');
  }
  return '';
}

/** Per cell: the profile against SUMMARIZE, and the analysis against the profile against the raw reference. */
function comparisonLines(cell) {
  const timing = (tool) => (cell.samples.get(tool)?.length ? summarize(cell.samples.get(tool)) : null);
  /** "a s against b s (a/b×; CPU c/d×)": wall medians, and the CPU ratio when GNU time gave it. */
  const against = (a, b, what) => {
    const cpu = a.cpuSeconds !== null && b.cpuSeconds ? `; CPU ${(a.cpuSeconds / b.cpuSeconds).toFixed(2)}×` : '';
    return `${a.seconds.toFixed(2)} s${what[0] ? ` ${what[0]}` : ''}, ${b.seconds.toFixed(2)} s ${what[1]} (${(a.seconds / b.seconds).toFixed(2)}×${cpu})`;
  };
  const parts = [];
  const [profile, summary] = [cell.profileBytes, cell.summarizeBytes];
  if (profile)
    parts.push(
      `the profile is ${count(profile.length)} bytes (${(profile.length / 1e6).toFixed(2)} MB, ${((100 * profile.length) / cell.csvBytes).toFixed(2)}% of the CSV)${summary ? `, ${(profile.length / summary.length).toFixed(1)}× SUMMARIZE's output` : ''}`,
    );
  if (timing('profile') && timing('summarize'))
    parts.push(`built in ${against(timing('profile'), timing('summarize'), ['', 'for SUMMARIZE'])}`);
  if (timing('from-profile') && timing('analyze'))
    parts.push(
      `the analysis takes ${against(timing('from-profile'), timing('analyze'), ['against the profile', 'against the raw reference'])}`,
    );
  return parts.length ? [`- ${count(cell.rows)} × ${count(cell.columns)}: ${parts.join('; ')}.`] : [];
}

function duckdbVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', '@duckdb', 'node-api', 'package.json'), 'utf8')).version;
}

function count(n) {
  return n.toLocaleString('en-US');
}

function megabytes(bytes) {
  return (bytes / 1e6).toFixed(bytes < 1e6 ? 2 : bytes < 1e7 ? 1 : 0);
}
