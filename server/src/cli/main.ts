/**
 * `drift-monitor`: the analysis engine without an editor, for CI pipelines.
 * Exit codes: 0 done, 1 drift or an alert found with --fail-on, 2 bad input or usage, 3 internal error,
 * 4 the retraining command failed (with --retrain).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { analyze } from '../engine/analysis/analyze';
import { DEFAULT_EXACT_ROWS, type StreamingOption } from '../engine/analysis/streaming';
import { loadConfig } from '../engine/config/load';
import type { DriftConfig } from '../engine/config/model';
import { csvExport } from '../engine/export/csvExport';
import { reportHtml } from '../engine/export/html';
import { textSummary } from './textSummary';
import { writeOutput } from './writeOutput';
import { HISTORY_USAGE, historyCommand } from './historyCommand';
import { historyRuns } from '../engine/history/historyRuns';
import { recordCliRun } from './recordRun';
import { InputError } from '../engine/inputError';
import { notifyFromCli } from './notify';
import type { Alert, Report, HistoryRun } from '../protocol/report';
import { checkRetraining, retrainAfterAnalysis } from './retrain';
import { simulateCommand } from './simulateCommand';
import { profileCommand } from './profileCommand';
import { parseCommandLine } from './commandLine';
import { safeIo, type CliIo, type SafeIo, type Writer } from './io';
import { progressPrinter } from './progressPrinter';

const ANALYZE_SYNTAX = {
  usage:
    'drift-monitor analyze <config.yaml> [--json out.json] [--csv out.csv] [--html out.html] [--fail-on drift|alert:<severity>|never] [--max-rows N] [--stream auto|on|off] [--exact-rows N] [--retrain] [--no-history] [--no-notify] [--quiet]',
  help: 'drift-monitor --help',
};

const USAGE = `Usage:
  ${ANALYZE_SYNTAX.usage}

Compares the reference and current CSVs named in the config and prints a summary.
  --json FILE        write the full report as JSON
  --csv FILE         write one row per feature with every test as CSV
  --html FILE        write the report page (charts, tables, alerts) as one self-contained HTML file
  --fail-on drift    exit 1 when dataset drift is found (default: never)
  --fail-on alert:high
                     exit 1 when an alert of that severity (low, moderate, high) or worse exists
  --max-rows N       analyze a uniform random sample of N rows of each file that has more
                     (seed 1, stated in the report; default: every row)
  --stream auto|on|off
                     streaming for files larger than memory: the drift tests read every row
                     (exact counts, KLL quantile sketches with their error bound in the report),
                     the rest a uniform sample of --exact-rows rows; auto (the default) streams
                     when the files are more than a quarter of the machine's memory
  --exact-rows N     files of at most N rows are read whole when streaming (default 1,000,000)
  --retrain          when the report recommends retraining, run the config's retraining.command
                     (output in this terminal) and record it in the audit log
  --no-history       do not record this run in the config's run history (history.path)
  --no-notify        do not send the alerts to the config's channels (notifications: webhook, e-mail);
                     delivery problems are warnings on stderr and never change the exit code
  --quiet            no summary on stdout, no progress on stderr
Exit codes: 0 done, 1 drift or alert (with --fail-on), 2 bad input, 3 internal error,
4 the retraining command failed (with --retrain; it takes precedence over 1).

  drift-monitor simulate <in.csv> --out <out.csv> [--shift column=amount …] [--seed N]

Writes a copy of a CSV with drift put in (shifts, noise, categories, missing values, flipped
labels, probabilities), the same for the same seed; drift-monitor simulate --help lists them.

  drift-monitor profile <data file or config.yaml> [--out x.profile.json]
  drift-monitor profile merge <a.profile.json> <b.profile.json> … --out <all.profile.json>

Writes a reference profile that stands where the reference file can; drift-monitor profile --help.

${HISTORY_USAGE}`;

const EXIT = { ok: 0, drift: 1, badInput: 2, internal: 3, retrainFailed: 4 } as const;

/** The commands besides `analyze`, each in a module of its own: name → run with the arguments after it → exit code. */
const COMMANDS: Record<string, (args: string[], io: SafeIo) => Promise<number>> = {
  simulate: simulateCommand,
  history: historyCommand,
  profile: profileCommand,
};

/** The CLI given its arguments (those after `drift-monitor`): writes to `io`, returns the exit code; never throws. */
export async function main(argv: string[], given: CliIo): Promise<number> {
  // Everything printed goes through here: control characters from files are shown, never obeyed.
  const io = safeIo(given);
  try {
    return await run(argv, io);
  } catch (error) {
    return failed(error, io);
  }
}

/** The message and exit code of what stopped the run: the user's input, the command line, or a bug. */
function failed(error: unknown, io: CliIo): number {
  if (error instanceof InputError) {
    io.stderr.write(`drift-monitor: ${error.message}\n`);
    return EXIT.badInput;
  }
  const detail = io.env.DRIFT_MONITOR_DEBUG ? (error as Error).stack : ((error as Error)?.message ?? String(error));
  io.stderr.write(`drift-monitor: internal error: ${detail}\nThis is a bug; set DRIFT_MONITOR_DEBUG=1 for details.\n`);
  return EXIT.internal;
}

