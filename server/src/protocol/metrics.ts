/**
 * The performance metrics: the one table of their names, the task each belongs to and which
 * way is better, and the metric that ranks models and stands for a run. The engine (findings,
 * the best model, the history), the config validator, the editor assists and the report page
 * all read it. Part of the contract: pure, importing nothing.
 */

export type Task = 'classification' | 'regression';

export interface MetricInfo {
  task: Task;
  higherIsBetter: boolean;
  /** The values the metric can take, [lowest, highest]: a band around it is clamped to them. */
  range: readonly [number, number];
}

/** In the order tables and charts show them. */
const TABLE = {
  accuracy: { task: 'classification', higherIsBetter: true, range: [0, 1] },
  precision: { task: 'classification', higherIsBetter: true, range: [0, 1] },
  recall: { task: 'classification', higherIsBetter: true, range: [0, 1] },
  f1: { task: 'classification', higherIsBetter: true, range: [0, 1] },
  rocAuc: { task: 'classification', higherIsBetter: true, range: [0, 1] },
  logLoss: { task: 'classification', higherIsBetter: false, range: [0, Infinity] },
  mae: { task: 'regression', higherIsBetter: false, range: [0, Infinity] },
  rmse: { task: 'regression', higherIsBetter: false, range: [0, Infinity] },
  r2: { task: 'regression', higherIsBetter: true, range: [-Infinity, 1] },
  mape: { task: 'regression', higherIsBetter: false, range: [0, Infinity] },
} as const satisfies Record<string, MetricInfo>;

/** The performance metrics, by the names the config and the report use. */
export type MetricName = keyof typeof TABLE;

export const METRICS: { readonly [M in MetricName]: MetricInfo } = TABLE;

export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export const METRICS_OF_TASK: Record<Task, MetricName[]> = {
  classification: METRIC_NAMES.filter((name) => METRICS[name].task === 'classification'),
  regression: METRIC_NAMES.filter((name) => METRICS[name].task === 'regression'),
};

/** Scores are better higher; errors (logLoss, mae, rmse, mape) lower. False for a name that is no metric (a config's typo). */
export function higherIsBetter(name: string): boolean {
  return Object.hasOwn(METRICS, name) && METRICS[name as MetricName].higherIsBetter;
}

/** What ranks models against each other and stands for a run in the history: f1, or rmse for regression. */
export const RANKING_METRIC: Record<Task, MetricName> = { classification: 'f1', regression: 'rmse' };

/**
 * The metric a summary shows for a task (a KPI card, a trend): the ranking metric, or, where
 * it has no value, the first of the task's others that has one. Without a task: classification's.
 */
export function mainMetric(task: Task | null, values: Partial<Record<MetricName, number | null>>): MetricName | null {
  const of = task ?? 'classification';
  const order = [RANKING_METRIC[of], ...METRICS_OF_TASK[of].filter((name) => name !== RANKING_METRIC[of])];
  return order.find((name) => typeof values[name] === 'number') ?? null;
}
