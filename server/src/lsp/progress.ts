/** Analysis progress as a work-done percentage: reading is the first half, testing the columns the next 45%, then the rest. */
import type { AnalysisProgress } from '../engine/analysis/progress';

export function progressPercent({ stage, done, total }: AnalysisProgress): number {
  if (stage === 'done') return 100;
  // Without a count the stage is the last step of its kind: model monitoring after the columns.
  const fraction = total ? Math.min(1, (done ?? 0) / total) : 1;
  return stage === 'reading' ? Math.floor(50 * fraction) : 50 + Math.floor(45 * fraction);
}
