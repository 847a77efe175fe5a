/**
 * Checks of the config against the data files it names: files that cannot be read, columns a
 * header lacks, column kinds that do not fit the config. Only the first chunk of each CSV
 * is read (csvHeaders.ts), so whatever rests on values is a guess from a sample, and the
 * messages say so; a Parquet file or a profile states its columns' types (schemaHeaders.ts).
 *
 * Works on the YAML document rather than the typed config, which is absent while the config
 * has other errors; every value is checked for its type before use.
 */
import * as path from 'node:path';
import type { Document } from 'yaml';
import { MAX_DISTINCT_FOR_CATEGORICAL } from '../analysis/columnPlan';
import { quoteCell } from '../data/cellText';
import { dataFormatOf, type DataFormat } from '../data/dataFormat';
import { didYouMean } from './didYouMean';
import { declaredFormat } from './formats';
import { METHODS, METHODS_FOR_READING, appliesTo, isDriftMethod } from '../../protocol/methods';
import { excerpt, NOT_FROM_PROFILE } from '../../protocol/text';
import type { DriftMethod } from '../../protocol/report';
import { RANK_TESTS } from '../analysis/streamedDrift';
import { FILE_NOT_FOUND, type CsvHeader, type CsvHeaderCache } from '../data/csvHeaders';
import { namedColumns, type NamedColumn } from './namedColumns';
import type { ParsedConfig } from './parse';
import { isName, items, plainValue, record, type PlainMap } from './plainData';
import { problemAt, type ConfigProblem } from './problem';

/** How many of a header's columns an unknown-column message lists. */
const LISTED_COLUMNS = 10;

const CATEGORICAL_METHODS = METHODS_FOR_READING.filter((method) => appliesTo(method, 'categorical')).join(', ');

type Segments = (string | number)[];

interface DataFile {
  /** The key naming the file: `reference`, `current`, `datasets.test`. */
  label: string;
  segments: Segments;
  written: string;
  /** How the run reads it (`format:` or its name). */
  format: DataFormat;
}

/** A data file whose header could be read. */
interface ReadFile extends DataFile {
  header: CsvHeader;
}

/** A column the config names, and what the checks need to know of it. */
interface CheckedColumn extends NamedColumn {
  /** Performance reads it (the target, a prediction, a probability), so every dataset needs it too. */
  performance: boolean;
  excluded: boolean;
}

export async function fileProblems(
  parsed: ParsedConfig,
  configPath: string,
  headers: Pick<CsvHeaderCache, 'get'>,
): Promise<ConfigProblem[]> {
  const { document } = parsed;
  // On broken YAML the values and ranges are not what the user means yet.
  if (document.errors.length > 0) return [];
  const raw = record(plainValue(document));
  const folder = path.dirname(configPath);
  const files = dataFiles(raw);
  const results = await Promise.all(files.map((file) => headers.get(path.resolve(folder, file.written), file.format)));

  const problems: ConfigProblem[] = [];
  const read: ReadFile[] = [];
  files.forEach((file, i) => {
    const result = results[i];
    if (result.ok) read.push({ ...file, header: result.header });
    else
      problems.push(
        problemAt(
          document,
          file.segments,
          'value',
          'error',
          result.error === FILE_NOT_FOUND ? 'file-not-found' : 'file-unreadable',
          fileMessage(file, result.error, folder),
        ),
      );
  });
  const reference = read.find((file) => file.label === 'reference');
  if (!reference) return problems;
  const current = read.find((file) => file.label === 'current');
  const datasets = read.filter((file) => file.label.startsWith('datasets.'));
  const columns = checkedColumns(raw);
  problems.push(
    ...unknownColumns(document, columns, reference, current),
    ...missingColumns(document, columns, reference, current, datasets),
    ...declaredNumericalProblems(document, columns, reference, current),
    ...featureMethodProblems(document, raw, reference),
    ...globalMethodProblems(document, raw, reference),
    ...profileMethodProblems(document, raw, reference),
    ...(current ? differentColumns(document, columns, reference, current) : []),
  );
  return problems;
}

function dataFiles(raw: PlainMap): DataFile[] {
  const files: DataFile[] = [];
  const format = (written: string, key: string) => dataFormatOf(written, declaredFormat(raw.format, key));
  for (const key of ['reference', 'current']) {
    if (isName(raw[key])) files.push({ label: key, segments: [key], written: raw[key], format: format(raw[key], key) });
  }
  for (const [name, written] of Object.entries(record(raw.datasets))) {
    if (isName(written))
      files.push({
        label: `datasets.${name}`,
        segments: ['datasets', name],
        written,
        format: format(written, name),
      });
  }
  return files;
}

