/**
 * Everything after per-feature drift that answers "is the model still good, since
 * when, and what should we do": performance, concept drift, data quality, time
 * windows, alerts, risk and the retraining decision.
 */
import type { DriftConfig } from '../config/model';
import type { Table } from '../data/table';
import type {
  ColumnQuality,
  ConceptReport,
  DatasetDrift,
  FeatureDrift,
  PerformanceReport,
  Report,
  WindowsReport,
} from '../../protocol/report';
import { dataQuality, scanQuality } from '../quality/dataQuality';
import { parseTimestamps } from '../windows/timestamps';
import { parseWindowSpec } from '../windows/windowSpec';
import { splitIntoWindows, timeOrder, type TimeWindow } from '../windows/split';
import { buildAlerts } from './alerts';
import { errorDrift, errorSeries, type TimeOrder } from './conceptDrift';
import { diagnose } from './diagnosis';
import { modelPerformance } from './modelPerformance';
import { retrainingDecision } from './retrainingDecision';
import { riskScore } from './risk';
import { sharedReference, windowReports, type SharedReference } from './windowDrift';
import type { ColumnPair } from '../analysis/columnPair';
import { andList, formatCount } from '../../protocol/text';
import type { ModelColumns } from '../config/model';
import { InputError } from '../inputError';
import type { ReferenceProfile } from '../profile/referenceProfile';
import { profiledErrors, profiledModel } from './profiledModels';

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

/**
 * What monitoring reads of the data alone, without the drift tests' results: the analysis
 * takes it while the tests run (see analysis/analyze.ts), when a core would otherwise wait
 * for them. What went wrong is kept, and thrown where monitor() would meet it, so that the
 * report, and the first error of a run, are those of reading it after the tests.
 */
export interface MonitorPreparation {
  /** The current file's rows with a timestamp in time order, when the config names a timestamp. */
  currentTimes: Attempt<CurrentTimes> | null;
  /** The quality scan of each tested column, then of each empty one (scanQuality), in order. */
  quality: (() => ColumnQuality)[];
  /** With `windows:` and readable current timestamps: each file's windows, and what every window reads of the reference. */
  windows: PreparedWindows | null;
}

interface CurrentTimes {
  order: TimeOrder;
  /** Rows without a timestamp. */
  missing: number;
}

interface PreparedWindows {
  current: Attempt<TimeWindow[]>;
  /** With `windows.reference`. */
  reference: Attempt<TimeWindow[]> | null;
  references: Map<string, SharedReference>;
}

/** A result, or what its making threw. */
type Attempt<T> = { value: T } | { error: unknown };

function attempt<T>(make: () => T): Attempt<T> {
  try {
    return { value: make() };
  } catch (error) {
    return { error };
  }
}

function valueOf<T>(attempted: Attempt<T>): T {
  if ('error' in attempted) throw attempted.error;
  return attempted.value;
}

/**
 * MonitorPreparation, a step at a time: `pause` is awaited before each step (a column's
 * quality, a file's windows, a feature's reference), so that the drift tests sharing this
 * thread go on between them, and it may throw to stop (the analysis was cancelled).
 */
export async function prepareMonitoring(
  {
    config,
    reference,
    current,
    pairs,
    emptyPairs,
  }: Pick<MonitorInputs, 'config' | 'reference' | 'current' | 'pairs' | 'emptyPairs'>,
  pause: () => Promise<void>,
): Promise<MonitorPreparation> {
  const timestamp = config.columns.timestamp;
  await pause();
  const currentTimes = timestamp ? attempt(() => currentTimeOrder(current, timestamp)) : null;
  const quality: (() => ColumnQuality)[] = [];
  for (const pair of [...pairs, ...emptyPairs]) {
    await pause();
    quality.push(scanQuality(pair, reference, current));
  }
  const windows = config.windows;
  if (!windows || !timestamp || !currentTimes || 'error' in currentTimes)
    return { currentTimes, quality, windows: null };
  const spec = attempt(() => parseWindowSpec(windows.every));
  // Thrown where the current file's windows are read, the first use of the spec.
  if ('error' in spec)
    return { currentTimes, quality, windows: { current: spec, reference: null, references: new Map() } };
  await pause();
  const { rows, times, sorted } = currentTimes.value.order;
  const currentWindows = attempt(() => splitIntoWindows(times, spec.value, { order: rows, sorted }));
  let referenceWindows: Attempt<TimeWindow[]> | null = null;
  if (windows.reference && reference.profile)
    referenceWindows = {
      error: new InputError(
        `windows.reference: true cuts the reference's rows into time windows, which the reference profile ${reference.path} does not keep. Remove it, or make the reference a data file.`,
        { file: config.configPath },
      ),
    };
  else if (windows.reference) {
    await pause();
    referenceWindows = attempt(() =>
      splitIntoWindows(parseTimestamps(reference.columns.get(timestamp)!, reference.path).times, spec.value),
    );
  }
  const references = new Map<string, SharedReference>();
  for (const pair of pairs.filter((p) => p.role === 'feature')) {
    await pause();
    const shared = sharedReference(pair);
    if (shared) references.set(pair.name, shared);
  }
  return {
    currentTimes,
    quality,
    windows: { current: currentWindows, reference: referenceWindows, references },
  };
}

