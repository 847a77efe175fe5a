/**
 * Test helper: a config's report against its reference file and against the profile of that
 * reference (made from the config, as `drift-monitor profile <config>` makes it), the same
 * current file, every file read whole.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { analyze } from '../../../src/engine/analysis/analyze';
import { loadConfig } from '../../../src/engine/config/load';
import { buildConfigProfile } from '../../../src/engine/profile/buildProfile';
import { writeProfileFile } from '../../../src/engine/profile/profileFile';
import type { Report } from '../../../src/protocol/report';

/** Writes `reference.profile.json` and `profile.yaml` (the config with the profile as its reference) beside `configPath`. */
export async function writeProfiledConfig(
  configPath: string,
  edit: (yaml: string) => string = (y) => y,
): Promise<string> {
  const folder = dirname(configPath);
  const config = await loadConfig(configPath);
  await writeProfileFile(join(folder, 'reference.profile.json'), await buildConfigProfile(config));
  const yaml = readFileSync(configPath, 'utf8');
  const reference = basename(config.reference.path);
  const profiled = join(folder, 'profile.yaml');
  writeFileSync(profiled, edit(yaml.replace(`reference: ${reference}`, 'reference: reference.profile.json')));
  return profiled;
}

export async function profiledReports(configPath: string): Promise<{ exact: Report; profiled: Report }> {
  const profiledConfig = await writeProfiledConfig(configPath);
  const exact = await analyze(await loadConfig(configPath));
  const profiled = await analyze(await loadConfig(profiledConfig));
  return { exact, profiled };
}
