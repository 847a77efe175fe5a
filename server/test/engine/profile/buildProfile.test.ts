/**
 * Making a profile (buildProfile.ts) and reading it back (profileFile.ts): every exact part
 * against numpy (test-fixtures/profile/generate.py), the same bytes for the same input,
 * numbers that read back to the same doubles, what the analysis reads of it
 * (decodeProfile.ts), a config's models as the report scores them, and a clear message
 * naming the file and the JSON path for every file that is not a readable profile.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import { buildConfigProfile, buildProfile } from '../../../src/engine/profile/buildProfile';
import { decodeProfile } from '../../../src/engine/profile/decodeProfile';
import { checkedProfile, profileText, readProfileFile } from '../../../src/engine/profile/profileFile';
import type { ProfileFile } from '../../../src/engine/profile/profileFormat';
import { InputError } from '../../../src/engine/inputError';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import Ajv from 'ajv';

const DATA = 'test-fixtures/profile/data.csv';

interface GoldenColumn {
  missing: number;
  nonNumeric: number;
  count: number;
  mean?: number;
  m2?: number;
  min?: number;
  max?: number;
  zeros?: number;
  wholeNumbers?: boolean;
  counts?: [number, number][];
  texts?: Record<string, number>;
  distinct: number;
}
const golden = JSON.parse(readFileSync('test-fixtures/profile/golden.json', 'utf8')) as {
  rows: number;
  columns: Record<string, GoldenColumn>;
};

const profiled = buildProfile(DATA, { displayPath: 'data.csv' });

function relativelyClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe('a profile of a data file', () => {
  it('holds the exact parts numpy computes', async () => {
    const profile = await profiled;
    expect(profile.rows).toBe(golden.rows);
    expect(profile.columns.map((c) => c.name)).toEqual(Object.keys(golden.columns));
    for (const column of profile.columns) {
      const expected = golden.columns[column.name];
      const { numbers } = column;
      expect([column.rows, column.missing, column.nonNumeric, numbers.count], column.name).toEqual([
        golden.rows,
        expected.missing,
        expected.nonNumeric,
        expected.count,
      ]);
      if (expected.count > 0) {
        relativelyClose(numbers.mean!, expected.mean!, 1e-12);
        relativelyClose(numbers.m2, expected.m2!, 1e-9);
        expect([numbers.min, numbers.max, numbers.zeros, numbers.wholeNumbers], column.name).toEqual([
          expected.min,
          expected.max,
          expected.zeros,
          expected.wholeNumbers,
        ]);
      }
      expect(numbers.counts, column.name).toEqual(expected.counts);
      if (expected.texts) expect(Object.fromEntries(column.texts.counts!), column.name).toEqual(expected.texts);
      else expect(column.texts.heavyHitters, column.name).toBeDefined();
      expect(column.distinct, column.name).toMatchObject({ low: expected.distinct, high: expected.distinct });
    }
  });

  it('records its source, its sketch parameters and the duplicate rows', async () => {
    const profile = await profiled;
    expect(profile.profileVersion).toBe(1);
    expect(profile.createdBy).toMatch(/^drift-monitor \d+\.\d+\.\d+/);
    expect(profile.sources).toEqual([
      { file: 'data.csv', rows: 8000, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string },
    ]);
    expect(profile.sketches).toEqual({ exactNumbers: 1000, exactTexts: 1000, kllK: 400, hyperLogLogPrecision: 14 });
    expect(profile.duplicateRows).toBe(0);
    expect(profile.models).toEqual([]);
  });

  it("validates against the schema compiled in ajv's strict mode", async () => {
    const schema = JSON.parse(readFileSync('schemas/profile.schema.json', 'utf8')) as object;
    const validate = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);
    const config = await loadConfig(resolve('test-fixtures/demo-model/drift.yaml'), 'drift.yaml');
    for (const profile of [await profiled, await buildConfigProfile(config)]) {
      expect(validate(JSON.parse(profileText(profile))), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('is written the same, byte for byte, every time, and reads back to the same numbers', async () => {
    const text = profileText(await profiled);
    expect(profileText(await buildProfile(DATA, { displayPath: 'data.csv' }))).toBe(text);
    expect(checkedProfile(text, 'data.profile.json')).toEqual(JSON.parse(JSON.stringify(await profiled)));
    // Numbers in full: the doubles read back are those computed.
    const amount = checkedProfile(text, 'x').columns.find((c) => c.name === 'amount')!;
    expect(amount.numbers.m2).toBe((await profiled).columns.find((c) => c.name === 'amount')!.numbers.m2);
  });

  it('is the same of a Parquet file or a gzip CSV as of its plain CSV, but for the source', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'profile-'));
    const csv = 'test-fixtures/parquet/reference.csv';
    writeFileSync(join(folder, 'reference.csv.gz'), gzipSync(readFileSync(csv)));
    const plain = await buildProfile(csv, { displayPath: 'reference.csv' });
    for (const [path, file] of [
      ['test-fixtures/parquet/zstd/reference.parquet', 'reference.parquet'],
      [join(folder, 'reference.csv.gz'), 'reference.csv.gz'],
    ]) {
      const other = await buildProfile(path, { displayPath: file });
      expect(other.sources[0].file).toBe(file);
      expect({ ...other, sources: plain.sources }).toEqual(plain);
    }
  });

  it('writes infinities, which JSON has not, as texts, and reads them back', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'profile-'));
    const path = join(folder, 'inf.csv');
    writeFileSync(path, 'x,y\ninf,1\n2,-inf\n-infinity,3\n');
    const text = profileText(await buildProfile(path, { displayPath: 'inf.csv' }));
    expect(text).toContain('"min": "-Infinity"');
    const [x, y] = checkedProfile(text, 'inf.profile.json').columns.map((c) => c.numbers);
    expect([x.min, x.max, x.first, x.last, x.counts]).toEqual([
      -Infinity,
      Infinity,
      Infinity,
      -Infinity,
      [
        [-Infinity, 1],
        [2, 1],
        [Infinity, 1],
      ],
    ]);
    expect(x.mean).toBeNull();
    expect(x.m2).toBeNaN();
    expect(y.min).toBe(-Infinity);
    const decoded = decodeProfile(checkedProfile(text, 'inf.profile.json')).columns.get('x')!.stream.numbers;
    expect([decoded.min, decoded.max, decoded.count]).toEqual([-Infinity, Infinity, 3]);
    expect(decoded.mean).toBeNaN();
  });

  it("reads a text column's numbers with the decimal separator the reader detected", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'profile-'));
    const path = join(folder, 'comma.csv');
    writeFileSync(path, 'width;code\n1,5;x\n2,25;1,5\n3,75;2,5\n4,5;x\n');
    const text = profileText(await buildProfile(path, { displayPath: 'comma.csv' }));
    const code = checkedProfile(text, 'comma.profile.json').columns[1];
    expect([code.kind, code.nonNumeric, code.numbers.count, code.numbers.counts]).toEqual([
      'categorical',
      2,
      2,
      [
        [1.5, 1],
        [2.5, 1],
      ],
    ]);
    expect(code.texts.counts).toEqual([['x', 2]]);
  });

  it('gives the analysis its streams, orders, text lengths and sketches', async () => {
    const profile = decodeProfile(await profiled);
    const rowId = profile.columns.get('row_id')!;
    expect(rowId.order).toBe('rising');
    expect(rowId.wholeNumbers).toBe(true);
    expect(rowId.distinct).toEqual({ low: 8000, high: 8000 });
    expect(rowId.stream.numbers.sketch.rankError).toBeGreaterThan(0);
    const visits = profile.columns.get('visits')!;
    expect(visits.stream.numbers.sketch.rankError).toBe(0);
    expect(visits.zeros).toBe(golden.columns.visits.zeros);
    expect(visits.stream.categories).toEqual(new Map(golden.columns.visits.counts!.map(([v, c]) => [String(v), c])));
    const plan = profile.columns.get('plan')!;
    expect(plan.kind).toBe('categorical');
    expect(plan.stream.categories).toEqual(new Map(Object.entries(golden.columns.plan.texts!)));
    const planLength = Object.entries(golden.columns.plan.texts!).reduce((sum, [t, c]) => sum + t.length * c, 0);
    expect(plan.meanTextLength).toBeCloseTo(planLength / 8000, 12);
    const token = profile.columns.get('token')!;
    expect(token.stream.categories).toBeUndefined();
    expect(token.heavyHitters!.counts.size).toBe(1000);
    const score = profile.columns.get('score')!;
    expect(score.stream.numbers.std).toBeCloseTo(Math.sqrt(golden.columns.score.m2! / (7832 - 1)), 9);
    expect(score.stream.missing).toBe(golden.columns.score.missing);
  });
});

describe('a profile of a config reference', () => {
  it("holds each model's reference metrics as the report gives them, with joint counts and calibration", async () => {
    const config = await loadConfig(resolve('test-fixtures/demo-model/drift.yaml'), 'drift.yaml');
    const [profile, report] = await Promise.all([buildConfigProfile(config), analyze(config, {}, undefined)]);
    expect(profile.columns.map((c) => c.name)).not.toContain('customer_id');
    expect(profile.models.map((m) => m.name)).toEqual(['v1', 'v2']);
    profile.models.forEach((model, i) => {
      const reference = report.performance!.models[i].reference;
      expect(JSON.parse(JSON.stringify(model.metrics))).toEqual(JSON.parse(JSON.stringify(reference)));
      if (reference.task !== 'classification') throw new Error('the demo is a classifier');
      expect(model.joint!.labels).toEqual(reference.labels);
      expect(model.joint!.counts).toEqual(reference.confusionMatrix);
      const calibration = model.calibration!;
      expect(calibration.rows.reduce((a, b) => a + b, 0)).toBe(reference.rows);
      expect(calibration.edges).toHaveLength(11);
    });
  });

  it('counts the joint labels and the calibration bins row by row', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'profile-'));
    writeFileSync(join(folder, 'reference.csv'), 'y,p,prob\n1,1,0.95\n0,0,0.05\n1,0,0.45\n0,1,0.55\n1,1,1.0\n,1,0.5\n');
    writeFileSync(
      join(folder, 'drift.yaml'),
      'reference: reference.csv\ncurrent: reference.csv\ncolumns:\n  target: y\nmodels:\n  - { name: m, prediction: p, probability: prob }\n',
    );
    const [model] = (await buildConfigProfile(await loadConfig(join(folder, 'drift.yaml')))).models;
    expect(model.joint).toEqual({
      labels: ['0', '1'],
      counts: [
        [1, 1],
        [1, 2],
      ],
    });
    expect(model.calibration!.rows).toEqual([1, 0, 0, 0, 1, 1, 0, 0, 0, 2]);
    expect(model.calibration!.positives).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 2]);
  });

  it('needs every column the config names, as the analysis does', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'profile-'));
    writeFileSync(join(folder, 'reference.csv'), 'y,p\n1,1.5\n');
    writeFileSync(
      join(folder, 'drift.yaml'),
      'reference: reference.csv\ncurrent: reference.csv\ncolumns:\n  timestamp: when\n',
    );
    const config = await loadConfig(join(folder, 'drift.yaml'));
    await expect(buildConfigProfile(config)).rejects.toThrow(/reference\.csv.*'when'/);
  });

  it('keeps a regression model’s absolute errors', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'profile-'));
    writeFileSync(join(folder, 'reference.csv'), 'y,p\n1,1.5\n2,2\n4,3\n,1\n');
    writeFileSync(
      join(folder, 'drift.yaml'),
      'reference: reference.csv\ncurrent: reference.csv\ntask: regression\ncolumns:\n  target: y\n  prediction: p\n',
    );
    const config = await loadConfig(join(folder, 'drift.yaml'));
    const [model] = (await buildConfigProfile(config)).models;
    expect(model.task).toBe('regression');
    expect(model.absoluteErrors).toMatchObject({
      count: 3,
      mean: 0.5,
      min: 0,
      max: 1,
      counts: [
        [0, 1],
        [0.5, 1],
        [1, 1],
      ],
    });
    expect(model.metrics).toMatchObject({ mae: 0.5 });
  });
});

describe('a file that is not a readable profile', () => {
  const folder = mkdtempSync(join(tmpdir(), 'profile-'));
  /** A fresh copy of a valid profile, to break. */
  const valid = async () => JSON.parse(profileText(await profiled)) as ProfileFile;
  async function messageOf(content: string | object): Promise<string> {
    const path = join(folder, 'x.profile.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    const error = await readProfileFile(path, 'x.profile.json').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }

  it('says so when the file is missing, not JSON or not a profile', async () => {
    await expect(readProfileFile(join(folder, 'none.json'), 'none.json')).rejects.toThrow('none.json: file not found.');
    expect(await messageOf('{"profileVersion": 1,')).toMatch(/^x\.profile\.json is not a profile: it is not JSON/);
    expect(await messageOf({ version: 1, generatedAt: 'x' })).toMatch(
      /^x\.profile\.json is not a profile: a profile is a JSON object with a profileVersion/,
    );
    expect(await messageOf('[1, 2]')).toMatch(/is not a profile/);
  });

  it('refuses a newer version, naming the drift-monitor that reads it', async () => {
    const newer = { ...(await valid()), profileVersion: 2, createdBy: 'drift-monitor 9.0.0' };
    expect(await messageOf(newer)).toBe(
      `x.profile.json is a profile of version 2, written by drift-monitor 9.0.0; this ${(await valid()).createdBy} reads profile version 1: read it with drift-monitor 9.0.0 or later.`,
    );
  });

  it('refuses a version it does not read, saying which does', async () => {
    expect(await messageOf({ ...(await valid()), profileVersion: 0 })).toMatch(
      /has profile version 0, written by drift-monitor [\d.]+; this drift-monitor [\d.]+ reads profile version 1 only/,
    );
  });

  it('names the JSON path of a part that breaks the schema or does not add up', async () => {
    const broken = await valid();
    (broken.columns[2].numbers as unknown as { count: string }).count = 'many';
    expect(await messageOf(broken)).toBe(
      'x.profile.json is not a valid profile: /columns/2/numbers/count must be integer.',
    );
    const unknownKey = { ...(await valid()), extra: true };
    expect(await messageOf(unknownKey)).toBe("x.profile.json is not a valid profile: / has an unknown key 'extra'.");
    const uneven = await valid();
    uneven.columns[1].missing += 1;
    expect(await messageOf(uneven)).toBe(
      'x.profile.json is not a valid profile: /columns/1 has missing + nonNumeric + numbers.count unequal to its rows.',
    );
    const lighter = await valid();
    lighter.columns[1].numbers.sketch!.levels[0].pop();
    expect(await messageOf(lighter)).toMatch(
      /^x\.profile\.json is not a valid profile: \/columns\/1\/numbers\/sketch weighs/,
    );
  });
});
