/**
 * One number for "how worried should we be", 0–100: the sum of six components, each capped,
 * so that one finding alone, however severe, cannot make the risk high, and 100 takes many
 * severe findings at once (docs/monitoring.md, Risk):
 *
 * | component        | max | points                                                                  |
 * | ---------------- | --: | ----------------------------------------------------------------------- |
 * | input drift      |  30 | 30 × Σ severity weight of drifted inputs / (drift.share × features)     |
 * | prediction drift |  15 | the most severe drifted prediction, probability or target column        |
 * | performance      |  25 | accuracy drop / 0.10 (or MAE rise / 30%), only beyond sampling error;   |
 * |                  |     | at least half when a configured performance limit is broken             |
 * | concept drift    |  10 | errors rose with no input drifted: 10; with some inputs drifted: 5      |
 * | data quality     |  10 | 5 per high finding, 3 per moderate, 1 per low                           |
 * | time windows     |  10 | the same per window anomaly                                             |
 *
 * Severity weights: high 1, moderate 0.6, low 0.3. Levels: none at 0 (nothing found), low
 * from 1, moderate from 15, high from 45 (RISK_LEVELS in protocol/text.ts).
 */
import type {
  Alert,
  ConceptReport,
  DatasetDrift,
  ErrorDrift,
  FeatureDrift,
  PerformanceReport,
  Risk,
  RiskComponent,
  Severity,
  WindowsReport,
} from '../../protocol/report';
import { RISK_LEVELS, RISK_REASONS } from '../../protocol/text';

/** A drifted column's weight by severity; a drifted column is at least low (its alert is), so none weighs as low. */
const SEVERITY_WEIGHT: Record<Severity, number> = { high: 1, moderate: 0.6, low: 0.3, none: 0.3 };
/** A drop in accuracy (points of error rate) that earns the performance component in full. */
const ACCURACY_DROP_AT_FULL = 0.1;
/** A relative rise in mean absolute error that does the same for regression. */
const MAE_RISE_AT_FULL = 0.3;
/** Below this p-value a change in errors is beyond sampling error. */
const SIGNIFICANCE = 0.05;
const FINDING_POINTS: Record<Alert['severity'], number> = { high: 5, moderate: 3, low: 1 };

export interface RiskInputs {
  features: FeatureDrift[];
  dataset: DatasetDrift;
  performance: PerformanceReport | null;
  concept: ConceptReport;
  alerts: Alert[];
  windows: WindowsReport | null;
}

export function riskScore(inputs: RiskInputs): Risk {
  const components = [
    inputDrift(inputs),
    predictionDrift(inputs.features),
    performance(inputs.concept.models, inputs.performance),
    conceptDrift(inputs.concept, inputs.dataset),
    findings('dataQuality', 'quality findings', inputs.alerts, 'quality', null),
    findings(
      'timeWindows',
      'window anomalies',
      inputs.alerts,
      'window-anomaly',
      inputs.windows ? null : RISK_REASONS.noWindows,
    ),
  ];
  const sum = components.reduce((total, c) => total + c.points, 0);
  // Any finding shows: a sliver of points is 1, never 0 ("nothing found").
  const score = sum > 0 ? Math.min(100, Math.max(1, Math.round(sum))) : 0;
  const level = riskLevel(score);
  return { score, level, meaning: RISK_LEVELS[level].meaning, components };
}

export function riskLevel(score: number): Severity {
  const levels = ['high', 'moderate', 'low', 'none'] as const;
  return levels.find((level) => score >= RISK_LEVELS[level].from)!;
}

function component(name: RiskComponent['name'], max: number, points: number, reason: string, measured = true) {
  return { name, points: Math.min(max, points), max, reason, measured };
}

