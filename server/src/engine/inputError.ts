/**
 * A problem with the user's input (config, CSV, command line) that the user can fix.
 * Its message is complete and names the file, line and column where known; front
 * ends show it as is, never with a stack trace.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly location: { file?: string; line?: number; column?: string } = {},
  ) {
    super(message);
    this.name = 'InputError';
  }
}
