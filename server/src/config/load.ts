/** Reading a config file for a headless run: the first errors become one InputError. */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { InputError } from '../inputError';
import type { DriftConfig } from './model';
import { parseConfig } from './parse';

export async function loadConfig(configPath: string, displayPath = configPath): Promise<DriftConfig> {
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${displayPath}: config file not found.` : `${displayPath}: cannot read the config (${code ?? String(error)}).`, { file: displayPath });
  }
  const { problems, config, lineCounter } = parseConfig(text, path.resolve(configPath));
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
