/**
 * Which columns are tested, in which role, as which kind: the config's
 * declarations first, then the data's own types reconciled between the files.
 */
import type { DriftConfig } from '../config/model';
import { categoricalToNumerical, numericalToCategorical } from '../data/convert';
import type { Table } from '../data/table';
import { InputError } from '../inputError';
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
  pairs: ColumnPair[];
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
  checkSameColumns(reference, current, excluded);
  const roles = new Map<string, { role: ColumnRole; model?: string }>();
  const { target, timestamp } = config.columns;
  if (target) roles.set(target, { role: 'target' });
  for (const model of config.models) {
    roles.set(model.prediction, { role: 'prediction', model: model.name });
    if (model.probability) roles.set(model.probability, { role: 'probability', model: model.name });
  }
  const declared = new Set([...config.columns.numerical, ...config.columns.categorical]);

  const notes: string[] = [];
  const pairs: ColumnPair[] = [];
  for (const name of reference.header) {
    if (excluded.has(name) || name === timestamp) continue;
    const { role, model } = roles.get(name) ?? { role: 'feature' };
    const pair = reconcile(
      name,
      role,
      reference.columns.get(name)!,
      current.columns.get(name)!,
      declared.has(name),
      current.path,
      notes,
    );
    // Streamed files: the tests read the streams; the columns are the sample.
    const streams =
      reference.streams || current.streams
        ? { reference: reference.streams?.get(name), current: current.streams?.get(name) }
        : undefined;
    pairs.push({ ...pair, ...(model && { model }), ...(streams && { streams }) });
  }
  // Inputs first, then what the model produced and the truth, as people read a report.
  const rank = (role: ColumnRole) => ['feature', 'prediction', 'probability', 'target'].indexOf(role);
  pairs.sort((a, b) => rank(a.role) - rank(b.role));
  return { pairs, notes };
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
  declared: boolean,
  currentPath: string,
  notes: string[],
): ColumnPair {
  if (reference.kind === 'numerical' && current.kind === 'numerical') {
    const distinct = distinctValues(reference, current, MAX_DISTINCT_FOR_CATEGORICAL + 1);
    if (declared || distinct > MAX_DISTINCT_FOR_CATEGORICAL)
      return { kind: 'numerical', name, role, reference, current };
    notes.push(
      `'${name}' has only ${distinct} distinct value${distinct === 1 ? '' : 's'}: tested as categorical (declare it under columns.numerical to change that).`,
    );
    return {
      kind: 'categorical',
      name,
      role,
      reference: numericalToCategorical(reference),
      current: numericalToCategorical(current),
    };
  }
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
