/**
 * Reading a config as plain data (the YAML document's `toJS()`), as the checks do while the
 * config may still be wrong: every value is checked for its type before use.
 */

export type PlainMap = Record<string, unknown>;

/** The map `value` is, or an empty one. */
export function record(value: unknown): PlainMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as PlainMap) : {};
}

/** The list `value` is, or an empty one. */
export function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-empty string: a name or a path as written. */
export function isName(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
