/**
 * Analyze on save (setting `driftMonitor.analyzeOnSave`, off by default): a saved config is
 * analyzed again, and so is every config reading a data file that was saved in the editor or
 * rewritten on disk (a pipeline dropping a new extract). Changes within a second are merged
 * into one run.
 */
import { Disposable, Uri, workspace, type TextDocument } from 'vscode';
import { configsReading, type ConfigSource } from './configsReading';

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
    private readonly findConfigs: () => Thenable<Uri[]>,
  ) {
    const watcher = workspace.createFileSystemWatcher('**/*.{csv,tsv}');
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => void this.dataChanged(uri)),
      watcher.onDidCreate((uri) => void this.dataChanged(uri)),
      workspace.onDidSaveTextDocument((document) => {
        if (this.isConfig(document)) this.schedule(document.uri.toString());
        else if (/\.(csv|tsv)$/i.test(document.uri.path)) void this.dataChanged(document.uri);
      }),
    );
  }

  private enabled(uri: Uri): boolean {
    return workspace.getConfiguration('driftMonitor', uri).get<boolean>('analyzeOnSave', false);
  }

  private async dataChanged(file: Uri): Promise<void> {
    if (file.scheme !== 'file') return;
    const sources: ConfigSource[] = [];
    for (const uri of await this.findConfigs()) {
      if (!this.enabled(uri)) continue;
      const open = workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const text = open ? open.getText() : Buffer.from(await workspace.fs.readFile(uri)).toString('utf8');
      sources.push({ uri: uri.toString(), path: uri.fsPath, text });
    }
    for (const uri of configsReading(file.fsPath, sources)) this.schedule(uri);
  }

  private schedule(configUri: string): void {
    if (!this.enabled(Uri.parse(configUri))) return;
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
