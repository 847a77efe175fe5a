/** What a simulation changed, in lines for a person: the CLI prints them, the editor shows them. */
import { plural } from '../../protocol/text';
import { describePerturbation, type Perturbation } from './perturbation';

/** One line per perturbation, aligned: `--shift income=5000  4,909 cells changed`. */
export function changeLines(perturbations: readonly Perturbation[], result: SimulationResult): string[] {
  const described = perturbations.map(describePerturbation);
  const width = Math.max(0, ...described.map((d) => d.length));
  return described.map((d, i) => `${d.padEnd(width)}  ${plural(result.cellsChanged[i], 'cell')} changed`);
}

export interface SimulationResult {
  /** The file's data rows. */
  rows: number;
  /** The rows the perturbations applied to (from `fromRow` on). */
  rowsPerturbed: number;
  /** Cells each perturbation rewrote, in the order of `perturbations`. */
  cellsChanged: number[];
}
