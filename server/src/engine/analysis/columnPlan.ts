/**
 * Which columns are tested, in which role, as which kind: the config's
 * declarations first, then the data's own types reconciled between the files.
 */
import type { DriftConfig } from '../config/model';
import { categoricalToNumerical, numericalToCategorical } from '../data/convert';
import type { Table } from '../data/table';
import { InputError } from '../inputError';
import { didYouMean } from '../config/didYouMean';
import { MAX_NON_NUMERIC_LINES } from '../data/columnBuilder';
import { quoteCell } from '../data/cellText';
import { parseNumber } from '../data/numberParsing';
import { andList, formatCount, plural, rate } from '../../protocol/text';
import { identifierEvidence, type IdentifierEvidence } from './identifierColumns';
import type { ColumnRole } from '../../protocol/report';
import type { Column, NumericalColumn } from '../data/column';
import type { ColumnPair } from './columnPair';

/**
 * A numerical column with at most this many distinct values over both files is
 * tested as categorical (Evidently's rule): a 0–4 rating or a 0/1 flag is a
 * choice among a few levels, and distances on its five steps mislead.
 */
export const MAX_DISTINCT_FOR_CATEGORICAL = 5;

export interface ColumnPlan {
  /** The columns tested for drift, inputs first. */
  pairs: ColumnPair[];
  /** Columns with no values in a file: not tested for drift (there is nothing to compare), but data quality reads them. */
  emptyPairs: ColumnPair[];
  notes: string[];
}

/** Every column the config names (except exclusions), which must exist in both files. */
export function configuredColumns(config: DriftConfig): string[] {
  const { target, timestamp, numerical, categorical } = config.columns;
  const modelColumns = config.models.flatMap((model) => [model.prediction, model.probability]);
  const named = [
    target,
    ...modelColumns,
    timestamp,
    ...numerical,
    ...categorical,
    ...Object.keys(config.drift.features),
  ];
  return [...new Set(named.filter((name): name is string => name !== undefined))];
}

/** The columns model performance reads: the target and every model's output. */
export function performanceColumns(config: DriftConfig): string[] {
  const { target } = config.columns;
  return target
    ? [target, ...config.models.flatMap((m) => (m.probability ? [m.prediction, m.probability] : [m.prediction]))]
    : [];
}

export function planColumns(config: DriftConfig, reference: Table, current: Table): ColumnPlan {
  const excluded = new Set(config.columns.exclude);
  checkExcluded(config.columns.exclude, reference, current);
  checkSameColumns(reference, current, excluded);
  const roles = new Map<string, { role: ColumnRole; model?: string }>();
  const { target, timestamp } = config.columns;
  if (target) roles.set(target, { role: 'target' });
  for (const model of config.models) {
    roles.set(model.prediction, { role: 'prediction', model: model.name });
    if (model.probability) roles.set(model.probability, { role: 'probability', model: model.name });
  }
  const declared = new Set([...config.columns.numerical, ...config.columns.categorical]);
  // A column the config gives drift settings to is meant to be tested, whatever it looks like.
  const configured = new Set([...declared, ...Object.keys(config.drift.features)]);

  const notes: string[] = [];
  const pairs: ColumnPair[] = [];
  const emptyPairs: ColumnPair[] = [];
  for (const name of reference.header) {
    if (excluded.has(name) || name === timestamp) continue;
    const { role, model } = roles.get(name) ?? { role: 'feature' };
    const referenceRaw = reference.columns.get(name)!;
    const currentRaw = current.columns.get(name)!;
    const reconciled = reconcile(name, role, referenceRaw, currentRaw, current.path, notes);
    // Streamed files: the tests read the streams; the columns are the sample.
    const streams =
      reference.streams || current.streams
        ? { reference: reference.streams?.get(name), current: current.streams?.get(name) }
        : undefined;
    const extra = { ...(model && { model }), ...(streams && { streams }) };
    if (!hasValues(reconciled.reference) || !hasValues(reconciled.current)) {
      emptyPairs.push({ ...reconciled, ...extra });
      continue;
    }
    const pair = declared.has(name) ? reconciled : fewValuesAsCategories(reconciled, notes);
    const textCells = declared.has(name)
      ? []
      : textCellsAmongNumbers(pair, [reference, current], [referenceRaw, currentRaw]);
    if (textCells.length > 0) notes.push(textCellsNote(name, textCells));
    else if (role === 'feature' && !configured.has(name)) {
      const evidence = identifierEvidence(pair);
      if (evidence) {
        notes.push(identifierNote(pair, evidence, reference.path, current.path));
        continue;
      }
    }
    pairs.push({ ...pair, ...extra });
  }
  // Inputs first, then what the model produced and the truth, as people read a report.
  const rank = (role: ColumnRole) => ['feature', 'prediction', 'probability', 'target'].indexOf(role);
  pairs.sort((a, b) => rank(a.role) - rank(b.role));
  return { pairs, emptyPairs, notes };
}

