/** The part of a retraining decision that travels without its reasons: to the status bar, into the History view. */
import type { RetrainingVerdict } from './report';

/** The state, priority and labels still needed of a retraining decision (or of a recorded one), without the rest. */
export function retrainingVerdict({ state, priority, labelsNeeded }: RetrainingVerdict): RetrainingVerdict {
  return { state, priority, ...(labelsNeeded !== undefined && { labelsNeeded }) };
}
