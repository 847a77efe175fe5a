/**
 * Analyze on save (setting `driftMonitor.analyzeOnSave`, off by default): a saved config is
 * analyzed again, and so is every config reading a data file that was saved in the editor or
 * rewritten on disk (a pipeline dropping a new extract). The language server watches the data
 * files and says which configs read one that changed (DATA_CHANGED); here only the setting
 * decides. Changes within a second are merged into one run.
 */
import { Disposable, Uri, workspace, type TextDocument } from 'vscode';
import type { DataChangedParams } from '../../server/src/protocol/messages';

/** Waits this long after the last change: a file being written fires several events. */
const SETTLE_MS = 1000;

/** Runs the analysis of a config; after the one in progress, if any, which read the old data. */
export type AnalyzeConfig = (configUri: string) => Promise<unknown>;

export class AnalyzeOnSave implements Disposable {
  private readonly disposables: Disposable[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly analyze: AnalyzeConfig,
    private readonly isConfig: (document: TextDocument) => boolean,
  ) {
    this.disposables.push(
      workspace.onDidSaveTextDocument((document) => {
        if (this.isConfig(document)) this.schedule(document.uri.toString());
      }),
    );
  }

  /** The server's DATA_CHANGED: the configs reading the changed file. */
  dataChanged({ configs }: DataChangedParams): void {
    for (const uri of configs) this.schedule(uri);
  }

  private schedule(configUri: string): void {
    if (!workspace.getConfiguration('driftMonitor', Uri.parse(configUri)).get<boolean>('analyzeOnSave', false)) return;
    clearTimeout(this.timers.get(configUri));
    this.timers.set(
      configUri,
      setTimeout(() => {
        this.timers.delete(configUri);
        void this.analyze(configUri).catch(() => undefined);
      }, SETTLE_MS),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    Disposable.from(...this.disposables.splice(0)).dispose();
  }
}
