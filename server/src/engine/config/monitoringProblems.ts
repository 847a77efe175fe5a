/**
 * Checks on the model-monitoring keys (performance, windows, models) that the schema
 * cannot express: what each needs from `columns`, and limits that fit their metric.
 */
import { excerpt } from '../../protocol/text';
import type { Document } from 'yaml';
import { METRICS_OF_TASK, higherIsBetter, type MetricName } from '../../protocol/metrics';
import { plainValue } from './plainData';
import { problemAt, type ConfigProblem } from './problem';

interface Raw {
  task?: 'classification' | 'regression';
  columns?: { target?: string; prediction?: string; timestamp?: string };
  models?: unknown;
  performance?: Record<string, unknown>;
  windows?: unknown;
}

export function monitoringProblems(document: Document): ConfigProblem[] {
  const raw = (plainValue(document) ?? {}) as Raw;
  const problems: ConfigProblem[] = [];
  const at = (segments: (string | number)[], message: string, code: string, on: 'key' | 'value' = 'key') =>
    problems.push(problemAt(document, segments, on, 'error', code, message));

  if (raw.models && raw.columns?.prediction)
    at(
      ['models'],
      '`models` and `columns.prediction` both name prediction columns: keep one (list the single model under `models`, or drop `models`).',
      'models-and-prediction',
    );
  const seen = new Set<string>();
  // A `models` that is not a list of named models is the schema's to report: only names are compared here.
  const models = Array.isArray(raw.models) ? (raw.models as unknown[]) : [];
  models.forEach((model, i) => {
    const name = (model as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return;
    if (seen.has(name))
      at(
        ['models', i, 'name'],
        `Two models are called \`${excerpt(name)}\`: model names must differ.`,
        'duplicate-model-name',
        'value',
      );
    seen.add(name);
  });

  const hasPrediction = Boolean(raw.columns?.prediction || raw.models);
  if (raw.performance && !(raw.columns?.target && hasPrediction)) {
    at(
      ['performance'],
      '`performance` needs `columns.target` (the truth) and a prediction column (`columns.prediction` or `models`).',
      'performance-needs-columns',
    );
  }
  if (raw.windows && !raw.columns?.timestamp)
    at(['windows'], '`windows` needs `columns.timestamp` to put rows in time order.', 'windows-need-timestamp');

  for (const group of ['baseline', 'max_drop', 'min', 'max'] as const) {
    const values = raw.performance?.[group];
    if (!values || typeof values !== 'object') continue;
    for (const metric of Object.keys(values) as MetricName[]) {
      if (raw.task && !METRICS_OF_TASK[raw.task].includes(metric)) {
        at(
          ['performance', group, metric],
          `\`${excerpt(metric)}\` is not a ${raw.task} metric (${METRICS_OF_TASK[raw.task].join(', ')}).`,
          'metric-not-for-task',
        );
      } else if (group === 'min' && !higherIsBetter(metric)) {
        at(
          ['performance', group, metric],
          `\`${metric}\` is better when lower: a floor does not fit it; use \`performance.max.${metric}\`.`,
          'floor-on-error-metric',
        );
      } else if (group === 'max' && higherIsBetter(metric)) {
        at(
          ['performance', group, metric],
          `\`${metric}\` is better when higher: a ceiling does not fit it; use \`performance.min.${metric}\`.`,
          'ceiling-on-score-metric',
        );
      }
    }
  }
  return problems;
}