/** A relative path is resolved in the config's folder, which the message names. */
function fileMessage(file: DataFile, error: string, folder: string): string {
  const where = path.isAbsolute(file.written) ? '' : ` (looked in ${folder})`;
  return `${excerpt(file.label)} ${error}: ${excerpt(file.written)}${where}`;
}

function checkedColumns(raw: PlainMap): CheckedColumn[] {
  // Without a target there are no metrics, and the extra datasets need no columns (analysis/columnPlan.ts).
  const hasTarget = isName(record(raw.columns).target);
  return namedColumns(raw).map((column) => ({
    ...column,
    performance: hasTarget && column.place.performance === true,
    excluded: column.place.excluded === true,
  }));
}

/**
 * Columns the reference lacks. An excluded column may be in the current file only (that is
 * what excluding it is for), so its did-you-mean looks in both files.
 */
function unknownColumns(
  document: Document,
  columns: CheckedColumn[],
  reference: ReadFile,
  current: ReadFile | undefined,
): ConfigProblem[] {
  const known = new Set(reference.header.columns);
  const inCurrent = new Set(current?.header.columns);
  const eitherFile = [...new Set([...reference.header.columns, ...inCurrent])];
  const skippedIn = reference.header.schema?.skipped ?? new Map<string, string>();
  return columns
    .filter(({ name, excluded }) => !known.has(name) && !(excluded && (inCurrent.has(name) || skippedIn.has(name))))
    .map(({ name, segments, on, excluded }) => {
      const skipped = skippedIn.get(name);
      if (skipped !== undefined) {
        const message = `Column \`${excerpt(name)}\` of ${excerpt(reference.written)} is skipped by the analysis: it is ${skipped}.`;
        return problemAt(document, segments, on, 'error', 'skipped-column', message);
      }
      const inBoth = excluded && current !== undefined && current.written !== reference.written;
      const candidates = inBoth ? eitherFile : reference.header.columns;
      const suggestion = didYouMean(name, candidates);
      const where = inBoth
        ? `is in neither ${excerpt(reference.written)} nor ${excerpt(current.written)}`
        : `is not in ${excerpt(reference.written)}`;
      const message = `Column \`${excerpt(name)}\` ${where}${suggestion === undefined ? `. Its columns: ${listColumns(candidates)}.` : `: did you mean \`${suggestion}\`?`}`;
      return {
        ...problemAt(document, segments, on, 'error', 'unknown-column', message),
        ...(suggestion !== undefined && { suggestion }),
      };
    });
}

/** Reference columns the current file lacks, and performance columns a dataset lacks. */
function missingColumns(
  document: Document,
  columns: CheckedColumn[],
  reference: ReadFile,
  current: ReadFile | undefined,
  datasets: ReadFile[],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const inReference = new Set(reference.header.columns);
  const columnsOf = new Map(
    [current, ...datasets].flatMap((file) => (file ? [[file, new Set(file.header.columns)]] : [])),
  );
  for (const column of columns) {
    if (column.excluded || !inReference.has(column.name)) continue;
    const lacking = [...(current ? [current] : []), ...(column.performance ? datasets : [])].filter(
      (file) => !columnsOf.get(file)!.has(column.name),
    );
    for (const file of lacking) {
      problems.push(
        problemAt(
          document,
          column.segments,
          column.on,
          'error',
          'column-missing-in-file',
          `Column \`${excerpt(column.name)}\` is in ${excerpt(reference.written)} but not in ${excerpt(file.written)}.`,
        ),
      );
    }
  }
  return problems;
}

/** The run stops at the first text cell of a column declared numerical. */
function declaredNumericalProblems(
  document: Document,
  columns: CheckedColumn[],
  reference: ReadFile,
  current: ReadFile | undefined,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const { name, segments } of columns.filter((column) => column.segments[1] === 'numerical')) {
    const stored = [reference, current].find(
      (candidate) =>
        candidate?.header.schema?.format === 'parquet' && candidate.header.kinds.get(name) === 'categorical',
    );
    if (stored) {
      const message = `Column \`${excerpt(name)}\` is declared numerical, but ${excerpt(stored.written)} stores it as ${stored.header.schema!.types.get(name)}, not as numbers.`;
      problems.push(problemAt(document, segments, 'value', 'error', 'declared-numerical-has-text', message));
      continue;
    }
    const file = [reference, current].find((candidate) => candidate?.header.firstText.has(name));
    if (!file) continue;
    const { text, line } = file.header.firstText.get(name)!;
    const message = `Column \`${excerpt(name)}\` is declared numerical, but ${excerpt(file.written)} line ${line} holds ${quoteCell(text)} in it: the run would stop there.`;
    problems.push(problemAt(document, segments, 'value', 'error', 'declared-numerical-has-text', message));
  }
  return problems;
}

