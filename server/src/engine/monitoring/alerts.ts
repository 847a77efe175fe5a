/**
 * Every finding of the analysis as an alert a person can act on: what, how bad, the
 * numbers, and what to do. Sorted most severe first.
 */
import type {
  Alert,
  CategoricalSummary,
  ConceptReport,
  DatasetDrift,
  FeatureDrift,
  NewClass,
  NumericalSummary,
  PerformanceReport,
  QualityFinding,
  Severity,
  WindowsReport,
} from '../../protocol/report';
import { WINDOW_DRIFT_SIZE } from '../../protocol/bands';
import { METHODS } from '../../protocol/methods';
import { errorsRoseSentence } from './diagnosis';
import {
  adjustedPValue,
  datasetDriftSentence,
  driftedColumns,
  excerpt,
  formatCount,
  formatNumber,
  percent,
} from '../../protocol/text';

const RANK: Record<Severity, number> = { none: 0, low: 1, moderate: 2, high: 3 };

export interface AlertInputs {
  features: FeatureDrift[];
  dataset: DatasetDrift;
  performance: PerformanceReport | null;
  concept: ConceptReport;
  qualityFindings: QualityFinding[];
  windows: WindowsReport | null;
}

export function buildAlerts(inputs: AlertInputs): Alert[] {
  const alerts = [
    ...inputs.features.filter((f) => f.drifted).map(featureAlert),
    ...datasetAlert(inputs.dataset),
    ...performanceAlerts(inputs.performance),
    ...(inputs.performance?.newClasses ?? []).map(newClassAlert),
    ...conceptAlerts(inputs.concept),
    ...inputs.qualityFindings.map(qualityAlert),
    ...windowAlerts(inputs.windows, inputs.features),
  ];
  return alerts.sort((a, b) => RANK[b.severity] - RANK[a.severity]);
}

function featureAlert(f: FeatureDrift): Alert {
  const kind = f.role === 'feature' ? 'feature-drift' : f.role === 'target' ? 'target-drift' : 'prediction-drift';
  const adjusted = f.adjustedPValue === undefined ? '' : `, ${adjustedPValue(f.adjustedPValue)}`;
  const measure = `${METHODS[f.method].label} ${formatNumber(f.statistic ?? NaN)}${adjusted}, threshold ${formatNumber(f.threshold)}`;
  const shift = describeShift(f);
  const recommendation =
    f.role === 'feature'
      ? `Check the upstream source of '${f.name}' for a pipeline or unit change; retrain if the shift is expected to persist.`
      : f.role === 'target'
        ? `The label mix changed: re-check the decision threshold and class weights; retrain on recent labelled data if it persists.`
        : `The model's output moved: compare with the input drift; if inputs are stable, look for a model or feature-pipeline change.`;
  return {
    kind,
    severity: f.severity === 'none' ? 'low' : f.severity,
    subject: f.name,
    message: `'${f.name}'${f.model ? ` (${f.model})` : ''} drifted: ${shift}(${measure}).`,
    values: {
      statistic: f.statistic ?? 'n/a',
      ...(f.adjustedPValue !== undefined && { adjustedPValue: f.adjustedPValue }),
      threshold: f.threshold,
      score: f.score,
      method: f.method,
    },
    recommendation,
  };
}

/** "mean 3.4 → 5.1 " or "'contract' 20% → 35% ", the most telling change in plain numbers. */
export function describeShift(f: FeatureDrift): string {
  if (f.kind === 'numerical') {
    const [r, c] = [f.reference as NumericalSummary, f.current as NumericalSummary];
    return r.mean !== null && c.mean !== null ? `mean ${formatNumber(r.mean)} → ${formatNumber(c.mean)} ` : '';
  }
  if (f.histogram.kind !== 'categorical') return '';
  const { categories, reference, current } = f.histogram;
  let largest = -1;
  categories.forEach((_, i) => {
    if (largest < 0 || Math.abs(current[i] - reference[i]) > Math.abs(current[largest] - reference[largest]))
      largest = i;
  });
  if (largest < 0) return '';
  const total = (f.current as CategoricalSummary).count;
  return `'${categories[largest]}' ${percent(reference[largest])} → ${percent(current[largest])} of ${formatCount(total)} rows `;
}

function datasetAlert(d: DatasetDrift): Alert[] {
  if (!d.drifted) return [];
  return [
    {
      kind: 'dataset-drift',
      severity: d.share >= Math.min(1, 2 * d.threshold) ? 'high' : 'moderate',
      subject: 'dataset',
      message: datasetDriftSentence(d),
      values: { driftedFeatures: d.driftedFeatures, features: d.features, share: d.share, threshold: d.threshold },
      recommendation:
        'The production population differs from the training data: validate the model on recent labelled data and plan a retrain.',
    },
  ];
}