async function run(argv: string[], io: SafeIo): Promise<number> {
  const other = COMMANDS[argv[0]];
  if (other) return other(argv.slice(1), io);
  const { values, positionals } = parseCommandLine(
    {
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'string' },
        csv: { type: 'string' },
        html: { type: 'string' },
        'fail-on': { type: 'string', default: 'never' },
        'max-rows': { type: 'string' },
        stream: { type: 'string', default: 'auto' },
        'exact-rows': { type: 'string' },
        retrain: { type: 'boolean', default: false },
        'no-history': { type: 'boolean', default: false },
        'no-notify': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    },
    ANALYZE_SYNTAX,
  );
  if (values.help) {
    io.stdout.write(USAGE + '\n');
    return EXIT.ok;
  }
  const [command, configPath, ...extra] = positionals;
  if (command !== 'analyze' || !configPath || extra.length > 0)
    throw new InputError(command && command !== 'analyze' ? `Unknown command '${command}'.\n${USAGE}` : USAGE);
  const failOn = parseFailOn(values['fail-on']);
  const maxRows = values['max-rows'] === undefined ? undefined : parseRows('--max-rows', values['max-rows']);
  const streaming = parseStreaming(values.stream, values['exact-rows'], maxRows);

  const config = await loadConfig(resolve(io.cwd, configPath), configPath);
  if (values.retrain) await checkRetraining(config, configPath);
  const progress = values.quiet ? undefined : progressPrinter(io.stderr);
  const report = await analyze(config, { onProgress: progress, configShown: configPath, maxRows, streaming });
  progress?.({ stage: 'done', message: '' });

  if (values.json) await writeOutput(values.json, JSON.stringify(report, null, 2) + '\n', io.cwd);
  if (values.csv) await writeOutput(values.csv, csvExport(report), io.cwd);
  if (!values.quiet) io.stdout.write(textSummary(report, configPath, config));
  // Model columns the metrics could not read: said on stderr too, so that --quiet and CI logs show them.
  for (const problem of report.performance?.problems ?? [])
    io.stderr.write(`drift-monitor: error: ${problem.message}\n`);
  if (!values['no-notify']) await notifyFromCli(config, report, values.quiet, io);
  const runId = values['no-history'] ? undefined : await recordCliRun(config, report, io.stderr);
  // Once recorded: the page's History view then ends with this run.
  if (values.html)
    await writeOutput(
      values.html,
      reportHtml(
        report,
        await webviewScript(io.bundleFolder),
        runId === undefined ? undefined : await exportedHistory(config, io.stderr),
      ),
      io.cwd,
    );
  if (values.retrain && !(await retrainAfterAnalysis(config, report, { quiet: values.quiet, runId }, io)))
    return EXIT.retrainFailed;
  return shouldFail(failOn, report) ? EXIT.drift : EXIT.ok;
}

type FailOn = { on: 'never' } | { on: 'drift' } | { on: 'alert'; severity: Alert['severity'] };
const SEVERITIES: Alert['severity'][] = ['low', 'moderate', 'high'];

function parseFailOn(text: string | undefined): FailOn {
  if (text === 'never' || text === 'drift') return { on: text };
  const severity = text?.startsWith('alert:') ? (text.slice('alert:'.length) as Alert['severity']) : undefined;
  if (severity && SEVERITIES.includes(severity)) return { on: 'alert', severity };
  throw new InputError(
    `--fail-on takes 'drift', 'alert:low', 'alert:moderate', 'alert:high' or 'never', not '${text}'.`,
  );
}

function parseRows(option: string, text: string): number {
  const rows = /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(rows) && rows > 0) return rows;
  throw new InputError(`${option} takes a whole number of rows above 0, not '${text}'.`);
}

/** --max-rows samples instead of streaming: the two do not go together. */
function parseStreaming(
  mode: string | undefined,
  exactRows: string | undefined,
  maxRows: number | undefined,
): StreamingOption | undefined {
  if (mode !== 'auto' && mode !== 'on' && mode !== 'off')
    throw new InputError(`--stream takes 'auto', 'on' or 'off', not '${mode}'.`);
  if (maxRows !== undefined && (mode === 'on' || exactRows !== undefined))
    throw new InputError('--max-rows analyzes a sample; it does not go with --stream on or --exact-rows.');
  return { mode, exactRows: exactRows === undefined ? DEFAULT_EXACT_ROWS : parseRows('--exact-rows', exactRows) };
}

function shouldFail(failOn: FailOn, report: Report): boolean {
  if (failOn.on === 'drift') return report.dataset.drifted;
  if (failOn.on === 'alert')
    return report.alerts.some((a) => SEVERITIES.indexOf(a.severity) >= SEVERITIES.indexOf(failOn.severity));
  return false;
}

/** The config's recorded runs, for the HTML export; undefined, with a warning, when they cannot be read. */
async function exportedHistory(config: DriftConfig, stderr: Writer): Promise<HistoryRun[] | undefined> {
  try {
    return await historyRuns(config);
  } catch (error) {
    stderr.write(
      `drift-monitor: warning: the HTML report has no History view: ${(error as Error)?.message ?? String(error)}\n`,
    );
    return undefined;
  }
}

/** The bundled report page, built next to the CLI's bundle (dist/webview.js). */
async function webviewScript(bundleFolder: string): Promise<string> {
  const file = join(bundleFolder, 'webview.js');
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(
      `Cannot read the report page script ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); run \`npm run build\`.`,
      { cause: error },
    );
  }
}
