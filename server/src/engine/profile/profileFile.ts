/**
 * Reading and writing profile files. Written: the same profile gives the same bytes (keys in
 * a fixed order, numbers in JavaScript's shortest form that reads back to the same double,
 * infinities as the texts "Infinity" and "-Infinity", objects one key a line and arrays of
 * values on one line). Read: checked against
 * schemas/profile.schema.json (by ajv) and for consistency, every problem named by the file
 * and the JSON path, then decoded (decodeProfile.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../../../schemas/profile.schema.json';
import { InputError } from '../inputError';
import { decodeProfile } from './decodeProfile';
import { PROFILE_VERSION, type ProfileFile, type ProfileNumbers } from './profileFormat';
import { createdBy, FIRST_READER } from './profileVersion';
import type { ReferenceProfile } from './referenceProfile';
import { hyperLogLogOfText } from '../stats/hyperLogLog';

/** The profile as the file's text. */
export function profileText(profile: ProfileFile): string {
  return `${jsonText(profile, '')}\n`;
}

export async function writeProfileFile(path: string, profile: ProfileFile): Promise<void> {
  await writeFile(path, profileText(profile));
}

/** The profile at `path`, decoded for the analysis. */
export async function readProfileFile(path: string, displayPath: string): Promise<ReferenceProfile> {
  return decodeProfile(await readProfileJson(path, displayPath));
}

/** The profile at `path` as written, checked. */
export async function readProfileJson(path: string, displayPath: string): Promise<ProfileFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'a folder, not a file'
          : `cannot read the file (${code})`;
    throw new InputError(`${displayPath}: ${why}.`, { file: displayPath });
  }
  return checkedProfile(text, displayPath);
}

/** `text` as a profile, or an InputError naming `file` and, for a bad part, its JSON path. */
export function checkedProfile(text: string, file: string): ProfileFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} is not a profile: it is not JSON (${(error as Error).message}).`, { file });
  }
  const version = (json as { profileVersion?: unknown } | null)?.profileVersion;
  if (typeof json !== 'object' || json === null || Array.isArray(json) || version === undefined)
    throw new InputError(
      `${file} is not a profile: a profile is a JSON object with a profileVersion; make one with \`drift-monitor profile <data file>\`.`,
      { file },
    );
  checkVersion(version, (json as { createdBy?: unknown }).createdBy, file);
  const valid = validator();
  if (!valid(json)) throw new InputError(`${file} is not a valid profile: ${problem(valid.errors![0])}.`, { file });
  const profile = json as ProfileFile;
  for (const column of profile.columns) revivedNumbers(column.numbers);
  for (const model of profile.models) if (model.absoluteErrors) revivedNumbers(model.absoluteErrors);
  checkConsistency(profile, file);
  return profile;
}

function checkVersion(version: unknown, writer: unknown, file: string): void {
  if (version === PROFILE_VERSION) return;
  const by = typeof writer === 'string' ? `, written by ${writer}` : '';
  const reads = `this ${createdBy()} reads profile version ${PROFILE_VERSION}`;
  if (typeof version === 'number' && Number.isInteger(version) && version > PROFILE_VERSION) {
    const needed = typeof writer === 'string' ? `${writer} or later` : 'a newer drift-monitor';
    throw new InputError(`${file} is a profile of version ${version}${by}; ${reads}: read it with ${needed}.`, {
      file,
    });
  }
  const first = typeof version === 'number' ? FIRST_READER[version] : undefined;
  const needed = first ? `drift-monitor ${first}` : 'the drift-monitor that wrote it';
  throw new InputError(
    `${file} has profile version ${JSON.stringify(version)}${by}; ${reads} only: read it with ${needed}, or make the profile again.`,
    { file },
  );
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: false, strict: false }).compile(schema);
  return compiled;
}

function problem(error: ErrorObject): string {
  const at = error.instancePath || '/';
  if (error.keyword === 'additionalProperties')
    return `${at} has an unknown key '${(error.params as { additionalProperty: string }).additionalProperty}'`;
  if (error.keyword === 'required')
    return `${at} lacks '${(error.params as { missingProperty: string }).missingProperty}'`;
  return `${at} ${error.message}`;
}

/** What the schema cannot say: the counts add up, each sketch reads. */
function checkConsistency(profile: ProfileFile, file: string): void {
  const fail = (path: string, what: string) => {
    throw new InputError(`${file} is not a valid profile: /${path} ${what}.`, { file });
  };
  profile.columns.forEach((column, i) => {
    const at = `columns/${i}`;
    if (column.rows !== profile.rows) fail(`${at}/rows`, `is ${column.rows}, but the profile has ${profile.rows} rows`);
    if (column.missing + column.nonNumeric + column.numbers.count !== column.rows)
      fail(at, 'has missing + nonNumeric + numbers.count unequal to its rows');
    if (column.distinct.hyperLogLog !== undefined && !hyperLogLogOfText(column.distinct.hyperLogLog))
      fail(`${at}/distinct/hyperLogLog`, 'is not a HyperLogLog sketch of 16,384 registers');
    const sketch = column.numbers.sketch;
    if (sketch) {
      const weight = sketch.levels.reduce((sum, level, h) => sum + level.length * 2 ** h, 0);
      if (weight !== column.numbers.count)
        fail(`${at}/numbers/sketch`, `weighs ${weight} values, but the column has ${column.numbers.count} numbers`);
    }
    const counts = column.numbers.counts;
    if (counts && counts.reduce((sum, [, rows]) => sum + rows, 0) !== column.numbers.count)
      fail(`${at}/numbers/counts`, `do not add up to the column's ${column.numbers.count} numbers`);
  });
}

/**
 * JSON text of `value`: objects one key a line, indented by two spaces; arrays holding no
 * object on one line (a level of a sketch, a row of counts); other arrays one item a line.
 */
function jsonText(value: unknown, indent: string): string {
  if (typeof value === 'number') return numberText(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value) && value.every(holdsNoObject))
    return JSON.stringify(value, (_, item: unknown) =>
      typeof item === 'number' && !Number.isFinite(item) ? finiteOrText(item) : item,
    );
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + jsonText(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${jsonText(item, inner)}`).join(',\n')}\n${indent}}`;
}

/** A number as JSON: an infinity as the text "Infinity" or "-Infinity", NaN as null (JSON has neither). */
function numberText(value: number): string {
  return JSON.stringify(finiteOrText(value));
}

function finiteOrText(value: number): number | string | null {
  if (Number.isFinite(value)) return value;
  return Number.isNaN(value) ? null : value > 0 ? 'Infinity' : '-Infinity';
}

/** The numbers of a profile as read: infinities back from their texts, m2's null (infinities) as NaN. */
function revivedNumbers(numbers: ProfileNumbers): void {
  const raw = numbers as unknown as Record<string, unknown>;
  for (const key of ['mean', 'min', 'max', 'first', 'last'] as const) raw[key] = revived(raw[key]);
  numbers.m2 = (revived(raw.m2) as number | null) ?? NaN;
  for (const entry of numbers.counts ?? []) entry[0] = revived(entry[0]) as number;
  for (const entry of numbers.labels ?? []) entry[0] = revived(entry[0]) as number;
  numbers.sketch?.levels.forEach((level, h, levels) => (levels[h] = level.map((item) => revived(item) as number)));
}

function revived(value: unknown): unknown {
  return value === 'Infinity' ? Infinity : value === '-Infinity' ? -Infinity : value;
}

function holdsNoObject(item: unknown): boolean {
  return item === null || typeof item !== 'object' || (Array.isArray(item) && item.every(holdsNoObject));
}
