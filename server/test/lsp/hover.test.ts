import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver/node';
import { ColumnProfileCache, PROFILE_SAMPLE } from '../../src/engine/data/columnProfiles';
import { CsvHeaderCache } from '../../src/engine/data/csvHeaders';
import { hover } from '../../src/lsp/hover';
import { buildProfile } from '../../src/engine/profile/buildProfile';
import { readProfileFile, writeProfileFile } from '../../src/engine/profile/profileFile';
import { formatCount } from '../../src/protocol/text';
import { CONFIG_PATH, cursor } from './applyEdits';

const headers = new CsvHeaderCache();
const profiles = new ColumnProfileCache();
const REFERENCE = 'reference: reference.csv\n';
const scratch = mkdtempSync(path.join(tmpdir(), 'drift-profiles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The hover's markdown at the `|` in `marked`, for a config at `configPath`, or null. */
async function hoverText(marked: string, configPath = CONFIG_PATH): Promise<string | null> {
  const { text, offset } = cursor(marked);
  const result = await hover(text, offset, configPath, headers, profiles);
  return result && (result.contents as MarkupContent).value;
}

/** A file in the scratch folder, written from `text`. */
function scratchFile(name: string, text: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, text);
  return file;
}

describe('hover on keys', () => {
  it('gives the schema description and the default', async () => {
    expect(await hoverText('drift:\n  sh|are: 0.3\n')).toBe(
      'Dataset drift is declared when the share of drifted input features is at least this. In (0, 1]; default 0.5.\n\nDefault: `0.5`',
    );
  });

  it('lists the allowed values of an enum and of a list of enum values', async () => {
    expect(await hoverText('ta|sk: regression\n')).toBe(
      'What the model predicts. Inferred from the target column when absent (text or a few integer values: classification; otherwise regression); the report says which was inferred.\n\nAllowed: `classification`, `regression`',
    );
    expect(await hoverText('drift:\n  correc|tion: none\n')).toMatch(
      /^How the p-values of the features' tests are corrected .* Distances \(Wasserstein, PSI, Jensen–Shannon, …\) are not corrected\.\n\nDefault: `"fdr"`\n\nAllowed: `fdr`, `bonferroni`, `none`$/,
    );
    expect(await hoverText('retraining:\n  wh|en: [concept_drift]\n')).toBe(
      'Conditions that call for retraining, any of which is enough. Default: all three.\n\nAllowed: `dataset_drift`, `performance_drop`, `concept_drift`',
    );
  });

  it('takes the description of a referenced definition, and of list items that are maps', async () => {
    expect(await hoverText('drift:\n  thresholds: { k|s: 0.01 }\n')).toBe(
      'Significance level: drift when the p-value is below it.',
    );
    expect(await hoverText('models:\n  - name: v1\n    predi|ction: p\n')).toBe("This model's prediction column.");
  });

  it('covers the key with its range', async () => {
    const { text, offset } = cursor('drift:\n  sh|are: 0.3\n');
    expect((await hover(text, offset, CONFIG_PATH, headers, profiles))?.range).toEqual({
      start: { line: 1, character: 2 },
      end: { line: 1, character: 7 },
    });
  });

  it('gives nothing on unknown keys, blank lines and comments', async () => {
    expect(await hoverText('drift:\n  shar|\n')).toBeNull();
    expect(await hoverText('drift:\n  |\n')).toBeNull();
    expect(await hoverText('# the mon|itoring config\n')).toBeNull();
  });
});

describe('hover on values', () => {
  it('says what a drift method decides by', async () => {
    expect(await hoverText('drift:\n  method: k|s\n')).toBe(
      '`ks`: Kolmogorov–Smirnov p-value, for numerical columns; drift when the p-value is below the threshold (default 0.05).',
    );
    expect(await hoverText('drift:\n  features:\n    region: { method: zte|st }\n')).toBe(
      '`ztest`: two-proportion z-test p-value, for categorical columns with at most two categories; drift when the p-value is below the threshold (default 0.05).',
    );
    expect(await hoverText('drift:\n  method: au|to\n')).toBe(
      '`auto`: the method is picked by column type and sample size.',
    );
  });

  it('profiles a numerical column of the reference', async () => {
    expect(await hoverText(`${REFERENCE}columns:\n  numerical: [a|ge]\n`)).toBe(
      '**age** in `reference.csv`: numerical, 12 rows, 0 missing\n\nmean 40.58 · std 9.728 · min 27 · max 60',
    );
    expect(await hoverText(`${REFERENCE}drift:\n  features:\n    inc|ome: { method: ks }\n`)).toBe(
      '**income** in `reference.csv`: numerical, 12 rows, 2 missing (16.7%)\n\nmean 59100 · std 12870 · min 40000 · max 83000',
    );
  });

  it('profiles a categorical column with its five most frequent categories', async () => {
    expect(await hoverText(`${REFERENCE}columns:\n  categorical:\n    - reg|ion\n`)).toBe(
      [
        '**region** in `reference.csv`: categorical, 12 rows, 0 missing',
        '',
        '6 categories (top 5):',
        '',
        '| value | rows |',
        '|---|---:|',
        '| north | 4 |',
        '| south | 3 |',
        '| east | 2 |',
        '| west | 1 |',
        '| central | 1 |',
      ].join('\n'),
    );
  });

  it('profiles a sample of a file with more rows than the sample, and says so', async () => {
    // 250,000 rows: more than PROFILE_SAMPLE.maxRows (200,000).
    const lines = Array.from({ length: 250_000 }, (_, i) => `${i % 10},${i % 4 === 0 ? 'rare' : 'common'}\n`);
    scratchFile('big.csv', `x,kind\n${lines.join('')}`);
    const config = path.join(scratch, 'drift.yaml');
    const numerical = await hoverText('reference: big.csv\ncolumns:\n  numerical: [|x]\n', config);
    expect(numerical).toMatch(
      /^\*\*x\*\* in `big.csv`: numerical, sampled 200,000 of 250,000 rows, 0 missing\n\nmean 4\.\d+ · std 2\.\d+ · min 0 · max 9$/,
    );
    const categorical = await hoverText('reference: big.csv\ncolumns:\n  categorical: [ki|nd]\n', config);
    expect(categorical).toMatch(
      /^\*\*kind\*\* in `big.csv`: categorical, sampled 200,000 of 250,000 rows, 0 missing\n\n2 categories:\n\n\| value \| rows \|\n\|---\|---:\|\n\| common \| 1[45]\d,\d{3} \|\n\| rare \| [45]\d,\d{3} \|$/,
    );
  });

  it('says why a reference whose header reads but whose rows do not has no profile, naming the file and line', async () => {
    scratchFile('ragged.csv', 'id,plan\n1,basic\n2\n');
    expect(
      await hoverText('reference: ragged.csv\ncolumns:\n  categorical: [pl|an]\n', path.join(scratch, 'drift.yaml')),
    ).toBe("No profile of `plan`: ragged.csv line 3 has 1 field, but the header has 2: no value for column 'plan'.");
  });

  it('says when a column is not in the reference, and gives nothing without a readable reference', async () => {
    expect(await hoverText(`${REFERENCE}columns:\n  target: targ|te\n`)).toBe(
      '`targte` is not a column of `reference.csv`.',
    );
    expect(await hoverText('reference: nowhere.csv\ncolumns:\n  target: targ|et\n')).toBeNull();
    expect(await hoverText('columns:\n  target: targ|et\n')).toBeNull();
  });
});

describe('ColumnProfileCache', () => {
  it('reads a file again once its size or mtime changed', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'drift-profiles-')), 'data.csv');
    const cache = new ColumnProfileCache();
    writeFileSync(file, 'x,y\n1,a\n3,b\n');
    expect(await cache.get(file, 'x')).toEqual({
      kind: 'numerical',
      rows: 2,
      missing: 0,
      mean: 2,
      std: Math.SQRT2,
      min: 1,
      max: 3,
    });
    writeFileSync(file, 'x,y\n1,a\n3,b\n,b\n');
    expect(await cache.get(file, 'y')).toEqual({
      kind: 'categorical',
      rows: 3,
      missing: 0,
      categories: 2,
      top: [
        { value: 'b', count: 2 },
        { value: 'a', count: 1 },
      ],
    });
    expect(await cache.get(file, 'x')).toMatchObject({ rows: 3, missing: 1 });
  });

  it('keeps a profile while size and mtime stay the same, until invalidated', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'drift-profiles-')), 'data.csv');
    const cache = new ColumnProfileCache();
    // Whole seconds, so that the time set twice is the same to the nanosecond.
    const time = new Date('2025-01-01T00:00:00Z');
    writeFileSync(file, 'x\n1\n');
    utimesSync(file, time, time);
    expect(await cache.get(file, 'x')).toMatchObject({ mean: 1 });
    writeFileSync(file, 'x\n2\n');
    utimesSync(file, time, time);
    expect(await cache.get(file, 'x')).toMatchObject({ mean: 1 });
    cache.invalidate(file);
    expect(await cache.get(file, 'x')).toMatchObject({ mean: 2 });
  });

  it('rejects naming the file and the column when the file lacks the column', async () => {
    const cache = new ColumnProfileCache();
    await expect(cache.get(path.join(path.dirname(CONFIG_PATH), 'reference.csv'), 'nothing')).rejects.toThrow(
      "reference.csv has no column 'nothing'.",
    );
  });

  it('profiles on the read worker (dist/readWorker.js) as on this thread, sample included', async () => {
    const file = scratchFile(
      'worker.csv',
      `x,kind\n${Array.from({ length: PROFILE_SAMPLE.maxRows + 1_000 }, (_, i) => `${i % 7},${i % 3 ? 'a' : 'b'}\n`).join('')}`,
    );
    const onWorker = new ColumnProfileCache(new URL('../../../dist/readWorker.js', import.meta.url).pathname);
    for (const column of ['x', 'kind']) {
      const here = await profiles.get(file, column);
      expect(here.sampledFrom).toBe(PROFILE_SAMPLE.maxRows + 1_000);
      expect(await onWorker.get(file, column)).toEqual(here);
    }
  });
});

