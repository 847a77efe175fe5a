/**
 * Which configs read a changed data file, for the client's analyze-on-save (DATA_CHANGED). The
 * server already watches the data files (the client's file events) and is told of saves; here it
 * finds the workspace's configs (by name, as the editor's search did, and every open config), reads
 * each (the open text, else the saved file) and keeps those whose reference, current or datasets are
 * the changed file. The configs found are kept until a config file is created or deleted.
 */
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, type Connection, type FileEvent, type WorkspaceFolder } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isDriftConfig, isDriftConfigName } from '../protocol/driftConfigs';
import { isDataFileName } from '../engine/data/dataFormat';
import { DATA_CHANGED } from '../protocol/messages';
import type { ParsedConfigs } from './configDocuments';
import { pathOf } from './uris';

/** As many configs as the editor's search listed. */
const MAX_CONFIGS = 200;
/** Folders never searched: dependencies, and hidden ones (.git, .venv, .drift-monitor). */
const SKIPPED = (name: string) => name === 'node_modules' || name.startsWith('.');

/** The drift configs named as such under `folders`, breadth first, at most `limit`. */
export async function findConfigFiles(folders: readonly string[], limit = MAX_CONFIGS): Promise<string[]> {
  const found: string[] = [];
  const queue = [...folders];
  while (queue.length > 0 && found.length < limit) {
    const folder = queue.shift()!;
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory() && !SKIPPED(entry.name)) queue.push(file);
      else if (entry.isFile() && isDriftConfigName(entry.name) && found.length < limit) found.push(file);
    }
  }
  return found;
}

const folderPaths = (folders: readonly Pick<WorkspaceFolder, 'uri'>[]) =>
  folders.filter(({ uri }) => uri.startsWith('file:')).map(({ uri }) => fileURLToPath(uri));

export class DataChanges {
  private configFiles: Promise<string[]> | undefined;
  /** The workspace folders the client opened. */
  private folders: string[] = [];

  constructor(
    private readonly openDocuments: () => readonly TextDocument[],
    private readonly parsed: ParsedConfigs,
  ) {}

  /** The folders at the start, and those added and removed since: search again next time. */
  foldersChanged(
    added: readonly Pick<WorkspaceFolder, 'uri'>[],
    removed: readonly Pick<WorkspaceFolder, 'uri'>[] = [],
  ): void {
    const gone = new Set(folderPaths(removed));
    this.folders = [...this.folders.filter((folder) => !gone.has(folder)), ...folderPaths(added)];
    this.configFiles = undefined;
  }

  /** The workspace folders the client opened (absolute). */
  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  /**
   * A watched file changed on disk, or (`saved`) a document was saved in the editor: a config
   * created or deleted is searched for again; for a data file written, the client is told of the
   * configs reading it (DATA_CHANGED). The watcher may report a save too; the client merges the two.
   */
  fileChanged(connection: Connection, { uri, type }: FileEvent | { uri: string; type: 'saved' }): void {
    const file = pathOf(uri);
    if (isDriftConfigName(file) && (type === FileChangeType.Created || type === FileChangeType.Deleted))
      this.configFiles = undefined;
    if (isDataFileName(file) && type !== FileChangeType.Deleted) void this.announce(connection, uri, file);
  }

  private async announce(connection: Connection, uri: string, file: string): Promise<void> {
    try {
      const configs = await this.readersOf(file);
      if (configs.length > 0) void connection.sendNotification(DATA_CHANGED, { file: uri, configs });
    } catch (error) {
      connection.console.warn(`Drift Monitor: cannot tell which configs read ${uri}: ${(error as Error).message}`);
    }
  }

  /** The URIs of the configs reading `file` (absolute); a config with errors cannot run, so it is left out. */
  async readersOf(file: string): Promise<string[]> {
    const target = path.resolve(file);
    this.configFiles ??= findConfigFiles(this.folders);
    // By path: an open config's URI (as the editor spells it) wins over the one made here.
    const configs = new Map<string, { uri: string; text?: string }>();
    for (const configFile of await this.configFiles)
      configs.set(configFile, { uri: pathToFileURL(configFile).toString() });
    for (const d of this.openDocuments())
      if (isDriftConfig(d.uri, d.getText(), d.languageId))
        configs.set(pathOf(d.uri), { uri: d.uri, text: d.getText() });
    const readers: string[] = [];
    for (const [configFile, { uri, text }] of configs) {
      const saved = text ?? (await readFile(configFile, 'utf8').catch(() => undefined));
      const config = saved === undefined ? undefined : this.parsed.of(uri, saved).config;
      if (config && [config.reference, config.current, ...config.datasets].some((data) => data.path === target))
        readers.push(uri);
    }
    return readers;
  }
}
