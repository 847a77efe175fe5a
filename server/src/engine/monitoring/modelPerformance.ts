/**
 * Model performance per model on the reference, current and extra files, against a
 * baseline, with the config's limits turned into findings.
 */
import type { DriftConfig, ModelColumns } from '../config/model';
import type { Table } from '../data/table';
import { InputError } from '../inputError';
import { classificationMetrics } from '../performance/classification';
import { modelColumnProblems, skips } from '../performance/modelColumnProblems';
import { newClasses } from '../performance/newClasses';
import { regressionMetrics } from '../performance/regression';
import { inferTask } from '../performance/task';
import type {
  ModelColumnProblem,
  ModelMetrics,
  ModelPerformance,
  PerformanceFinding,
  PerformanceReport,
  MetricName,
  MetricValues,
} from '../../protocol/report';
import type { Column } from '../data/column';
import { METRICS_OF_TASK, RANKING_METRIC, higherIsBetter } from '../../protocol/metrics';
import type { ProfiledModel, ReferenceProfile } from '../profile/referenceProfile';
import { profiledModel } from './profiledModels';

export function modelPerformance(
  config: DriftConfig,
  reference: Table,
  current: Table,
  datasets: Map<string, Table>,
): PerformanceReport | null {
  const target = config.columns.target;
  if (!target || config.models.length === 0) return null;
  // A reference profile holds each model's reference metrics, computed when it was made.
  const profiled =
    reference.profile && config.models.map((model) => profiledModel(reference as ProfileTable, config, model));
  const { task, reason, inferred } = profiled
    ? profileTask(config, reference as ProfileTable, profiled[0])
    : taskOf(config, reference.columns.get(target)!);
  const problems: ModelColumnProblem[] = [];
  const evaluate = (table: Table, model: ModelColumns, classes?: string[]) => {
    const checked = checkedModelMetrics(table, target, model, task, config.performance.positiveClass, classes);
    problems.push(...checked.problems);
    return checked.metrics;
  };

  const models = config.models.map((model, i): ModelPerformance => {
    const onReference = profiled ? profiled[i].metrics : evaluate(reference, model);
    // Every other file is scored over the reference's classes, so that its numbers compare with the reference's.
    const classes = onReference.task === 'classification' ? onReference.classes : undefined;
    const onCurrent = evaluate(current, model, classes);
    const baseline = config.performance.baseline ?? metricValues(onReference);
    const currentValues = metricValues(onCurrent);
    const onDatasets = Object.fromEntries(
      [...datasets].map(([name, table]) => [name, evaluate(table, model, classes)]),
    );
    return {
      model: model.name,
      prediction: model.prediction,
      probability: model.probability ?? null,
      reference: onReference,
      current: onCurrent,
      datasets: onDatasets,
      baseline,
      deltas: difference(currentValues, baseline),
      gaps: Object.fromEntries(
        Object.entries(onDatasets).map(([name, metrics]) => [name, difference(currentValues, metricValues(metrics))]),
      ),
      findings: limitFindings(model.name, currentValues, baseline, config.performance),
    };
  });
  const first = models[0];
  return {
    task,
    taskReason: reason,
    taskInferred: inferred,
    positiveLabel: first.current.task === 'classification' ? first.current.positiveLabel : null,
    baselineSource: config.performance.baseline ? 'config' : 'reference',
    reference: metricValues(first.reference),
    current: metricValues(first.current),
    models,
    best: bestModel(models, task),
    findings: models.flatMap((m) => m.findings),
    problems,
    newClasses: newClasses(target, models),
  };
}

type ProfileTable = Table & { profile: ReferenceProfile };

/** The task the profile's metrics were computed for; a config that sets another cannot be measured against them. */
function profileTask(
  config: DriftConfig,
  reference: ProfileTable,
  first: ProfiledModel,
): { task: 'classification' | 'regression'; reason: string; inferred: boolean } {
  const task = first.metrics.task;
  if (config.task && config.task !== task)
    throw new InputError(
      `${reference.path} holds ${task} metrics of model '${first.name}', but the config sets \`task: ${config.task}\`: make the profile again from this config.`,
      { file: reference.path, column: first.prediction },
    );
  if (config.task) return { task, reason: 'task set in the config', inferred: false };
  return { task, reason: `the task of the reference profile's metrics of '${first.name}'`, inferred: false };
}

function taskOf(
  config: DriftConfig,
  target: Column,
): { task: 'classification' | 'regression'; reason: string; inferred: boolean } {
  if (config.task) return { task: config.task, reason: 'task set in the config', inferred: false };
  return { ...inferTask(target), inferred: true };
}

/**
 * One model's metrics on one file. `classes` (the reference's) scores the file like the
 * reference; without it the file's own labels are the classes.
 */
export function modelMetricsOn(
  table: Table,
  target: string,
  model: ModelColumns,
  task: 'classification' | 'regression',
  positiveClass: string | undefined,
  classes?: string[],
): ModelMetrics {
  return checkedModelMetrics(table, target, model, task, positiveClass, classes).metrics;
}

