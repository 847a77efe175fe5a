/** `drift-monitor analyze` on configs at and beyond the limits, in this process: exit 2 and one line naming the file and line, never an internal error. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CONFIG_BYTES } from '../../src/engine/config/limits';
import { aliasBomb, anchorReuse, nestedBrackets, nestedDashes, oneLongString } from '../engine/config/hostileConfigs';
import { runCli } from './runCli';

const dir = mkdtempSync(join(tmpdir(), 'drift-cli-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `drift-monitor analyze drift.yaml` in `dir`, the config written from `text`. */
function analyze(text: string) {
  writeFileSync(join(dir, 'drift.yaml'), text);
  return runCli(['analyze', 'drift.yaml', '--no-history', '--quiet'], { cwd: dir });
}

describe('drift-monitor analyze on configs beyond the limits', () => {
  it('analyzes 150 features that reuse one anchor', async () => {
    // The same 20 rows in both files: 150 columns f0..f149, nothing drifts.
    const header = Array.from({ length: 150 }, (_, i) => `f${i}`).join(',');
    const rows = Array.from({ length: 20 }, (_, r) =>
      Array.from({ length: 150 }, (_, i) => (r * 7 + i) % 10).join(','),
    );
    const csv = [header, ...rows].join('\n') + '\n';
    writeFileSync(join(dir, 'reference.csv'), csv);
    writeFileSync(join(dir, 'current.csv'), csv);
    const { code, stderr } = await analyze(anchorReuse(150));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it.each([
    ['an alias bomb', aliasBomb(), 'drift.yaml line 6, column 45: The alias `*a4` expands the config beyond'],
    [
      '50,000 nested brackets',
      nestedBrackets(50_000),
      'drift.yaml line 3, column 109: Maps and lists nest more than 100 deep',
    ],
    [
      '50,000 nested dashes',
      nestedDashes(50_000),
      'drift.yaml line 4, column 199: Maps and lists nest more than 100 deep',
    ],
    [
      'a config over 2 MiB',
      oneLongString(MAX_CONFIG_BYTES),
      'drift.yaml line 1, column 1: The config is 2,097,205 bytes; the limit',
    ],
  ])('refuses %s: exit 2, one short line naming the file and line', async (_, text, start) => {
    const { code, stdout, stderr } = await analyze(text);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.startsWith(`drift-monitor: ${start}`), stderr.slice(0, 300)).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr.length).toBeLessThan(300);
  });
});
