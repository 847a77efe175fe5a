/** The status bar item: the last result of the config in the active editor. */
import { StatusBarAlignment, ThemeColor, window, type Disposable, type StatusBarItem } from 'vscode';
import { statusView } from './statusView';
import type { AnalysisFinishedParams } from '../../server/src/protocol/messages';

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
    const view = statusView(this.results.get(uri), this.running.has(uri));
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.warning ? new ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = view.command && {
      title: view.command === 'driftMonitor.runAnalysis' ? 'Run Drift Analysis' : 'Open Drift Report',
      command: view.command,
      arguments: [uri],
    };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
