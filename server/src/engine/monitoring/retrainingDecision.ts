/**
 * Should the model be retrained? Any of the configured conditions (`retraining.when`,
 * by default dataset drift, a performance drop, concept drift) calls for it, provided
 * the current data has at least `retraining.min_rows` labelled rows to learn from.
 * Priority follows the risk level, raised to high by a high performance or concept alert.
 */
import type { DriftConfig } from '../config/model';
import type {
  Alert,
  ConceptReport,
  DatasetDrift,
  PerformanceReport,
  RetrainingDecision,
  Risk,
} from '../../protocol/report';
import { driftedFeatures, formatCount } from '../../protocol/text';

export interface RetrainingInputs {
  dataset: DatasetDrift;
  performance: PerformanceReport | null;
  concept: ConceptReport;
  alerts: Alert[];
  risk: Risk;
  /** Current rows with a target value; null without a target column. */
  labelledRows: number | null;
}

export function retrainingDecision(config: DriftConfig['retraining'], inputs: RetrainingInputs): RetrainingDecision {
  const reasons: string[] = [];
  const when = new Set(config.when);
  const { dataset, performance, concept } = inputs;
  if (when.has('dataset_drift') && dataset.drifted) reasons.push(`dataset drift: ${driftedFeatures(dataset)}`);
  if (when.has('performance_drop') && performance && performance.findings.length > 0)
    reasons.push(...performance.findings.map((f) => `performance: ${f.message}`));
  if (when.has('concept_drift') && concept.diagnosis.conceptDrift)
    reasons.push('concept drift: errors rose while the inputs stayed within limits');
  if (reasons.length === 0)
    return {
      retrain: false,
      priority: 'none',
      reasons: ['no retraining condition is met (' + config.when.join(', ') + ')'],
    };

  const rows = inputs.labelledRows;
  if (rows !== null && rows < config.minRows) {
    reasons.push(
      `blocked: only ${formatCount(rows)} labelled current rows, fewer than retraining.min_rows = ${formatCount(config.minRows)}; collect more labels first`,
    );
    return { retrain: false, priority: 'none', reasons };
  }
  if (rows === null) reasons.push('no target column: the amount of labelled data to retrain on is unknown');
  const urgent = inputs.alerts.some(
    (a) => a.severity === 'high' && (a.kind === 'performance' || a.kind === 'concept-drift'),
  );
  const priority = urgent ? 'high' : inputs.risk.level === 'none' ? 'low' : inputs.risk.level;
  return { retrain: true, priority, reasons };
}
