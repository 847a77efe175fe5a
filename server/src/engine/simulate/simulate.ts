/**
 * The drift simulator: a copy of a CSV with chosen perturbations, the same for the same seed,
 * so that thresholds and alerts can be rehearsed on data whose drift is known. Two passes
 * over the input, neither holding its rows: the reader checks it and learns its columns
 * (columnFacts.ts), then the writer copies it with the changes (writeCopy.ts). A gzip input
 * gives a gzip copy.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { dataFormatOf } from '../data/dataFormat';
import { isGzipFile } from '../data/gzip';
import { InputError } from '../inputError';
import { mulberry32 } from '../stats/mulberry32.mjs';
import { cellChange } from './cellChanges';
import { formatCount, plural } from '../../protocol/text';
import type { SimulationResult } from './changeSummary';
import { checkPerturbations } from './checkPerturbations';
import { readFacts } from './columnFacts';
import type { Perturbation } from './perturbation';
import { writeCopy } from './writeCopy';

export interface Simulation {
  input: string;
  output: string;
  /** The input and output as the user named them, for messages; the paths by default. */
  inputShown?: string;
  outputShown?: string;
  /** Applied in this order, each to the cells as the ones before left them. */
  perturbations: Perturbation[];
  seed: number;
  /** The first data row (1-based) the perturbations apply to: drift from a point in time on. 1 by default. */
  fromRow?: number;
  signal?: AbortSignal;
}

export const DEFAULT_SEED = 1;

/** Writes the perturbed copy; throws an InputError naming the file (and column) for bad input. */
export async function simulateDrift(simulation: Simulation): Promise<SimulationResult> {
  const { input, output, perturbations, seed, fromRow = 1, signal } = simulation;
  const inputShown = simulation.inputShown ?? input;
  const outputShown = simulation.outputShown ?? output;
  if (await sameFile(input, output))
    throw new InputError(`${outputShown} is the input file itself; write the simulated copy to another file.`, {
      file: outputShown,
    });

  const format = dataFormatOf(input);
  if (format !== 'csv' && format !== 'csv.gz')
    throw new InputError(
      `${inputShown} is a ${format} file by its name: the simulator copies CSV files, plain or gzip-compressed.`,
      { file: inputShown },
    );
  const facts = await readFacts(input, inputShown, signal, format === 'csv.gz');
  // As the reader read it: a file that starts as gzip does is gzip, whatever its name.
  const gzip = await isGzipFile(input);
  checkPerturbations(perturbations, facts, inputShown);
  if (fromRow > facts.rows)
    throw new InputError(
      `${inputShown} has ${plural(facts.rows, 'data row')}, so no row ${formatCount(fromRow)} to start the perturbations from.`,
      { file: inputShown },
    );
  const rows = facts.rows - fromRow + 1;

  // A generator per perturbation, seeded in turn from the one seed: a perturbation appended leaves the rows the others pick.
  const seeds = mulberry32(seed);
  const changes = perturbations.map((p) => ({
    column: p.column,
    change: cellChange(p, facts.columns.get(p.column)!, rows, mulberry32(Math.floor(seeds() * 2 ** 32))),
  }));
  const cellsChanged = await writeCopy(input, output, { inputShown, outputShown, changes, fromRow, gzip, signal });
  return { rows: facts.rows, rowsPerturbed: rows, cellsChanged };
}

/** The same path, or the same file under another name (a link). */
async function sameFile(input: string, output: string): Promise<boolean> {
  if (resolve(input) === resolve(output)) return true;
  const [a, b] = await Promise.all([stat(input).catch(() => undefined), stat(output).catch(() => undefined)]);
  return a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;
}
