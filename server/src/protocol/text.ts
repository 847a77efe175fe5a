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
export function errorRate(share: number): string {
  if (share === 0) return '0%';
  if (!Number.isFinite(share)) return `${share}%`;
  return `${(share * 100).toPrecision(3)}%`;
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

/** "5,000 rows", "1,000 of 5,000 rows, sampled", "5,000 rows, streamed; sample of 1,000": how much of a file was read. */
export function fileRows(file: { rows: number; sampledFrom?: number; streamed?: boolean }): string {
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
