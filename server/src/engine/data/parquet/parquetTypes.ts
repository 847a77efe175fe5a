/**
 * What each top-level column of a Parquet file becomes, from its schema alone: numbers,
 * categories, timestamps (read as text, for `columns.timestamp`), or skipped with the
 * reason. One table of decisions, read by the column list (parquetColumns.ts) and by the
 * reader (readParquet.ts).
 */
import type { SchemaElement, SchemaTree } from 'hyparquet';

/** What a column is read as. */
export type ParquetKind = 'numerical' | 'categorical' | 'timestamp' | 'skipped';

/** How a column's decoded values turn into the table's (parquetValues.ts). */
export type ParquetValues =
  /** Numbers: ints of every width, floats, doubles, FLOAT16, DECIMAL of any physical type. */
  | 'number'
  /** 32-bit floats: read as the shortest decimal that gives the float back, as a CSV would spell it. */
  | 'float32'
  /** Texts: strings, enums, JSON, UUIDs and unannotated byte arrays (read as UTF-8). */
  | 'text'
  | 'boolean'
  /** Instants (hyparquet's Date, UTC), written `YYYY-MM-DD HH:MM:SS[.fff]`. */
  | 'timestamp'
  /** Days since 1970-01-01, written `YYYY-MM-DD`. */
  | 'date'
  /** A time of day, written `HH:MM:SS[.fff]`. */
  | 'time';

export interface ParquetColumnType {
  kind: ParquetKind;
  /** The column's Parquet type as shown to users (hover, messages): `INT64`, `DECIMAL(10, 2)`, `TIMESTAMP(MICROS)`, `list`. */
  type: string;
  /** How its values are read; absent when skipped. */
  values?: ParquetValues;
  /** Why it is skipped, a phrase naming what it is: `a list column`. */
  skipped?: string;
  /** Its values are 64-bit integers, which may be beyond 2^53 (parquetValues.ts). */
  int64?: boolean;
}

/** The type of the top-level column `node` (a child of the schema's root). */
export function parquetColumnType(node: SchemaTree): ParquetColumnType {
  const { element } = node;
  if (node.children.length > 0) return skipped(nestedName(element), `a ${nestedName(element)} column`);
  if (element.repetition_type === 'REPEATED') return skipped('repeated', 'a repeated column (a list)');
  return leafType(element);
}

function nestedName(element: SchemaElement): string {
  const annotation = element.logical_type?.type ?? element.converted_type;
  if (annotation === 'LIST') return 'list';
  if (annotation === 'MAP' || annotation === 'MAP_KEY_VALUE') return 'map';
  if (annotation === 'VARIANT') return 'variant';
  return 'struct';
}

function leafType(element: SchemaElement): ParquetColumnType {
  const { type: physical, logical_type: logical, converted_type: converted } = element;
  switch (logical?.type) {
    case 'STRING':
    case 'ENUM':
    case 'JSON':
    case 'UUID':
      return read('categorical', logical.type, 'text');
    case 'DECIMAL':
      return read('numerical', `DECIMAL(${logical.precision}, ${logical.scale})`, 'number');
    case 'INTEGER': {
      const name = `${logical.isSigned ? 'INT' : 'UINT'}(${logical.bitWidth})`;
      return { ...read('numerical', name, 'number'), ...(logical.bitWidth === 64 && { int64: true }) };
    }
    case 'FLOAT16':
      return read('numerical', 'FLOAT16', 'number');
    case 'DATE':
      return read('timestamp', 'DATE', 'date');
    case 'TIMESTAMP':
      return read('timestamp', `TIMESTAMP(${logical.unit}${logical.isAdjustedToUTC ? ', UTC' : ''})`, 'timestamp');
    case 'TIME':
      return read('categorical', `TIME(${logical.unit})`, 'time');
    case 'NULL':
      // Nothing but nulls: as the empty column of a CSV, numbers all missing.
      return read('numerical', 'NULL', 'number');
    case 'INTERVAL':
    case 'BSON':
    case 'GEOMETRY':
    case 'GEOGRAPHY':
    case 'VARIANT':
    case 'FILE':
      return skipped(logical.type, `of type ${logical.type}`);
  }
  switch (converted) {
    case 'UTF8':
    case 'ENUM':
    case 'JSON':
      return read('categorical', converted, 'text');
    case 'DECIMAL':
      return read('numerical', `DECIMAL(${element.precision ?? '?'}, ${element.scale ?? 0})`, 'number');
    case 'INT_8':
    case 'INT_16':
    case 'INT_32':
    case 'UINT_8':
    case 'UINT_16':
    case 'UINT_32':
      return read('numerical', converted, 'number');
    case 'INT_64':
    case 'UINT_64':
      return { ...read('numerical', converted, 'number'), int64: true };
    case 'DATE':
      return read('timestamp', 'DATE', 'date');
    case 'TIMESTAMP_MILLIS':
    case 'TIMESTAMP_MICROS':
      return read('timestamp', converted, 'timestamp');
    case 'TIME_MILLIS':
    case 'TIME_MICROS':
      return read('categorical', converted, 'time');
    case 'INTERVAL':
    case 'BSON':
      return skipped(converted, `of type ${converted}`);
  }
  switch (physical) {
    case 'BOOLEAN':
      return read('categorical', 'BOOLEAN', 'boolean');
    case 'INT32':
    case 'DOUBLE':
      return read('numerical', physical, 'number');
    case 'INT64':
      return { ...read('numerical', physical, 'number'), int64: true };
    case 'FLOAT':
      return read('numerical', physical, 'float32');
    case 'INT96':
      // The deprecated timestamp of Impala and older Spark: Julian day and nanoseconds.
      return read('timestamp', 'INT96', 'timestamp');
    case 'BYTE_ARRAY':
      // Many writers (older Spark and Impala among them) leave strings unannotated.
      return read('categorical', 'BYTE_ARRAY', 'text');
    default:
      return skipped(physical ?? 'unknown', `of binary type ${physical ?? 'unknown'}`);
  }
}

function read(kind: ParquetKind, type: string, values: ParquetValues): ParquetColumnType {
  return { kind, type, values };
}

function skipped(type: string, why: string): ParquetColumnType {
  return { kind: 'skipped', type, skipped: why };
}
