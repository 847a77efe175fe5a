/**
 * The custom messages between the extension (or any LSP client) and the language server,
 * each declared once as a typed request or notification, with who sends it and why. Part of
 * the contract: it imports nothing of ours (the message types come from vscode-jsonrpc, which
 * client and server share).
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { Alert, AuditEntry, DriftMethod, HistoryRun, Report, RetrainingVerdict } from './report';
import { retrainingVerdict } from './retrainingVerdict';

/** Request: analyze the config at `uri` now. Reports work-done progress; cancellable. Result: the Report. */
export const RUN_ANALYSIS = new RequestType<RunAnalysisParams, Report, void>('driftMonitor/runAnalysis');
export interface RunAnalysisParams {
  uri: string;
  /** LSP work-done progress: the token the server reports the analysis's progress under. */
  workDoneToken?: number | string;
  /** `driftMonitor.maxRowsInteractive`: analyze a uniform random sample of this many rows of each file that has more; absent or 0, every row. */
  maxRows?: number;
}

/**
 * The client's settings, as initialization options and then in DID_CHANGE_SETTINGS whenever they
 * change. A field left out keeps its value.
 */
export interface ServerSettings {
  /** `driftMonitor.diagnostics.severity`: Problems-pane severity (error, warning, information, hint) per drift severity. */
  driftSeverities?: Partial<Record<'high' | 'moderate' | 'low', string>>;
  /**
   * Whether YAML syntax and JSON-schema problems are published. False when Red Hat's YAML
   * extension validates the same files against the same schema (see the README): its
   * diagnostics stand in for these, and the quick fixes are still offered on them.
   */
  schemaDiagnostics?: boolean;
  /**
   * `vscode.workspace.isTrusted`. Until a client says true, the server is in Restricted Mode: it
   * validates and analyzes, but sends no alert, hands out no retraining command and reads no file
   * outside the workspace folders (see docs/editor.md). A client that never says (another LSP
   * client) gets Restricted Mode: the server cannot tell a stranger's repository from the user's
   * own, and held-back alerts are said in the report, while a leaked secret cannot be taken back.
   * Trust is only ever granted (VS Code reloads the window when it is taken away), so false after
   * true is ignored.
   */
  workspaceTrusted?: boolean;
}

/** Notification from the client: its settings changed, or the workspace was trusted (`workspace.onDidGrantWorkspaceTrust`), so the server learns it without a restart. */
export const DID_CHANGE_SETTINGS = new NotificationType<ServerSettings>('driftMonitor/didChangeSettings');

/**
 * The SMTP account of a config's `notifications.email`: its host and the user it logs in as (the
 * variable `user_env` names, read in the server's environment).
 */
export interface EmailAccount {
  host: string;
  user: string;
}

/**
 * Request from the server, as it is about to e-mail a config's alerts: the SMTP password stored
 * with "Drift Monitor: Set Notification Password" (the editor's SecretStorage) for this host and
 * user, used instead of the variable `password_env` names. Result: null when none is stored for
 * them. A password is only ever saved for, and given to, the account it belongs to, so a config
 * naming another host never receives it. A client that does not answer this request has none.
 */
export const GET_NOTIFICATION_PASSWORD = new RequestType<EmailAccount, string | null, void>(
  'driftMonitor/notificationPassword',
);

/**
 * Request from the client ("Set Notification Password" on a config): the SMTP account the config's
 * `notifications.email` logs in with, or null when it has none (no e-mail, or no `user_env`).
 */
export const GET_EMAIL_ACCOUNT = new RequestType<GetEmailAccountParams, EmailAccount | null, void>(
  'driftMonitor/emailAccount',
);
export type GetEmailAccountParams = Pick<RunAnalysisParams, 'uri'>;

/** Request: the last Report for the config at `uri`, or null when it was never analyzed. */
export const GET_REPORT = new RequestType<GetReportParams, Report | null, void>('driftMonitor/getReport');
export type GetReportParams = Pick<RunAnalysisParams, 'uri'>;

