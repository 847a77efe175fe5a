/**
 * Reading a config as plain data (the YAML document's `toJS()`), as the checks do while the
 * config may still be wrong: every value is checked for its type before use.
 */
import type { Document } from 'yaml';

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

/**
 * The document as plain data. Its aliases share one value each (the YAML library's own cap of
 * 100 uses per anchor would refuse a config reusing an anchor for many features); their count
 * and expansion are bounded by `aliasProblem` before any check reads the value.
 */
export function plainValue(document: Document): unknown {
  return document.toJS({ maxAliasCount: -1 });
}
