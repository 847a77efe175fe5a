/**
 * The diagnosis: what moved, told apart as far as the data allows.
 *
 * - Data drift: the share of drifted input features reached drift.share.
 * - Some inputs drifted, under drift.share: named, never called "no drift".
 * - Prediction drift: a model's prediction or probability column drifted; target drift: the
 *   label mix changed.
 * - Concept drift proper: a model's errors rose while no input feature drifted, so the
 *   relation between inputs and target changed.
 * - Errors rose while some inputs drifted: both are said; the data cannot tell whether the
 *   drifted inputs or a changed relation made the errors rise.
 *
 * Every sentence comes from DIAGNOSIS in protocol/text.ts and rests on the feature verdicts
 * it is given, so the diagnosis cannot contradict the feature table.
 */
import type { DatasetDrift, DriftDiagnosis, ErrorDrift, FeatureDrift, Severity } from '../../protocol/report';
import { DIAGNOSIS, errorRateChange, formatNumber, type ErrorsRose } from '../../protocol/text';

const SEVERITY_ORDER: Severity[] = ['high', 'moderate', 'low', 'none'];

export function diagnose(dataset: DatasetDrift, features: FeatureDrift[], errorDrifts: ErrorDrift[]): DriftDiagnosis {
  const driftedInputs = features
    .filter((f) => f.role === 'feature' && f.drifted)
    .map((f) => ({ name: f.name, severity: f.severity }))
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const explanation: string[] = [];
  if (dataset.drifted) explanation.push(DIAGNOSIS.dataDrift(dataset, driftedInputs));
  else if (driftedInputs.length > 0) explanation.push(DIAGNOSIS.someInputs(driftedInputs));

  const movedOutputs = features.filter((f) => (f.role === 'prediction' || f.role === 'probability') && f.drifted);
  for (const f of movedOutputs) explanation.push(DIAGNOSIS.predictionDrift(f.role, f.name, f.model));
  for (const f of features.filter((c) => c.role === 'target' && c.drifted))
    explanation.push(DIAGNOSIS.targetDrift(f.name));

  const rose = errorDrifts.filter((e) => e.errorsRose);
  for (const e of rose) explanation.push(errorsRoseSentence({ dataDrift: dataset.drifted, driftedInputs }, e));

  if (explanation.length === 0)
    explanation.push(errorDrifts.length > 0 ? DIAGNOSIS.nothing : DIAGNOSIS.nothingWithoutErrors);
  return {
    dataDrift: dataset.drifted,
    predictionDrift: movedOutputs.length > 0,
    // Kept as before for the alerts and the retraining condition: errors rose without dataset
    // drift. Whether inputs drifted under the share is in driftedInputs and the sentences.
    conceptDrift: rose.length > 0 && !dataset.drifted,
    driftedInputs,
    explanation,
  };
}

/** The diagnosis's sentence on one model whose errors rose, given what the inputs did (also the message of its alert). */
export function errorsRoseSentence(
  inputs: Pick<DriftDiagnosis, 'dataDrift' | 'driftedInputs'>,
  errorDrift: ErrorDrift,
): string {
  const e = errorsRose(errorDrift);
  if (inputs.dataDrift) return DIAGNOSIS.errorsWithDataDrift(e);
  return inputs.driftedInputs.length > 0
    ? DIAGNOSIS.errorsWithSomeInputs(e, inputs.driftedInputs)
    : DIAGNOSIS.conceptDrift(e);
}

function errorsRose(e: ErrorDrift): ErrorsRose {
  const change =
    e.error === 'misclassification'
      ? `error rate ${errorRateChange(e.reference.errorRate!, e.current.errorRate!)}`
      : `mean absolute error ${formatNumber(e.reference.meanAbsoluteError!)} → ${formatNumber(e.current.meanAbsoluteError!)}`;
  const confirmed = e.confirmedChange;
  return {
    model: e.model,
    change,
    detected: confirmed ? { time: confirmed.time, detectors: confirmed.detectors } : null,
  };
}
