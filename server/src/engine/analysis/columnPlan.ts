/**
 * Which columns are tested, in which role, as which kind: the config's
 * declarations first, then the data's own types reconciled between the files.
 * Left out, each with its reason: columns without values in a file (data quality
 * reports them) and input features that name rows (identifierColumns.ts).
 */
import type { DriftConfig } from '../config/model';
import { categoricalToNumerical, numericalToCategorical } from '../data/convert';
import type { Table } from '../data/table';
import { InputError } from '../inputError';
import { didYouMean } from '../config/didYouMean';
import { andList } from '../../protocol/text';
import { identifierEvidence, identifierNote } from './identifierColumns';
import { textCellsAmongNumbers, textCellsNote } from './textCells';
import type { ColumnRole } from '../../protocol/report';
import type { Column, NumericalColumn } from '../data/column';
import type { ColumnPair } from './columnPair';
import type { ColumnStream } from '../data/columnStream';
import { parseNumber } from '../data/numberParsing';

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
        ? {
            reference: reference.streams?.get(name),
            current: current.streams?.get(name),
            ...(reference.profile && { profiled: reference.profile.columns.get(name) }),
          }
        : undefined;
    const extra = { ...(model && { model }), ...(streams && { streams }) };
    // A profile's columns are empty: whether it holds values, and which numbers, its stream says.
    const profiled = reference.profile ? streams?.reference : undefined;
    if (!hasValues(reconciled.reference, profiled) || !hasValues(reconciled.current)) {
      emptyPairs.push({ ...reconciled, ...extra });
      continue;
    }
    const pair = declared.has(name) ? reconciled : fewValuesAsCategories(reconciled, notes, profiled);
    const textCells = declared.has(name)
      ? []
      : textCellsAmongNumbers(pair, [reference, current], [referenceRaw, currentRaw]);
    if (textCells.length > 0) notes.push(textCellsNote(name, textCells));
    else if (role === 'feature' && !configured.has(name)) {
      const evidence = identifierEvidence({ ...pair, ...extra });
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
function hasValues(column: Column, profiled?: ColumnStream): boolean {
  if (profiled) return column.kind === 'numerical' ? profiled.numbers.count > 0 : profiled.rows > profiled.missing;
  if (column.kind === 'numerical') return column.values.some((value) => value === value);
  return column.codes.some((code) => code >= 0);
}

/** Numbers taking few distinct values over both files are tested as categories (MAX_DISTINCT_FOR_CATEGORICAL). */
function fewValuesAsCategories(pair: ColumnPair, notes: string[], profiled?: ColumnStream): ColumnPair {
  if (pair.kind !== 'numerical') return pair;
  const profiledNumbers = profiled && numbersCounted(profiled);
  if (profiledNumbers === null) return pair;
  const distinct = distinctValues(pair.reference, pair.current, MAX_DISTINCT_FOR_CATEGORICAL + 1, profiledNumbers);
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

/**
 * Distinct non-missing values over both columns, counting no further than `cap`. The few
 * values seen are kept in a short list, not a Set: a Set boxes each double it is asked about,
 * and a column of flags is read to its end.
 */
function distinctValues(a: NumericalColumn, b: NumericalColumn, cap: number, more: number[] = []): number {
  const seen = new Float64Array(cap);
  let size = 0;
  for (const values of [Float64Array.from(more), a.values, b.values]) {
    for (let row = 0; row < values.length; row++) {
      const value = values[row];
      if (Number.isNaN(value)) continue;
      let known = false;
      // −0 === 0: one value, as a Set takes them.
      for (let i = 0; i < size && !known; i++) known = seen[i] === value;
      if (known) continue;
      seen[size++] = value;
      if (size >= cap) return size;
    }
  }
  return size;
}

/**
 * The distinct numbers a profile's stream counted, parsed from their labels as a column made
 * categorical is turned back into numbers (data/convert.ts); null when it had too many to count.
 */
function numbersCounted(stream: ColumnStream): number[] | null {
  if (stream.categories === undefined) return null;
  const numbers = [...stream.categories.keys()].map((label) => parseNumber(label));
  return numbers.filter((value) => !Number.isNaN(value)).slice(0, MAX_DISTINCT_FOR_CATEGORICAL + 1);
}
