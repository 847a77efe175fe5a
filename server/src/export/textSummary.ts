/** The one-screen human summary the CLI prints. */
import type { FeatureDrift, Report } from '../protocol';
import { METHODS } from '../analysis/methods';

export function textSummary(report: Report, configShown: string): string {
  const lines: string[] = [];
  lines.push(`Drift Monitor: ${configShown}`);
  lines.push(`reference ${report.reference.path} (${count(report.reference.rows)} rows)   current ${report.current.path} (${count(report.current.rows)} rows)`);
  lines.push('');
  const header = ['feature', 'role', 'kind', 'method', 'statistic', 'threshold', 'drifted', 'severity'];
  const rows = report.features.map((f) => [f.name, f.role, f.kind, f.method, formatStatistic(f), formatNumber(f.threshold), f.drifted ? 'DRIFT' : 'no', f.severity]);
  lines.push(...table(header, rows, new Set([4, 5])));
  lines.push('');
  const d = report.dataset;
  const verdict = d.drifted ? 'DATASET DRIFT' : 'No dataset drift';
  lines.push(`${verdict}: ${d.driftedFeatures} of ${d.features} input features drifted (${percent(d.share)}; the limit is ${percent(d.threshold)}).`);
  const drifted = report.features.filter((f) => f.drifted && f.role !== 'feature');
  for (const f of drifted) lines.push(`${capitalize(f.role)} drift: ${f.name} (${METHODS[f.method].label} ${formatStatistic(f)}).`);
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines.join('\n') + '\n';
}

function table(header: string[], rows: string[][], rightAligned: Set<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function formatStatistic(feature: FeatureDrift): string {
  return feature.statistic === null ? 'n/a' : formatNumber(feature.statistic);
}

/** Four significant digits, scientific for tiny p-values. */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e7) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

const count = (n: number) => n.toLocaleString('en-US');
const percent = (share: number) => `${(share * 100).toFixed(share * 100 % 1 === 0 ? 0 : 1)}%`;
const capitalize = (s: string) => s[0].toUpperCase() + s.slice(1);
