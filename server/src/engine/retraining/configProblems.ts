/**
 * Checks of the retraining hook (`retraining.command`, `cwd`, `env`, `auto`) that the schema
 * cannot express. `retrainingProblems` reads the config alone; `retrainingFolderProblems`
 * looks for the `cwd` folder on disk (the editor runs it with the file checks; the CLI checks
 * the same before `--retrain`).
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { isMap, isPair, isScalar, type Document } from 'yaml';
import { keyRange, locate, valueRange } from '../config/nodes';
import { RESERVED_ENV_PREFIX } from './command';
import type { ConfigProblem } from '../config/problem';

export function retrainingProblems(document: Document): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const command = locate(document, ['retraining', 'command']);
  if (isScalar(command.node) && typeof command.node.value === 'string' && command.node.value.trim() === '') {
    problems.push(
      at(
        valueRange(command.node),
        'error',
        'retraining-command-empty',
        '`retraining.command` is empty: write the command that retrains the model, or remove the key.',
      ),
    );
  }
  if (!command.pair) {
    for (const key of ['cwd', 'env', 'auto']) {
      const { pair } = locate(document, ['retraining', key]);
      if (pair)
        problems.push(
          at(
            keyRange(pair),
            'warning',
            'retraining-without-command',
            `\`retraining.${key}\` has no effect without \`retraining.command\`.`,
          ),
        );
    }
  }
  const env = locate(document, ['retraining', 'env']).node;
  for (const pair of isMap(env) ? env.items.filter(isPair) : []) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const range = keyRange(pair);
    if (name.startsWith(RESERVED_ENV_PREFIX)) {
      problems.push(
        at(
          range,
          'error',
          'retraining-env-reserved',
          `\`${name}\`: Drift Monitor sets the ${RESERVED_ENV_PREFIX}* variables for the command itself; choose another name.`,
        ),
      );
    } else if (name === '' || name.includes('=')) {
      problems.push(
        at(
          range,
          'error',
          'retraining-env-name',
          `\`${name}\` is not an environment variable name (it must not be empty or contain \`=\`).`,
        ),
      );
    }
  }
  return problems;
}

export async function retrainingFolderProblems(
  document: Document,
  configPath: string,
  mayLook: (folder: string) => Promise<boolean> = async () => true,
): Promise<ConfigProblem[]> {
  const { node } = locate(document, ['retraining', 'cwd']);
  if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') return [];
  // Whether a folder exists is itself something the editor must not find out outside the workspace (Restricted Mode).
  if (!(await mayLook(path.resolve(path.dirname(configPath), node.value)))) return [];
  const problem = await folderProblem(node.value, path.dirname(configPath));
  return problem ? [at(valueRange(node), 'error', 'retraining-cwd-not-found', `\`retraining.cwd\` ${problem}`)] : [];
}

/** Why the command cannot run in `written` (resolved in `configFolder`), or undefined when it is a folder. */
export async function folderProblem(written: string, configFolder: string): Promise<string | undefined> {
  const folder = path.resolve(configFolder, written);
  const where = path.isAbsolute(written) ? '' : ` (looked in ${configFolder})`;
  try {
    if ((await stat(folder)).isDirectory()) return undefined;
    return `is not a folder: ${written}${where}`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `folder not found: ${written}${where}`
      : `folder cannot be read (${code ?? String(error)}): ${written}${where}`;
  }
}

function at(
  range: [number, number] | undefined,
  severity: ConfigProblem['severity'],
  code: string,
  message: string,
): ConfigProblem {
  const [start, end] = range ?? [0, 1];
  return { message, severity, start, end: Math.max(end, start + 1), code };
}
