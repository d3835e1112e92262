// Initial sync of 20,000 QuickBooks customers with 50 ms of sandbox latency a
// request, through the real core and the in-process qbo-sandbox. Read, never asserted.
import { createSandboxedCore } from '../../src-main/quickbooks/connected-test-core';
import type { BenchResult } from './run';

const CUSTOMERS = 20_000;

export async function benchFullSync(): Promise<BenchResult> {
  const s = await createSandboxedCore({ sandbox: { customers: CUSTOMERS, seed: 5, latency: 50 } });
  try {
    s.sandbox.admin.clearRequests();
    const started = performance.now();
    await s.connect(); // returns once the initial sync it starts has finished
    const run = (await s.core.sync.status()).lastRun;
    if (!run) throw new Error('The initial sync did not run');
    const seconds = (performance.now() - started) / 1000;
    const stats = s.sandbox.admin.stats();
    const accounting = s.sandbox.admin.requests().filter((r) => r.kind === 'accounting').length;
    return {
      name: `Initial sync of ${CUSTOMERS.toLocaleString('en-US')} customers (sandbox latency 50 ms)`,
      figures: {
        result: `${run.result}, ${run.counts.created.toLocaleString('en-US')} created`,
        seconds: seconds.toFixed(2),
        'accounting requests': String(accounting),
        'customers / s': Math.round(CUSTOMERS / seconds).toLocaleString('en-US'),
        'max in flight (limit 10)': String(stats.maxInFlight),
        'max a minute (limit 500)': String(stats.maxPerMinute),
      },
    };
  } finally {
    await s.dispose();
  }
}
