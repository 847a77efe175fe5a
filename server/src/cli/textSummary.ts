/** The one-screen human summary the CLI prints. */
import * as path from 'node:path';
import type { DriftConfig } from '../engine/config/model';
import { metricValues } from '../engine/monitoring/modelPerformance';
import type { FeatureDrift, Report, MetricName } from '../protocol/report';
import { METHODS } from '../protocol/methods';
import {
  correctionSentence,
  datasetDriftSentence,
  fileRows,
  formatChange,
  formatNumber,
  plural,
  formatRisk,
  riskBreakdown,
  retrainingHeadline,
} from '../protocol/text';
import { textTable } from './textTable';

export function textSummary(report: Report, configShown: string, config: DriftConfig): string {
  const lines: string[] = [];
  lines.push(`Drift Monitor: ${configShown}`);
  lines.push(
    `reference ${report.reference.path} (${fileRows(report.reference)})   current ${report.current.path} (${fileRows(report.current)})`,
  );
  lines.push(...outsideLines(config));
  lines.push('');
  // The adjusted p-value beside the raw one, in its own column, when a correction adjusted any.
  const adjusted = report.features.some((f) => f.adjustedPValue !== undefined);
  const header = [
    'feature',
    'role',
    'kind',
    'method',
    'statistic',
    ...(adjusted ? ['adjusted p'] : []),
    'threshold',
    'drifted',
    'severity',
  ];
  const rows = report.features.map((f) => [
    f.name,
    f.role,
    f.kind,
    f.method,
    formatStatistic(f),
    ...(adjusted ? [f.adjustedPValue === undefined ? '' : formatNumber(f.adjustedPValue)] : []),
    formatNumber(f.threshold),
    // Undecided: streamed, and the sketches' bound on the statistic straddles the threshold.
    f.drifted ? 'DRIFT' : f.undecided ? 'undecided' : 'no',
    f.severity,
  ]);
  lines.push(...textTable(header, rows, new Set(adjusted ? [4, 5, 6] : [4, 5])));
  lines.push('');
  lines.push(datasetDriftSentence(report.dataset));
  const correction = correctionSentence(report.correction);
  if (correction) lines.push(correction);
  const drifted = report.features.filter((f) => f.drifted && f.role !== 'feature');
  for (const f of drifted)
    lines.push(`${capitalize(f.role)} drift: ${f.name} (${METHODS[f.method].label} ${formatStatistic(f)}).`);
  lines.push(...performanceLines(report), ...diagnosisLines(report), ...alertLines(report), ...decisionLines(report));
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines.join('\n') + '\n';
}

/**
 * The data files this run read outside the config's folder, each named in full: a config
 * is run as its user chose it (as make runs a Makefile), and what it reaches beyond its own
 * folder is said, never done unseen.
 */
function outsideLines(config: DriftConfig): string[] {
  const folder = path.dirname(config.configPath);
  const outside = (file: string) => {
    const relative = path.relative(folder, file);
    return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  };
  const files: [string, string][] = [
    ['reference', config.reference.path],
    ['current', config.current.path],
    ...config.datasets.map((d): [string, string] => [`dataset ${d.name}`, d.path]),
  ];
  return files
    .filter(([, file]) => outside(file))
    .map(([what, file]) => `outside the config's folder: ${what} ${file}`);
}

const SHOWN_ALERTS = 5;

function performanceLines({ performance }: Report): string[] {
  if (!performance) return [];
  const metrics = [...new Set(performance.models.flatMap((m) => Object.keys(m.baseline)))] as MetricName[];
  const datasets = Object.keys(performance.models[0].datasets);
  const header = [
    'model',
    'metric',
    performance.baselineSource === 'config' ? 'baseline' : 'reference',
    'current',
    'change',
    ...datasets,
  ];
  const rows = performance.models.flatMap((m) => {
    const current = metricValues(m.current);
    return metrics
      .filter((metric) => current[metric] !== undefined)
      .map((metric) => [
        m.model,
        metric,
        show(m.baseline[metric]),
        show(current[metric]),
        m.deltas[metric] === undefined ? '' : formatChange(m.deltas[metric]!),
        ...datasets.map((d) => show(metricValues(m.datasets[d])[metric])),
      ]);
  });
  const lines = [
    '',
    `Performance (${performance.task}${performance.positiveLabel !== null ? `, positive class '${performance.positiveLabel}'` : ''}):`,
    ...(rows.length > 0
      ? textTable(header, rows, new Set(header.map((_, i) => i).slice(2)))
      : [`No metric could be computed${performance.problems.length > 0 ? ': see the errors below' : ''}.`]),
  ];
  if (performance.best)
    lines.push(
      `Best on current data: ${performance.best.model} (${performance.best.metric} ${formatNumber(performance.best.value)}).`,
    );
  for (const f of performance.findings) lines.push(`LIMIT BROKEN: ${f.message}`);
  for (const c of performance.newClasses) lines.push(`NEW CLASS [${c.severity}]: ${c.message}`);
  for (const p of performance.problems) lines.push(`ERROR: ${p.message}`);
  return lines;
}

function diagnosisLines({ concept }: Report): string[] {
  return ['', ...concept.diagnosis.explanation];
}

function alertLines({ alerts, risk }: Report): string[] {
  const lines = [
    '',
    `Risk ${formatRisk(risk)}. ${risk.meaning}`,
    `  points: ${riskBreakdown(risk)}.`,
    alerts.length === 0
      ? 'No alerts.'
      : `${plural(alerts.length, 'alert')}${alerts.length > SHOWN_ALERTS ? `, top ${SHOWN_ALERTS}` : ''}:`,
  ];
  for (const a of alerts.slice(0, SHOWN_ALERTS))
    lines.push(`  [${a.severity}] ${a.message}`, `      → ${a.recommendation}`);
  return lines;
}

function decisionLines({ retraining }: Report): string[] {
  return ['', `${retrainingHeadline(retraining)}:`, ...retraining.reasons.map((r) => `  - ${r}`)];
}

const show = (value: number | undefined) => (value === undefined ? '' : formatNumber(value));

function formatStatistic(feature: FeatureDrift): string {
  return feature.statistic === null ? 'n/a' : formatNumber(feature.statistic);
}

const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);
