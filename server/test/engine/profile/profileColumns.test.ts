/**
 * What the analysis reads of a reference profile beside its streams: the facts that tell an
 * identifier (whole numbers, order, distinct counts, text lengths), and, for data quality,
 * its duplicate rows: those of the file it was made from, or not known for a profile merged
 * from parts, which then raises no duplicate-rows finding.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import { buildProfile } from '../../../src/engine/profile/buildProfile';
import { mergeProfiles } from '../../../src/engine/profile/mergeProfiles';
import { writeProfileFile } from '../../../src/engine/profile/profileFile';
import { mulberry32 } from '../../../src/engine/stats/mulberry32.mjs';
import type { Report } from '../../../src/protocol/report';
import { profiledReports } from './profiledReports';

/** An order number rising with every row, a customer id of distinct whole numbers, a free-text comment, a measurement and a plan; with `repeat`, every tenth row repeats the one before. */
function rows(count: number, seed: number, first: number, repeat = false): string {
  const random = mulberry32(seed);
  const words = ['late', 'delivery', 'great', 'service', 'box', 'damaged', 'refund', 'thanks', 'again', 'soon'];
  const lines = ['order_number,customer_id,comment,amount,plan'];
  let previous = '';
  for (let i = 0; i < count; i++) {
    const comment = Array.from({ length: 6 }, () => words[Math.floor(10 * random())]).join(' ');
    const line = `${first + i},${Math.floor(1e9 * random())},${comment} ${i},${(20 * random()).toFixed(2)},${random() < 0.5 ? 'basic' : 'pro'}`;
    lines.push(repeat && i % 10 === 9 ? previous : line);
    previous = line;
  }
  return `${lines.join('\n')}\n`;
}

describe('a profile as the reference: identifiers and duplicate rows', () => {
  const folder = mkdtempSync(join(tmpdir(), 'drift-profile-columns-'));
  let exact: Report;
  let profiled: Report;

  beforeAll(async () => {
    writeFileSync(join(folder, 'reference.csv'), rows(3_000, 1, 1));
    writeFileSync(join(folder, 'current.csv'), rows(1_000, 2, 5_000));
    writeFileSync(join(folder, 'drift.yaml'), 'reference: reference.csv\ncurrent: current.csv\n');
    ({ exact, profiled } = await profiledReports(join(folder, 'drift.yaml')));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('leaves out the same identifier columns as against the file, each for its reason', () => {
    expect(profiled.features.map((f) => f.name)).toEqual(exact.features.map((f) => f.name));
    expect(profiled.features.map((f) => f.name)).toEqual(['amount', 'plan']);
    const why = (report: Report, column: string) =>
      report.notes.find((n) => n.startsWith(`'${column}' is not tested for drift`))?.replace(/:.*/, '');
    for (const column of ['order_number', 'customer_id', 'comment'])
      expect(why(profiled, column), column).toBe(why(exact, column));
    expect(profiled.notes).toContainEqual(
      expect.stringMatching(
        /^'order_number' is not tested for drift: its whole numbers rise with every row in both files/,
      ),
    );
  });

  it('gives the duplicate rows of the file the profile was made from', async () => {
    const repeated = join(folder, 'repeated');
    mkdirSync(repeated);
    writeFileSync(join(repeated, 'reference.csv'), rows(3_000, 1, 1, true));
    writeFileSync(join(repeated, 'current.csv'), rows(1_000, 2, 5_000));
    writeFileSync(join(repeated, 'drift.yaml'), 'reference: reference.csv\ncurrent: current.csv\n');
    const reports = await profiledReports(join(repeated, 'drift.yaml'));
    expect(reports.exact.quality.duplicateRows.reference!.rows).toBe(300);
    expect(reports.profiled.quality.duplicateRows.reference).toEqual(reports.exact.quality.duplicateRows.reference);
  });

  it('does not know them for a profile merged from parts, and raises no finding on them', async () => {
    const lines = rows(3_000, 1, 1).split('\n');
    writeFileSync(join(folder, 'a.csv'), `${lines.slice(0, 1501).join('\n')}\n`);
    writeFileSync(join(folder, 'b.csv'), `${[lines[0], ...lines.slice(1501)].join('\n')}`);
    const part = async (file: string) => ({
      file,
      profile: await buildProfile(join(folder, file), { displayPath: file }),
    });
    await writeProfileFile(
      join(folder, 'merged.profile.json'),
      mergeProfiles([await part('a.csv'), await part('b.csv')]),
    );
    // Current with many more duplicates than the reference had: a finding, were the reference's known.
    const current = rows(1_000, 2, 5_000).split('\n');
    writeFileSync(
      join(folder, 'repeated.csv'),
      `${[current[0], ...current.slice(1, 2).flatMap((l) => Array(500).fill(l)), ...current.slice(2, 502)].join('\n')}\n`,
    );
    writeFileSync(join(folder, 'merged.yaml'), 'reference: merged.profile.json\ncurrent: repeated.csv\n');
    const report = await analyze(await loadConfig(join(folder, 'merged.yaml')));
    expect(report.quality.duplicateRows.reference).toBeNull();
    expect(report.quality.duplicateRows.current.rows).toBeGreaterThan(400);
    expect(report.quality.findings.filter((f) => f.kind === 'duplicate-rows')).toEqual([]);
  });
});
