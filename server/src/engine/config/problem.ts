/** A problem found in a config: where (offsets into its text), how bad, and what would fix it. */

export interface ConfigProblem {
  message: string;
  severity: 'error' | 'warning';
  /** Offsets into the text, end exclusive. */
  start: number;
  end: number;
  /** A stable identifier for the kind of problem (for quick fixes and tests). */
  code: string;
  /** A replacement that would fix it (did-you-mean). */
  suggestion?: string;
}
