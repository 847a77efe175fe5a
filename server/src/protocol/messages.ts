/**
 * The custom messages between the extension (or any LSP client) and the language server,
 * each declared once as a typed request or notification, with who sends it and why. Part of
 * the contract: it imports nothing of ours (the message types come from vscode-jsonrpc, which
 * client and server share).
 */
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type { AuditEntry, DriftMethod, HistoryRun, Report } from './report';

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
   * The SMTP password stored with "Drift Monitor: Set Notification Password" (the editor's
   * SecretStorage), used by `notifications.email` instead of the variable its `password_env`
   * names; '' when none is stored.
   */
  notificationPassword?: string;
}

/** Notification from the client: its settings changed. */
export const DID_CHANGE_SETTINGS = new NotificationType<ServerSettings>('driftMonitor/didChangeSettings');

/** Request: the last Report for the config at `uri`, or null when it was never analyzed. */
export const GET_REPORT = new RequestType<GetReportParams, Report | null, void>('driftMonitor/getReport');
export type GetReportParams = Pick<RunAnalysisParams, 'uri'>;

/**
 * Request: the retraining command for the last analysis of the config at `uri` (its
 * `retraining.command`, folder and environment, resolved), or null when that analysis did not
 * recommend retraining or the config has no command. The client runs it as a task.
 */
export const GET_RETRAINING_COMMAND = new RequestType<GetRetrainingCommandParams, RetrainingCommand | null, void>('driftMonitor/getRetrainingCommand');
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
 * Request from the client when a retraining task it started has ended: record the run in the
 * audit log of the config's run history (the client never opens the history file itself).
 * Result: true when recorded, false when the config's history is off.
 */
export const RECORD_RETRAINING = new RequestType<RecordRetrainingParams, boolean, void>('driftMonitor/recordRetraining');
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
  retrain: boolean;
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
    retrain: report.retraining.retrain,
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
