/**
 * Everything after per-feature drift that answers "is the model still good, since
 * when, and what should we do": performance, concept drift, data quality, time
 * windows, alerts, risk and the retraining decision.
 */
import type { DriftConfig } from '../config/model';
import type { Table } from '../data/table';
import type {
  ConceptReport,
  DatasetDrift,
  FeatureDrift,
  PerformanceReport,
  Report,
  WindowsReport,
} from '../../protocol/report';
import { dataQuality } from '../quality/dataQuality';
import { parseTimestamps } from '../windows/timestamps';
import { parseWindowSpec } from '../windows/windowSpec';
import { splitIntoWindows, timeOrder } from '../windows/split';
import { buildAlerts } from './alerts';
import { errorDrift, errorSeries, type TimeOrder } from './conceptDrift';
import { diagnose } from './diagnosis';
import { modelPerformance } from './modelPerformance';
import { retrainingDecision } from './retrainingDecision';
import { riskScore } from './risk';
import { windowReports } from './windowDrift';
import type { ColumnPair } from '../analysis/columnPair';
import { formatCount } from '../../protocol/text';

export interface MonitorInputs {
  config: DriftConfig;
  reference: Table;
  current: Table;
  datasets: Map<string, Table>;
  pairs: ColumnPair[];
  /** Columns without values in a file: not tested for drift, but data quality reads them. */
  emptyPairs: ColumnPair[];
  features: FeatureDrift[];
  dataset: DatasetDrift;
  /** Appended to: how numbers were made. */
  notes: string[];
}

type Monitoring = Pick<
  Report,
  'task' | 'performance' | 'concept' | 'quality' | 'windows' | 'alerts' | 'risk' | 'retraining'
>;

export function monitor(inputs: MonitorInputs): Monitoring {
  const { config, reference, current, features, dataset, notes } = inputs;
  const performance = modelPerformance(config, reference, current, inputs.datasets);
  if (performance?.taskInferred)
    notes.push(`Task ${performance.task}: ${performance.taskReason}. Set \`task:\` to change it.`);
  const task = performance?.task ?? null;
  if (performance) notes.push(...mapeNotes(performance));

  const currentTimes = config.columns.timestamp ? currentTimeOrder(current, config.columns.timestamp, notes) : null;
  const concept = conceptReport(inputs, task, currentTimes);
  const quality = dataQuality(reference, current, [...inputs.pairs, ...inputs.emptyPairs]);
  // Each window is scored over the reference's classes, as the current file is (a class new in a window is not averaged in).
  const firstModel = performance?.models[0]?.reference;
  const classes = firstModel?.task === 'classification' ? firstModel.classes : undefined;
  const windows = config.windows && currentTimes ? windowsReport(inputs, task, currentTimes, classes) : null;

  const alerts = buildAlerts({ features, dataset, performance, concept, qualityFindings: quality.findings, windows });
  const risk = riskScore({ features, dataset, performance, concept, alerts, windows });
  const target = config.columns.target;
  const labelled = (table: Table) => {
    const column = target ? table.columns.get(target) : undefined;
    return column ? table.rows - column.missing : null;
  };
  const retraining = retrainingDecision(config.retraining, {
    dataset,
    performance,
    concept,
    alerts,
    risk,
    labelledRows: labelled(current),
    referenceLabelledRows: labelled(reference),
  });
  return { task, performance, concept, quality, windows, alerts, risk, retraining };
}

/** Rows with a timestamp in time order (stable for equal times), with each row's time. */
function currentTimeOrder(table: Table, column: string, notes: string[]): TimeOrder {
  const { times, missing } = parseTimestamps(table.columns.get(column)!, table.path);
  if (missing > 0)
    notes.push(
      `${formatCount(missing)} rows of ${table.path} have no timestamp in '${column}': left out of time windows and change-point detection.`,
    );
  const { order, sorted } = timeOrder(times);
  return { rows: order, times, sorted };
}

function conceptReport(
  inputs: MonitorInputs,
  task: 'classification' | 'regression' | null,
  order: TimeOrder | null,
): ConceptReport {
  const { config, reference, current, features, dataset } = inputs;
  const target = config.columns.target;
  const models =
    target && task
      ? config.models.map((model) =>
          errorDrift(
            model.name,
            task,
            errorSeries(reference, target, model, task),
            errorSeries(current, target, model, task),
            order,
          ),
        )
      : [];
  return { models, diagnosis: diagnose(dataset, features, models) };
}

function windowsReport(
  inputs: MonitorInputs,
  task: 'classification' | 'regression' | null,
  currentTimes: TimeOrder,
  classes: string[] | undefined,
): WindowsReport {
  const { config, reference, current } = inputs;
  const windows = config.windows!;
  const spec = parseWindowSpec(windows.every);
  const context = { config, pairs: inputs.pairs, features: inputs.features, task, classes };
  const referenceWindows = windows.reference
    ? windowReports(
        splitIntoWindows(
          parseTimestamps(reference.columns.get(config.columns.timestamp!)!, reference.path).times,
          spec,
        ),
        reference,
        'reference',
        context,
      )
    : null;
  return {
    every: windows.every,
    dynamicK: windows.dynamicK,
    rowsWithoutTimestamp: current.rows - currentTimes.rows.length,
    current: windowReports(
      splitIntoWindows(currentTimes.times, spec, { order: currentTimes.rows, sorted: currentTimes.sorted }),
      current,
      'current',
      context,
    ),
    reference: referenceWindows,
  };
}

/** MAPE leaves out rows whose target is 0 (their percentage error is undefined); say how many. */
function mapeNotes(performance: PerformanceReport): string[] {
  return performance.models.flatMap((m) =>
    (['reference', 'current'] as const).flatMap((file) => {
      const metrics = m[file];
      const skipped = metrics.task === 'regression' ? metrics.mapeZeroTargetsSkipped : 0;
      return skipped > 0
        ? [`mape of ${m.model} on the ${file} file leaves out ${formatCount(skipped)} rows whose target is 0.`]
        : [];
    }),
  );
}
