/**
 * The places in a config that name a column of the data files, and the columns a config names
 * there: one rule for the file checks (a column the header lacks), completion and hover (a
 * column is expected here), and a test that holds it to the schema's `columnName` entries.
 * Works on the config as plain data, which exists while the config still has errors.
 */
import { isName, record } from './plainData';

/** Any item of a list. */
export const EACH_ITEM = Symbol('each item');
/** Any key of a map: the key itself names the column. */
export const EACH_KEY = Symbol('each key');
type Segment = string | typeof EACH_ITEM | typeof EACH_KEY;

export interface ColumnPlace {
  path: readonly Segment[];
  /** Performance reads it (the target, a prediction, a probability), so every dataset needs it too once there is a target. */
  performance?: boolean;
  /** Left out of the analysis: it may be in the current file only. */
  excluded?: boolean;
}

/** In the order the file checks report them. */
export const COLUMN_PLACES: readonly ColumnPlace[] = [
  { path: ['columns', 'target'], performance: true },
  { path: ['columns', 'prediction'], performance: true },
  { path: ['columns', 'probability'], performance: true },
  { path: ['columns', 'timestamp'] },
  { path: ['columns', 'numerical', EACH_ITEM] },
  { path: ['columns', 'categorical', EACH_ITEM] },
  { path: ['columns', 'exclude', EACH_ITEM], excluded: true },
  { path: ['models', EACH_ITEM, 'prediction'], performance: true },
  { path: ['models', EACH_ITEM, 'probability'], performance: true },
  { path: ['drift', 'features', EACH_KEY] },
];

/** A column name written in the config, and where. */
export interface NamedColumn {
  name: string;
  segments: (string | number)[];
  /** A map key (`drift.features.<column>`) or a value. */
  on: 'key' | 'value';
  place: ColumnPlace;
}

/** Every column `raw` names, place by place, each list in its order (a model's prediction, then its probability). */
export function namedColumns(raw: unknown): NamedColumn[] {
  const named: NamedColumn[] = [];
  collect(
    raw,
    COLUMN_PLACES.map((place) => ({ rest: place.path, place })),
    [],
    named,
  );
  return named;
}

/** Does the value at `path` name a column? */
export function valueNamesColumn(path: readonly (string | number)[]): boolean {
  return COLUMN_PLACES.some((place) => place.path.at(-1) !== EACH_KEY && matches(place.path, path));
}

/** Are the keys of the map at `path` column names? (`drift.features`.) */
export function keysNameColumns(path: readonly (string | number)[]): boolean {
  return COLUMN_PLACES.some((place) => place.path.at(-1) === EACH_KEY && matches(place.path.slice(0, -1), path));
}

function matches(pattern: readonly Segment[], path: readonly (string | number)[]): boolean {
  return (
    pattern.length === path.length &&
    pattern.every((segment, i) =>
      segment === EACH_ITEM
        ? typeof path[i] === 'number'
        : segment === EACH_KEY
          ? typeof path[i] === 'string'
          : segment === String(path[i]),
    )
  );
}

type Pending = { rest: readonly Segment[]; place: ColumnPlace };

function collect(value: unknown, pending: Pending[], segments: (string | number)[], named: NamedColumn[]): void {
  for (const { rest, place } of pending) {
    if (rest.length === 0 && isName(value)) named.push({ name: value, segments, on: 'value', place });
  }
  const heads = [...new Set(pending.filter(({ rest }) => rest.length > 0).map(({ rest }) => rest[0]))];
  for (const head of heads) {
    const next = pending
      .filter(({ rest }) => rest[0] === head)
      .map(({ rest, place }) => ({ rest: rest.slice(1), place }));
    if (head === EACH_ITEM) {
      if (Array.isArray(value)) value.forEach((item, i) => collect(item, next, [...segments, i], named));
    } else if (head === EACH_KEY) {
      for (const key of Object.keys(record(value))) {
        for (const { place } of next)
          if (isName(key)) named.push({ name: key, segments: [...segments, key], on: 'key', place });
      }
    } else {
      collect(record(value)[head], next, [...segments, head], named);
    }
  }
}
