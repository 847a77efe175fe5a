/**
 * The editor's Restricted Mode in the server. Until the client says the workspace is trusted
 * (ServerSettings.workspaceTrusted), configs are validated and analyzed, but nothing is sent
 * (webhook, e-mail), no retraining command is handed out, and no file outside the workspace
 * folders is read: not the data files, not their headers (for hover, completion and the config's
 * diagnostics), not the run history. A path is judged where it really is, after symlinks.
 */
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import type { DriftConfig } from '../engine/config/model';
import type { CsvHeaderCache } from '../engine/data/csvHeaders';
import type { ColumnProfileCache } from '../engine/data/columnProfiles';
import { InputError } from '../engine/inputError';

/** Why a file is not read, as a phrase after its key ("reference is outside …"). */
export const OUTSIDE_WORKSPACE =
  'is outside the workspace folders, and is not read in Restricted Mode (trust the workspace to read it)';

/** A config's key naming a file, and the file as the config writes it and resolves it. */
export interface PathKey {
  /** `reference`, `datasets.test`, `history.path`. */
  key: string;
  written: string;
  path: string;
}

export class WorkspaceTrust {
  private trusted = false;

  /** `folders`: the workspace folders the client opened (absolute). */
  constructor(private readonly folders: () => readonly string[]) {}

  get isTrusted(): boolean {
    return this.trusted;
  }

  /**
   * The client's word on trust. Trust is only granted in a running editor (VS Code reloads the
   * window when it is withdrawn), so a false after true changes nothing. Whether it was granted now.
   */
  apply(workspaceTrusted: boolean | undefined): boolean {
    if (workspaceTrusted !== true || this.trusted) return false;
    this.trusted = true;
    return true;
  }

  /** Whether `file` may be read for the config at `configPath`: always when trusted. */
  async readable(file: string, configPath: string): Promise<boolean> {
    if (this.trusted) return true;
    const [real, ...folders] = await Promise.all(
      [file, ...this.allowedFolders(configPath)].map((each) => realLocation(each)),
    );
    return folders.some((folder) => isInside(real!, folder));
  }

  /** The header cache as the config at `configPath` may use it: files outside answer OUTSIDE_WORKSPACE unread. */
  headersFor(headers: CsvHeaderCache, configPath: string): Pick<CsvHeaderCache, 'get'> {
    return {
      get: async (file, format) =>
        (await this.readable(file, configPath)) ? headers.get(file, format) : { ok: false, error: OUTSIDE_WORKSPACE },
    };
  }

  /** The column profiles (hover) as the config at `configPath` may use them. */
  profilesFor(profiles: ColumnProfileCache, configPath: string): Pick<ColumnProfileCache, 'get'> {
    return {
      get: async (file, column, format) => {
        if (await this.readable(file, configPath)) return profiles.get(file, column, format);
        throw new InputError(`${path.basename(file)} ${OUTSIDE_WORKSPACE}.`, { file });
      },
    };
  }

  /** The keys of `config` naming a file it may not read (the history only when enabled). */
  async outsidePaths(config: DriftConfig): Promise<PathKey[]> {
    if (this.trusted) return [];
    const keys: PathKey[] = [
      { key: 'reference', ...config.reference },
      { key: 'current', ...config.current },
      ...config.datasets.map((dataset) => ({ key: `datasets.${dataset.name}`, ...dataset })),
      ...(config.history.enabled
        ? [
            {
              key: 'history.path',
              written: path.relative(path.dirname(config.configPath), config.history.path),
              path: config.history.path,
            },
          ]
        : []),
    ];
    const readable = await Promise.all(keys.map((each) => this.readable(each.path, config.configPath)));
    return keys.filter((_, i) => !readable[i]);
  }

  /** Throws the InputError of the first data file `config` may not read (a run cannot go without its data). */
  async checkDataFiles(config: DriftConfig): Promise<void> {
    const outside = (await this.outsidePaths(config)).filter((each) => each.key !== 'history.path');
    if (outside.length === 0) return;
    const { key, written } = outside[0]!;
    throw new InputError(`${key} ${OUTSIDE_WORKSPACE}: ${written}`, { file: config.configPath });
  }

  /** The workspace folders; in a window without one, the config's own folder. */
  private allowedFolders(configPath: string): readonly string[] {
    const folders = this.folders();
    return folders.length > 0 ? folders : [path.dirname(configPath)];
  }
}

/** Where `file` really is: symlinks resolved, also for a file not made yet (its nearest existing folder's). */
async function realLocation(file: string): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await realpath(absolute);
  } catch {
    const parent = path.dirname(absolute);
    if (parent === absolute) return absolute;
    return path.join(await realLocation(parent), path.basename(absolute));
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!path.isAbsolute(relative) && relative.split(path.sep)[0] !== '..');
}
