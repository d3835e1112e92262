// Customer sync at QuickBooks scale (issue 11's table), each case beside its
// baseline in the same run: qbo-sandbox, the app's core and the baseline each
// run in a process of their own, connected over loopback HTTP. Read, never asserted.
import type { BaselineInput, BaselineResult } from './support/baseline-sync-child';
import type { CoreSyncInput, CoreSyncResult } from './support/core-sync-child';
import { runChild, startSandboxProcess, type SandboxProcess } from './support/sandbox-process';
import type { BenchRow } from './bench-row';
import type { PostgresTarget } from '../../src-main/db/database-target';
import { startBenchPostgres, type BenchPostgres } from './support/postgres-process';

const CORE_CHILD = 'tests/bench/support/core-sync-child.ts';
const BASELINE_CHILD = 'tests/bench/support/baseline-sync-child.ts';

function coreInput(
  sandbox: SandboxProcess,
  changes: number,
  database?: PostgresTarget,
): CoreSyncInput {
  return {
    database,
    sandbox: {
      url: sandbox.url,
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      adminBase: sandbox.adminBase,
    },
    changes,
  };
}

function baselineInput(sandbox: SandboxProcess): BaselineInput {
  return { sandbox: { ...sandbox } };
}

async function withSandbox<T>(
  options: { customers: number; latencyMs: number },
  use: (sandbox: SandboxProcess) => Promise<T>,
): Promise<T> {
  const sandbox = await startSandboxProcess({ ...options, seed: 11 });
  try {
    return await use(sandbox);
  } finally {
    await sandbox.stop();
  }
}

const n = (value: number) => value.toLocaleString('en-US');

/** One latency: the core on SQLite, the baseline, then the core on PostgreSQL against the same company. */
async function benchInitialSync(
  customers: number,
  latencyMs: number,
  postgres: BenchPostgres | { skipped: string },
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  await withSandbox({ customers, latencyMs }, async (sandbox) => {
    const ours = await runChild<CoreSyncResult>(
      CORE_CHILD,
      coreInput(sandbox, latencyMs === 0 ? 25 : 0),
    );
    const stats = await sandbox.admin<{ maxInFlight: number; maxPerMinute: number }>(
      'GET',
      '/stats',
    );
    const baseline = await runChild<BaselineResult>(BASELINE_CHILD, baselineInput(sandbox));
    const target = latencyMs === 300 ? { seconds: 3.5, ratio: 5 } : { seconds: 2.5, ratio: 2 };
    const ratio = baseline.seconds / ours.initial.seconds;
    rows.push({
      case: `initial sync, ${n(customers)} customers, ${latencyMs} ms a request`,
      figure: `${ours.initial.seconds.toFixed(2)} s (${ours.initial.result}, ${n(ours.initial.created)} created)`,
      baseline: `${baseline.seconds.toFixed(2)} s (${n(baseline.customers)} customers)`,
      ratio: `${ratio.toFixed(1)}× faster`,
      target: `≤ ${target.seconds} s and ≥ ${target.ratio}× the baseline`,
      met: ours.initial.seconds <= target.seconds && ratio >= target.ratio,
      notes: `limits seen by the sandbox: ${stats.maxInFlight} in flight (10 allowed), ${stats.maxPerMinute} a minute (500 allowed)`,
    });
    rows.push({
      case: `  calls answered during that sync (clients.list / search)`,
      figure: `p99 ${ours.initial.list.p99Ms.toFixed(1)} ms, max ${ours.initial.list.maxMs.toFixed(1)} ms over ${ours.initial.list.calls} calls`,
      target: 'p99 ≤ 50 ms',
      met: ours.initial.list.p99Ms <= 50,
      notes: `main-thread event-loop delay p99 ${ours.initial.eventLoop.p99Ms.toFixed(1)} ms, max ${ours.initial.eventLoop.maxMs.toFixed(1)} ms; peak RSS ${ours.initial.peakRssMb.toFixed(0)} MB (baseline ${baseline.peakRssMb.toFixed(0)} MB)`,
    });
    if (ours.incremental) {
      rows.push({
        case: `incremental sync, 25 changed customers among ${n(customers)} (0 ms a request)`,
        figure: `${ours.incremental.ms.toFixed(0)} ms, ${ours.incremental.calls} QuickBooks calls (${ours.incremental.kind}, ${ours.incremental.updated} updated)`,
        target: '≤ 100 ms, ≤ 2 calls',
        met: ours.incremental.ms <= 100 && ours.incremental.calls <= 2,
      });
    }
    rows.push(await postgresRow(sandbox, customers, latencyMs, postgres, ours));
  });
  return rows;
}

/** The same initial sync into an empty shared database, beside the SQLite figure: target ≤ 2×. */
async function postgresRow(
  sandbox: SandboxProcess,
  customers: number,
  latencyMs: number,
  postgres: BenchPostgres | { skipped: string },
  sqlite: CoreSyncResult,
): Promise<BenchRow> {
  const label = `initial sync, ${n(customers)} customers — PostgreSQL, ${latencyMs} ms a request`;
  const target = '≤ 2× the SQLite time';
  if ('skipped' in postgres)
    return {
      case: label,
      figure: `skipped: ${postgres.skipped}`,
      target,
      met: false,
      skipped: true,
    };
  const onPostgres = await runChild<CoreSyncResult>(
    CORE_CHILD,
    coreInput(sandbox, 0, await postgres.freshDatabase()),
  );
  const ratio = onPostgres.initial.seconds / sqlite.initial.seconds;
  return {
    case: label,
    figure: `${onPostgres.initial.seconds.toFixed(2)} s (${onPostgres.initial.result}, ${n(onPostgres.initial.created)} created)`,
    baseline: `SQLite ${sqlite.initial.seconds.toFixed(2)} s`,
    ratio: `${ratio.toFixed(2)}× the SQLite time`,
    target,
    met: onPostgres.initial.result === 'success' && ratio <= 2,
    notes: `${postgres.describe}; list calls meanwhile p99 ${onPostgres.initial.list.p99Ms.toFixed(1)} ms, max ${onPostgres.initial.list.maxMs.toFixed(1)} ms over ${onPostgres.initial.list.calls}; peak RSS ${onPostgres.initial.peakRssMb.toFixed(0)} MB`,
  };
}

export async function benchSync(quick: boolean): Promise<BenchRow[]> {
  const customers = quick ? 5_000 : 50_000;
  const memoryCustomers = quick ? 10_000 : 100_000;
  const rows: BenchRow[] = [];
  const postgres = await startBenchPostgres();
  try {
    for (const latencyMs of [300, 0])
      rows.push(...(await benchInitialSync(customers, latencyMs, postgres)));
  } finally {
    if ('stop' in postgres) await postgres.stop();
  }

  await withSandbox({ customers: memoryCustomers, latencyMs: 0 }, async (sandbox) => {
    const ours = await runChild<CoreSyncResult>(CORE_CHILD, coreInput(sandbox, 0));
    rows.push({
      case: `peak RSS of the app's process during an initial sync of ${n(memoryCustomers)} customers`,
      figure: `${ours.initial.peakRssMb.toFixed(0)} MB (sync ${ours.initial.seconds.toFixed(2)} s)`,
      target: '≤ 250 MB',
      met: ours.initial.peakRssMb <= 250,
    });
  });
  return rows;
}
