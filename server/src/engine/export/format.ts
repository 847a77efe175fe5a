/** Numbers as people read them in summaries, alerts and messages. */

/** Four significant digits, scientific for tiny p-values. */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e7) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}
