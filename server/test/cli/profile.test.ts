/**
 * `drift-monitor profile` and `drift-monitor profile merge` in-process: the default name, a
 * config's reference, the refusals (the input overwritten, a profile profiled, bad input)
 * with exit 2 and a message naming the file, and a merge written from four parts.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, stderrBesidesProgress } from './runCli';
import { checkedProfile } from '../../src/engine/profile/profileFile';

const DATA = resolve('test-fixtures/profile/data.csv');

function folderWithData(): string {
  const folder = mkdtempSync(join(tmpdir(), 'profile-cli-'));
  copyFileSync(DATA, join(folder, 'train.csv'));
  return folder;
}

describe('drift-monitor profile', () => {
  it('writes <name>.profile.json beside a data file by default, and says what it wrote', async () => {
    const cwd = folderWithData();
    const run = await runCli(['profile', 'train.csv'], { cwd });
    expect(stderrBesidesProgress(run.stderr)).toEqual([]);
    expect(run.code).toBe(0);
    // Kilobytes of 1,000 bytes, as the benchmarks and docs give sizes.
    const kilobytes = Math.round(statSync(join(cwd, 'train.profile.json')).size / 1000);
    expect(run.stdout).toBe(`Wrote train.profile.json: 8,000 rows, 8 columns of train.csv (${kilobytes} KB).\n`);
    const profile = checkedProfile(readFileSync(join(cwd, 'train.profile.json'), 'utf8'), 'train.profile.json');
    expect(profile.sources[0].file).toBe('train.csv');
    // The same bytes again.
    await runCli(['profile', 'train.csv', '--out', 'again.profile.json'], { cwd });
    expect(readFileSync(join(cwd, 'again.profile.json'), 'utf8')).toBe(
      readFileSync(join(cwd, 'train.profile.json'), 'utf8'),
    );
  });

  it("profiles a config's reference with its models", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'profile-cli-'));
    const config = resolve('test-fixtures/demo-model/drift.yaml');
    const run = await runCli(['profile', config, '--out', 'ref.profile.json'], { cwd });
    expect(stderrBesidesProgress(run.stderr)).toEqual([]);
    expect(run.stdout).toMatch(/^Wrote ref\.profile\.json: 6,000 rows, 12 columns of .*drift\.yaml/);
    const profile = checkedProfile(readFileSync(join(cwd, 'ref.profile.json'), 'utf8'), 'ref.profile.json');
    expect(profile.models.map((m) => m.name)).toEqual(['v1', 'v2']);
  });

  it('refuses to overwrite its input, to profile a profile, and bad input, with exit 2', async () => {
    const cwd = folderWithData();
    const over = await runCli(['profile', 'train.csv', '--out', 'train.csv'], { cwd });
    expect([over.code, over.stderr]).toEqual([
      2,
      'drift-monitor: --out train.csv is the input file; choose another name for the profile.\n',
    ]);
    expect(readFileSync(join(cwd, 'train.csv'))).toEqual(readFileSync(DATA));
    const missing = await runCli(['profile', 'nothere.csv'], { cwd });
    expect([missing.code, missing.stderr]).toEqual([2, 'drift-monitor: nothere.csv: file not found.\n']);
    writeFileSync(join(cwd, 'ragged.csv'), 'a,b\n1,2\n3\n');
    const ragged = await runCli(['profile', 'ragged.csv'], { cwd });
    expect(ragged.code).toBe(2);
    expect(ragged.stderr).toMatch(/^drift-monitor: ragged\.csv line 3 has 1 field/);
    expect(existsSync(join(cwd, 'ragged.profile.json'))).toBe(false);
    // Refused before the file is read (which may take long).
    const overRagged = await runCli(['profile', 'ragged.csv', '--out', 'ragged.csv'], { cwd });
    expect(overRagged.stderr).toMatch(/--out ragged\.csv is the input file/);
    await runCli(['profile', 'train.csv'], { cwd });
    const again = await runCli(['profile', 'train.profile.json'], { cwd });
    expect([again.code, again.stderr]).toEqual([
      2,
      'drift-monitor: train.profile.json is a profile already; merge profiles with `drift-monitor profile merge`.\n',
    ]);
    const format = await runCli(['profile', 'train.csv', '--format', 'xlsx'], { cwd });
    expect([format.code, format.stderr]).toEqual([
      2,
      "drift-monitor: --format takes 'csv', 'csv.gz' or 'parquet', not 'xlsx'.\n",
    ]);
    const usage = await runCli(['profile'], { cwd });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Usage:\n {2}drift-monitor profile <data file or config\.yaml>/);
  });

  it('keeps a larger sketch when asked (--sketch-size): a smaller cdf error, a larger file', async () => {
    const cwd = folderWithData();
    await runCli(['profile', 'train.csv', '--out', 'default.profile.json'], { cwd });
    const run = await runCli(['profile', 'train.csv', '--out', 'fine.profile.json', '--sketch-size', '2048'], { cwd });
    expect(run.code).toBe(0);
    const read = (name: string) => checkedProfile(readFileSync(join(cwd, name), 'utf8'), name);
    const [coarse, fine] = [read('default.profile.json'), read('fine.profile.json')];
    expect([coarse.sketches.kllK, fine.sketches.kllK]).toEqual([400, 2048]);
    const sketched = (profile: typeof fine) =>
      profile.columns.flatMap((column) => (column.numbers?.sketch ? [column.numbers.sketch] : []));
    expect(sketched(fine).length).toBeGreaterThan(0);
    expect(JSON.stringify(sketched(fine)).length).toBeGreaterThan(JSON.stringify(sketched(coarse)).length);
    for (const bad of ['4', '1e6', 'large']) {
      const refused = await runCli(['profile', 'train.csv', '--sketch-size', bad], { cwd });
      expect([refused.code, refused.stderr]).toEqual([
        2,
        `drift-monitor: --sketch-size takes a whole number from 8 to 65,536, not '${bad}'.\n`,
      ]);
    }
  });

  it('prints its help', async () => {
    const run = await runCli(['profile', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/profile merge <a\.profile\.json> <b\.profile\.json> … --out <all\.profile\.json>/);
  });
});

describe('drift-monitor profile merge', () => {
  it('writes the profile of the parts together', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'profile-cli-'));
    const lines = readFileSync(DATA, 'utf8').trim().split('\n');
    for (let p = 0; p < 4; p++) {
      writeFileSync(join(cwd, `part${p}.csv`), [lines[0], ...lines.slice(1 + p * 2000, 1 + (p + 1) * 2000)].join('\n'));
      expect((await runCli(['profile', `part${p}.csv`], { cwd })).code).toBe(0);
    }
    const parts = [0, 1, 2, 3].map((p) => `part${p}.profile.json`);
    const run = await runCli(['profile', 'merge', ...parts, '--out', 'all.profile.json'], { cwd });
    expect(stderrBesidesProgress(run.stderr)).toEqual([]);
    expect(run.stdout).toMatch(/^Wrote all\.profile\.json: 8,000 rows, 4 profiles merged \(\d+ KB\)\.\n$/);
    const merged = checkedProfile(readFileSync(join(cwd, 'all.profile.json'), 'utf8'), 'all.profile.json');
    expect(merged.sources.map((s) => s.file)).toEqual(['part0.csv', 'part1.csv', 'part2.csv', 'part3.csv']);
  });

  it('refuses too few profiles, overwriting one, a file that is not a profile, and other columns', async () => {
    const cwd = folderWithData();
    await runCli(['profile', 'train.csv'], { cwd });
    const one = await runCli(['profile', 'merge', 'train.profile.json', '--out', 'x.profile.json'], { cwd });
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/^drift-monitor: profile merge takes two profiles or more and --out\./);
    const over = await runCli(
      ['profile', 'merge', 'train.profile.json', 'train.profile.json', '--out', 'train.profile.json'],
      {
        cwd,
      },
    );
    expect([over.code, over.stderr]).toEqual([
      2,
      'drift-monitor: --out train.profile.json is one of the profiles merged; choose another name.\n',
    ]);
    const notProfile = await runCli(
      ['profile', 'merge', 'train.profile.json', 'train.csv', '--out', 'x.profile.json'],
      {
        cwd,
      },
    );
    expect(notProfile.code).toBe(2);
    expect(notProfile.stderr).toMatch(/^drift-monitor: train\.csv is not a profile: it is not JSON/);
    writeFileSync(join(cwd, 'other.csv'), 'a,b\n1,2\n');
    await runCli(['profile', 'other.csv'], { cwd });
    const other = await runCli(
      ['profile', 'merge', 'train.profile.json', 'other.profile.json', '--out', 'x.profile.json'],
      {
        cwd,
      },
    );
    expect([other.code, other.stderr]).toEqual([
      2,
      "drift-monitor: other.profile.json cannot be merged with train.profile.json: it has no column 'row_id'.\n",
    ]);
    expect(existsSync(join(cwd, 'x.profile.json'))).toBe(false);
  });
});
