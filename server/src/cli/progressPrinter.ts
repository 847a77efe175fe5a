/** The CLI's progress on stderr, for the commands that can take long (analyze, profile). */
import type { AnalysisProgress } from '../engine/analysis/progress';
import type { SafeWriter } from './io';

/** Progress on stderr once a run takes longer than a second: one updating line on a terminal, a line every few seconds otherwise. */
export function progressPrinter(stderr: SafeWriter): (progress: AnalysisProgress) => void {
  const started = Date.now();
  let lastPrinted = 0;
  let printedOnTerminal = false;
  return ({ stage, message }) => {
    const now = Date.now();
    if (stage === 'done') {
      if (printedOnTerminal) stderr.replaceLine('');
      return;
    }
    if (now - started < 1000) return;
    if (stderr.isTTY) {
      stderr.replaceLine(message);
      printedOnTerminal = true;
    } else if (now - lastPrinted >= 5000) {
      stderr.write(`${message}\n`);
      lastPrinted = now;
    }
  };
}
