/** One row per tested column with the deciding result and every test, for spreadsheets and CI artifacts. */
import Papa from 'papaparse';
import { METHOD_NAMES, METHODS, type DriftMethod } from '../../protocol/methods';
import type { FeatureDrift, Report } from '../../protocol/report';
import { decidedBy } from '../analysis/correction';

type Cell = string | number | boolean | null | undefined;

const COLUMNS: [string, (f: FeatureDrift, report: Report) => Cell][] = [
  ['feature', (f) => f.name],
  ['role', (f) => f.role],
  ['kind', (f) => f.kind],
  ['method', (f) => f.method],
  ['threshold', (f) => f.threshold],
  ['statistic', (f) => f.statistic],
  ['drifted', (f) => f.drifted],
  ['score', (f) => f.score],
  ['severity', (f) => f.severity],
  ['reference_missing', (f) => f.reference.missing],
  ['current_missing', (f) => f.current.missing],
  ...testColumns(),
  // After the tests' columns, so that those keep their places; empty where a distance decides.
  ['correction', (f, report) => (decidedBy(f) === 'pValue' ? report.correction.method : undefined)],
  ['adjusted_p_value', (f) => f.adjustedPValue],
];

export function csvExport(report: Report): string {
  const fields = COLUMNS.map(([name]) => name);
  const data = report.features.map((feature) => COLUMNS.map(([, cell]) => cell(feature, report) ?? ''));
  // Formula-looking cells are escaped so a hostile column name cannot run in a spreadsheet.
  return Papa.unparse({ fields, data }, { escapeFormulae: true, newline: '\n' }) + '\n';
}

/** Every number of every method's result, in the method table's order: `psi`, `ks_p_value`, `wasserstein_normed`. */
function testColumns(): [string, (f: FeatureDrift) => Cell][] {
  return METHOD_NAMES.flatMap((method) =>
    METHODS[method].figures.map((figure): [string, (f: FeatureDrift) => Cell] => [
      columnName(method, figure),
      (f) => (f.tests[method] as Record<string, number> | undefined)?.[figure],
    ]),
  );
}

/** A distance's own value is the method's name; other figures add theirs in snake case. */
function columnName(method: DriftMethod, figure: string): string {
  return figure === 'value' ? method : `${method}_${figure.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`;
}
