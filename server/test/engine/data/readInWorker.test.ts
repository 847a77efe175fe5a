/**
 * Reading on a worker thread (data/readInWorker.ts, bundled to dist/readWorker.js) and the
 * whole analysis on one (analysis/analyze.ts, dist/analyzeWorker.js) give what the same
 * work on the calling thread gives: the same tables and reports, the same errors with their
 * file, line and column, progress; and aborting stops the worker.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../../../bench/generate.mjs';
import { analyze, analyzeHere } from '../../../src/engine/analysis/analyze';
import type { FixedKind } from '../../../src/engine/data/columnBuilder';
import { readTableHere, readTableInWorker } from '../../../src/engine/data/readInWorker';
import { duplicateRows } from '../../../src/engine/quality/duplicateRows';
import { readTable, type ReadTableOptions } from '../../../src/engine/data/readTable';
import { loadConfig } from '../../../src/engine/config/load';
import { InputError } from '../../../src/engine/inputError';
import type { Report } from '../../../src/protocol/report';

const dist = new URL('../../../../dist/', import.meta.url).pathname;
const readWorker = join(dist, 'readWorker.js');
const analyzeWorker = join(dist, 'analyzeWorker.js');
const fixtures = new URL('../../../../test-fixtures/csv/', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'drift-monitor-worker-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What a read gives: the table, or the error's class, message and location. */
async function outcome(reading: Promise<unknown>): Promise<unknown> {
  try {
    return { table: await reading };
  } catch (error) {
    return {
      error: {
        inputError: error instanceof InputError,
        message: (error as Error).message,
        location: (error as InputError).location,
      },
    };
  }
}

const declaredNumerical: FixedKind = { kind: 'numerical', declared: true };

