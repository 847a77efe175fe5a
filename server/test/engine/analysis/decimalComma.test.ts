/**
 * Files written with a decimal comma and `;` between cells (test-fixtures/decimal-comma,
 * made by its generate.py): read as the numbers they are, not as categories. Before, every
 * number was text, `mean_radius` was tested with chi-square on categories, and read "no drift".
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import { decidingStatistic } from '../../../src/protocol/methods';
import type { Report } from '../../../src/protocol/report';

const fixture = new URL('../../../../test-fixtures/decimal-comma/', import.meta.url).pathname;
const folder = mkdtempSync(join(tmpdir(), 'drift-decimal-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The fixture's pair in `folder`, its cells rewritten by `rewrite`, analyzed with `yaml` after the files. */
async function analyzeCopy(yaml: string, rewrite = (text: string) => text, options = {}): Promise<Report> {
  for (const name of ['reference.csv', 'current.csv'])
    writeFileSync(join(folder, name), rewrite(readFileSync(join(fixture, name), 'utf8')));
  writeFileSync(join(folder, 'drift.yaml'), `reference: reference.csv\ncurrent: current.csv\n${yaml}`);
  return analyze(await loadConfig(join(folder, 'drift.yaml')), options);
}

const figures = (report: Report) =>
  report.features.map((f) => ({ name: f.name, kind: f.kind, method: f.method, tests: f.tests, drifted: f.drifted }));

describe('a pair written with decimal commas', () => {
  it('is analyzed exactly as the same pair written with decimal points, and the report says a comma was detected', async () => {
    const comma = await analyzeCopy('columns:\n  exclude: [id]\n');
    const point = await analyzeCopy('columns:\n  exclude: [id]\n', (text) => text.replaceAll(',', '.'));
    expect(figures(comma)).toEqual(figures(point));
    const radius = comma.features.find((f) => f.name === 'mean_radius')!;
    expect(radius.kind).toBe('numerical');
    expect(radius.drifted).toBe(true);
    expect(decidingStatistic('ks', radius.tests)).toBeLessThan(1e-15);
    expect(comma.notes.filter((note) => note.includes('decimal comma'))).toHaveLength(2);
    expect(point.notes.some((note) => note.includes('decimal'))).toBe(false);
  });

  it('streamed, reads the same numbers', async () => {
    const whole = await analyzeCopy('columns:\n  exclude: [id]\n');
    const streamed = await analyzeCopy('columns:\n  exclude: [id]\n', undefined, {
      streaming: { mode: 'on', exactRows: 100 },
    });
    expect(streamed.features.map((f) => [f.name, f.kind, f.drifted])).toEqual(
      whole.features.map((f) => [f.name, f.kind, f.drifted]),
    );
    const mean = (r: Report) => r.features.find((f) => f.name === 'mean_radius')!.current;
    expect(mean(streamed)).toMatchObject({ mean: (mean(whole) as { mean: number }).mean });
  });

  it('with `decimal: "."` in the config, reads the cells as text, as told', async () => {
    const report = await analyzeCopy('decimal: "."\ncolumns:\n  exclude: [id]\n');
    expect(report.features.find((f) => f.name === 'mean_radius')!.kind).toBe('categorical');
    expect(report.notes.some((note) => note.includes('decimal comma'))).toBe(false);
  });

  it('with `decimal: ","`, reads a comma-delimited file whose numbers are quoted with a comma', async () => {
    const quoted = (text: string) =>
      text
        .split('\n')
        .map((line) =>
          line
            .split(';')
            .map((cell) => (cell.includes(',') ? `"${cell}"` : cell))
            .join(','),
        )
        .join('\n');
    const detected = await analyzeCopy('columns:\n  exclude: [id]\n', quoted);
    expect(detected.features.find((f) => f.name === 'mean_radius')!.kind).toBe('categorical');
    const told = await analyzeCopy('decimal: ","\ncolumns:\n  exclude: [id]\n', quoted);
    const comma = await analyzeCopy('columns:\n  exclude: [id]\n');
    expect(figures(told)).toEqual(figures(comma));
  });
});