/**
 * Request: the retraining command for the last analysis of the config at `uri` (its
 * `retraining.command`, folder and environment, resolved), or null when that analysis did not
 * recommend retraining or the config has no command. The client runs it as a task (see RetrainingTask).
 */
export const GET_RETRAINING_COMMAND = new RequestType<GetRetrainingCommandParams, RetrainingTask | null, void>(
  'driftMonitor/getRetrainingCommand',
);
export type GetRetrainingCommandParams = Pick<RunAnalysisParams, 'uri'>;
export interface RetrainingCommand {
  /** Run by the shell as written (see server/src/engine/retraining/shell.ts). */
  command: string;
  /** Absolute. */
  cwd: string;
  /** Added to the environment the command inherits: `retraining.env` and the DRIFT_MONITOR_* variables. */
  env: Record<string, string>;
  /** `retraining.auto`: the editor runs it without asking. */
  auto: boolean;
  /** The report's reasons for retraining, as the audit log records them. */
  reason: string;
}

/**
 * Request from a client when a retraining run it started has ended: record `entry` in the audit
 * log of the config's run history (the client never opens the history file itself). For clients
 * that make the entry themselves; the extension sends RETRAINING_ENDED, which also words the outcome.
 * Result: true when recorded, false when the config's history is off.
 */
export const RECORD_RETRAINING = new RequestType<RecordRetrainingParams, boolean, void>(
  'driftMonitor/recordRetraining',
);
export interface RecordRetrainingParams {
  uri: string;
  entry: AuditEntry;
  /** The `generatedAt` of the Report that recommended the run: links the entry to that analysis in the history. */
  reportGeneratedAt: string;
}

/** Request: the recorded runs of the config at `uri` from its run history (see the README), oldest first; [] when none. */
export const GET_HISTORY = new RequestType<GetHistoryParams, HistoryRun[], void>('driftMonitor/history');
export type GetHistoryParams = Pick<RunAnalysisParams, 'uri'>;

/** Notification from the server after each analysis. */
export const ANALYSIS_FINISHED = new NotificationType<AnalysisFinishedParams>('driftMonitor/analysisFinished');
export interface AnalysisFinishedParams {
  uri: string;
  features: number;
  driftedFeatures: number;
  datasetDrift: boolean;
  risk: number;
  retraining: RetrainingVerdict;
  alerts: number;
}

/** The analysisFinished summary of a Report. */
export function analysisSummary(uri: string, report: Report): AnalysisFinishedParams {
  return {
    uri,
    features: report.dataset.features,
    driftedFeatures: report.dataset.driftedFeatures,
    datasetDrift: report.dataset.drifted,
    risk: report.risk.score,
    retraining: retrainingVerdict(report.retraining),
    alerts: report.alerts.length,
  };
}

/** What a drift diagnostic carries in its `data`, for the code actions on it. */
export interface DriftDiagnosticData {
  configUri: string;
  feature: string;
  method: DriftMethod;
  statistic: number;
}

/**
 * Notification from the server when a data file changed, saved in the editor or rewritten on
 * disk (a pipeline dropping a new extract): the workspace's configs that read it (as reference,
 * current or one of `datasets`). The server watches the files and parses the configs; the client
 * decides, from its `driftMonitor.analyzeOnSave` setting, whether to analyze them again.
 */
export const DATA_CHANGED = new NotificationType<DataChangedParams>('driftMonitor/dataChanged');
export interface DataChangedParams {
  /** The data file's URI. */
  file: string;
  /** The configs reading it, by URI; configs with errors (which cannot run) are left out. */
  configs: string[];
}

/**
 * Request from the client for a data file's header: its columns in order, each with the kind its
 * first rows suggest (or a Parquet file or profile states) and where its header cell is. "Create
 * Monitoring Config…" lists the reference's columns; "Reveal in CSV" selects a column's cell.
 * Read as the analysis reads the file.
 */
