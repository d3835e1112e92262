import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Peak resident memory, sampled every few milliseconds while `stop` has not been called. */
export function rssPeak(everyMs = 20) {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  return {
    stop(): number {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

/** The main thread's event-loop delay (how late a timer fires), as perf_hooks measures it. */
export function eventLoopDelay() {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return {
    stop(): { p99Ms: number; maxMs: number } {
      histogram.disable();
      return { p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 };
    },
  };
}

/**
 * Calls `call` back to back (with `gapMs` between) until stopped, and keeps
 * how long each answer took: the latency a person clicking around would see.
 */
export function latencyProbe(call: () => Promise<unknown>, gapMs = 20) {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await call();
      samples.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
  })();
  return {
    async stop(): Promise<LatencySummary> {
      running = false;
      await loop;
      return summarize(samples);
    },
  };
}

export interface LatencySummary {
  /** Each call's time, in the order made. */
  samples: number[];
  calls: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    samples: [...samples],
    calls: sorted.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: sorted[sorted.length - 1] ?? 0,
  };
}
