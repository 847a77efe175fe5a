/** What the status bar item says about a config: pure, so the wording is unit-tested. */
import type { AnalysisFinishedParams } from '../../server/src/protocol/messages';
import { driftedFeaturesBrief, plural, retrainingHeadline } from '../../server/src/protocol/text';

export interface StatusView {
  text: string;
  tooltip: string;
  /** The command a click runs, with the config as its argument; none while running. */
  command?: 'driftMonitor.runAnalysis' | 'driftMonitor.openReport';
  /** Drawn on the warning background: the dataset drifted. */
  warning: boolean;
}

export function statusView(result: AnalysisFinishedParams | undefined, running: boolean): StatusView {
  if (running) return { text: '$(sync~spin) analyzing', tooltip: 'Drift analysis running', warning: false };
  if (!result)
    return {
      text: '$(play) drift',
      tooltip: 'Not analyzed yet: click to run the drift analysis',
      command: 'driftMonitor.runAnalysis',
      warning: false,
    };
  return {
    text: result.driftedFeatures === 0 ? '$(pass) no drift' : `$(warning) ${result.driftedFeatures} drifted`,
    tooltip: [
      driftedFeaturesBrief({
        features: result.features,
        driftedFeatures: result.driftedFeatures,
        drifted: result.datasetDrift,
      }),
      `Risk ${result.risk}/100; ${plural(result.alerts, 'alert')}`,
      ...(result.retraining.state === 'not-needed' ? [] : [retrainingHeadline(result.retraining)]),
      'Click to open the report',
    ].join('\n'),
    command: 'driftMonitor.openReport',
    warning: result.datasetDrift,
  };
}