export const GET_CSV_HEADER = new RequestType<GetCsvHeaderParams, CsvHeaderResult, void>('driftMonitor/csvHeader');
export interface GetCsvHeaderParams {
  /** The data file's URI. */
  file: string;
}
export type CsvHeaderResult =
  | {
      columns: CsvColumn[];
      /**
       * Set when the file is large enough that a saved reference profile would serve better as a
       * reference, saying why as a phrase after its name ("is 240 MB"): "Create Monitoring
       * Config…" offers to save one (SAVE_REFERENCE_PROFILE). Never set on a profile.
       */
      large?: string;
    }
  /** Why the header cannot be read, as a phrase after the file's name ("is empty"). */
  | { problem: string };
export interface CsvColumn {
  name: string;
  /** `timestamp` only where the file states it (a Parquet timestamp or date). */
  kind: 'numerical' | 'categorical' | 'timestamp' | 'unknown';
  /**
   * The header cell's offsets in the text, counted after a byte order mark (as the editor's text
   * is); absent when the file has no header line (Parquet, a profile).
   */
  start?: number;
  end?: number;
}

/**
 * Request from the client ("Create Monitoring Config…" on a large reference): save a reference
 * profile of `file` at `output` (`<name>.profile.json` beside it), built by the engine's profile
 * builder as `drift-monitor profile` builds it, for the config's `reference:` to point at.
 * Reports work-done progress; cancellable (nothing is left at `output` then). Refused in
 * Restricted Mode, where nothing runs. Result: what was written.
 */
export const SAVE_REFERENCE_PROFILE = new RequestType<SaveReferenceProfileParams, SavedReferenceProfile, void>(
  'driftMonitor/saveReferenceProfile',
);
export interface SaveReferenceProfileParams {
  /** The data file's URI, and the profile's. */
  file: string;
  output: string;
  /** LSP work-done progress: the token the server reports progress under. */
  workDoneToken?: number | string;
}
export interface SavedReferenceProfile {
  /** The profile file's size, and the rows and columns it summarises. */
  bytes: number;
  rows: number;
  columns: number;
}

/**
 * Request from the client ("Create Monitoring Config…"): the text of a new drift.yaml comparing
 * the two files, with the special columns guessed from the reference's header and a comment on
 * each key. The client picks the files and writes the result.
 */
export const GET_CONFIG_TEMPLATE = new RequestType<GetConfigTemplateParams, string, void>(
  'driftMonitor/configTemplate',
);
export interface GetConfigTemplateParams {
  /** The reference and current files as the config will write them (relative to its folder). */
  reference: string;
  current: string;
  /** The reference's columns (GET_CSV_HEADER); none when its header could not be read. */
  columns: Pick<CsvColumn, 'name' | 'kind'>[];
}

/** Export Drift Report's formats: the whole report page, the Report itself, one row per feature. */
export type ExportFormat = 'html' | 'json' | 'csv';

/**
 * Request from the client ("Export Drift Report…"): the text of the last Report of the config at
 * `uri` in `format`, which the client writes where the user chose. Fails when the config was never
 * analyzed.
 */
export const EXPORT_REPORT = new RequestType<ExportReportParams, string, void>('driftMonitor/exportReport');
export interface ExportReportParams {
  uri: string;
  format: ExportFormat;
}

/**
 * Request from the client after an analysis with high alerts: the fingerprint of each alert, the
 * identity the server's alert channels remember them by (the alert with the content of the
 * reference and current files), so the editor's own notification shows each alert on the same
 * data once. In the order of `alerts`.
 */
export const GET_ALERT_FINGERPRINTS = new RequestType<GetAlertFingerprintsParams, string[], void>(
  'driftMonitor/alertFingerprints',
);
export interface GetAlertFingerprintsParams {
  /** The config; the report's paths are relative to its folder (an unsaved one has none: the files are then unknown). */
  uri: string;
  reference: string;
  current: string;
  alerts: Alert[];
}

