// A bench child: the real core in a process of its own, connected to a
// qbo-sandbox process through the real loopback sign-in. Runs the initial
// sync (and, if asked, an incremental one after changes in QuickBooks) and
// prints what it measured. Started by tests/bench/sync.bench.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncRun } from '../../../src-shared/contract';
import { createCore } from '../../../src-main/core';
import type { PostgresTarget } from '../../../src-main/db/database-target';
import { createMemorySecretStoreForTests } from '../../../src-main/platform/node/memory-secret-store';
import { createNodePorts } from '../../../src-main/platform/node/node-ports';
import { sandboxQuickBooksConfig } from '../../../src-main/quickbooks/quickbooks-config';
import { eventLoopDelay, latencyProbe, rssPeak } from './measure';
import { printResult } from './sandbox-process';

export interface CoreSyncInput {
  sandbox: { url: string; clientId: string; clientSecret: string; adminBase: string };
  /** Changed customers for an incremental sync after the initial one; 0 for none. */
  changes: number;
  /** A shared PostgreSQL database to sync into; absent: the data folder's SQLite file. */
  database?: PostgresTarget;
}

export interface CoreSyncResult {
  initial: {
    seconds: number;
    result: string;
    created: number;
    fetched: number;
    peakRssMb: number;
    eventLoop: { p99Ms: number; maxMs: number };
    list: { calls: number; p50Ms: number; p99Ms: number; maxMs: number };
  };
  incremental: {
    ms: number;
    kind: string | null;
    result: string;
    updated: number;
    calls: number;
  } | null;
}

const input = JSON.parse(process.argv[2] ?? '{}') as CoreSyncInput;
const dataDir = mkdtempSync(join(tmpdir(), 'equineops-bench-'));
const ports = createNodePorts({ secrets: createMemorySecretStoreForTests(), launchBrowser: false });
const core = await createCore({
  dataDir,
  database: input.database,
  host: 'browser',
  warmWorker: true,
  quickbooks: sandboxQuickBooksConfig(input.sandbox),
  scheduler: false,
  // The sandbox approves at once; following its redirect completes the sign-in.
  ports: {
    ...ports,
    openExternal: { open: async (url) => void fetch(url).catch(() => undefined) },
  },
});

const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${input.sandbox.adminBase}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`admin ${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
};
const accountingCalls = async () =>
  (await admin<{ requests: { kind: string }[] }>('GET', '/requests')).requests.filter(
    (r) => r.kind === 'accounting',
  ).length;

function nextRunEnd(): Promise<SyncRun> {
  return new Promise((resolve) => {
    const stop = core.events.subscribe((event, payload) => {
      if (event !== 'sync.finished') return;
      stop();
      resolve(payload as SyncRun);
    });
  });
}

// The initial sync starts when the sign-in completes: measure from its first progress event.
let started = 0;
let memory: ReturnType<typeof rssPeak> | null = null;
let delay: ReturnType<typeof eventLoopDelay> | null = null;
let probe: ReturnType<typeof latencyProbe> | null = null;
// BENCH_TRACE=1 prints every event with its time: where a sync's seconds go, page by page.
const traceStart = performance.now();
if (process.env.BENCH_TRACE)
  core.events.subscribe((event, payload) =>
    console.error(
      `${(performance.now() - traceStart).toFixed(0)}ms ${event} ${JSON.stringify(payload).slice(0, 120)}`,
    ),
  );
const stopWatching = core.events.subscribe((event) => {
  if (event !== 'sync.progress' || started !== 0) return;
  started = performance.now();
  memory = rssPeak();
  delay = eventLoopDelay();
  // Someone scrolling and searching the Clients list while the sync runs.
  let n = 0;
  probe = latencyProbe(() =>
    core.dispatcher.invoke('clients.list', {
      search: n++ % 2 === 0 ? '' : 'smi',
      offset: (n * 37) % 500,
      limit: 50,
    }),
  );
});
const ended = nextRunEnd();
const connect = await core.dispatcher.invoke('quickbooks.connect', {});
if (!connect.ok) throw new Error(connect.error.message);
const run = await ended;
const seconds = (performance.now() - started) / 1000;
stopWatching();
const result: CoreSyncResult = {
  initial: {
    seconds,
    result: run.result,
    created: run.counts.created,
    fetched: run.fetched,
    peakRssMb: (memory as ReturnType<typeof rssPeak> | null)!.stop() / 1024 / 1024,
    eventLoop: (delay as ReturnType<typeof eventLoopDelay> | null)!.stop(),
    list: await (probe as ReturnType<typeof latencyProbe> | null)!.stop(),
  },
  incremental: null,
};

if (input.changes > 0) {
  // Change phones of customers spread through the company, as a day in the office would.
  const total = run.fetched;
  for (let i = 0; i < input.changes; i++) {
    const id = String(1 + Math.floor(((i + 0.5) * total) / input.changes));
    await admin('PATCH', `/customers/${id}`, {
      PrimaryPhone: { FreeFormNumber: `(555) 019-${String(1000 + i)}` },
    });
  }
  const before = await accountingCalls();
  const t0 = performance.now();
  const incremental = await core.sync.run('manual');
  const ms = performance.now() - t0;
  result.incremental = {
    ms,
    kind: incremental.kind,
    result: incremental.result,
    updated: incremental.counts.updated,
    calls: (await accountingCalls()) - before,
  };
}

await core.close();
rmSync(dataDir, { recursive: true, force: true });
printResult(result);
process.exit(0);
