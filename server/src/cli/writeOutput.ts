import { writeFile } from 'node:fs/promises';
import { InputError } from '../engine/inputError';

/** Writes a file the user asked for on the command line; a failure is their input's problem, named. */
export async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    throw new InputError(`Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, { file });
  }
}
