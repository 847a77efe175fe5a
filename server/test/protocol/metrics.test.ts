/** The metric table against the two JSON Schemas, and the rule for the metric a summary shows. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  METRIC_NAMES,
  METRICS,
  METRICS_OF_TASK,
  RANKING_METRIC,
  higherIsBetter,
  mainMetric,
} from '../../src/protocol/metrics';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../../schemas/${name}`, import.meta.url), 'utf8'));
const configSchema = load('drift-monitor.schema.json');
const reportSchema = load('report.schema.json');
const sorted = (names: readonly string[]) => [...names].sort();

describe('the schemas agree with the metric table', () => {
  it('the config takes every metric as a value and as a limit, and no other', () => {
    expect(sorted(Object.keys(configSchema.definitions.metricValues.properties))).toEqual(sorted(METRIC_NAMES));
    expect(sorted(Object.keys(configSchema.definitions.metricLimits.properties))).toEqual(sorted(METRIC_NAMES));
  });

  it('the report names every metric in findings and in the best model', () => {
    const { definitions } = reportSchema;
    expect(sorted(Object.keys(definitions.metricValues.properties))).toEqual(sorted(METRIC_NAMES));
    expect(sorted(definitions.performanceFinding.properties.metric.enum)).toEqual(sorted(METRIC_NAMES));
    expect(sorted(definitions.performance.properties.best.oneOf[1].properties.metric.enum)).toEqual(
      sorted(METRIC_NAMES),
    );
  });

  it("the report's regression metrics are the table's", () => {
    const regression = Object.keys(reportSchema.definitions.regressionMetrics.properties).filter((key) =>
      Object.hasOwn(METRICS, key),
    );
    expect(sorted(regression)).toEqual(sorted(METRICS_OF_TASK.regression));
  });
});

describe('the metric rules', () => {
  it('splits the metrics by task, and ranks by one of the task', () => {
    expect(METRICS_OF_TASK).toEqual({
      classification: ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'logLoss'],
      regression: ['mae', 'rmse', 'r2', 'mape'],
    });
    expect(RANKING_METRIC).toEqual({ classification: 'f1', regression: 'rmse' });
  });

  it('says scores are better higher and errors lower, and no for a name that is no metric', () => {
    expect(METRIC_NAMES.filter(higherIsBetter)).toEqual(['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'r2']);
    expect(higherIsBetter('f2')).toBe(false);
  });

  it('shows the ranking metric, else the first of the task with a value', () => {
    expect(mainMetric('classification', { accuracy: 0.9, f1: 0.8 })).toBe('f1');
    expect(mainMetric('classification', { accuracy: 0.9, f1: null })).toBe('accuracy');
    expect(mainMetric('regression', { mae: 1, rmse: 2 })).toBe('rmse');
    expect(mainMetric('regression', { mae: 1 })).toBe('mae');
    expect(mainMetric(null, { f1: 0.5 })).toBe('f1');
    expect(mainMetric('regression', { f1: 0.5 })).toBeNull();
  });
});
