/** A pair of columns to test, reconciled from the reference and the current file. */
import type { ColumnRole } from '../../protocol/report';
import type { CategoricalColumn, NumericalColumn } from '../data/column';
import type { ColumnStream } from '../data/columnStream';
import type { ProfiledColumn } from '../profile/referenceProfile';

/**
 * One column of both files brought to one kind; `model` names the model whose output it is;
 * `streams` are there when a file was streamed (see streamedDrift).
 */
export type ColumnPair = { name: string; role: ColumnRole; model?: string; streams?: PairStreams } & (
  | { kind: 'numerical'; reference: NumericalColumn; current: NumericalColumn }
  | { kind: 'categorical'; reference: CategoricalColumn; current: CategoricalColumn }
);

/**
 * What streaming gives a pair: each side's stream, absent for a file read whole; with a
 * reference profile, the reference's stream is the profile's and `profiled` what else it knows.
 */
export interface PairStreams {
  reference?: ColumnStream;
  current?: ColumnStream;
  profiled?: ProfiledColumn;
}
