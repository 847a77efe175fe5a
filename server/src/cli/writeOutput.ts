import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../engine/inputError';

/** Writes a file the user asked for on the command line (relative to `cwd`); a failure is their input's problem, named as given. */
export async function writeOutput(file: string, text: string, cwd: string): Promise<void> {
  try {
    await writeFile(resolve(cwd, file), text);
  } catch (error) {
    throw new InputError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { file });
  }
}
