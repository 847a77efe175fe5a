/**
 * The figures and sentences people read on more than one surface: the terminal (the analysis
 * summary, the history listing), the Problems pane, the report page and its HTML export,
 * notifications, and the report's own messages (alerts, notes, method reasons). One function per
 * kind of figure, so the same figure reads the same wherever it is shown.
 *
 * It sits in the contract because the report page may import the contract only. So it is pure
 * and imports nothing: its parameters are the plain shapes it reads.
 */

/** A measurement (a statistic, a mean, a threshold, a metric): 4 significant digits, scientific below 1e-4 and from 1e7; '0' for 0 and -0. */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e7) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/** A change of a measurement, signed: '+0.07661', '-0.03127', '+0' for none. */
export function formatChange(change: number): string {
  return `${change >= 0 ? '+' : ''}${formatNumber(change)}`;
}

/**
 * A value the data holds (a column's minimum or maximum): every digit, as in the file, since
 * rounding would name a value the column does not have; '0' for -0.
 */
export function formatValue(value: number): string {
  return String(value);
}

/** A count (rows, values, categories): every digit, thousands grouped: 200,000. */
export function formatCount(n: number): string {
  return (n === 0 ? 0 : n).toLocaleString('en-US');
}

/** "1 row", "3,000 rows": a count with its noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "a", "a and b", "a, b and c". */
export function andList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');
}

/**
 * A share (a fraction, 0.5 is 50%) as a percentage with `decimals` decimals: 0.375 → '37.5%',
 * or '38%' with 0 (halves round up).
 */
export function percent(share: number, decimals: 0 | 1 = 1): string {
  return `${(share * 100).toFixed(decimals)}%`;
}

/**
 * A rate with one decimal that never rounds a nonzero rate to 0% or a partial one to 100%:
 * '<0.1%' and '>99.9%' instead. For data quality rates, where "0.0% missing" would hide a problem.
 */
export function rate(share: number): string {
  const text = percent(share);
  if (share > 0 && text === '0.0%') return '<0.1%';
  if (share < 1 && text === '100.0%') return '>99.9%';
  return text;
}

/**
 * A model's error rate (a share) to 3 significant digits, so that close rates read apart and a
 * low rate keeps its digits: 0.005 → '0.500%', 0.00501 → '0.501%', 0.1574 → '15.7%',
 * 1 → '100%', 0 → '0%'.
 */
export function errorRate(share: number, digits = 3): string {
  if (share === 0) return '0%';
  if (!Number.isFinite(share)) return `${share}%`;
  return `${(share * 100).toPrecision(digits)}%`;
}

/** A small share to two significant digits: 0.00523 → '0.52%'. For error bounds. */
export function roughPercent(share: number): string {
  return `${Number((share * 100).toPrecision(2))}%`;
}

/** A change of a rate in percentage points: '+1.5 pp', '-0.3 pp', '0' for no change. */
export function percentagePoints(change: number): string {
  return change === 0 ? '0' : `${change > 0 ? '+' : ''}${(change * 100).toFixed(1)} pp`;
}

/** A duration in seconds: one decimal under 10 s, whole seconds from there: '2.5 s', '42 s'. */
export function seconds(durationMs: number): string {
  return `${durationMs < 10_000 ? (durationMs / 1000).toFixed(1) : String(Math.round(durationMs / 1000))} s`;
}

/** "5,000 rows", "1,000 of 5,000 rows, sampled", "5,000 rows, streamed; sample of 1,000", "profile of 5,000 rows": how much of a file was read. */
export function fileRows(file: { rows: number; sampledFrom?: number; streamed?: boolean; profile?: object }): string {
  if (file.profile) return `profile of ${formatCount(file.rows)} rows`;
  if (file.sampledFrom === undefined) return `${formatCount(file.rows)} rows`;
  if (file.streamed) return `${formatCount(file.sampledFrom)} rows, streamed; sample of ${formatCount(file.rows)}`;
  return `${formatCount(file.rows)} of ${formatCount(file.sampledFrom)} rows, sampled`;
}

