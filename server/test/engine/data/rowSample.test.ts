/** Reading a CSV with a row limit: a uniform random sample, in file order, chosen without converting the rows left out. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FixedKind } from '../../../src/engine/data/columnBuilder';
import { readTable } from '../../../src/engine/data/readTable';
import type { RowSample } from '../../../src/engine/data/rowSample';
import type { Table } from '../../../src/engine/data/table';
import { InputError } from '../../../src/engine/inputError';
import type { CategoricalColumn, NumericalColumn } from '../../../src/engine/data/column';

const scratch = mkdtempSync(join(tmpdir(), 'drift-monitor-sample-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let files = 0;
/** Writes `text` to a new file in the scratch folder; returns its path. */
function csv(text: string): string {
  const path = join(scratch, `file${files++}.csv`);
  writeFileSync(path, text);
  return path;
}

function read(path: string, sample: RowSample | undefined, kinds: Record<string, FixedKind> = {}): Promise<Table> {
  return readTable(path, {
    displayPath: 'data.csv',
    kinds: new Map(Object.entries(kinds)),
    requiredColumns: [],
    sample,
  });
}

/** `id` counts the data rows from 0; `x` is a number derived from it, `plan` one of three texts. */
function rowsCsv(rows: number): string {
  const lines = ['id,x,plan'];
  for (let id = 0; id < rows; id++) lines.push(`${id},${(id * 7) % 101},${['basic', 'plus', 'pro'][id % 3]}`);
  return lines.join('\n') + '\n';
}

const ids = (table: Table) => [...(table.columns.get('id') as NumericalColumn).values];

describe('readTable with a row limit', () => {
  const big = csv(rowsCsv(5_000));

  it('keeps exactly maxRows rows of a larger file, and says how many the file has', async () => {
    const table = await read(big, { maxRows: 1_000, seed: 1 });
    expect(table.rows).toBe(1_000);
    expect(table.sampledFrom).toBe(5_000);
    for (const column of table.columns.values())
      expect(column.kind === 'numerical' ? column.values.length : column.codes.length).toBe(1_000);
  });

  it('keeps the rows in file order, each row whole', async () => {
    const table = await read(big, { maxRows: 1_000, seed: 1 });
    const kept = ids(table);
    for (let i = 1; i < kept.length; i++) expect(kept[i]).toBeGreaterThan(kept[i - 1]);
    const x = (table.columns.get('x') as NumericalColumn).values;
    const plan = table.columns.get('plan') as CategoricalColumn;
    kept.forEach((id, i) => {
      expect(x[i]).toBe((id * 7) % 101);
      expect(plan.categories[plan.codes[i]]).toBe(['basic', 'plus', 'pro'][id % 3]);
    });
  });

  it('keeps every row of a file with maxRows rows or fewer, as a read without a limit does', async () => {
    for (const rows of [999, 1_000]) {
      const path = csv(rowsCsv(rows));
      const whole = await read(path, undefined);
      const limited = await read(path, { maxRows: 1_000, seed: 1 });
      expect(limited).toEqual(whole);
      expect(limited.sampledFrom).toBeUndefined();
    }
  });

  it('draws the same rows for the same seed and other rows for another', async () => {
    const first = ids(await read(big, { maxRows: 1_000, seed: 1 }));
    expect(ids(await read(big, { maxRows: 1_000, seed: 1 }))).toEqual(first);
    const other = ids(await read(big, { maxRows: 1_000, seed: 2 }));
    expect(other).not.toEqual(first);
    // Two independent samples of a fifth share about a fifth of their rows.
    const shared = other.filter((id) => new Set(first).has(id)).length;
    expect(shared).toBeGreaterThan(100);
    expect(shared).toBeLessThan(300);
  });

  it('keeps only the categories the sampled rows hold, in order of first appearance', async () => {
    const lines = ['id,tier'];
    for (let id = 0; id < 4_000; id++) lines.push(`${id},${id === 1 ? 'rare' : id % 2 ? 'odd' : 'even'}`);
    const path = csv(lines.join('\n') + '\n');
    const table = await read(path, { maxRows: 100, seed: 1 });
    const tier = table.columns.get('tier') as CategoricalColumn;
    const kept = ids(table);
    expect(kept).not.toContain(1);
    const expected = [...new Set(kept.map((id) => (id === 1 ? 'rare' : id % 2 ? 'odd' : 'even')))];
    expect(tier.categories).toEqual(expected);
    expect(tier.nonNumeric).toBe(100);
  });
});