/** A name under columns.exclude that neither file has is a slip: the column meant is tested. */
function checkExcluded(exclude: string[], reference: Table, current: Table): void {
  const unknown = exclude.filter((name) => !reference.columns.has(name) && !current.columns.has(name));
  if (unknown.length === 0) return;
  const header = [...new Set([...reference.header, ...current.header])];
  const described = unknown.map((name) => {
    const suggestion = didYouMean(name, header);
    return suggestion === undefined ? `'${name}'` : `'${name}' (did you mean '${suggestion}'?)`;
  });
  throw new InputError(
    `columns.exclude names ${andList(described)}, which neither ${reference.path} nor ${current.path} has.`,
    { column: unknown[0] },
  );
}

function checkSameColumns(reference: Table, current: Table, excluded: Set<string>): void {
  const inReference = reference.header.filter((name) => !excluded.has(name) && !current.columns.has(name));
  const inCurrent = current.header.filter((name) => !excluded.has(name) && !reference.columns.has(name));
  if (inReference.length === 0 && inCurrent.length === 0) return;
  const list = (names: string[]) => names.map((n) => `'${n}'`).join(', ');
  const parts = [
    inReference.length ? `only in ${reference.path}: ${list(inReference)}` : '',
    inCurrent.length ? `only in ${current.path}: ${list(inCurrent)}` : '',
  ].filter(Boolean);
  throw new InputError(
    `${reference.path} and ${current.path} have different columns (${parts.join('; ')}). List them under columns.exclude to leave them out.`,
    { file: current.path },
  );
}

/** Bring both sides of a column to one kind. The reference decides when the files disagree. */
function reconcile(
  name: string,
  role: ColumnRole,
  reference: Column,
  current: Column,
  currentPath: string,
  notes: string[],
): ColumnPair {
  if (reference.kind === 'numerical' && current.kind === 'numerical')
    return { kind: 'numerical', name, role, reference, current };
  if (reference.kind === 'numerical' && current.kind === 'categorical') {
    const converted = categoricalToNumerical(current);
    if (converted.nonNumeric > 0) {
      notes.push(
        `'${name}' is numerical in the reference but holds ${converted.nonNumeric.toLocaleString('en-US')} non-numeric value${converted.nonNumeric === 1 ? '' : 's'} in ${currentPath} (first at line ${current.nonNumericLines.join(', ')}); they count as missing.`,
      );
    }
    return { kind: 'numerical', name, role, reference, current: converted };
  }
  if (reference.kind === 'categorical' && current.kind === 'numerical')
    return { kind: 'categorical', name, role, reference, current: numericalToCategorical(current) };
  return {
    kind: 'categorical',
    name,
    role,
    reference: reference as Extract<Column, { kind: 'categorical' }>,
    current: current as Extract<Column, { kind: 'categorical' }>,
  };
}

/** Does a side hold a value to test? Empty cells and, in numbers, text count as none. */
function hasValues(column: Column): boolean {
  if (column.kind === 'numerical') return column.values.some((value) => value === value);
  return column.codes.some((code) => code >= 0);
}

