/** How a failed request answers the client: the user's own mistakes (InputError) as their message, to be shown as it is. */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { InputError } from '../engine/inputError';

export function requestError(error: unknown): unknown {
  return error instanceof InputError ? new ResponseError(LSPErrorCodes.RequestFailed, error.message) : error;
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