/** "79/100 (high)": the risk score out of 100 with its level. */
export function formatRisk(risk: { score: number; level: string }): string {
  return `${risk.score}/100 (${risk.level})`;
}

/** What the dataset-drift sentences read of a report's (or a recorded run's) dataset verdict. */
export interface DatasetShare {
  features: number;
  driftedFeatures: number;
  /** driftedFeatures / features */
  share: number;
  /** drift.share: the dataset drifts from this share on. */
  threshold: number;
  drifted: boolean;
}

/** "4 of 6 input features drifted". */
export function driftedFeatures(d: Pick<DatasetShare, 'features' | 'driftedFeatures'>): string {
  return `${d.driftedFeatures} of ${d.features} input features drifted`;
}

/** "3 of 8 input features drifted — dataset drift": the short form, for the status bar and the editor's toast. */
export function driftedFeaturesBrief(d: Pick<DatasetShare, 'features' | 'driftedFeatures' | 'drifted'>): string {
  return `${driftedFeatures(d)}${d.drifted ? ' — dataset drift' : ''}`;
}

/** "67%, limit 50%": the drifted share against drift.share, in whole percent. */
export function shareAndLimit(d: Pick<DatasetShare, 'share' | 'threshold'>): string {
  return `${percent(d.share, 0)}, limit ${percent(d.threshold, 0)}`;
}

/** "Dataset drift: 4 of 6 input features drifted (67%, limit 50%)." or "No dataset drift: …". */
export function datasetDriftSentence(d: DatasetShare): string {
  return `${d.drifted ? 'Dataset drift' : 'No dataset drift'}: ${driftedFeatures(d)} (${shareAndLimit(d)}).`;
}

/** What the retraining sentences read of a decision (RetrainingVerdict in report.ts). */
export interface RetrainingShown {
  state: 'not-needed' | 'recommended' | 'blocked';
  priority: string;
  labelsNeeded?: number;
}

/**
 * The retraining verdict, the same in the summary, the report page, notifications, the status
 * bar and the history: "No retraining needed", "Retraining recommended (priority high)", or
 * "Retraining recommended (priority high), blocked: collect 196 more labels".
 */
export function retrainingHeadline(v: RetrainingShown): string {
  if (v.state === 'not-needed') return 'No retraining needed';
  // Runs recorded before blocked recommendations had a priority show none.
  const recommended = `Retraining recommended${v.priority === 'none' ? '' : ` (priority ${v.priority})`}`;
  return v.state === 'blocked'
    ? `${recommended}, blocked: collect ${plural(v.labelsNeeded ?? 0, 'more label')}`
    : recommended;
}

/** Why `--retrain` or the editor did not run `retraining.command`: "<headline>: the retraining command was not run." */
export function retrainingNotRun(v: RetrainingShown): string {
  return `${retrainingHeadline(v)}: the retraining command was not run.`;
}

/** What the correction sentence reads of a report's multiple-testing correction (`Report.correction`). */
export interface CorrectionApplied {
  method: 'fdr' | 'bonferroni' | 'none';
  pValueTests: number;
  distanceTests: number;
}

/**
 * "p-values corrected: Benjamini–Hochberg over the 7 p-value tests; the 4 distances are not
 * corrected." Undefined when no p-value decides a column: there was nothing to correct.
 */
export function correctionSentence(c: CorrectionApplied): string | undefined {
  if (c.pValueTests === 0) return undefined;
  const tests = c.pValueTests === 1 ? 'the one p-value test' : `the ${formatCount(c.pValueTests)} p-value tests`;
  const distances =
    c.distanceTests === 0
      ? ''
      : `; ${c.distanceTests === 1 ? 'the one distance is' : `the ${formatCount(c.distanceTests)} distances are`} not corrected`;
  return c.method === 'none'
    ? `p-values not corrected for multiple testing (drift.correction: none): ${tests} each judged alone${distances}.`
    : `p-values corrected: ${CORRECTION_NAMES[c.method]} over ${tests}${distances}.`;
}

