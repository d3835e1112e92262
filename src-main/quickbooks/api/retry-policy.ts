import { AppError } from '../../errors';
import { log } from '../../logging/core-log';

/** What a failed HTTP answer said, kept beside the AppError so retries can honor it. */
export interface HttpFailure {
  status: number;
  faultCode: string | null;
  /** The Retry-After header as sent (seconds or an HTTP date). */
  retryAfter: string | null;
}

const failures = new WeakMap<Error, HttpFailure>();

export function markHttpFailure<E extends Error>(error: E, failure: HttpFailure): E {
  failures.set(error, failure);
  return error;
}

export function httpFailureOf(error: unknown): HttpFailure | undefined {
  return error instanceof Error ? failures.get(error) : undefined;
}

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told before each wait, e.g. to log or show "QuickBooks asked us to slow down". */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 10, baseDelayMs: 400, maxDelayMs: 30_000 };

/** Throttled (429 / 3001), server trouble (5xx, SystemFault 10000 in a 200) and dropped connections pass with time. */
export function isTransient(error: unknown): boolean {
  const failure = httpFailureOf(error);
  if (failure) {
    return (
      failure.status === 429 ||
      failure.status >= 500 ||
      failure.faultCode === '3001' ||
      failure.faultCode === '10000'
    );
  }
  // Anything that is not an answer from QuickBooks (socket closed, reset, time-out) is a dropped connection.
  return !(error instanceof AppError);
}

/** Seconds or an HTTP date → milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Tries `task` until it succeeds, fails for good, or runs out of attempts.
 * Waits grow exponentially with full jitter so parallel pages do not retry in
 * step; a Retry-After from QuickBooks is a floor on the wait.
 */
export async function withRetry<T>(
  task: () => Promise<T>,
  options: RetryOptions = DEFAULT_RETRY,
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= options.attempts || !isTransient(error)) throw error;
      const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      const jittered = ceiling / 2 + random() * (ceiling / 2);
      const asked = retryAfterMs(httpFailureOf(error)?.retryAfter ?? null);
      const delay = Math.round(Math.max(jittered, Math.min(asked ?? 0, 120_000)));
      log.warn(
        'quickbooks',
        `attempt ${attempt} failed, retrying in ${delay} ms: ${supportDetail(error)}`,
      );
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}

/** Status, fault code and intuit_tid as QuickBooks gave them, or what dropped the connection. */
export function supportDetail(error: unknown): string {
  if (error instanceof AppError) return error.options.detail ?? `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
