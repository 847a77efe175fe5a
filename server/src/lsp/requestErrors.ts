/** How a failed request answers the client: the user's own mistakes (InputError) as their message, to be shown as it is. */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { InputError } from '../engine/inputError';

export function requestError(error: unknown): unknown {
  return error instanceof InputError ? new ResponseError(LSPErrorCodes.RequestFailed, error.message) : error;
}

/**
 * How a failed analysis answers the client: with RequestFailed and a message to show as it is, never
 * a generic internal error. An InputError says what to fix; anything else (a system error, a bug)
 * says the analysis failed, and why in the system's words (its stack goes to the server's log).
 */
export function runError(error: unknown): ResponseError<void> {
  if (error instanceof InputError) return new ResponseError(LSPErrorCodes.RequestFailed, error.message);
  const reason = error instanceof Error ? error.message : String(error);
  return new ResponseError(LSPErrorCodes.RequestFailed, `The drift analysis failed: ${reason}`);
}

/** `work`, its InputError as the request's error. */
export async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw requestError(error);
  }
}

/** The signal of a request's cancellation token; a cancelled request answers RequestCancelled. */
export function cancelled(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, message);
}