/** "adjusted p 0.0213": a p-value after the report's multiple-testing correction, beside the raw one. */
export function adjustedPValue(value: number): string {
  return `adjusted p ${formatNumber(value)}`;
}

const CORRECTION_NAMES = { fdr: 'Benjamini–Hochberg', bonferroni: 'Bonferroni' } as const;

/**
 * Control characters that a terminal would act on (C0 but newline and tab, DEL, C1) as
 * visible `\x1b`-style escapes, so that bytes from a file (a CSV header with an ESC or OSC
 * sequence, a binary file's bytes in a message) are shown, never obeyed: they could recolour,
 * retitle or clear the terminal, or hide text. Escaping ESC itself defuses every sequence it
 * starts. The CLI applies it to everything it prints (cli/io.ts).
 */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TERMINAL_CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * A value written by someone else (a key, a name, a path), quoted in a message: whole when
 * short, else its first characters and its length, so a message stays readable whatever the input.
 */
export function excerpt(value: string, maxLength = 60): string {
  if (value.length <= maxLength) return value;
  // Not between the two halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(value[maxLength - 1]) ? maxLength - 1 : maxLength;
  return `${value.slice(0, end)}… (${formatCount(value.length)} characters)`;
}

/** A drifted column as the diagnosis names it. */
export interface DriftedColumn {
  name: string;
  severity: string;
}

/** At most this many columns are named in one sentence; the rest are counted. */
const NAMED_COLUMNS = 8;

/**
 * "income and loan_amount (high), employment_type (moderate)": drifted columns by severity,
 * most severe first, at most 8 named and the rest counted ("and 3 more").
 */
export function driftedColumns(columns: readonly DriftedColumn[]): string {
  const order = ['high', 'moderate', 'low', 'none'];
  const sorted = [...columns].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  const named = sorted.slice(0, NAMED_COLUMNS);
  const groups = order
    .map((severity) => ({ severity, names: named.filter((c) => c.severity === severity).map((c) => c.name) }))
    .filter((g) => g.names.length > 0)
    .map((g) => `${andList(g.names)} (${g.severity})`);
  const rest = sorted.length - named.length;
  return `${groups.join(', ')}${rest > 0 ? ` and ${formatCount(rest)} more` : ''}`;
}

/**
 * Two error rates as errorRate writes them, with more digits where 3 would print two different
 * rates the same: '15.7% → 18.9%', '0.500% → 0.501%', '15.71% → 15.74%'.
 */
export function errorRateChange(reference: number, current: number): string {
  let digits = 3;
  while (digits < 6 && reference !== current && errorRate(reference, digits) === errorRate(current, digits)) digits++;
  return `${errorRate(reference, digits)} → ${errorRate(current, digits)}`;
}

/** What the diagnosis sentences read of one model whose errors rose. */
export interface ErrorsRose {
  model: string;
  /** "error rate 16% → 19%", "mean absolute error 1.20 → 1.85" */
  change: string;
  /** The change point two detectors agreed on, if any. */
  detected: { time: string; detectors: string[] } | null;
}

function errorsOf(e: ErrorsRose): string {
  const since = e.detected ? `, change detected at ${e.detected.time} by ${andList(e.detected.detectors)}` : '';
  return `errors of ${e.model} rose (${e.change}${since})`;
}

/**
 * The diagnosis of a run, one sentence per finding: what moved (inputs, outputs, labels) and
 * whether the model's errors rose, told apart as far as the data allows. Each sentence names
 * the columns its verdict rests on, so it can be checked against the feature table.
 */
