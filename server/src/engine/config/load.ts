/** Reading a config (from a file, or from text) for a run: its errors become one InputError. */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { InputError } from '../inputError';
import { regularFileStats } from '../data/fileKind';
import { sizeProblem } from './limits';
import type { DriftConfig } from './model';
import { parseConfig, type ParsedConfig } from './parse';

export async function loadConfig(configPath: string, displayPath = configPath): Promise<DriftConfig> {
  let text: string;
  try {
    // Only a regular file is read; one over the size limit is refused unread (the parse would refuse it anyway).
    // A missing file has no stats: the read below says it is not found.
    const stats = await regularFileStats(configPath, displayPath);
    const tooLarge = stats && sizeProblem(stats.size);
    if (tooLarge)
      throw new InputError(`${displayPath} line 1, column 1: ${tooLarge.message}`, { file: displayPath, line: 1 });
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `${displayPath}: config file not found.`
        : `${displayPath}: cannot read the config (${code ?? String(error)}).`,
      { file: displayPath },
    );
  }
  return configFromText(text, path.resolve(configPath), displayPath);
}

/** The config in `text` (an editor's unsaved buffer, say), or its errors as one InputError. */
export function configFromText(text: string, configPath: string, displayPath = configPath): DriftConfig {
  return configOf(parseConfig(text, configPath), displayPath);
}

/** The typed config of a parse already made (the language server keeps one per document version), or its errors as one InputError. */
export function configOf({ problems, config, lineCounter }: ParsedConfig, displayPath: string): DriftConfig {
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0 || !config) {
    const lines = errors.map((problem) => {
      const { line, col } = lineCounter.linePos(problem.start);
      return `${displayPath} line ${line}, column ${col}: ${problem.message}`;
    });
    const first = lineCounter.linePos(errors[0]?.start ?? 0);
    throw new InputError(lines.join('\n'), { file: displayPath, line: first.line });
  }
  return config;
}