/**
 * A feature's own method that does not fit the kind the reference sample gives the column
 * (the run falls back to auto; declared columns are checked without files, in
 * semanticProblems.ts). Numbers could still be declared categorical, so a categorical-only
 * method on them is a warning; a numerical-only method on text can never apply: an error.
 */
function featureMethodProblems(document: Document, raw: PlainMap, reference: ReadFile): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const declared = declaredColumns(raw);
  for (const [feature, override] of Object.entries(record(record(raw.drift).features))) {
    const method = record(override).method;
    const kind = sampledKind(reference.header, feature);
    if (!isDriftMethod(method) || !kind || declared.has(feature) || appliesTo(method, kind)) continue;
    const segments = ['drift', 'features', feature, 'method'];
    problems.push(
      kind === 'numerical'
        ? problemAt(
            document,
            segments,
            'value',
            'warning',
            'method-kind-mismatch',
            `${method} does not apply to \`${excerpt(feature)}\`, whose ${valuesIn(reference, excerpt(reference.written))} are all numbers: the run falls back to auto. Declare \`${excerpt(feature)}\` under \`columns.categorical\` to test it as categories.`,
          )
        : problemAt(
            document,
            segments,
            'value',
            'error',
            'method-kind-mismatch',
            `${method} does not apply to \`${excerpt(feature)}\`, which ${holdsCategories(reference, feature)}: the run falls back to auto. Methods for categories: ${CATEGORICAL_METHODS}.`,
          ),
    );
  }
  return problems;
}

/**
 * `drift.method` applies to every column without a method of its own, and some not fitting
 * it is expected (they fall back to auto): one warning listing the undeclared ones.
 */
function globalMethodProblems(document: Document, raw: PlainMap, reference: ReadFile): ConfigProblem[] {
  const method = record(raw.drift).method;
  if (!isDriftMethod(method)) return [];
  const skipped = notUnderDriftMethod(raw);
  const declared = declaredColumns(raw);
  const unfit = reference.header.columns.filter((name) => {
    const kind = sampledKind(reference.header, name);
    return kind !== undefined && !skipped.has(name) && !declared.has(name) && !appliesTo(method, kind);
  });
  if (unfit.length === 0) return [];
  const one = unfit.length === 1;
  const fallBack = `${one ? 'it falls' : 'they fall'} back to auto`;
  const message = METHODS[method].numerical
    ? `${method} does not apply to ${listColumns(unfit)}, which ${one ? 'holds' : 'hold'} text in ${reference.written}: ${fallBack}.`
    : `${method} does not apply to ${listColumns(unfit)}, whose ${valuesIn(reference, reference.written)} are all numbers: ${fallBack}. Declare ${one ? 'it' : 'them'} under \`columns.categorical\` to test ${one ? 'it' : 'them'} as categories.`;
  return [problemAt(document, ['drift', 'method'], 'value', 'warning', 'method-kind-mismatch', message)];
}

/** The columns `drift.method` does not apply to: excluded, the timestamp, and those with a method of their own. */
function notUnderDriftMethod(raw: PlainMap): Set<unknown> {
  const columns = record(raw.columns);
  const features = record(record(raw.drift).features);
  return new Set([
    ...items(columns.exclude),
    columns.timestamp,
    ...Object.keys(features).filter((feature) => record(features[feature]).method !== undefined),
  ]);
}

/**
 * A configured method a reference profile cannot run on a column it knows only through its
 * sketches (schemaHeaders.ts), in the report's words (NOT_FROM_PROFILE): a rank test on numbers
 * it did not count value by value (the auto rule decides instead), any test of categories past
 * its cap (the column is left undecided).
 */