describe('line numbers with a row limit', () => {
  /**
   * Rows whose `note` holds a quoted line break, so that row `id` starts on line 2 + 2·id;
   * `value` is a four-digit number, or `bad` instead for row `badRow`, which keeps the file's
   * length and so the rows the sampler keeps.
   */
  function multiLineCsv(rows: number, badRow = -1): string {
    const lines = ['id,note,value'];
    for (let id = 0; id < rows; id++)
      lines.push(`${id},"first\nsecond",${id === badRow ? 'bad ' : 1000 + (id % 9000)}`);
    return lines.join('\n') + '\n';
  }
  const value: Record<string, FixedKind> = { value: { kind: 'numerical', declared: true } };
  const sample = { maxRows: 500, seed: 7 };

  it('names the right line for a bad cell in a kept row after skipped rows spanning several lines', async () => {
    const kept = ids(await read(csv(multiLineCsv(20_000)), sample, value));
    const badRow = kept[kept.length - 1];
    expect(badRow).toBeGreaterThan(15_000);
    const error = await read(csv(multiLineCsv(20_000, badRow)), sample, value).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const line = 2 + 2 * badRow;
    expect((error as InputError).message).toBe(
      `data.csv line ${line}, column 'value': 'bad ' is not a number, but the column is declared numerical.`,
    );
    expect((error as InputError).location).toEqual({ file: 'data.csv', line, column: 'value' });
  });

  it('does not convert the rows it leaves out: a bad cell there stops nothing', async () => {
    const kept = new Set(ids(await read(csv(multiLineCsv(20_000)), sample, value)));
    const skipped = [...Array(20_000).keys()].find((id) => id > 10_000 && !kept.has(id))!;
    const table = await read(csv(multiLineCsv(20_000, skipped)), sample, value);
    expect(table.rows).toBe(500);
  });

  it('gives the lines of the first non-numeric cells among the kept rows', async () => {
    const table = await read(csv(multiLineCsv(20_000)), sample, value);
    const note = table.columns.get('note') as CategoricalColumn;
    expect(note.nonNumeric).toBe(500);
    expect(note.nonNumericLines).toEqual(
      ids(table)
        .slice(0, 5)
        .map((id) => 2 + 2 * id),
    );
  });
});

describe('the sample is uniform', () => {
  const N = 100_000;
  const n = 10_000;
  const path = csv(rowsCsv(N));

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: the kept rows' mean index is near the middle and each tenth of the file holds about a tenth of them`, async () => {
      const kept = ids(await read(path, { maxRows: n, seed }));
      expect(kept.length).toBe(n);
      // Sampling n of N without replacement: the mean index has standard error σ/√n·√((N−n)/(N−1)).
      const standardError = Math.sqrt((N * N - 1) / 12 / n) * Math.sqrt((N - n) / (N - 1));
      const mean = kept.reduce((a, b) => a + b, 0) / n;
      expect(Math.abs(mean - (N - 1) / 2)).toBeLessThan(4 * standardError);
      const perTenth = new Array(10).fill(0);
      for (const id of kept) perTenth[Math.floor((id * 10) / N)]++;
      // Hypergeometric: 1,000 expected per tenth, standard deviation about 28.5.
      for (const count of perTenth) expect(Math.abs(count - n / 10)).toBeLessThan(4 * 28.5);
    });
  }
});

describe('a row estimate far too high', () => {
  it('keeps fewer rows than maxRows, and the table says how many it kept and how many the file has', async () => {
    // The first chunk (1 MiB) holds only short rows; the rest of the file, far fewer long ones.
    const lines = ['id,text'];
    for (let id = 0; id < 150_000; id++) lines.push(`${id},a`);
    for (let id = 150_000; id < 153_000; id++) lines.push(`${id},${'b'.repeat(2_000)}`);
    const table = await read(csv(lines.join('\n') + '\n'), { maxRows: 100_000, seed: 1 });
    expect(table.sampledFrom).toBe(153_000);
    expect(table.rows).toBeLessThan(100_000);
    expect(table.rows).toBe(ids(table).length);
  });
});
