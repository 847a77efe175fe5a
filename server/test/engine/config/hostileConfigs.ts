/**
 * Configs at and beyond the limits of engine/config/limits.ts, as an attacker or a broken
 * generator would write them; shared by the engine, CLI and language-server tests.
 */

const DATA = 'reference: reference.csv\ncurrent: current.csv\n';

/** Legitimate: one anchor (`&m`) reused by `features` features, more than the YAML library's default cap of 100. */
export function anchorReuse(features = 150): string {
  const lines = [DATA + 'drift:\n  features:\n    f0: &m { method: psi }'];
  for (let i = 1; i < features; i++) lines.push(`    f${i}: *m`);
  return lines.join('\n') + '\n';
}

/** Billion laughs: each of 9 levels aliases the previous ten times (10^9 values); the alias that crosses the limit is on line 6. */
export function aliasBomb(): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n') + '\n' + DATA;
}

/** An alias inside the list it names: its plain value would contain itself. */
export const SELF_ALIAS = DATA + 'columns:\n  exclude: &loop [a, *loop]\n';

/** `levels` nested flow lists under `columns` (line 3). 50,000 is a 100 KB file. */
export function nestedBrackets(levels = 50_000): string {
  return DATA + 'columns: ' + '['.repeat(levels) + ']'.repeat(levels) + '\n';
}

/** `levels` nested block lists on one line (line 3): `- - - … x`. */
export function nestedDashes(levels = 50_000): string {
  return DATA + 'columns:\n' + '- '.repeat(levels) + 'x\n';
}

/** A config of more than `bytes` bytes: one long string (the value of `task`, line 3). */
export function oneLongString(bytes: number): string {
  return DATA + 'task: ' + 'x'.repeat(bytes) + '\n';
}

/** An `exclude` list of `names` names, one a line. */
export function longExcludeList(names: number): string {
  const lines = [DATA + 'columns:\n  exclude:'];
  for (let i = 0; i < names; i++) lines.push(`    - column_${i}`);
  return lines.join('\n') + '\n';
}

/** `drift.features` with `features` entries, each with a p-value threshold for ks; `last` is the last line. */
export function manyFeatures(features: number, last = `    column_${features}: { threshold: 0.01 }`): string {
  const lines = [DATA + 'drift:\n  method: ks\n  features:'];
  for (let i = 0; i < features - 1; i++) lines.push(`    column_${i}: { threshold: 0.01 }`);
  lines.push(last);
  return lines.join('\n') + '\n';
}
