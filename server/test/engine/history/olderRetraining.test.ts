/**
 * Runs recorded before the history kept the retraining state (schema version 2) still read,
 * with the state derived from what was recorded: a blocked recommendation was written as
 * retrain 0 with a "blocked: only …" reason.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../../src/engine/history/audit';
import { readRuns } from '../../../src/engine/history/readRuns';
import { MIGRATIONS } from '../../../src/engine/history/schema';
import { retrainingHeadline } from '../../../src/protocol/text';
import { scratchFolder, writeSqlite } from './scratch';

const folder = scratchFolder('older-retraining');
const config = path.join(folder, 'drift.yaml');
const history = path.join(folder, '.drift-monitor', 'history.sqlite');

/** A runs row as version 2 wrote it. */
const run = (id: number, retrain: number, priority: string, reasons: string[]) =>
  `INSERT INTO runs VALUES (${id}, '2026-06-0${id}T00:00:00.000Z', 'cli', '../drift.yaml', 'abc', 'classification', 4, 1, 0.25, 0.5, 0, 60, 'moderate', ${retrain}, '${priority}', '${JSON.stringify(reasons)}');`;

describe('a history of schema version 2', () => {
  it('reads each run as not needed, recommended or blocked, with the labels a blocked one needed', async () => {
    mkdirSync(path.dirname(history), { recursive: true });
    await writeSqlite(
      history,
      `${MIGRATIONS[0]}; ${MIGRATIONS[1]}; PRAGMA user_version = 2;
      ${run(1, 0, 'none', ['no retraining condition is met (dataset_drift, performance_drop, concept_drift)'])}
      ${run(2, 1, 'high', ['performance: accuracy of model went from 0.9 to 0.66'])}
      ${run(3, 0, 'none', [
        'performance: accuracy of model went from 0.9 to 0.66',
        'blocked: only 189 labelled current rows, fewer than retraining.min_rows = 1,000; collect more labels first',
      ])}`,
    );
    const expected = [
      { state: 'not-needed', priority: 'none', retrain: false },
      { state: 'recommended', priority: 'high', retrain: true },
      { state: 'blocked', priority: 'none', labelsNeeded: 811, retrain: false },
    ];
    const read = async () => (await readRuns(history, config)).map((r) => r.retraining);
    expect(await read()).toMatchObject(expected);
    expect((await read()).map(retrainingHeadline)).toEqual([
      'No retraining needed',
      'Retraining recommended (priority high)',
      'Retraining recommended, blocked: collect 811 more labels',
    ]);

    // Migrated by the next write, the file reads the same.
    await recordAudit(history, {
      startedAt: '2026-06-04T00:00:00.000Z',
      reason: 'r',
      command: 'make retrain',
      cwd: folder,
      exitCode: 0,
      durationMs: 1,
      trigger: 'cli',
    });
    expect(await read()).toMatchObject(expected);
  });
});
