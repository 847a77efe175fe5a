/**
 * `drift-monitor`: the analysis engine without an editor, for CI pipelines.
 * Exit codes: 0 done, 1 drift or an alert found with --fail-on, 2 bad input or usage, 3 internal error.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, type AnalysisProgress } from './analysis/analyze';
import { loadConfig } from './config/load';
import { csvExport } from './export/csvExport';
import { reportHtml } from './export/html';
import { textSummary } from './export/textSummary';
import { InputError } from './inputError';
import type { Alert, Report } from './protocol';

const USAGE = `Usage:
  drift-monitor analyze <config.yaml> [--json out.json] [--csv out.csv] [--html out.html] [--fail-on drift|alert:<severity>|never] [--max-rows N] [--quiet]

Compares the reference and current CSVs named in the config and prints a summary.
  --json FILE        write the full report as JSON
  --csv FILE         write one row per feature with every test as CSV
  --html FILE        write the report page (charts, tables, alerts) as one self-contained HTML file
  --fail-on drift    exit 1 when dataset drift is found (default: never)
  --fail-on alert:high
                     exit 1 when an alert of that severity (low, moderate, high) or worse exists
  --max-rows N       analyze a uniform random sample of N rows of each file that has more
                     (seed 1, stated in the report; default: every row)
  --quiet            no summary on stdout, no progress on stderr
Exit codes: 0 done, 1 drift or alert (with --fail-on), 2 bad input, 3 internal error.`;

const EXIT = { ok: 0, drift: 1, badInput: 2, internal: 3 } as const;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'string' },
      csv: { type: 'string' },
      html: { type: 'string' },
      'fail-on': { type: 'string', default: 'never' },
      'max-rows': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return EXIT.ok;
  }
  const [command, configPath, ...extra] = positionals;
  if (command !== 'analyze' || !configPath || extra.length > 0) throw new InputError(command && command !== 'analyze' ? `Unknown command '${command}'.\n${USAGE}` : USAGE);
  const failOn = parseFailOn(values['fail-on']);
  const maxRows = values['max-rows'] === undefined ? undefined : parseMaxRows(values['max-rows']);

  const config = await loadConfig(configPath);
  const progress = values.quiet ? undefined : progressPrinter();
  const report = await analyze(config, { onProgress: progress, configShown: configPath, maxRows });
  progress?.({ stage: 'done', message: '' });

  if (values.json) await writeOutput(values.json, JSON.stringify(report, null, 2) + '\n');
  if (values.csv) await writeOutput(values.csv, csvExport(report));
  if (values.html) await writeOutput(values.html, reportHtml(report, await webviewScript()));
  if (!values.quiet) process.stdout.write(textSummary(report, configPath));
  return shouldFail(failOn, report) ? EXIT.drift : EXIT.ok;
}

type FailOn = { on: 'never' } | { on: 'drift' } | { on: 'alert'; severity: Alert['severity'] };
const SEVERITIES: Alert['severity'][] = ['low', 'moderate', 'high'];

function parseFailOn(text: string | undefined): FailOn {
  if (text === 'never' || text === 'drift') return { on: text };
  const severity = text?.startsWith('alert:') ? (text.slice('alert:'.length) as Alert['severity']) : undefined;
  if (severity && SEVERITIES.includes(severity)) return { on: 'alert', severity };
  throw new InputError(`--fail-on takes 'drift', 'alert:low', 'alert:moderate', 'alert:high' or 'never', not '${text}'.`);
}

function parseMaxRows(text: string): number {
  const rows = /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(rows) && rows > 0) return rows;
  throw new InputError(`--max-rows takes a whole number of rows above 0, not '${text}'.`);
}

function shouldFail(failOn: FailOn, report: Report): boolean {
  if (failOn.on === 'drift') return report.dataset.drifted;
  if (failOn.on === 'alert') return report.alerts.some((a) => SEVERITIES.indexOf(a.severity) >= SEVERITIES.indexOf(failOn.severity));
  return false;
}

/** The bundled report page, built next to this file (dist/webview.js). */
async function webviewScript(): Promise<string> {
  const file = join(__dirname, 'webview.js');
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the report page script ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); run \`npm run build\`.`);
  }
}

async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new InputError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { file });
  }
}

/** Progress on stderr once a run takes longer than a second: one updating line on a terminal, a line every few seconds otherwise. */
function progressPrinter(): (progress: AnalysisProgress) => void {
  const started = Date.now();
  let lastPrinted = 0;
  let printedOnTerminal = false;
  return ({ stage, message }) => {
    const now = Date.now();
    if (stage === 'done') {
      if (printedOnTerminal) process.stderr.write('\r\x1b[K');
      return;
    }
    if (now - started < 1000) return;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r\x1b[K${message}`);
      printedOnTerminal = true;
    } else if (now - lastPrinted >= 5000) {
      process.stderr.write(`${message}\n`);
      lastPrinted = now;
    }
  };
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof InputError) {
      process.stderr.write(`drift-monitor: ${error.message}\n`);
      process.exitCode = EXIT.badInput;
    } else if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`drift-monitor: ${error.message}\n${USAGE}\n`);
      process.exitCode = EXIT.badInput;
    } else {
      const detail = process.env.DRIFT_MONITOR_DEBUG ? (error as Error).stack : (error as Error)?.message ?? String(error);
      process.stderr.write(`drift-monitor: internal error: ${detail}\nThis is a bug; set DRIFT_MONITOR_DEBUG=1 for details.\n`);
      process.exitCode = EXIT.internal;
    }
  },
);