function inputDrift({ features, dataset }: RiskInputs): RiskComponent {
  const weighted = features
    .filter((f) => f.role === 'feature' && f.drifted)
    .reduce((total, f) => total + SEVERITY_WEIGHT[f.severity], 0);
  // The weight of dataset drift with every drifted feature high; at least one feature, so that
  // drift.share 0 or a single feature does not divide by 0.
  const atFull = Math.max(1, dataset.threshold * dataset.features);
  return component('inputDrift', 30, (30 * weighted) / atFull, RISK_REASONS.inputDrift(dataset, weighted, atFull));
}

function predictionDrift(features: FeatureDrift[]): RiskComponent {
  const outputs = features.filter((f) => f.role !== 'feature' && f.drifted);
  const worst = Math.max(0, ...outputs.map((f) => SEVERITY_WEIGHT[f.severity]));
  return component('predictionDrift', 15, 15 * worst, RISK_REASONS.predictionDrift(outputs));
}

/**
 * How much worse the model got, in the error's own units: the error rate (1 − accuracy) or
 * the mean absolute error, counted only when the test of the errors (two-proportion z-test,
 * KS on the absolute residuals) says the change is beyond sampling error. The worst model counts.
 */
function performance(models: ErrorDrift[], report: PerformanceReport | null): RiskComponent {
  if (models.length === 0) return component('performance', 25, 0, RISK_REASONS.noTarget, false);
  const scored = models.map((e) => {
    const classification = e.error === 'misclassification';
    const [reference, current] = classification
      ? [1 - e.reference.errorRate!, 1 - e.current.errorRate!]
      : [e.reference.meanAbsoluteError!, e.current.meanAbsoluteError!];
    const worsening = classification ? reference - current : current / reference - 1;
    const worse = worsening > 0;
    const significant = worse && e.test.pValue < SIGNIFICANCE;
    const fraction = significant ? worsening / (classification ? ACCURACY_DROP_AT_FULL : MAE_RISE_AT_FULL) : 0;
    const reason = RISK_REASONS.performance({
      model: e.model,
      metric: classification ? 'accuracy' : 'mean absolute error',
      reference,
      current,
      pValue: e.test.pValue,
      worse,
      significant,
      fullAt: classification ? `a drop of ${ACCURACY_DROP_AT_FULL}` : `a rise of ${MAE_RISE_AT_FULL * 100}%`,
    });
    return { points: 25 * Math.min(1, fraction), reason };
  });
  const worst = scored.reduce((a, b) => (b.points > a.points ? b : a));
  const broken = report?.findings.length ?? 0;
  // The user's own limit is broken: that is worth looking at whatever the sampling error says.
  if (broken > 0 && worst.points < 12.5)
    return component('performance', 25, 12.5, `${worst.reason}; ${RISK_REASONS.limitsBroken(broken)}`);
  return component('performance', 25, worst.points, worst.reason);
}

function conceptDrift(concept: ConceptReport, dataset: DatasetDrift): RiskComponent {
  if (concept.models.length === 0) return component('conceptDrift', 10, 0, RISK_REASONS.noTarget, false);
  const rose = concept.models.filter((e) => e.errorsRose).map((e) => e.model);
  const driftedInputs = concept.diagnosis.driftedInputs.length;
  // With dataset drift the rise is counted as input drift; with some inputs drifted the cause is open.
  const points = rose.length === 0 || dataset.drifted ? 0 : driftedInputs > 0 ? 5 : 10;
  return component('conceptDrift', 10, points, RISK_REASONS.conceptDrift(rose, driftedInputs, dataset.drifted));
}

function findings(
  name: 'dataQuality' | 'timeWindows',
  what: string,
  alerts: Alert[],
  kind: Alert['kind'],
  /** Why the data cannot tell, or null when it can. */
  unmeasured: string | null,
): RiskComponent {
  if (unmeasured !== null) return component(name, 10, 0, unmeasured, false);
  const counts = { high: 0, moderate: 0, low: 0 };
  for (const a of alerts) if (a.kind === kind) counts[a.severity]++;
  const points = counts.high * FINDING_POINTS.high + counts.moderate * FINDING_POINTS.moderate + counts.low;
  return component(name, 10, points, RISK_REASONS.findings(what, counts));
}
