/**
 * Exact where the profile is exact: against the profile of a file whose columns have fewer
 * distinct numbers than the profile counts exactly (here 400 rows of the model demo's
 * reference), the report is the one against the file itself on every statistic the profile
 * supports, bit for bit.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/protocol/report';
import { contradictions } from '../../reportConsistency';
import { profiledReports } from './profiledReports';

const demo = new URL('../../../../test-fixtures/demo-model/', import.meta.url).pathname;

describe('the report against the profile of 400 rows of the model demo', () => {
  const folder = mkdtempSync(join(tmpdir(), 'drift-exact-profile-'));
  let exact: Report;
  let profiled: Report;

  beforeAll(async () => {
    for (const file of ['current.csv', 'test.csv', 'drift.yaml']) copyFileSync(join(demo, file), join(folder, file));
    const lines = readFileSync(join(demo, 'reference.csv'), 'utf8').split('\n');
    writeFileSync(join(folder, 'reference.csv'), `${lines.slice(0, 401).join('\n')}\n`);
    ({ exact, profiled } = await profiledReports(join(folder, 'drift.yaml')));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('equals the report against the file, bit for bit, but where it names the reference and where the categories are summed in another order', () => {
    const found = differences(exact, profiled);
    const expected = [
      '.config',
      '.generatedAt',
      '.reference.path',
      // The config leaves customer_id out, and so does the profile made from it.
      '.reference.columns',
      '.reference.profile',
      // The task is the profile's metrics', not inferred from the target again.
      '.performance.taskReason',
      '.performance.taskInferred',
    ];
    const categoricalReasons = exact.features
      .filter((f) => f.kind === 'categorical')
      .map((f) => `.features[${exact.features.indexOf(f)}].methodReason`);
    // A profile lists its categories most frequent first, a file in the order they first appear:
    // the sums over categories add the same terms in another order, which moves the last bit or two.
    const summedInAnotherOrder = (path: string, a: unknown, b: unknown) =>
      /^\.(features\[\d+\]\.tests|windows\.current\[\d+\]\.(statistics|driftSizes))\./.test(path) &&
      typeof a === 'number' &&
      typeof b === 'number' &&
      Math.abs(a - b) <= 8 * Number.EPSILON * Math.abs(a);
    const unexpected = found.filter(
      ({ path, a, b }) =>
        !expected.includes(path) &&
        !categoricalReasons.includes(path) &&
        !path.startsWith('.notes') &&
        !summedInAnotherOrder(path, a, b),
    );
    expect(unexpected).toEqual([]);
    for (const path of categoricalReasons)
      expect(at(profiled, path)).toBe(`${at(exact, path)}; exact counts of every row`);
    expect(profiled.notes.filter((n) => !exact.notes.includes(n))).toEqual([
      expect.stringMatching(
        /^The reference is a profile, reference\.profile\.json, made by drift-monitor \S+ from reference\.csv \(400 rows\)/,
      ),
    ]);
  });

  it('tests the numerical columns as the file, rank tests included, and every categorical one from its exact counts', () => {
    for (const feature of profiled.features) {
      const whole = exact.features.find((f) => f.name === feature.name)!;
      expect(Object.keys(feature.tests), feature.name).toEqual(Object.keys(whole.tests));
      expect(feature.cdfError, feature.name).toBeUndefined();
    }
    expect(profiled.features.some((f) => f.tests.mannwhitney)).toBe(true);
  });

  it('makes a report without contradictions', () => {
    expect(contradictions(profiled)).toEqual([]);
  });
});

interface Difference {
  path: string;
  a: unknown;
  b: unknown;
}

/** Every leaf where the two values differ, by path (`.features[0].tests.ks.pValue`). */
function differences(a: unknown, b: unknown, path = ''): Difference[] {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    if (Array.isArray(a) !== Array.isArray(b)) return [{ path, a, b }];
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) =>
      differences(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        Array.isArray(a) ? `${path}[${key}]` : `${path}.${key}`,
      ),
    );
  }
  return Object.is(a, b) ? [] : [{ path, a, b }];
}

function at(report: Report, path: string): unknown {
  return path
    .split(/[.[\]]+/)
    .filter(Boolean)
    .reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], report);
}
