/**
 * Merging the profiles of four parts of a seeded file (mergeProfiles.ts) against the profile
 * of the whole file: the exact parts equal, the sketched parts within their stated bounds of
 * the exact values; and a clear refusal for profiles that are not of the same columns.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/engine/profile/buildProfile';
import { decodeProfile } from '../../../src/engine/profile/decodeProfile';
import { mergeProfiles } from '../../../src/engine/profile/mergeProfiles';
import { checkedProfile, profileText } from '../../../src/engine/profile/profileFile';
import { DEFAULT_SKETCHES, type ProfileFile, type SketchParameters } from '../../../src/engine/profile/profileFormat';

const DATA = 'test-fixtures/profile/data.csv';
const lines = readFileSync(DATA, 'utf8').trim().split('\n');
const header = lines[0].split(',');
const cellsOf = (name: string) => lines.slice(1).map((line) => line.split(',')[header.indexOf(name)]);

/** The four quarters of the file as files of their own. */
function quarters(): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'profile-merge-'));
  const rows = lines.slice(1);
  return [0, 1, 2, 3].map((p) => {
    const path = join(folder, `part${p + 1}.csv`);
    writeFileSync(
      path,
      [lines[0], ...rows.slice((p * rows.length) / 4, ((p + 1) * rows.length) / 4)].join('\n') + '\n',
    );
    return path;
  });
}

async function wholeAndMerged(sketches: SketchParameters): Promise<[ProfileFile, ProfileFile]> {
  const whole = await buildProfile(DATA, { displayPath: 'data.csv', sketches });
  const parts = await Promise.all(
    quarters().map(async (path, i) => ({
      file: `part${i + 1}.profile.json`,
      profile: await buildProfile(path, { displayPath: `part${i + 1}.csv`, sketches }),
    })),
  );
  // Through the file's text, as the command merges them.
  const read = parts.map(({ file, profile }) => ({ file, profile: checkedProfile(profileText(profile), file) }));
  return [whole, checkedProfile(profileText(mergeProfiles(read)), 'all.profile.json')];
}

/** Exact rank of each point of the sketch against the column's numbers. */
function largestRankError(values: Float64Array, cumulative: Float64Array, numbers: Float64Array): number {
  const sorted = Float64Array.from(numbers).sort();
  let worst = 0;
  let below = 0;
  for (let i = 0; i < values.length; i++) {
    while (below < sorted.length && sorted[below] <= values[i]) below++;
    if (i + 1 < values.length && values[i + 1] === values[i]) continue;
    worst = Math.max(worst, Math.abs(cumulative[i] - below));
  }
  return worst;
}

const CASES: [string, SketchParameters][] = [
  ['the default caps', DEFAULT_SKETCHES],
  // Parts exact, the whole past the caps: the exact counts go into the sketches on merging.
  ['caps the parts stay under', { ...DEFAULT_SKETCHES, exactNumbers: 2500, exactTexts: 1500 }],
];

