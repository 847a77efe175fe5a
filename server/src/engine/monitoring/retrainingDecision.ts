/**
 * Should the model be retrained? Any of the configured conditions (`retraining.when`,
 * by default dataset drift, a performance drop, concept drift) calls for it. It is then
 * `recommended` when the current data has enough labelled rows to learn from and to check
 * the new model on (`retraining.min_rows`, or the default below), and `blocked` otherwise,
 * with the number of labels still to collect.
 * Priority follows the risk level, raised to high by a high performance or concept alert; a
 * blocked recommendation keeps it, to say how urgent collecting the labels is.
 */
import type { DriftConfig } from '../config/model';
import type {
  Alert,
  ConceptReport,
  DatasetDrift,
  PerformanceReport,
  RetrainingDecision,
  Risk,
  Severity,
} from '../../protocol/report';
import { conceptDriftReason, driftedFeatures, formatCount, plural } from '../../protocol/text';

/** The two-sided 95% normal quantile, scipy.stats.norm.ppf(0.975). */
const Z_95 = 1.959963984540054;
/** The half-width of the confidence interval the default asks for, in standard deviations of one row. */
const HALF_WIDTH = 0.1;
/**
 * The default of `retraining.min_rows`: the labelled rows that measure the current performance
 * within ±0.1 standard deviations of one row at 95% confidence, n = (1.96 / 0.1)² = 384.1 → 385.
 * For a proportion (accuracy, error rate; at worst p = 0.5, sd 0.5) that is ±5 percentage
 * points; for a mean error (regression), ±0.1 of the errors' spread. Fewer labels cannot tell
 * the new model's performance from the old one's by less than that.
 */
export const DEFAULT_MIN_ROWS = Math.ceil((Z_95 / HALF_WIDTH) ** 2);

/**
 * `retraining.min_rows` when the config gives none: DEFAULT_MIN_ROWS, or the reference's
 * labelled rows when it has fewer (but some), since the model was judged on no more than those.
 */
export function defaultMinRows(referenceLabelledRows: number | null): number {
  return referenceLabelledRows && referenceLabelledRows < DEFAULT_MIN_ROWS ? referenceLabelledRows : DEFAULT_MIN_ROWS;
}

export interface RetrainingInputs {
  dataset: DatasetDrift;
  performance: PerformanceReport | null;
  concept: ConceptReport;
  alerts: Alert[];
  risk: Risk;
  /** Current rows with a target value; null without a target column. */
  labelledRows: number | null;
  /** Reference rows with a target value; null without a target column. */
  referenceLabelledRows: number | null;
}

export function retrainingDecision(config: DriftConfig['retraining'], inputs: RetrainingInputs): RetrainingDecision {
  const reasons: string[] = [];
  const when = new Set(config.when);
  const { dataset, performance, concept } = inputs;
  const minRows = config.minRows ?? defaultMinRows(inputs.referenceLabelledRows);
  if (when.has('dataset_drift') && dataset.drifted) reasons.push(`dataset drift: ${driftedFeatures(dataset)}`);
  if (when.has('performance_drop') && performance && performance.findings.length > 0)
    reasons.push(...performance.findings.map((f) => `performance: ${f.message}`));
  if (when.has('concept_drift') && concept.diagnosis.conceptDrift)
    reasons.push(conceptDriftReason(concept.diagnosis.driftedInputs));
  if (reasons.length === 0)
    return {
      state: 'not-needed',
      retrain: false,
      priority: 'none',
      minRows,
      reasons: ['no retraining condition is met (' + config.when.join(', ') + ')'],
    };

  const priority = retrainingPriority(inputs);
  const rows = inputs.labelledRows;
  if (rows !== null && rows < minRows) {
    const labelsNeeded = minRows - rows;
    reasons.push(
      `blocked: ${plural(rows, 'labelled current row')}, fewer than ${minRowsRule(config.minRows, minRows)}; collect ${plural(labelsNeeded, 'more label')} first`,
    );
    return { state: 'blocked', retrain: false, priority, labelsNeeded, minRows, reasons };
  }
  if (rows === null) reasons.push('no target column: the amount of labelled data to retrain on is unknown');
  return { state: 'recommended', retrain: true, priority, minRows, reasons };
}

function retrainingPriority(inputs: RetrainingInputs): Severity {
  const urgent = inputs.alerts.some(
    (a) => a.severity === 'high' && (a.kind === 'performance' || a.kind === 'concept-drift'),
  );
  return urgent ? 'high' : inputs.risk.level === 'none' ? 'low' : inputs.risk.level;
}

/** Where the required number of labelled rows came from, for the blocked reason. */
function minRowsRule(configured: number | undefined, minRows: number): string {
  if (configured !== undefined) return `retraining.min_rows = ${formatCount(minRows)}`;
  if (minRows < DEFAULT_MIN_ROWS)
    return `the reference's ${plural(minRows, 'labelled row')} (the default of retraining.min_rows when the reference has fewer than ${formatCount(DEFAULT_MIN_ROWS)})`;
  return `the ${formatCount(minRows)} that measure the current performance within ±5 percentage points at 95% confidence (the default of retraining.min_rows)`;
}
