/**
 * A saved reference profile as a Table (`Table.profile`): it has no rows of its own (`rows` 0,
 * `sampledFrom` the rows it was made from), a zero-length column per profiled column, of the
 * kind the config declares or else the kind the profile gives, and each column's stream. The
 * analysis reads the streams where a streamed file's table would be read through its sample:
 * the drift tests (analysis/streamedDrift.ts), and data quality (its duplicate rows too),
 * model performance and the identifier rules read the profile's own facts.
 */
import type { CategoricalColumn, Column, ColumnKind, NumericalColumn } from '../data/column';
import type { FixedKind } from '../data/columnBuilder';
import { didYouMean } from '../config/didYouMean';
import type { ColumnStream } from '../data/columnStream';
import { InputError } from '../inputError';
import { andList } from '../../protocol/text';
import type { Table } from '../data/table';
import type { ReferenceProfile } from './referenceProfile';

export interface ProfileTableOptions {
  displayPath: string;
  /** Kinds the config fixes; the others keep the profile's. */
  kinds: Map<string, FixedKind>;
  /** Columns the profile must have, as a file must (an InputError naming the profile otherwise). */
  requiredColumns: readonly string[];
}

export function profileTable(
  profile: ReferenceProfile,
  { displayPath, kinds, requiredColumns }: ProfileTableOptions,
): Table {
  const header = [...profile.columns.keys()];
  checkRequired(header, requiredColumns, displayPath);
  const columns = new Map<string, Column>();
  const streams = new Map<string, ColumnStream>();
  for (const [name, profiled] of profile.columns) {
    const fixed = kinds.get(name);
    columns.set(name, emptyColumn(name, fixed?.declared ? fixed.kind : profiled.kind));
    streams.set(name, profiled.stream);
  }
  return {
    path: displayPath,
    rows: 0,
    sampledFrom: profile.rows,
    header,
    columns,
    streams,
    profile,
  };
}

function emptyColumn(name: string, kind: ColumnKind): NumericalColumn | CategoricalColumn {
  const counts = { name, missing: 0, nonNumeric: 0, nonNumericLines: [] };
  return kind === 'numerical'
    ? { kind, values: new Float64Array(0), ...counts }
    : { kind, codes: new Int32Array(0), categories: [], ...counts };
}

/** The columns the config names that the profile lacks, as the reader says of a file's header. */
function checkRequired(header: string[], required: readonly string[], file: string): void {
  const absent = required.filter((name) => !header.includes(name));
  if (absent.length === 0) return;
  const described = absent.map((name) => {
    const suggestion = didYouMean(name, header);
    return suggestion === undefined ? `'${name}'` : `'${name}' (did you mean '${suggestion}'?)`;
  });
  throw new InputError(
    `${file} has no column ${andList(described)}, which the config names: a profile holds the columns of the data it was made from.`,
    { file, column: absent[0] },
  );
}
