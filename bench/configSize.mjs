/**
 * How the time to validate a config grows with its size: `drift-monitor analyze` on the drift
 * demo's CSVs with a generated `columns.exclude` list of n names, n doubling. Linear
 * validation takes about twice as long per doubling (plus the run's fixed cost); the
 * quadratic duplicate check it replaced took four times as long.
 *
 *   npm run build && node bench/configSize.mjs [--names 10000,20000,40000,80000]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({ options: { names: { type: 'string', default: '10000,20000,40000,80000' } } });
const counts = values.names.split(',').map(Number);

const dir = mkdtempSync(join(tmpdir(), 'drift-bench-config-'));
for (const file of ['reference.csv', 'current.csv'])
  copyFileSync(join(root, 'test-fixtures', 'demo', file), join(dir, file));

console.log('names     config bytes   seconds   × previous');
let previous;
for (const n of counts) {
  const lines = ['reference: reference.csv', 'current: current.csv', 'columns:', '  exclude:'];
  for (let i = 0; i < n; i++) lines.push(`    - column_${i}`);
  const text = lines.join('\n') + '\n';
  writeFileSync(join(dir, 'drift.yaml'), text);
  const started = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [join(root, 'dist', 'cli.js'), 'analyze', 'drift.yaml', '--no-history', '--quiet'],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`analyze exited ${run.status}: ${run.stderr.slice(0, 500)}`);
  const ratio = previous ? (seconds / previous).toFixed(2) : '';
  console.log(
    `${String(n).padEnd(9)} ${String(text.length).padStart(12)}   ${seconds.toFixed(2).padStart(7)}   ${ratio}`,
  );
  previous = seconds;
}
rmSync(dir, { recursive: true, force: true });
