import { describe, expect, it } from 'vitest';
import { statusView } from '../../src/statusView';
import type { AnalysisFinishedParams } from '../../../server/src/protocol/messages';

const result = (over: Partial<AnalysisFinishedParams>): AnalysisFinishedParams => ({
  uri: 'file:///w/drift.yaml',
  features: 8,
  driftedFeatures: 0,
  datasetDrift: false,
  risk: 12,
  retraining: { state: 'not-needed', priority: 'none' },
  alerts: 0,
  ...over,
});

describe('statusView', () => {
  it('offers a first run for a config never analyzed', () => {
    expect(statusView(undefined, false)).toEqual({
      text: '$(play) drift',
      tooltip: 'Not analyzed yet: click to run the drift analysis',
      command: 'driftMonitor.runAnalysis',
      warning: false,
    });
  });

  it('spins, without a command, while running, whatever the last result', () => {
    expect(statusView(result({ driftedFeatures: 3 }), true)).toEqual({
      text: '$(sync~spin) analyzing',
      tooltip: 'Drift analysis running',
      warning: false,
    });
  });

  it('says no drift, in singular where it is one', () => {
    const view = statusView(result({ features: 1, alerts: 1 }), false);
    expect(view.text).toBe('$(pass) no drift');
    expect(view.tooltip).toBe('0 of 1 input features drifted\nRisk 12/100; 1 alert\nClick to open the report');
    expect(view.command).toBe('driftMonitor.openReport');
    expect(view.warning).toBe(false);
  });

  it('counts drifted features and warns on dataset drift and retraining', () => {
    const view = statusView(
      result({
        driftedFeatures: 3,
        datasetDrift: true,
        risk: 71,
        alerts: 4,
        retraining: { state: 'recommended', priority: 'high' },
      }),
      false,
    );
    expect(view.text).toBe('$(warning) 3 drifted');
    expect(view.tooltip).toBe(
      '3 of 8 input features drifted — dataset drift\nRisk 71/100; 4 alerts\nRetraining recommended (priority high)\nClick to open the report',
    );
    expect(view.warning).toBe(true);
  });
});
