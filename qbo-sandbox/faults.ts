import { z } from 'zod';
import { createPrng } from './prng.js';

/**
 * Fault knobs: how the sandbox misbehaves. Counted faults ("next N requests")
 * hit Accounting API requests only; latency also slows the OAuth endpoints.
 */
export const latencySchema = z.union([
  z.number().min(0),
  z.object({ kind: z.literal('fixed'), ms: z.number().min(0) }),
  z.object({ kind: z.literal('uniform'), minMs: z.number().min(0), maxMs: z.number().min(0) }),
  z.object({ kind: z.literal('normal'), meanMs: z.number().min(0), stddevMs: z.number().min(0) }),
]);
export type Latency = z.infer<typeof latencySchema>;

export const faultKnobsSchema = z.object({
  latency: latencySchema.nullable(),
  /** Next N requests answer 429 ThrottleExceeded (XML, as Intuit's gateway does). */
  throttleNext: z.number().int().min(0),
  /** Next N requests answer serverErrorStatus with a SERVICE Fault. */
  serverErrorNext: z.number().int().min(0),
  serverErrorStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
  retryAfterSeconds: z.number().int().min(0).nullable(),
  /** Next N requests have their socket destroyed with no response. */
  dropNext: z.number().int().min(0),
  /** Next N requests answer HTTP 200 with a Fault body. */
  faultIn200Next: z.number().int().min(0),
  /**
   * Next N requests answer HTTP 200 with a 3200 AuthenticationFault quoting the
   * token sent ("Token expired: <token>"), as Intuit has been seen to do.
   */
  authFaultIn200Next: z.number().int().min(0),
  /** Intuit's per-company limits: requests a minute and requests in flight. */
  enforceLimits: z.boolean(),
  perMinuteLimit: z.number().int().min(1),
  maxInFlight: z.number().int().min(1),
});
export type FaultKnobs = z.infer<typeof faultKnobsSchema>;
export const faultPatchSchema = faultKnobsSchema.partial().strict();
export type FaultPatch = z.infer<typeof faultPatchSchema>;

export const DEFAULT_FAULTS: FaultKnobs = {
  latency: null,
  throttleNext: 0,
  serverErrorNext: 0,
  serverErrorStatus: 503,
  retryAfterSeconds: null,
  dropNext: 0,
  faultIn200Next: 0,
  authFaultIn200Next: 0,
  enforceLimits: true,
  perMinuteLimit: 500,
  maxInFlight: 10,
};

export type InjectedFault =
  | { kind: 'drop' }
  | { kind: 'throttle' }
  | { kind: 'server-error'; status: number; retryAfterSeconds: number | null }
  | { kind: 'fault-in-200' }
  | { kind: 'auth-fault-in-200' };

export function createFaults(seed: number) {
  let knobs: FaultKnobs = { ...DEFAULT_FAULTS };
  // Seeded so a latency distribution replays the same delays run to run.
  const rng = createPrng(seed ^ 0x5eed);

  return {
    get: (): FaultKnobs => ({ ...knobs }),
    set(patch: FaultPatch): FaultKnobs {
      knobs = faultKnobsSchema.parse({ ...knobs, ...faultPatchSchema.parse(patch) });
      return { ...knobs };
    },
    reset(): FaultKnobs {
      knobs = { ...DEFAULT_FAULTS };
      return { ...knobs };
    },
    latencyMs(): number {
      const l = knobs.latency;
      if (l === null) return 0;
      if (typeof l === 'number') return l;
      switch (l.kind) {
        case 'fixed':
          return l.ms;
        case 'uniform':
          return Math.round(l.minMs + rng.next() * Math.max(0, l.maxMs - l.minMs));
        default:
          return Math.max(0, Math.round(rng.normal(l.meanMs, l.stddevMs)));
      }
    },
    /** Consumes one counted fault, if any is armed. */
    take(): InjectedFault | null {
      if (knobs.dropNext > 0) {
        knobs.dropNext--;
        return { kind: 'drop' };
      }
      if (knobs.throttleNext > 0) {
        knobs.throttleNext--;
        return { kind: 'throttle' };
      }
      if (knobs.serverErrorNext > 0) {
        knobs.serverErrorNext--;
        return {
          kind: 'server-error',
          status: knobs.serverErrorStatus,
          retryAfterSeconds: knobs.retryAfterSeconds,
        };
      }
      if (knobs.faultIn200Next > 0) {
        knobs.faultIn200Next--;
        return { kind: 'fault-in-200' };
      }
      if (knobs.authFaultIn200Next > 0) {
        knobs.authFaultIn200Next--;
        return { kind: 'auth-fault-in-200' };
      }
      return null;
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;

/** `--latency 200`, `--latency 100-300` (uniform) or `--latency 200~50` (normal). */
export function parseLatencyArg(text: string): Latency {
  const uniform = /^(\d+)-(\d+)$/.exec(text);
  if (uniform) return { kind: 'uniform', minMs: Number(uniform[1]), maxMs: Number(uniform[2]) };
  const normal = /^(\d+)~(\d+)$/.exec(text);
  if (normal) return { kind: 'normal', meanMs: Number(normal[1]), stddevMs: Number(normal[2]) };
  if (/^\d+$/.test(text)) return { kind: 'fixed', ms: Number(text) };
  throw new Error(`latency must be MS, MIN-MAX or MEAN~STDDEV, not "${text}"`);
}
