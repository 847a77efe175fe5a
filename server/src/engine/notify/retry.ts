/** Delivery with a bounded number of attempts, a timeout each, and a growing pause between them. */

export interface RetryPolicy {
  attempts: number;
  /** The pause after the first failure; it doubles after each further one. */
  firstDelayMs: number;
  /** How long one attempt may take. */
  timeoutMs: number;
}

/** 3 attempts, 10 s each, 1 s then 2 s apart: at most about 33 s per channel. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, firstDelayMs: 1000, timeoutMs: 10_000 };

/** A failed attempt; `retry` is false when trying again cannot help (an address that does not exist, a refused login). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export type Delivery = { ok: true; attempts: number } | { ok: false; attempts: number; error: string };

/** Calls `attempt` until it succeeds, fails for good, or the attempts run out; the signal aborts it at the timeout. */
export async function withRetries(
  policy: RetryPolicy,
  attempt: (signal: AbortSignal) => Promise<void>,
): Promise<Delivery> {
  for (let made = 1; ; made++) {
    const signal = AbortSignal.timeout(policy.timeoutMs);
    try {
      await attempt(signal);
      return { ok: true, attempts: made };
    } catch (error) {
      const message = signal.aborted
        ? `no answer within ${policy.timeoutMs / 1000} s`
        : error instanceof Error
          ? error.message
          : String(error);
      const retry = signal.aborted || !(error instanceof DeliveryError) || error.retry;
      if (!retry || made >= policy.attempts) return { ok: false, attempts: made, error: message };
      await new Promise((resolve) => setTimeout(resolve, policy.firstDelayMs * 2 ** (made - 1)));
    }
  }
}
