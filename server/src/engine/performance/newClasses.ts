/**
 * Target classes of the current file that the reference does not have. The current metrics
 * are scored over the reference's classes (classification.ts `options.classes`), so a new
 * class does not change how they are averaged; it is its own finding instead: how many rows,
 * and how each model predicted them (a model never trained on the class cannot get them right).
 */
import type { ClassificationMetrics, ModelPerformance, NewClass, Severity } from '../../protocol/report';
import { newClassSentence } from '../../protocol/text';

/** The thresholds of a new category in data quality (quality/qualityFindings.ts), so the two read alike. */
const MODERATE_SHARE = 0.01;
const HIGH_SHARE = 0.1;

export function newClasses(target: string, models: ModelPerformance[]): NewClass[] {
  const scored = models.flatMap((m) => (m.current.task === 'classification' && m.current.rows > 0 ? [m] : []));
  if (scored.length === 0) return [];
  const first = scored[0].current as ClassificationMetrics;
  const known = new Set(first.classes);
  return first.perClass
    .filter((c) => c.support > 0 && !known.has(c.label))
    .map((c): NewClass => {
      const predictions = scored.map((m) => ({
        model: m.model,
        predictedAs: predictedAs(m.current as ClassificationMetrics, c.label),
      }));
      const share = c.support / first.rows;
      return {
        column: target,
        label: c.label,
        rows: c.support,
        share,
        severity: severityOf(share),
        predictions,
        message: newClassSentence({
          column: target,
          label: c.label,
          rows: c.support,
          ofRows: first.rows,
          classes: first.classes,
          predictions,
        }),
      };
    });
}

/** The labels predicted on the rows whose truth is `label`: its row of the confusion matrix, most frequent first. */
function predictedAs(metrics: ClassificationMetrics, label: string): { label: string; rows: number }[] {
  const row = metrics.confusionMatrix[metrics.labels.indexOf(label)] ?? [];
  return metrics.labels
    .map((predicted, i) => ({ label: predicted, rows: row[i] ?? 0 }))
    .filter((entry) => entry.rows > 0)
    .sort((a, b) => b.rows - a.rows);
}

function severityOf(share: number): Exclude<Severity, 'none'> {
  return share >= HIGH_SHARE ? 'high' : share >= MODERATE_SHARE ? 'moderate' : 'low';
}
