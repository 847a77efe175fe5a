/** How far an analysis has come, for progress bars and the CLI's stderr. */

export interface AnalysisProgress {
  stage: 'reading' | 'testing' | 'done';
  message: string;
  /** Work done and total, in bytes while reading and in columns while testing. */
  done?: number;
  total?: number;
}
