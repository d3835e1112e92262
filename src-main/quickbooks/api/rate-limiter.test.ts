import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { RateLimiter } from './rate-limiter';
import { markHttpFailure, retryAfterMs, withRetry } from './retry-policy';

describe('staying inside Intuit’s limits', () => {
  it('never has more requests in flight than allowed', async () => {
    const limiter = new RateLimiter({ maxInFlight: 3, perMinute: 1000 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.run(async () => {
          peak = Math.max(peak, ++inFlight);
          await new Promise((r) => setTimeout(r, 2));
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });

  it('holds back requests past the minute’s budget until the window moves on', async () => {
    let now = 0;
    const limiter = new RateLimiter({ maxInFlight: 10, perMinute: 5 }, () => now);
    const started: number[] = [];
    const all = Array.from({ length: 7 }, (_, i) => limiter.run(async () => void started.push(i)));
    await new Promise((r) => setTimeout(r, 5));
    expect(started).toHaveLength(5);
    now = 60_001;
    // Any finishing or new request re-checks the window (in the app, a timer also wakes it).
    await Promise.all([...all, limiter.run(async () => undefined)]);
    expect(started).toHaveLength(7);
  });

  it('retries throttling and server errors, honoring Retry-After, but not a refused permission', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls === 1)
          throw markHttpFailure(new AppError('quickbooks', 'slow down'), {
            status: 429,
            faultCode: '3001',
            retryAfter: null,
          });
        if (calls === 2)
          throw markHttpFailure(new AppError('quickbooks', 'trouble'), {
            status: 503,
            faultCode: null,
            retryAfter: '7',
          });
        if (calls === 3) throw new TypeError('fetch failed');
        return 'ok';
      },
      {
        attempts: 5,
        baseDelayMs: 100,
        maxDelayMs: 1000,
        sleep: async (ms) => void waits.push(ms),
        random: () => 0.5,
      },
    );
    expect(result).toBe('ok');
    expect(waits[1]).toBe(7000);
    const refused = markHttpFailure(new AppError('quickbooks', 'no permission'), {
      status: 403,
      faultCode: '3100',
      retryAfter: null,
    });
    await expect(
      withRetry(async () => Promise.reject(refused), {
        attempts: 5,
        baseDelayMs: 1,
        maxDelayMs: 1,
        sleep: async () => undefined,
      }),
    ).rejects.toBe(refused);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBe(null);
  });
});
