/** Which drift configs read a data file: the ones analyze-on-save re-runs when the file changes. Pure. */
import * as path from 'node:path';
import { parseConfig } from '../../server/src/engine/config/parse';

export interface ConfigSource {
  uri: string;
  /** Absolute path of the config file; its data paths are relative to its folder. */
  path: string;
  text: string;
}

/**
 * The configs among `configs` whose reference, current or extra datasets are `file` (absolute).
 * A config with errors cannot be analyzed, so it is not returned.
 */
export function configsReading(file: string, configs: readonly ConfigSource[]): string[] {
  const target = path.resolve(file);
  return configs
    .filter(({ path: configPath, text }) => {
      const config = parseConfig(text, configPath).config;
      return config !== undefined && [config.reference, config.current, ...config.datasets].some((f) => f.path === target);
    })
    .map((c) => c.uri);
}
