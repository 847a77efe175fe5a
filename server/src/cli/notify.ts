/** The CLI's alert channels: after the summary, what was sent on stderr (unless quiet) and every problem as a warning. */
import type { DriftConfig } from '../engine/config/model';
import { runAlertChannels } from '../engine/notify/afterRun';
import type { Report } from '../protocol/report';

/** The CLI: warnings on stderr; what was sent too, unless quiet (stdout keeps the summary alone). */
export function notifyFromCli(config: DriftConfig, report: Report, quiet: boolean): Promise<void> {
  return runAlertChannels(config, report, {
    info: (line) => {
      if (!quiet) process.stderr.write(`drift-monitor: ${line}\n`);
    },
    warn: (line) => process.stderr.write(`drift-monitor: warning: ${line}\n`),
  });
}
