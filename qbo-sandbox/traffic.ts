import type { SandboxClock } from './clock.js';

const MINUTE_MS = 60_000;

/**
 * Per-company traffic: what is in flight now and what arrived in the last
 * minute. It enforces Intuit's limits and remembers the peaks so tests can
 * prove a client stayed under them.
 */
export function createTraffic(clock: SandboxClock) {
  const inFlight = new Map<string, number>();
  const received = new Map<string, number[]>();
  const served = new Map<string, number[]>();
  let maxInFlight = 0;
  let maxPerMinute = 0;

  const window = (map: Map<string, number[]>, realm: string): number[] => {
    const cutoff = clock.now() - MINUTE_MS;
    let list = map.get(realm);
    if (!list) {
      list = [];
      map.set(realm, list);
    }
    let drop = 0;
    while (drop < list.length && (list[drop] as number) <= cutoff) drop++;
    if (drop > 0) list.splice(0, drop);
    return list;
  };

  return {
    /** Marks a request started; returns how many are in flight including it. */
    enter(realm: string): { inFlight: number; perMinute: number } {
      const now = (inFlight.get(realm) ?? 0) + 1;
      inFlight.set(realm, now);
      maxInFlight = Math.max(maxInFlight, now);
      const list = window(received, realm);
      list.push(clock.now());
      maxPerMinute = Math.max(maxPerMinute, list.length);
      return { inFlight: now, perMinute: list.length };
    },
    leave(realm: string): void {
      inFlight.set(realm, Math.max(0, (inFlight.get(realm) ?? 1) - 1));
    },
    /** Requests actually served in the last minute; throttled ones don't use up the quota. */
    servedLastMinute: (realm: string): number => window(served, realm).length,
    markServed(realm: string): void {
      window(served, realm).push(clock.now());
    },
    peaks: () => ({ maxInFlight, maxPerMinute }),
    resetPeaks(): void {
      maxInFlight = 0;
      maxPerMinute = 0;
      received.clear();
      served.clear();
    },
  };
}

export type Traffic = ReturnType<typeof createTraffic>;
