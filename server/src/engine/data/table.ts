/**
 * The in-memory shape of a CSV after ingestion: one typed array per column,
 * never an array of row objects.
 */
import type { ColumnStream } from './columnStream';
import type { Column } from './column';
import type { DuplicateRows } from '../../protocol/report';
import type { ReferenceProfile } from '../profile/referenceProfile';

export interface Table {
  /** The path as the user wrote it or as given on the command line, for messages. */
  path: string;
  /** Rows in the columns: all the file's data rows, or a sample of them. */
  rows: number;
  /** The file's data rows, when `rows` holds a sample of them. */
  sampledFrom?: number;
  header: string[];
  columns: Map<string, Column>;
  /** Streaming: every row of each column, when `columns` hold a sample (see columnStream.ts). */
  streams?: Map<string, ColumnStream>;
  /** What the reader noticed and the report should say: invalid UTF-8 in data cells, column names that look alike. Absent when none. */
  notes?: string[];
  /**
   * The file's duplicate rows (quality/duplicateRows.ts), counted right after reading on the
   * thread that read it, beside the other file's reading, when the analysis asked for them.
   */
  duplicateRows?: DuplicateRows;
  /**
   * The table is a saved reference profile: no rows (`rows` 0, `sampledFrom` the profile's
   * rows), a stream per column, and what the profile knows beyond the streams.
   */
  profile?: ReferenceProfile;
}