/**
 * The answer to GET_RETRAINING_COMMAND: the command, with what the editor needs to run it as a
 * task and to ask about it. (RetrainingCommand alone is what the engine resolves from the config.)
 */
export interface RetrainingTask extends RetrainingCommand {
  /** The shell that runs the command, the same as the CLI's (never the user's terminal shell). */
  shell: { executable: string; args: string[] };
  /** The first reasons, how many more, and the priority, for a notification of a line or two. */
  reasonsShown: string;
}

/**
 * Request from the client when a retraining task it started has ended: record the run in the
 * audit log of the config's history (as RECORD_RETRAINING, the entry made by the server from the
 * command and how it ended). Result: whether it was recorded, and the outcome in words ("exit code
 * 0 after 12.3 s"), as the CLI says it, also when recording failed.
 */
export const RETRAINING_ENDED = new RequestType<RetrainingEndedParams, RetrainingEndedResult, void>(
  'driftMonitor/retrainingEnded',
);
export interface RetrainingEndedParams {
  uri: string;
  command: RetrainingCommand;
  /** ISO 8601. */
  startedAt: string;
  /** Null when the command did not start or was ended by a signal. */
  exitCode: number | null;
  durationMs: number;
  trigger: AuditEntry['trigger'];
  /** The `generatedAt` of the Report that recommended the run. */
  reportGeneratedAt: string;
}
export interface RetrainingEndedResult {
  /** False when the config's history is off, or when recording failed (see `problem`). */
  recorded: boolean;
  outcome: string;
  /** Why the run could not be recorded, when it could not. */
  problem?: string;
}

/** A simulator perturbation as the command line writes it: `--<kind> <text>`, `text` being `column=argument`. */
export interface PerturbationFlag {
  kind: string;
  text: string;
}

/**
 * Request from the client ("Simulate Drift", after the user picked a CSV): what the menu offers
 * for that file. The server reads the file once (cancellable) and keeps what it learned for the
 * CHECK_PERTURBATIONS that follow.
 */
export const GET_SIMULATION_INPUT = new RequestType<GetSimulationInputParams, SimulationInput, void>(
  'driftMonitor/simulationInput',
);
export interface GetSimulationInputParams {
  /** The CSV's URI. */
  file: string;
  /** Its name in messages (relative to the workspace). */
  fileShown: string;
}
export interface SimulationInput {
  /** Data rows (the header and blank lines not counted). */
  rows: number;
  /** The seed `drift-monitor simulate` uses unless told. */
  defaultSeed: number;
  /** Every perturbation, in the order --help lists them, with the columns of this file it fits. */
  perturbations: { kind: string; summary: string; argument: string; example: string; columns: string[] }[];
  /** The categories of each column that has them. */
  categories: Record<string, string[]>;
}

/**
 * Request from the client while the user types a perturbation's argument: whether the
 * perturbations chosen so far fit the file, checked as `drift-monitor simulate` checks its flags.
 * Result: the message that command would give, or each perturbation described as a flag.
 */
export const CHECK_PERTURBATIONS = new RequestType<CheckPerturbationsParams, PerturbationsCheck, void>(
  'driftMonitor/checkPerturbations',
);
export interface CheckPerturbationsParams extends GetSimulationInputParams {
  perturbations: PerturbationFlag[];
}
export type PerturbationsCheck = { problem: string } | { described: string[] };

/**
 * Request from the client: write the simulated copy of `file` to `output` (cancellable; fails
 * with the command line's message when a perturbation does not fit). Result: one line per
 * perturbation with the cells it changed, as `drift-monitor simulate` prints them.
 */
export const SIMULATE_DRIFT = new RequestType<SimulateDriftParams, string[], void>('driftMonitor/simulateDrift');
export interface SimulateDriftParams extends CheckPerturbationsParams {
  /** The copy's URI, and its name in messages. */
  output: string;
  outputShown: string;
  seed: number;
  /** The first data row to perturb (1-based). */
  fromRow: number;
}
