/** The status bar item: the last result of the config in the active editor. */
import { StatusBarAlignment, ThemeColor, window, type Disposable, type StatusBarItem } from 'vscode';
import type { AnalysisFinishedParams } from '../../server/src/protocol';

export class DriftStatus implements Disposable {
  private readonly item: StatusBarItem;
  private readonly results = new Map<string, AnalysisFinishedParams>();
  private readonly running = new Set<string>();
  private shown: string | undefined;

  constructor() {
    this.item = window.createStatusBarItem('driftMonitor.status', StatusBarAlignment.Left, 10);
    this.item.name = 'Drift Monitor';
  }

  has(uri: string): boolean {
    return this.results.has(uri);
  }

  finished(result: AnalysisFinishedParams): void {
    this.results.set(result.uri, result);
    if (result.uri === this.shown) this.render();
  }

  setRunning(uri: string, running: boolean): void {
    if (running) this.running.add(uri);
    else this.running.delete(uri);
    if (uri === this.shown) this.render();
  }

  /** The config in the active editor, or undefined to hide the item. */
  show(uri: string | undefined): void {
    this.shown = uri;
    this.render();
  }

  private render(): void {
    const uri = this.shown;
    if (!uri) {
      this.item.hide();
      return;
    }
    const result = this.results.get(uri);
    this.item.backgroundColor = undefined;
    if (this.running.has(uri)) {
      this.item.text = '$(sync~spin) analyzing';
      this.item.tooltip = 'Drift analysis running';
      this.item.command = undefined;
    } else if (!result) {
      this.item.text = '$(play) drift';
      this.item.tooltip = 'Not analyzed yet: click to run the drift analysis';
      this.item.command = { title: 'Run Drift Analysis', command: 'driftMonitor.runAnalysis', arguments: [uri] };
    } else {
      this.item.text = result.driftedFeatures === 0 ? '$(pass) no drift' : `$(warning) ${result.driftedFeatures} drifted`;
      if (result.datasetDrift) this.item.backgroundColor = new ThemeColor('statusBarItem.warningBackground');
      this.item.tooltip = [
        `${result.driftedFeatures} of ${result.features} features drifted${result.datasetDrift ? ' — dataset drift' : ''}`,
        `Risk ${result.risk}/100; ${result.alerts} alert${result.alerts === 1 ? '' : 's'}${result.retrain ? '; retraining recommended' : ''}`,
        'Click to open the report',
      ].join('\n');
      this.item.command = { title: 'Open Report', command: 'driftMonitor.openReport', arguments: [uri] };
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