export function monitor(inputs: MonitorInputs, prepared: MonitorPreparation): Monitoring {
  const { config, reference, current, features, dataset, notes } = inputs;
  const performance = modelPerformance(config, reference, current, inputs.datasets);
  if (performance?.taskInferred)
    notes.push(`Task ${performance.task}: ${performance.taskReason}. Set \`task:\` to change it.`);
  const task = performance?.task ?? null;
  if (performance) notes.push(...mapeNotes(performance));

  const currentTimes = prepared.currentTimes && timeOrderNoted(valueOf(prepared.currentTimes), current, config, notes);
  const concept = conceptReport(inputs, task, currentTimes);
  const quality = dataQuality(reference, current, [...inputs.pairs, ...inputs.emptyPairs], prepared.quality);
  // Each window is scored over the reference's classes, as the current file is (a class new in a window is not averaged in).
  const firstModel = performance?.models[0]?.reference;
  const classes = firstModel?.task === 'classification' ? firstModel.classes : undefined;
  const windows =
    currentTimes && prepared.windows ? windowsReport(inputs, task, currentTimes, prepared.windows, classes) : null;

  const alerts = buildAlerts({ features, dataset, performance, concept, qualityFindings: quality.findings, windows });
  const risk = riskScore({ features, dataset, performance, concept, alerts, windows });
  const target = config.columns.target;
  const labelled = (table: Table) => {
    // A profile's rows are in its target's stream.
    const stream = target ? table.profile?.columns.get(target)?.stream : undefined;
    if (stream) return stream.rows - stream.missing;
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
function currentTimeOrder(table: Table, column: string): CurrentTimes {
  const { times, missing } = parseTimestamps(table.columns.get(column)!, table.path);
  const { order, sorted } = timeOrder(times);
  return { order: { rows: order, times, sorted }, missing };
}

/** The time order, and a note of the rows it leaves out. */
function timeOrderNoted(
  { order, missing }: CurrentTimes,
  table: Table,
  config: DriftConfig,
  notes: string[],
): TimeOrder {
  if (missing > 0)
    notes.push(
      `${formatCount(missing)} rows of ${table.path} have no timestamp in '${config.columns.timestamp}': left out of time windows and change-point detection.`,
    );
  return order;
}

function conceptReport(
  inputs: MonitorInputs,
  task: 'classification' | 'regression' | null,
  order: TimeOrder | null,
): ConceptReport {
  const { config, reference, current, features, dataset } = inputs;
  const target = config.columns.target;
  const referenceErrors = (model: ModelColumns, task: 'classification' | 'regression') =>
    reference.profile
      ? profiledErrors(profiledModel(reference as Table & { profile: ReferenceProfile }, config, model), task)
      : errorSeries(reference, target!, model, task);
  const models =
    target && task
      ? config.models.flatMap((model) => {
          const errors = referenceErrors(model, task);
          if (errors === undefined) {
            inputs.notes.push(
              `Concept drift of ${model.name}: not available from the reference profile, whose absolute residuals were sketched (the test compares every residual).`,
            );
            return [];
          }
          return [errorDrift(model.name, task, errors, errorSeries(current, target, model, task), order)];
        })
      : [];
  return { models, diagnosis: diagnose(dataset, features, models) };
}

function windowsReport(
  inputs: MonitorInputs,
  task: 'classification' | 'regression' | null,
  currentTimes: TimeOrder,
  prepared: PreparedWindows,
  classes: string[] | undefined,
): WindowsReport {
  const { config, reference, current } = inputs;
  const windows = config.windows!;
  const context = {
    config,
    pairs: inputs.pairs,
    references: prepared.references,
    features: inputs.features,
    task,
    classes,
  };
  const referenceWindows = prepared.reference
    ? windowReports(valueOf(prepared.reference), reference, 'reference', context)
    : null;
  const untested = inputs.pairs.filter((p) => p.role === 'feature' && !prepared.references.has(p.name));
  if (untested.length > 0)
    inputs.notes.push(
      `Time windows: ${andList(untested.map((p) => `'${p.name}'`))} not tested per window: the reference profile's sketch of ${untested.length === 1 ? 'it' : 'them'} compacted (or counted too many categories), and a window's tests compare every value. The whole current file is tested against it above.`,
    );
  return {
    every: windows.every,
    dynamicK: windows.dynamicK,
    rowsWithoutTimestamp: current.rows - currentTimes.rows.length,
    current: windowReports(valueOf(prepared.current), current, 'current', context),
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
