/** How failed requests answer the client: never the generic internal error (-32603), always a message to show. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/engine/inputError';
import { runError } from '../../src/lsp/requestErrors';

describe('runError', () => {
  it("answers an InputError with RequestFailed and the InputError's own text", () => {
    const error = runError(new InputError('current.csv line 3: not a number.'));
    expect({ code: error.code, message: error.message }).toEqual({
      code: -32803,
      message: 'current.csv line 3: not a number.',
    });
  });

  it('answers any other failure with RequestFailed, saying the analysis failed and why', () => {
    const error = runError(new Error('The worker testing columns stopped (exit code 134) before it finished.'));
    expect({ code: error.code, message: error.message }).toEqual({
      code: -32803,
      message: 'The drift analysis failed: The worker testing columns stopped (exit code 134) before it finished.',
    });
    expect(runError('odd').message).toBe('The drift analysis failed: odd');
  });
});