export const DIAGNOSIS = {
  /** The dataset drifted: the share of drifted input features reached drift.share. */
  dataDrift: (d: DatasetShare, inputs: readonly DriftedColumn[]) =>
    `Data drift: ${driftedFeatures(d)} (${shareAndLimit(d)}): ${driftedColumns(inputs)}.`,
  /** Some inputs drifted, fewer than drift.share. */
  someInputs: (inputs: readonly DriftedColumn[]) =>
    `Some inputs drifted, fewer than drift.share: ${driftedColumns(inputs)}.`,
  predictionDrift: (role: string, name: string, model: string | undefined) =>
    `Prediction drift: the ${role} column '${name}'${model ? ` of ${model}` : ''} drifted.`,
  targetDrift: (name: string) => `Target drift: the mix of '${name}' changed.`,
  /** Errors rose and every input stayed within its threshold: concept drift proper. */
  conceptDrift: (e: ErrorsRose) =>
    `Concept drift: ${errorsOf(e)} while no input feature drifted: the relation between inputs and target changed.`,
  /** Errors rose along with some drifted inputs, under drift.share: both are said, neither is ruled out. */
  errorsWithSomeInputs: (e: ErrorsRose, inputs: readonly DriftedColumn[]) =>
    `Concept drift or input drift: ${errorsOf(e)} while ${driftedColumns(inputs)} drifted: the drifted inputs may explain it, or the relation between inputs and target changed; the data cannot tell which.`,
  /** Errors rose with dataset drift. */
  errorsWithDataDrift: (e: ErrorsRose) =>
    `Errors rose with the data drift: ${errorsOf(e)} along with the inputs; the data drift may explain it.`,
  nothing: "No drift: no input, prediction or target column drifted, and no model's errors rose.",
  nothingWithoutErrors:
    'No drift: no input, prediction or target column drifted. Concept drift is not measured without a target and a model.',
} as const;

/**
 * The retraining reason for concept drift, in the diagnosis's words: inputs that drifted are
 * named, never said to have stayed put.
 */
export function conceptDriftReason(driftedInputs: readonly DriftedColumn[]): string {
  return driftedInputs.length === 0
    ? 'concept drift: errors rose while no input feature drifted'
    : `concept drift or input drift: errors rose while ${driftedColumns(driftedInputs)} drifted, under drift.share`;
}

/** What each risk level asks of a person: the docs give the same words (docs/monitoring.md, Risk). */
export const RISK_LEVELS = {
  none: { from: 0, meaning: 'Nothing found.' },
  low: { from: 1, meaning: 'Something moved; nothing to act on. It will show in the next runs if it grows.' },
  moderate: {
    from: 15,
    meaning: 'Look at it this week: a real change in the inputs or the model, with its cause to find.',
  },
  high: { from: 45, meaning: "Act now: several severe findings at once; the model's outputs are likely wrong." },
} as const;

/** The risk components' names as the breakdown shows them. */
export const RISK_COMPONENTS = {
  inputDrift: 'input drift',
  predictionDrift: 'prediction and target drift',
  performance: 'performance',
  conceptDrift: 'concept drift',
  dataQuality: 'data quality',
  timeWindows: 'time windows',
} as const;

/** "input drift 8.7/30", "time windows not measured": one component's points out of its maximum, to one decimal. */
export function riskPoints(component: {
  name: keyof typeof RISK_COMPONENTS;
  points: number;
  max: number;
  measured: boolean;
}): string {
  const name = RISK_COMPONENTS[component.name];
  return component.measured
    ? `${name} ${Number(component.points.toFixed(1))}/${component.max}`
    : `${name} not measured`;
}

/** "input drift 19.5/30, …, time windows not measured": how the risk score was made, on one line. */
export function riskBreakdown(risk: { components: readonly Parameters<typeof riskPoints>[0][] }): string {
  return risk.components.map(riskPoints).join(', ');
}

