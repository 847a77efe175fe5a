/**
 * A Report as diagnostics: one per drifted feature on the config entry and on the current
 * CSV's header cell (a Parquet file has no header cell, and no diagnostics go to it), plus
 * dataset drift, broken performance limits, model columns the metrics could not read, new
 * target classes and high quality problems on the config.
 */
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Document } from 'yaml';
import { METHODS } from '../protocol/methods';
import type { CsvHeader } from '../engine/data/csvHeaders';
import { keyRange, locate, valueRange } from '../engine/config/nodes';
import { describeShift } from '../engine/monitoring/alerts';
import type { FeatureDrift, Report, Severity } from '../protocol/report';
import type { DriftDiagnosticData } from '../protocol/messages';
import { adjustedPValue, datasetDriftSentence, formatNumber } from '../protocol/text';

export type SeverityMap = Record<Exclude<Severity, 'none'>, DiagnosticSeverity>;
export const DEFAULT_SEVERITIES: SeverityMap = {
  high: DiagnosticSeverity.Error,
  moderate: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
};

const BY_NAME = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;
export type SeverityName = keyof typeof BY_NAME;

/** The user's choice (`driftMonitor.diagnostics.severity`: drift severity → Problems-pane severity) over the defaults. */
export function severityMap(chosen: Partial<Record<keyof SeverityMap, SeverityName>> | undefined): SeverityMap {
  const map = { ...DEFAULT_SEVERITIES };
  for (const level of ['high', 'moderate', 'low'] as const) {
    const name = chosen?.[level];
    if (name && name in BY_NAME) map[level] = BY_NAME[name];
  }
  return map;
}

export interface DriftDiagnostics {
  config: Diagnostic[];
  /** On the current CSV, by its URI; none when the current file has no header cells. */
  current: Diagnostic[];
}

export interface DiagnosticInputs {
  report: Report;
  configUri: string;
  configText: string;
  /** The parsed YAML of `configText` (the server's, made once per text). */
  configDocument: Document;
  /** Undefined when the current file has no header cells to put diagnostics on (Parquet). */
  currentUri: string | undefined;
  /** The current file's header, for the cell ranges; null when it cannot be read. */
  currentHeader: CsvHeader | null;
  severities?: SeverityMap;
}

export function driftDiagnostics({
  report,
  configUri,
  configText,
  configDocument: document,
  currentUri,
  currentHeader,
  severities = DEFAULT_SEVERITIES,
}: DiagnosticInputs): DriftDiagnostics {
  const text = TextDocument.create(configUri, 'yaml', 0, configText);
  const toRange = ([start, end]: [number, number]): Range => ({
    start: text.positionAt(start),
    end: text.positionAt(end),
  });
  const currentEntry = toRange(rangeOf(document, ['current']) ?? [0, 0]);
  const base = { source: 'drift-monitor' };

  const config: Diagnostic[] = [];
  const current: Diagnostic[] = [];
  for (const feature of report.features.filter((f) => f.drifted)) {
    const message = featureMessage(feature);
    const severity = severities[feature.severity === 'none' ? 'low' : feature.severity];
    const data: DriftDiagnosticData = {
      configUri,
      feature: feature.name,
      method: feature.method,
      statistic: feature.statistic ?? NaN,
    };
    const entry = toRange(featureEntry(document, feature.name) ?? rangeOf(document, ['current']) ?? [0, 0]);
    const onConfig = { ...base, range: entry, message, severity, code: feature.method, data };
    if (currentUri === undefined) {
      config.push(onConfig);
      continue;
    }
    const cell = headerCell(currentHeader, feature.name);
    current.push({
      ...base,
      range: cell,
      message,
      severity,
      code: feature.method,
      data,
      relatedInformation: [{ location: { uri: configUri, range: entry }, message: 'the monitoring config' }],
    });
    config.push({
      ...onConfig,
      relatedInformation: [
        { location: { uri: currentUri, range: cell }, message: `'${feature.name}' in ${report.current.path}` },
      ],
    });
  }
  if (report.dataset.drifted) {
    config.push({
      ...base,
      range: toRange(rangeOf(document, ['drift', 'share'], 'key') ?? rangeOf(document, ['current']) ?? [0, 0]),
      severity: severities.high,
      code: 'dataset-drift',
      message: datasetDriftSentence(report.dataset),
    });
  }
  for (const finding of report.performance?.findings ?? []) {
    const at =
      rangeOf(document, ['performance', finding.rule, finding.metric], 'key') ??
      rangeOf(document, ['performance'], 'key');
    config.push({
      ...base,
      range: at ? toRange(at) : currentEntry,
      severity: severities.high,
      code: `performance-${finding.rule}`,
      message: finding.message,
    });
  }
  const performance = report.performance;
  for (const problem of performance?.problems ?? []) {
    const at = modelColumnEntry(
      document,
      performance!.models.findIndex((m) => m.model === problem.model),
      problem.role,
    );
    config.push({
      ...base,
      range: at ? toRange(at) : currentEntry,
      severity: DiagnosticSeverity.Error,
      code: problem.code,
      message: problem.message,
    });
  }
  for (const newClass of performance?.newClasses ?? []) {
    const at = rangeOf(document, ['columns', 'target']);
    config.push({
      ...base,
      range: at ? toRange(at) : currentEntry,
      severity: severities[newClass.severity],
      code: 'new-class',
      message: newClass.message,
    });
  }
  for (const finding of report.quality.findings.filter((f) => f.severity === 'high')) {
    config.push({
      ...base,
      range: currentEntry,
      severity: severities.high,
      code: `quality-${finding.kind}`,
      message: finding.message,
    });
  }
  return { config, current };
}

