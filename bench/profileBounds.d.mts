/** Types of profileBounds.mjs, for the tests that call it. */
import type { Report } from '../server/src/protocol/report';

export const EXACT_TOLERANCE: number;

export interface BoundViolation {
  where: string;
  exact: unknown;
  stated: unknown;
  bound: { low: number; high: number } | null;
  reason?: string;
}

/** Every statistic of `profiled` whose exact value (in `exact`) lies outside its stated bound, or differs where none is stated. */
export function boundViolations(
  exact: Report,
  profiled: Report,
  tolerance?: number,
): { checked: number; violations: BoundViolation[] };

/** The widest stated bound per statistic, relative to the stated value. */
export function widestBounds(profiled: Report): Record<string, number>;
