/**
 * The sandbox's own clock. It runs with real time but can be pushed forward,
 * so tests can age tokens, codes and CDC windows without waiting.
 */
export interface SandboxClock {
  now(): number;
  advance(ms: number): void;
}

export function createClock(startMs: number = Date.now()): SandboxClock {
  const realStart = Date.now();
  let offset = 0;
  return {
    now: () => startMs + (Date.now() - realStart) + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock can only move forward');
      offset += ms;
    },
  };
}