/** Numbers taking few distinct values over both files are tested as categories (MAX_DISTINCT_FOR_CATEGORICAL). */
function fewValuesAsCategories(pair: ColumnPair, notes: string[]): ColumnPair {
  if (pair.kind !== 'numerical') return pair;
  const distinct = distinctValues(pair.reference, pair.current, MAX_DISTINCT_FOR_CATEGORICAL + 1);
  if (distinct > MAX_DISTINCT_FOR_CATEGORICAL) return pair;
  notes.push(
    `'${pair.name}' has only ${distinct} distinct value${distinct === 1 ? '' : 's'}: tested as categorical (declare it under columns.numerical to change that).`,
  );
  return {
    ...pair,
    kind: 'categorical',
    reference: numericalToCategorical(pair.reference),
    current: numericalToCategorical(pair.current),
  };
}

/** A text cell of a column that otherwise holds numbers: where it is and what it says. */
interface TextCell {
  file: string;
  line: number;
  text: string;
}

/**
 * The text cells that made a column of numbers categorical, when there are at most
 * MAX_NON_NUMERIC_LINES of them over both files (so that each can be named); none otherwise.
 */
function textCellsAmongNumbers(pair: ColumnPair, tables: Table[], raw: Column[]): TextCell[] {
  if (pair.kind !== 'categorical') return [];
  const texts = raw.reduce((sum, column) => sum + column.nonNumeric, 0);
  if (texts === 0 || texts > MAX_NON_NUMERIC_LINES || !raw.some(holdsNumbers)) return [];
  return raw.flatMap((column, side) => {
    if (column.kind !== 'categorical') return [];
    // The column counted its text cells in row order, and kept the line of each (see ColumnBuilder).
    const isText = column.categories.map((category) => Number.isNaN(parseNumber(category)));
    const cells: TextCell[] = [];
    for (const code of column.codes) {
      if (code < 0 || !isText[code]) continue;
      cells.push({
        file: tables[side].path,
        line: column.nonNumericLines[cells.length],
        text: column.categories[code],
      });
    }
    return cells;
  });
}

function holdsNumbers(column: Column): boolean {
  if (column.kind === 'numerical') return column.values.some((value) => value === value);
  return column.codes.length - column.missing > column.nonNumeric;
}

function textCellsNote(name: string, cells: TextCell[]): string {
  const where = cells.map((cell, i) =>
    i > 0 && cell.file === cells[i - 1].file
      ? `line ${cell.line} holds ${quoteCell(cell.text)}`
      : `${cell.file} line ${cell.line} holds ${quoteCell(cell.text)}`,
  );
  const those = cells.length === 1 ? 'that cell' : 'those cells';
  return `'${name}' is tested as categories because of ${plural(cells.length, 'text cell')} among its numbers: ${andList(where)}. Correct or empty ${those} to test '${name}' as numbers.`;
}

/** Why an input feature looks like it names rows, and how to have it tested anyway. */
function identifierNote(
  pair: ColumnPair,
  evidence: IdentifierEvidence,
  referencePath: string,
  currentPath: string,
): string {
  const inFiles = (e: { reference: number; current: number }) =>
    `${rate(e.reference)} in ${referencePath} and ${rate(e.current)} in ${currentPath}`;
  let why: string;
  if (evidence.rule === 'counter')
    why = `its whole numbers ${evidence.direction} with every row in both files, as a counter's do (a row number, a time)`;
  else if (evidence.rule === 'free-text')
    why = `it holds free text (values distinct: ${inFiles(evidence)}; ${formatCount(Math.round(evidence.meanLength))} characters long on average), whose values recur too rarely for a test of categories`;
  else if (evidence.rule === 'named')
    why = `it is named as an identifier and its whole numbers are distinct: ${inFiles(evidence)}`;
  else why = `its values are distinct, as an identifier's are: ${inFiles(evidence)}`;
  return `'${pair.name}' is not tested for drift: ${why}. Declare it under columns.${pair.kind} to test it anyway.`;
}

/** Distinct non-missing values over both columns, counting no further than `cap`. */
function distinctValues(a: NumericalColumn, b: NumericalColumn, cap: number): number {
  const seen = new Set<number>();
  for (const column of [a, b]) {
    for (const value of column.values) {
      if (Number.isNaN(value) || seen.has(value)) continue;
      seen.add(value);
      if (seen.size >= cap) return seen.size;
    }
  }
  return seen.size;
}
