/**
 * What model performance and concept drift read of a reference profile instead of the
 * reference's rows: each model's reference metrics (the baseline, and the classes every other
 * file is scored over) and what its errors were. A profile made from a data file alone, or
 * from a config with other models, has none of them: that is said, naming the profile.
 */
import type { DriftConfig, ModelColumns } from '../config/model';
import type { Table } from '../data/table';
import { InputError } from '../inputError';
import { exactValues } from '../profile/profiledValues';
import type { ProfiledModel, ReferenceProfile } from '../profile/referenceProfile';

/** The profile's entry for `model`: the same name, prediction, probability and target. */
export function profiledModel(
  table: Table & { profile: ReferenceProfile },
  config: DriftConfig,
  model: ModelColumns,
): ProfiledModel {
  const target = config.columns.target;
  const found = table.profile.models.find((m) => m.name === model.name);
  const matches =
    found !== undefined &&
    found.prediction === model.prediction &&
    (found.probability ?? undefined) === model.probability &&
    found.target === target;
  if (matches) return found;
  const has = table.profile.models.length
    ? `it has the metrics of ${table.profile.models.map((m) => `'${m.name}' (prediction '${m.prediction}', target '${m.target}')`).join(', ')}`
    : 'it was made from a data file alone, without models';
  throw new InputError(
    `${table.path} has no reference metrics of model '${model.name}' (prediction '${model.prediction}'${model.probability ? `, probability '${model.probability}'` : ''}, target '${target}'): ${has}. ` +
      `Make the profile from this config (drift-monitor profile <config> --out ${table.path}) to measure performance against it.`,
    { file: table.path, column: model.prediction },
  );
}

/**
 * The reference's errors of a profiled model as concept drift reads them (monitoring/
 * conceptDrift.ts), where the profile knows them exactly; undefined otherwise. The tests read
 * only how many misclassifications there were among how many rows, or the absolute
 * residuals' values whatever their order: a series of the same count and values stands in.
 */
export function profiledErrors(
  profiled: ProfiledModel,
  task: 'classification' | 'regression',
): Float64Array | undefined {
  if (task === 'classification') {
    if (!profiled.joint) return undefined;
    const { counts } = profiled.joint;
    let rows = 0;
    let wrong = 0;
    counts.forEach((row, truth) =>
      row.forEach((n, predicted) => {
        rows += n;
        if (truth !== predicted) wrong += n;
      }),
    );
    return new Float64Array(rows).fill(1, 0, wrong);
  }
  return profiled.absoluteErrors && exactValues(profiled.absoluteErrors.sketch);
}
