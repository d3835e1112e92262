import { AppError } from '../../errors';
import { redactSecrets } from '../../secret-redaction';
import type { QuickBooksClient } from './quickbooks-client';
import { limiterForRealm, type RateLimiter } from './rate-limiter';
import { DEFAULT_RETRY, withRetry, type RetryOptions } from './retry-policy';

/** The Accounting API as the sync uses it: GET only, within Intuit's limits, retrying what passes with time. */
export interface QuickBooksReader {
  get<T>(path: string, query?: Record<string, string>): Promise<T>;
  /** The same answer as JSON text, unparsed (see QuickBooksClient.getText). */
  getText(path: string, query?: Record<string, string>): Promise<string>;
}

/**
 * Wraps the one HTTP client: every attempt (retries included) waits for the
 * company's shared limiter; the back-off wait happens outside it so a sleeping
 * retry never holds a slot.
 */
export class PacedQuickBooksClient implements QuickBooksReader {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly client: Pick<QuickBooksClient, 'getText'>,
    realmId: string,
    private readonly retry: RetryOptions = DEFAULT_RETRY,
    limiter?: RateLimiter,
  ) {
    this.limiter = limiter ?? limiterForRealm(realmId);
  }

  async get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    return JSON.parse(await this.getText(path, query)) as T;
  }

  async getText(path: string, query: Record<string, string> = {}): Promise<string> {
    try {
      return await withRetry(
        () => this.limiter.run(() => this.client.getText(path, query)),
        this.retry,
      );
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'quickbooks',
        'QuickBooks could not be reached. Check the internet connection and try again.',
        {
          detail: describeNetworkError(error),
          cause: error,
        },
      );
    }
  }
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return redactSecrets(String(error));
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return redactSecrets(
    [error.name, error.message, cause?.code, cause?.message].filter(Boolean).join(': '),
  );
}
