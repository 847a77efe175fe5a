/** The CLI's alert channels: after the summary, what was sent on stderr (unless quiet) and every problem as a warning. */
import type { DriftConfig } from '../engine/config/model';
import { runAlertChannels } from '../engine/notify/afterRun';
import type { Report } from '../protocol/report';
import type { CliIo } from './io';

/** The CLI: warnings on stderr; what was sent too, unless quiet (stdout keeps the summary alone). */
export function notifyFromCli(config: DriftConfig, report: Report, quiet: boolean, io: CliIo): Promise<void> {
  const reporter = {
    info: (line: string) => {
      if (!quiet) io.stderr.write(`drift-monitor: ${line}\n`);
    },
    warn: (line: string) => void io.stderr.write(`drift-monitor: warning: ${line}\n`),
  };
  return runAlertChannels(config, report, reporter, { env: io.env });
}
