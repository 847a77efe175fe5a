/**
 * What Restricted Mode held back after an editor run, written into the Report (`heldBack`, and a
 * note), so that the report and the editor's notification say it.
 */
import type { DriftConfig } from '../engine/config/model';
import { retrainingCommand } from '../engine/retraining/command';
import type { Report } from '../protocol/report';
import type { PathKey } from './workspaceTrust';

/** One phrase per thing not done: the alerts a channel would have been sent, the retraining command, the history record. */
export function heldBackPhrases(config: DriftConfig, report: Report, outside: readonly PathKey[]): string[] {
  const phrases: string[] = [];
  const alerts = report.alerts.length > 0;
  if (alerts && config.notifications?.webhook) phrases.push('the alerts to the webhook');
  if (alerts && config.notifications?.email) phrases.push('the alerts by e-mail');
  if (retrainingCommand(config, report)) phrases.push('the retraining command');
  if (outside.some(({ key }) => key === 'history.path'))
    phrases.push('the record in the run history (history.path is outside the workspace folders)');
  return phrases;
}

/** Adds what was held back to `report` (the field and a note); nothing when nothing was. */
export function holdBack(config: DriftConfig, report: Report, outside: readonly PathKey[]): void {
  const phrases = heldBackPhrases(config, report, outside);
  if (phrases.length === 0) return;
  report.heldBack = phrases;
  report.notes.push(`Restricted Mode held back ${phrases.join(', ')}: trust the workspace to allow them.`);
}