describe.each(CASES)('four parts merged, with %s', (_, sketches) => {
  const profiles = wholeAndMerged(sketches);

  it('equals the whole in every exact part', async () => {
    const [whole, merged] = await profiles;
    expect(merged.rows).toBe(whole.rows);
    expect(merged.sources.map((s) => [s.file, s.rows])).toEqual([1, 2, 3, 4].map((p) => [`part${p}.csv`, 2000]));
    expect(merged.duplicateRows).toBeNull();
    merged.columns.forEach((column, i) => {
      const exact = whole.columns[i];
      const { counts: _c, sketch: _s, mean, m2, ...numbers } = column.numbers;
      const { counts: _wc, sketch: _ws, mean: wholeMean, m2: wholeM2, ...wholeNumbers } = exact.numbers;
      expect([column.name, column.kind, column.rows, column.missing, column.nonNumeric]).toEqual([
        exact.name,
        exact.kind,
        exact.rows,
        exact.missing,
        exact.nonNumeric,
      ]);
      expect(numbers, column.name).toEqual(wholeNumbers);
      if (exact.numbers.count) {
        expect(Math.abs(mean! - wholeMean!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(wholeMean!)));
        expect(Math.abs(m2 - wholeM2)).toBeLessThanOrEqual(1e-9 * wholeM2);
      }
      if (exact.numbers.counts) expect(column.numbers.counts, column.name).toEqual(exact.numbers.counts);
      expect(column.texts.length).toBe(exact.texts.length);
      if (exact.texts.counts && column.texts.counts) expect(column.texts.counts).toEqual(exact.texts.counts);
      // Exact when both numbers and texts are counted; bounded otherwise (the next test).
      if (column.numbers.counts && column.texts.counts)
        expect([column.distinct.low, column.distinct.high]).toEqual([exact.distinct.low, exact.distinct.low]);
    });
  });

  it('keeps every sketched part within its stated bound of the exact values', async () => {
    const [whole, merged] = await profiles;
    const decoded = decodeProfile(merged);
    let sketched = 0;
    merged.columns.forEach((column, i) => {
      const exact = whole.columns[i];
      const exactDistinct = exact.distinct.low;
      expect(column.distinct.low, column.name).toBeLessThanOrEqual(exactDistinct);
      expect(column.distinct.high, column.name).toBeGreaterThanOrEqual(exactDistinct);
      const { stream, heavyHitters } = decoded.columns.get(column.name)!;
      const { numbers } = stream;
      if (column.numbers.sketch) {
        sketched++;
        const values = Float64Array.from(
          cellsOf(column.name)
            .filter((cell) => cell !== '')
            .map(Number)
            .filter((value) => !Number.isNaN(value)),
        );
        expect(
          largestRankError(numbers.sketch.values, numbers.sketch.cumulative, values),
          column.name,
        ).toBeLessThanOrEqual(numbers.sketch.rankError);
      }
      if (heavyHitters) {
        sketched++;
        const counts = new Map<string, number>();
        for (const cell of cellsOf(column.name)) counts.set(cell, (counts.get(cell) ?? 0) + 1);
        for (const [text, count] of counts) {
          const counted = heavyHitters.counts.get(text) ?? 0;
          expect(counted).toBeLessThanOrEqual(count);
          expect(count).toBeLessThanOrEqual(counted + heavyHitters.error);
        }
      }
    });
    expect(sketched).toBeGreaterThanOrEqual(4);
  });

  it('still shows an identifier as one: its distinct share at least 95%', async () => {
    const [, merged] = await profiles;
    const rowId = merged.columns.find((c) => c.name === 'row_id')!;
    expect(rowId.distinct.low / rowId.numbers.count).toBeGreaterThanOrEqual(0.95);
    expect(rowId.distinct.high).toBe(8000);
  });
});

describe('profiles that do not merge', () => {
  const base = buildProfile(DATA, { displayPath: 'data.csv' });
  const copy = async () => JSON.parse(profileText(await base)) as ProfileFile;

  it('are refused with the reason', async () => {
    const first = await copy();
    const other = await copy();
    other.columns.pop();
    expect(() =>
      mergeProfiles([
        { file: 'a.profile.json', profile: first },
        { file: 'b.profile.json', profile: other },
      ]),
    ).toThrow("b.profile.json cannot be merged with a.profile.json: it has no column 'mixed'.");
    const kinds = await copy();
    kinds.columns[0].kind = 'categorical';
    expect(() =>
      mergeProfiles([
        { file: 'a', profile: first },
        { file: 'b', profile: kinds },
      ]),
    ).toThrow("b cannot be merged with a: its column 'row_id' is categorical, but numerical in a.");
    const sketches = await copy();
    sketches.sketches.kllK = 800;
    expect(() =>
      mergeProfiles([
        { file: 'a', profile: first },
        { file: 'b', profile: sketches },
      ]),
    ).toThrow(/b cannot be merged with a: it was made with other sketch parameters/);
    const models = await copy();
    models.models = [{ name: 'm', prediction: 'p', probability: null, target: 't', task: 'regression', metrics: {} }];
    expect(() =>
      mergeProfiles([
        { file: 'a', profile: models },
        { file: 'b', profile: models },
      ]),
    ).toThrow(/a cannot be merged with a: it holds models/);
  });
});