describe('readTableInWorker', () => {
  const files = readdirSync(fixtures).filter((f) => /\.(csv|tsv)$/.test(f));
  const variants: [string, Omit<ReadTableOptions, 'displayPath'>][] = [
    ['kinds inferred', { kinds: new Map(), requiredColumns: [] }],
    [
      'every column declared numerical, a sample of 2 rows',
      {
        kinds: new Map([
          ['age', declaredNumerical],
          ['id', declaredNumerical],
          ['value', declaredNumerical],
        ]),
        requiredColumns: ['id'],
        sample: { maxRows: 2, seed: 1 },
      },
    ],
    // The streams' sketches come back transferred, like the columns.
    [
      'streamed, a sample of 2 rows',
      { kinds: new Map(), requiredColumns: [], sample: { maxRows: 2, seed: 1 }, stream: true },
    ],
  ];

  it.each(files.flatMap((file) => variants.map(([name, options]) => [file, name, options] as const)))(
    'gives what readTable gives on %s (%s)',
    async (file, _, options) => {
      const path = join(fixtures, file);
      const here = await outcome(readTable(path, { displayPath: file, ...options }));
      const there = await outcome(readTableInWorker(path, { displayPath: file, ...options }, readWorker));
      expect(there).toEqual(here);
    },
  );

  it('names the file, line and column of a problem found in the worker', async () => {
    const error = await readTableInWorker(
      join(fixtures, 'ragged-short.csv'),
      { displayPath: 'ragged-short.csv', kinds: new Map(), requiredColumns: [] },
      readWorker,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location).toMatchObject({
      file: 'ragged-short.csv',
      line: expect.any(Number),
      column: expect.any(String),
    });
    const missing = await readTableInWorker(
      join(scratch, 'nowhere.csv'),
      { displayPath: 'nowhere.csv', kinds: new Map(), requiredColumns: [] },
      readWorker,
    ).catch((e: unknown) => e);
    expect(missing).toEqual(new InputError('nowhere.csv: file not found.', { file: 'nowhere.csv' }));
  });

  it('reports progress in bytes up to the size of the file', async () => {
    const path = join(scratch, 'long.csv');
    writeFileSync(path, 'a,b\n' + '1.5,x\n'.repeat(600_000));
    const seen: [number, number][] = [];
    const table = await readTableInWorker(
      path,
      {
        displayPath: 'long.csv',
        kinds: new Map(),
        requiredColumns: [],
        onProgress: (done, total) => seen.push([done, total]),
      },
      readWorker,
    );
    expect(table.rows).toBe(600_000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toEqual([4 + 6 * 600_000, 4 + 6 * 600_000]);
  });

  it('stops the worker when aborted: rejects with the reason before the file is read, and no progress after', async () => {
    const path = join(scratch, 'big.csv');
    writeFileSync(path, 'a,b,c\n' + '1.25,2,text\n'.repeat(3_000_000));
    const controller = new AbortController();
    let afterAbort = 0;
    let readBeforeAbort = 0;
    let size = 0;
    const reading = readTableInWorker(
      path,
      {
        displayPath: 'big.csv',
        kinds: new Map(),
        requiredColumns: [],
        signal: controller.signal,
        onProgress: (done, total) => {
          if (controller.signal.aborted) afterAbort++;
          else {
            [readBeforeAbort, size] = [done, total];
            controller.abort(new Error('stop'));
          }
        },
      },
      readWorker,
    );
    await expect(reading).rejects.toThrow('stop');
    // At once: the first chunk's progress aborted it, and nothing more was read before the rejection.
    expect(readBeforeAbort).toBeLessThan(size);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(afterAbort).toBe(0);
  });

  it('reads on the calling thread when there is no worker bundle (the sources unbundled)', async () => {
    const table = await readTableInWorker(
      join(fixtures, 'basic.csv'),
      { displayPath: 'basic.csv', kinds: new Map(), requiredColumns: [] },
      undefined,
    );
    expect(table.rows).toBe(3);
  });

  it('counts the duplicate rows where it reads, when asked, as the data-quality checks count them', async () => {
    const path = join(scratch, 'duplicates.csv');
    writeFileSync(path, 'a,b\n1,x\n2,y\n1,x\n,\n,\n1,y\n');
    const options = { displayPath: 'duplicates.csv', kinds: new Map(), requiredColumns: [], duplicateRows: true };
    const counted = duplicateRows(await readTable(path, options));
    expect(counted).toEqual({ rows: 2, share: 2 / 6 });
    expect((await readTableInWorker(path, options, readWorker)).duplicateRows).toEqual(counted);
    expect((await readTableHere(path, options)).duplicateRows).toEqual(counted);
    const notAsked = await readTableInWorker(path, { ...options, duplicateRows: false }, readWorker);
    expect(notAsked.duplicateRows).toBeUndefined();
  });
});

describe('analyze on a worker thread', () => {
  const withoutTime = (report: Report) => ({ ...report, generatedAt: '' });

  it.each(['demo', 'demo-model'])(
    'gives the report of the analysis on this thread for test-fixtures/%s',
    async (name) => {
      const config = await loadConfig(
        new URL(`../../../../test-fixtures/${name}/drift.yaml`, import.meta.url).pathname,
      );
      const progress: string[] = [];
      const there = await analyze(
        config,
        { configShown: 'drift.yaml', onProgress: (p) => progress.push(p.stage) },
        analyzeWorker,
      );
      const here = await analyzeHere(config, { configShown: 'drift.yaml' });
      expect(withoutTime(there)).toEqual(withoutTime(here));
      expect(progress).toContain('reading');
      expect(progress).toContain('testing');
    },
  );

  it('gives the same sample with a row limit', async () => {
    const config = await loadConfig(new URL('../../../../test-fixtures/demo/drift.yaml', import.meta.url).pathname);
    const there = await analyze(config, { maxRows: 500 }, analyzeWorker);
    const here = await analyzeHere(config, { maxRows: 500 });
    expect(there.reference.sampledFrom).toBeDefined();
    expect(withoutTime(there)).toEqual(withoutTime(here));
  });

  it('throws the InputError of a bad file with its location', async () => {
    const folder = join(scratch, 'bad');
    rmSync(folder, { recursive: true, force: true });
    await generate(folder, 10);
    writeFileSync(join(folder, 'current.csv'), 'age,income\n1,2\n3\n');
    const config = await loadConfig(join(folder, 'drift.yaml'));
    const there = await outcome(analyze(config, {}, analyzeWorker));
    const here = await outcome(analyzeHere(config));
    expect(there).toEqual(here);
    expect(there).toMatchObject({ error: { inputError: true, location: { file: 'current.csv', line: 3 } } });
  });

  describe('on a large pair', () => {
    let folder: string;
    beforeAll(async () => {
      folder = join(scratch, 'large');
      await generate(folder, 200_000);
    }, 60_000);

    it('stops when aborted, rejecting with the reason while still reading', async () => {
      const config = await loadConfig(join(folder, 'drift.yaml'));
      const controller = new AbortController();
      const stages: string[] = [];
      const running = analyze(
        config,
        {
          signal: controller.signal,
          onProgress: (p) => {
            stages.push(p.stage);
            if (p.stage === 'reading') controller.abort(new Error('cancelled'));
          },
        },
        analyzeWorker,
      );
      await expect(running).rejects.toThrow('cancelled');
      // Long before the analysis would have ended: it never got to testing a column.
      expect(stages.length).toBeGreaterThan(0);
      expect(stages.filter((stage) => stage !== 'reading')).toEqual([]);
    });
  });
});
