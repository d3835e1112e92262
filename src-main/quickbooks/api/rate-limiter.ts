/**
 * Keeps the app inside Intuit's per-company limits: at most 10 requests in
 * flight and 500 a minute. The defaults stay below both: 8 at once, 450 in
 * any rolling minute. A slot here is held from sending until the whole body
 * has been read, which is longer than Intuit (and qbo-sandbox) count a
 * request as in flight, so 8 here is never more than 8 there; the 2 left
 * over are for a second EquineOps computer or another app on the same
 * company asking at that moment. 50 a minute of room covers clock skew
 * between our rolling window and theirs. One limiter per company, shared by
 * every caller in the process.
 */
export interface RateLimits {
  maxInFlight: number;
  perMinute: number;
}

export const DEFAULT_LIMITS: RateLimits = { maxInFlight: 8, perMinute: 450 };

const MINUTE_MS = 60_000;

export class RateLimiter {
  private inFlight = 0;
  private readonly started: number[] = [];
  private readonly waiting: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly limits: RateLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `task` when a slot is free and the minute's budget allows it. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
    try {
      return await task();
    } finally {
      this.inFlight--;
      this.pump();
    }
  }

  private pump(): void {
    for (;;) {
      if (this.waiting.length === 0 || this.inFlight >= this.limits.maxInFlight) return;
      const now = this.now();
      while (this.started.length > 0 && (this.started[0] as number) <= now - MINUTE_MS)
        this.started.shift();
      if (this.started.length >= this.limits.perMinute) {
        // Wake when the oldest request of the window leaves it.
        const wait = (this.started[0] as number) + MINUTE_MS - now + 1;
        if (!this.timer) {
          this.timer = setTimeout(() => {
            this.timer = null;
            this.pump();
          }, wait);
          this.timer.unref();
        }
        return;
      }
      this.inFlight++;
      this.started.push(now);
      this.waiting.shift()?.();
    }
  }
}

const perRealm = new Map<string, RateLimiter>();

/** The one limiter for a QuickBooks company in this process. */
export function limiterForRealm(realmId: string): RateLimiter {
  let limiter = perRealm.get(realmId);
  if (!limiter) {
    limiter = new RateLimiter();
    perRealm.set(realmId, limiter);
  }
  return limiter;
}