function profileMethodProblems(document: Document, raw: PlainMap, reference: ReadFile): ConfigProblem[] {
  const { schema, kinds } = reference.header;
  if (schema?.format !== 'profile' || schema.sketched.size === 0) return [];
  const unavailable = (method: DriftMethod, name: string) => {
    const kind = kinds.get(name);
    if (!schema.sketched.has(name) || (kind !== 'numerical' && kind !== 'categorical') || !appliesTo(method, kind))
      return false;
    return kind === 'categorical' || (RANK_TESTS as readonly string[]).includes(method);
  };
  const instead = (name: string) =>
    kinds.get(name) === 'numerical'
      ? 'the run decides by the auto rule instead'
      : 'the run leaves the column undecided';
  const problems: ConfigProblem[] = [];
  const drift = record(raw.drift);
  for (const [feature, override] of Object.entries(record(drift.features))) {
    const method = record(override).method;
    if (!isDriftMethod(method) || !unavailable(method, feature)) continue;
    const message = `${method} is not available from the reference profile ${excerpt(reference.written)} for \`${excerpt(feature)}\`: ${whyNot(schema.sketched.get(feature)!)}; ${instead(feature)}.`;
    problems.push(
      problemAt(document, ['drift', 'features', feature, 'method'], 'value', 'warning', 'not-from-profile', message),
    );
  }
  const method = drift.method;
  if (isDriftMethod(method)) {
    const skipped = notUnderDriftMethod(raw);
    const affected = reference.header.columns.filter((name) => !skipped.has(name) && unavailable(method, name));
    // One line per reason: the rank tests' for numbers, the cap's for categories.
    const byReason = new Map<string, string[]>();
    for (const name of affected) {
      const why = schema.sketched.get(name)!;
      byReason.set(why, [...(byReason.get(why) ?? []), name]);
    }
    for (const [why, names] of byReason) {
      const message = `${method} is not available from the reference profile ${excerpt(reference.written)} for ${listColumns(names)}: ${whyNot(why)}; ${instead(names[0])}.`;
      problems.push(problemAt(document, ['drift', 'method'], 'value', 'warning', 'not-from-profile', message));
    }
  }
  return problems;
}

/** NOT_FROM_PROFILE's reason as a clause: the rank tests' starts with its verb. */
function whyNot(why: string): string {
  return why === NOT_FROM_PROFILE.rankTests ? `it ${why}` : why;
}

/** The columns declared numerical or categorical: a set, looked up once per feature and per column of the file. */
function declaredColumns(raw: PlainMap): Set<unknown> {
  const columns = record(raw.columns);
  return new Set([...items(columns.numerical), ...items(columns.categorical)]);
}

/**
 * The kind the run will give an undeclared column, going by the sample: text makes it
 * categorical; numbers make it numerical only when they take more distinct values than
 * MAX_DISTINCT_FOR_CATEGORICAL (fewer and the run may test it as categories). Undefined
 * when the sample cannot tell.
 */
function sampledKind(header: CsvHeader, name: string): 'numerical' | 'categorical' | undefined {
  const kind = header.kinds.get(name);
  if (kind === 'categorical') return kind;
  if (kind === 'numerical' && header.distinct.get(name)! > MAX_DISTINCT_FOR_CATEGORICAL) return kind;
  return undefined;
}

/** The run's own check and message (analysis/columnPlan.ts), on `current:`. */
function differentColumns(
  document: Document,
  columns: CheckedColumn[],
  reference: ReadFile,
  current: ReadFile,
): ConfigProblem[] {
  const excluded = new Set(columns.filter((column) => column.excluded).map((column) => column.name));
  const only = (file: ReadFile, other: ReadFile) => {
    const inOther = new Set(other.header.columns);
    return file.header.columns.filter((name) => !excluded.has(name) && !inOther.has(name));
  };
  const inReference = only(reference, current);
  const inCurrent = only(current, reference);
  if (inReference.length === 0 && inCurrent.length === 0) return [];
  const list = (names: string[]) => names.map((n) => `'${n}'`).join(', ');
  const parts = [
    inReference.length ? `only in ${reference.written}: ${list(inReference)}` : '',
    inCurrent.length ? `only in ${current.written}: ${list(inCurrent)}` : '',
  ].filter(Boolean);
  const message = `${reference.written} and ${current.written} have different columns (${parts.join('; ')}). List them under columns.exclude to leave them out.`;
  return [problemAt(document, current.segments, 'value', 'error', 'different-columns', message)];
}

/** `sampled values in x.csv`; a file that states its columns' types has no sample. */
function valuesIn(file: ReadFile, written: string): string {
  return `${file.header.schema ? '' : 'sampled '}values in ${written}`;
}

/** How the file shows the column holds categories: a sampled text cell, or the type the file stores it as. */
function holdsCategories(file: ReadFile, name: string): string {
  const { schema } = file.header;
  if (schema?.format === 'parquet') return `is stored as ${schema.types.get(name)} in ${file.written}`;
  if (schema) return `is categorical in ${file.written}`;
  const { text, line } = file.header.firstText.get(name)!;
  return `holds text (${quoteCell(text)} at ${file.written} line ${line})`;
}

/** `a`, `b` and `c`, cut to LISTED_COLUMNS. */
function listColumns(names: string[]): string {
  const listed = names.slice(0, LISTED_COLUMNS).map((name) => `\`${excerpt(name)}\``);
  if (names.length > LISTED_COLUMNS) listed.push(`${names.length - LISTED_COLUMNS} more`);
  return listed.length === 1 ? listed[0] : `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]}`;
}