/** How each risk component's points were made (Risk.components[].reason). */
export const RISK_REASONS = {
  inputDrift: (d: DatasetShare, weighted: number, atFull: number) =>
    d.driftedFeatures === 0
      ? 'no input feature drifted'
      : `${driftedFeatures(d)}, ${formatNumber(weighted)} weighed by severity (high 1, moderate 0.6, low 0.3); full points at ${formatNumber(atFull)}, drift.share of the features all drifting high`,
  predictionDrift: (columns: readonly DriftedColumn[]) =>
    columns.length === 0
      ? 'no prediction, probability or target column drifted'
      : `${driftedColumns(columns)} drifted; the most severe counts (high 15, moderate 9, low 4.5)`,
  performance: (p: {
    model: string;
    metric: string;
    reference: number;
    current: number;
    pValue: number;
    worse: boolean;
    significant: boolean;
    fullAt: string;
  }) =>
    `${p.metric} of ${p.model} ${formatNumber(p.reference)} → ${formatNumber(p.current)}, ` +
    (!p.worse
      ? 'not worse'
      : p.significant
        ? `worse beyond sampling error (p = ${formatNumber(p.pValue)}); full points at ${p.fullAt}`
        : `within sampling error (p = ${formatNumber(p.pValue)})`),
  limitsBroken: (n: number) => `${plural(n, 'performance limit')} broken: at least half the points`,
  noTarget: 'not measured: no target column and model',
  conceptDrift: (models: readonly string[], driftedInputs: number, dataDrift: boolean) =>
    models.length === 0
      ? "no model's errors rose"
      : dataDrift
        ? `errors of ${andList(models)} rose with the data drift, which input drift counts`
        : driftedInputs > 0
          ? `errors of ${andList(models)} rose while some inputs drifted: half the points, the cause is not known`
          : `errors of ${andList(models)} rose while no input feature drifted: full points`,
  findings: (what: string, counts: { high: number; moderate: number; low: number }) =>
    counts.high + counts.moderate + counts.low === 0
      ? `no ${what}`
      : `${plural(counts.high + counts.moderate + counts.low, what.replace(/s$/, ''), what)}: ${counts.high} high (5 points each), ${counts.moderate} moderate (3), ${counts.low} low (1)`,
  noWindows: 'not measured: no time windows (windows.every and a timestamp column)',
} as const;
/** A target class the reference does not have, as performance/newClasses.ts finds it. */
export interface NewClassFacts {
  column: string;
  label: string;
  rows: number;
  /** The current rows the metrics use. */
  ofRows: number;
  /** The reference's classes, which the current metrics are scored over. */
  classes: string[];
  predictions: { model: string; predictedAs: { label: string; rows: number }[] }[];
}

/**
 * "'churned' has a class the reference does not: '2' on 8.0% of current rows (32 of 400).
 * v1 predicted them as '0' (20) and '1' (12). The current metrics are scored over the
 * reference's classes ('0' and '1'), as the reference's are."
 */
export function newClassSentence(c: NewClassFacts): string {
  const quote = (label: string) => `'${excerpt(label)}'`;
  const predicted = c.predictions.map(
    (p) =>
      `${p.model} predicted them as ${andList(p.predictedAs.map((a) => `${quote(a.label)} (${formatCount(a.rows)})`))}.`,
  );
  return [
    `'${excerpt(c.column)}' has a class the reference does not: ${quote(c.label)} on ${rate(c.rows / c.ofRows)} of current rows (${formatCount(c.rows)} of ${formatCount(c.ofRows)}).`,
    ...predicted,
    `The current metrics are scored over the reference's classes (${andList(c.classes.map(quote))}), as the reference's are.`,
  ].join(' ');
}

/**
 * Why a reference profile cannot run a column's tests, where it knows the column only through
 * its sketches: the report's method reason, and the editor's warning on a configured method.
 */
export const NOT_FROM_PROFILE = {
  rankTests:
    'needs every value of both files in order, which the reference profile does not keep (its sketch compacted)',
  /** `kept`: the categories the profile counted before its cap. */
  categories: (kept: number) =>
    `the reference has more than ${formatCount(kept)} distinct values, beyond the profile's cap on categories, ` +
    `and the tests need every category's count (read the reference file itself to test it)`,
};
