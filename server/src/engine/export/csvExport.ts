/** One row per tested column with the deciding result and every test, for spreadsheets and CI artifacts. */
import Papa from 'papaparse';
import type { FeatureDrift, Report } from '../../protocol/report';

type Cell = string | number | boolean | null | undefined;

const COLUMNS: [string, (f: FeatureDrift) => Cell][] = [
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
  ['ks_statistic', (f) => f.tests.ks?.statistic],
  ['ks_p_value', (f) => f.tests.ks?.pValue],
  ['psi', (f) => f.tests.psi?.value],
  ['wasserstein', (f) => f.tests.wasserstein?.value],
  ['wasserstein_normed', (f) => f.tests.wasserstein?.normed],
  ['jensenshannon', (f) => f.tests.jensenshannon?.value],
  ['kl', (f) => f.tests.kl?.value],
  ['hellinger', (f) => f.tests.hellinger?.value],
  ['chisquare_statistic', (f) => f.tests.chisquare?.statistic],
  ['chisquare_p_value', (f) => f.tests.chisquare?.pValue],
  ['chisquare_dof', (f) => f.tests.chisquare?.dof],
  ['ztest_statistic', (f) => f.tests.ztest?.statistic],
  ['ztest_p_value', (f) => f.tests.ztest?.pValue],
  ['mannwhitney_statistic', (f) => f.tests.mannwhitney?.statistic],
  ['mannwhitney_p_value', (f) => f.tests.mannwhitney?.pValue],
  ['cramervonmises_statistic', (f) => f.tests.cramervonmises?.statistic],
  ['cramervonmises_p_value', (f) => f.tests.cramervonmises?.pValue],
  ['andersondarling_statistic', (f) => f.tests.andersondarling?.statistic],
  ['andersondarling_p_value', (f) => f.tests.andersondarling?.pValue],
  ['energy', (f) => f.tests.energy?.value],
  ['energy_normed', (f) => f.tests.energy?.normed],
];

export function csvExport(report: Report): string {
  const fields = COLUMNS.map(([name]) => name);
  const data = report.features.map((feature) => COLUMNS.map(([, cell]) => cell(feature) ?? ''));
  // Formula-looking cells are escaped so a hostile column name cannot run in a spreadsheet.
  return Papa.unparse({ fields, data }, { escapeFormulae: true, newline: '\n' }) + '\n';
}