describe('hover profiles from a reference profile past its caps', () => {
  it("states the sketch's rank error on the quartiles and the heavy hitters' on the counts", async () => {
    // 5,000 distinct numbers and 1,500 distinct texts: past the profile's exact counts of each.
    const rows = Array.from({ length: 5_000 }, (_, i) => `${(i * 7919) % 5_000},t${i % 1_500}`);
    const csv = scratchFile('wide.csv', `x,label\n${rows.join('\n')}\n`);
    const profile = await buildProfile(csv, { displayPath: 'wide.csv' });
    const file = path.join(scratch, 'wide.profile.json');
    await writeProfileFile(file, profile);
    const saved = await readProfileFile(file, 'wide.profile.json');
    const x = saved.columns.get('x')!;
    const label = saved.columns.get('label')!;
    expect(x.stream.numbers.sketch.rankError).toBeGreaterThan(0);
    expect(label.heavyHitters).toBeDefined();
    expect(label.distinct).toEqual({ low: 1_500, high: 1_500 });

    const config = path.join(scratch, 'wide.drift.yaml');
    const at = async (marked: string) => {
      const { text, offset } = cursor(`reference: wide.profile.json\ncolumns:\n${marked}`);
      return ((await hover(text, offset, config, headers, profiles))?.contents as MarkupContent).value.split('\n');
    };
    const numbers = await at('  numerical: [|x]\n');
    expect(numbers[0]).toBe('**x** in `wide.profile.json`: numerical, 5,000 rows, 0 missing');
    expect(numbers[4]).toMatch(
      new RegExp(
        `^quartiles \\S+ · \\S+ · \\S+ \\(each within ±${formatCount(Math.ceil(x.stream.numbers.sketch.rankError))} rows of its rank\\)$`,
      ),
    );
    const categories = await at('  categorical: [|label]\n');
    expect(categories[2]).toBe(
      `1,500 categories (top 5), each count within ±${formatCount(Math.ceil(label.heavyHitters!.error))}:`,
    );
  });
});