/** modelMetricsOn, with the problems of the model's columns (modelColumnProblems.ts) whose metrics it left out. */
function checkedModelMetrics(
  table: Table,
  target: string,
  model: ModelColumns,
  task: 'classification' | 'regression',
  positiveClass: string | undefined,
  classes: string[] | undefined,
): { metrics: ModelMetrics; problems: ModelColumnProblem[] } {
  const truth = table.columns.get(target)!;
  const predicted = table.columns.get(model.prediction)!;
  const probability = model.probability ? table.columns.get(model.probability) : undefined;
  if (probability && probability.kind !== 'numerical')
    throw new InputError(`${table.path}, column '${model.probability}': probabilities must be numbers.`, {
      file: table.path,
      column: model.probability,
    });
  if (task === 'classification') {
    const problems = modelColumnProblems({
      model: model.name,
      file: table.path,
      target: truth,
      predicted,
      probability,
      classes,
    });
    const metrics = classificationMetrics(truth, predicted, probability, {
      positiveClass,
      classes,
      labelMetrics: !skips(problems, 'accuracy'),
      logLoss: !skips(problems, 'logLoss'),
    });
    return { metrics, problems };
  }
  for (const [name, column] of [
    [target, truth],
    [model.prediction, predicted],
  ] as const) {
    if (column.kind !== 'numerical')
      throw new InputError(
        `${table.path}, column '${name}': a regression needs numbers, but the column holds text (first at line ${column.nonNumericLines.join(', ')}). Set \`task: classification\` if the labels are classes.`,
        { file: table.path, column: name, line: column.nonNumericLines[0] },
      );
  }
  const metrics = regressionMetrics(
    truth as Extract<Column, { kind: 'numerical' }>,
    predicted as Extract<Column, { kind: 'numerical' }>,
  );
  return { metrics, problems: [] };
}

/** The metrics by name, leaving out those that do not apply (no probability column, one class only). */
export function metricValues(metrics: ModelMetrics): MetricValues {
  const values: MetricValues = {};
  for (const name of METRICS_OF_TASK[metrics.task]) {
    const value = (metrics as unknown as Record<string, number | null>)[name];
    if (typeof value === 'number' && Number.isFinite(value)) values[name] = value;
  }
  return values;
}

function difference(a: MetricValues, b: MetricValues): MetricValues {
  const result: MetricValues = {};
  for (const name of Object.keys(a) as MetricName[]) if (b[name] !== undefined) result[name] = a[name]! - b[name]!;
  return result;
}

/** How much a metric got worse: a fall for scores, a rise for errors. */
export function worsening(metric: MetricName, baseline: number, value: number): number {
  return higherIsBetter(metric) ? baseline - value : value - baseline;
}

function limitFindings(
  model: string,
  values: MetricValues,
  baseline: MetricValues,
  limits: DriftConfig['performance'],
): PerformanceFinding[] {
  const findings: PerformanceFinding[] = [];
  const show = (x: number) => String(Number(x.toPrecision(4)));
  for (const [metric, limit] of Object.entries(limits.maxDrop) as [MetricName, number][]) {
    const value = values[metric];
    const base = baseline[metric];
    if (value === undefined || base === undefined) continue;
    const drop = worsening(metric, base, value);
    if (drop > limit)
      findings.push({
        model,
        metric,
        rule: 'max_drop',
        value,
        baseline: base,
        limit,
        message: `${metric} of ${model} went from ${show(base)} to ${show(value)}: worse by ${show(drop)}, more than the ${show(limit)} allowed.`,
      });
  }
  for (const [metric, limit] of Object.entries(limits.min) as [MetricName, number][]) {
    const value = values[metric];
    if (value !== undefined && value < limit)
      findings.push({
        model,
        metric,
        rule: 'min',
        value,
        baseline: baseline[metric] ?? null,
        limit,
        message: `${metric} of ${model} is ${show(value)}, below the floor ${show(limit)}.`,
      });
  }
  for (const [metric, limit] of Object.entries(limits.max) as [MetricName, number][]) {
    const value = values[metric];
    if (value !== undefined && value > limit)
      findings.push({
        model,
        metric,
        rule: 'max',
        value,
        baseline: baseline[metric] ?? null,
        limit,
        message: `${metric} of ${model} is ${show(value)}, above the ceiling ${show(limit)}.`,
      });
  }
  return findings;
}

function bestModel(models: ModelPerformance[], task: 'classification' | 'regression'): PerformanceReport['best'] {
  const metric = RANKING_METRIC[task];
  const scored = models
    .map((m) => ({ model: m.model, value: metricValues(m.current)[metric] }))
    .filter((m): m is { model: string; value: number } => m.value !== undefined);
  if (scored.length < 2) return null;
  const better = (a: number, b: number) => (higherIsBetter(metric) ? a > b : a < b);
  const best = scored.reduce((a, b) => (better(b.value, a.value) ? b : a));
  return { model: best.model, metric, value: best.value };
}