/** `Feature 'wind' drifted: normed Wasserstein 1.16 ≥ 0.1 (mean 3.39 → 5.05)`. */
export function featureMessage(f: FeatureDrift): string {
  const what =
    f.role === 'feature'
      ? 'Feature'
      : f.role === 'target'
        ? 'Target'
        : f.role === 'prediction'
          ? 'Prediction'
          : 'Probability';
  const shift = describeShift(f).trim();
  if (f.statistic === null) return `${what} '${f.name}' drifted: ${f.methodReason}.`;
  const comparison = METHODS[f.method].thresholdKind === 'pValue' ? '<' : '≥';
  const adjusted = f.adjustedPValue === undefined ? '' : `, ${adjustedPValue(f.adjustedPValue)}`;
  return `${what} '${f.name}' drifted: ${METHODS[f.method].label} ${formatNumber(f.statistic)}${adjusted} ${comparison} ${formatNumber(f.threshold)}${shift ? ` (${shift})` : ''}`;
}

/** Line 0, the characters of the column's name; the whole first line when unknown. */
function headerCell(header: CsvHeader | null, column: string): Range {
  const index = header?.columns.indexOf(column) ?? -1;
  if (!header || index < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const [start, end] = header.ranges[index];
  return { start: { line: 0, character: start }, end: { line: 0, character: end } };
}

/** Where the config names a feature: its `drift.features` key, else its mention under `columns`. */
function featureEntry(document: Document, name: string): [number, number] | undefined {
  const override = rangeOf(document, ['drift', 'features', name], 'key');
  if (override) return override;
  for (const key of ['target', 'timestamp', 'prediction', 'probability']) {
    const { node } = locate(document, ['columns', key]);
    if (node && (node as { value?: unknown }).value === name) return valueRange(node);
  }
  return undefined;
}

/** Where the config names a model's column: its entry under `models`, else `columns.prediction` / `columns.probability`. */
function modelColumnEntry(
  document: Document,
  model: number,
  role: 'prediction' | 'probability',
): [number, number] | undefined {
  return rangeOf(document, ['models', model, role]) ?? rangeOf(document, ['columns', role]);
}

function rangeOf(
  document: Document,
  segments: (string | number)[],
  on: 'key' | 'value' = 'value',
): [number, number] | undefined {
  const { node, pair } = locate(document, segments);
  if (on === 'key' && pair) return keyRange(pair);
  return node ? valueRange(node) : undefined;
}