function performanceAlerts(p: PerformanceReport | null): Alert[] {
  if (!p) return [];
  return p.findings.map((finding) => {
    const drop = finding.baseline !== null ? Math.abs(finding.value - finding.baseline) : 0;
    const severity: Alert['severity'] = finding.rule !== 'max_drop' || drop > 2 * finding.limit ? 'high' : 'moderate';
    return {
      kind: 'performance',
      severity,
      subject: `${finding.model}: ${finding.metric}`,
      message: finding.message,
      values: {
        value: finding.value,
        limit: finding.limit,
        ...(finding.baseline !== null && { baseline: finding.baseline }),
      },
      recommendation: `Look at where ${finding.metric} fell (the time windows and the drifted features); retrain on recent labelled data if the drop persists.`,
    };
  });
}

function newClassAlert(c: NewClass): Alert {
  return {
    kind: 'new-class',
    severity: c.severity,
    subject: c.column,
    message: c.message,
    values: { class: c.label, rows: c.rows, share: c.share },
    recommendation: `Find what '${excerpt(c.label)}' means upstream (a new outcome, a relabelling): map it to a class the model knows, or retrain with labelled rows of it; the model cannot predict a class it never saw.`,
  };
}

function conceptAlerts(c: ConceptReport): Alert[] {
  if (!c.diagnosis.conceptDrift) return [];
  const inputs = c.diagnosis.driftedInputs;
  return c.models
    .filter((m) => m.errorsRose)
    .map((m) => ({
      kind: 'concept-drift' as const,
      severity: 'high' as const,
      subject: m.model,
      message: errorsRoseSentence(c.diagnosis, m),
      values: {
        pValue: m.test.pValue,
        ...(m.current.errorRate !== null && { errorRate: m.current.errorRate }),
        ...(m.current.meanAbsoluteError !== null && { meanAbsoluteError: m.current.meanAbsoluteError }),
      },
      // With inputs drifted the data cannot tell the causes apart: the advice says how to.
      recommendation:
        inputs.length === 0
          ? 'The relation between inputs and target changed: retrain on data from after the change point; check label definitions and business rules that changed then.'
          : `Compare the errors on the rows where ${driftedColumns(inputs)} moved with the others: errors that follow the drifted inputs point to the input change (fix it upstream, or retrain on data that has it); errors everywhere point to a changed relation between inputs and target (retrain on data from after the change point).`,
    }));
}

function qualityAlert(q: QualityFinding): Alert {
  const what: Record<QualityFinding['kind'], string> = {
    'all-missing':
      'Find where the values went (a renamed field, a broken join, a dropped source); exclude the column if it is never filled.',
    'missing-rate':
      'Find why values went missing upstream (a broken join, a renamed field) before trusting drift on this column.',
    'new-categories': 'Map the new categories (or retrain): the model has never seen them.',
    'missing-categories': 'Check whether the categories were renamed or merged upstream.',
    'out-of-range': 'The model extrapolates on these rows: check units and sensor limits.',
    'zero-inflation': 'A default value of 0 may be hiding missing data: check the producer.',
    'constant-column': 'A constant column carries no signal: check the producer of this column.',
    'type-change': 'Fix the producer: text in a numeric column breaks the model input.',
    'duplicate-rows': 'Remove duplicates (a retried batch or a join fan-out) before acting on the numbers.',
  };
  return {
    kind: 'quality',
    severity: q.severity,
    subject: q.column ?? 'rows',
    message: q.message,
    values: q.values,
    recommendation: what[q.kind],
  };
}

/**
 * A value that left its band for the worse. Improvements (a metric above its band, a drift
 * size below) are notes on the window, never alerts: they raise no risk and retrain nothing.
 */
function windowAlerts(w: WindowsReport | null, features: FeatureDrift[]): Alert[] {
  if (!w) return [];
  const methods = new Map(features.map((f) => [f.name, f.method]));
  return w.current.flatMap((window) =>
    window.anomalies.map((a) => {
      const method = methods.get(a.metric);
      const series = method ? `'${a.metric}' (${WINDOW_DRIFT_SIZE[method].label})` : a.metric;
      return {
        kind: 'window-anomaly' as const,
        severity: 'moderate' as const,
        subject: `${window.label}: ${a.metric}`,
        message: `${series} in window ${window.label} is ${formatNumber(a.value)}, ${a.value > a.high ? 'above' : 'below'} its band ${formatNumber(a.low)} … ${formatNumber(a.high)} of the earlier windows.`,
        values: { value: a.value, low: a.low, high: a.high, window: window.label },
        recommendation: `Look at what happened around ${window.start.slice(0, 10)}: a release, an outage, a new traffic source.`,
      };
    }),
  );
}
