// The Clients list over 50,000 clients on SQLite and on a shared PostgreSQL,
// every shape the page asks for (each sort both ways × status, with and without
// a search, deep pages), through the dispatcher as the renderer calls it.
// On PostgreSQL it measures the same data twice: without migration 0016's
// list indexes ("before") and with them ("after"), right after the load with
// only ANALYZE run, then once autovacuum has been (VACUUM ANALYZE: the count
// becomes an index-only scan). Printed, never asserted.
//
//   bash scripts/with-postgres.sh node --import tsx tests/bench/clients-list-postgres.bench.ts [clients]
//
// Without a server (no EQUINEOPS_TEST_POSTGRES_URL) only SQLite is measured.
import { sql, type Kysely } from 'kysely';
import { fileURLToPath } from 'node:url';
import { insertManyClients } from '../../src-main/clients/client-fixtures';
import { createTestCore, type TestCore } from '../../src-main/clients/test-core';
import {
  POSTGRES_LIST_INDEXES,
  up as createListIndexes,
} from '../../src-main/db/migrations/0016-postgres-list-indexes';
import { postgresAvailable } from '../../src-main/db/testing/test-database';
import type { ListClientsInput } from '../../src-shared/contract';

const TARGET_P99_MS = 50;
const SORTS = ['name', 'email', 'phone', 'source', 'lastSynced', 'created'] as const;
const DIRECTIONS = ['asc', 'desc'] as const;
const STATUSES = ['active', 'inactive', 'archived'] as const;
const TERMS = ['m', 'smi', 'smith', 'emma smith', 'oak farm', '555', 'nobody-matches-this'];

interface Group {
  label: string;
  calls: ListClientsInput[];
}

/** The calls of each group, in a fixed order; every group is run three times after one warm-up. */
function groups(): Group[] {
  const list: ListClientsInput[] = [];
  for (const sort of SORTS)
    for (const direction of DIRECTIONS)
      for (const status of STATUSES)
        for (const offset of [0, 400]) list.push({ sort, direction, status, offset, limit: 100 });
  const search: ListClientsInput[] = [];
  for (const term of TERMS)
    for (const status of STATUSES)
      for (const [sort, direction] of [
        ['name', 'asc'],
        ['name', 'desc'],
        ['email', 'asc'],
      ] as const)
        search.push({ search: term, sort, direction, status, limit: 100 });
  // As tests/bench/support/core-sync-child.ts probes during a sync: scrolling and searching "smi".
  const scrolling: ListClientsInput[] = [];
  for (let n = 1; n <= 40; n++)
    scrolling.push({ search: n % 2 === 0 ? '' : 'smi', offset: (n * 37) % 500, limit: 50 });
  return [
    { label: 'no search: 6 sorts × 2 directions × 3 statuses × offsets 0/400', calls: list },
    { label: `search (${TERMS.join(', ')}) × 3 statuses × 3 sorts`, calls: search },
    { label: 'sync probe: "" / "smi", offsets 0–499, limit 50', calls: scrolling },
  ];
}

interface Timing {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  slowest: string;
}

async function measure(core: TestCore, calls: ListClientsInput[]): Promise<Timing> {
  for (const input of calls) await core.call('clients.list', input);
  const timings: { ms: number; input: ListClientsInput }[] = [];
  for (let round = 0; round < 3; round++)
    for (const input of calls) {
      const started = performance.now();
      await core.call('clients.list', input);
      timings.push({ ms: performance.now() - started, input });
    }
  timings.sort((a, b) => a.ms - b.ms);
  const at = (q: number) =>
    timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.ms;
  const slowest = timings[timings.length - 1]!;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: slowest.ms,
    slowest: JSON.stringify(slowest.input),
  };
}

function figure(t: Timing): string {
  return `p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms, max ${t.max.toFixed(1)} ms (slowest ${t.slowest})`;
}

async function measureAll(
  core: TestCore,
  phase: string,
  figures: Record<string, string>,
): Promise<void> {
  for (const group of groups())
    figures[`${phase} | ${group.label}`] = figure(await measure(core, group.calls));
}

async function seeded(clients: number, figures: Record<string, string>, dialect: string) {
  const core = await createTestCore();
  const started = performance.now();
  await insertManyClients(core.db, clients, 7);
  figures[`${dialect} | seed ${clients.toLocaleString('en-US')} clients`] =
    `${Math.round(performance.now() - started)} ms`;
  return core;
}

export async function benchClientsListBothDialects(CLIENTS = 50_000): Promise<{
  name: string;
  figures: Record<string, string>;
}> {
  const figures: Record<string, string> = {};
  const wanted = process.env.EQUINEOPS_TEST_DATABASE;
  try {
    delete process.env.EQUINEOPS_TEST_DATABASE;
    const lite = await seeded(CLIENTS, figures, 'SQLite');
    try {
      await measureAll(lite, 'SQLite', figures);
    } finally {
      await lite.dispose();
    }

    if (!postgresAvailable()) {
      figures.PostgreSQL = 'skipped: run through bash scripts/with-postgres.sh';
    } else {
      process.env.EQUINEOPS_TEST_DATABASE = 'postgres';
      const pg = await seeded(CLIENTS, figures, 'PostgreSQL');
      try {
        const db = pg.db;
        for (const index of POSTGRES_LIST_INDEXES)
          await sql`drop index ${sql.id(index.name)}`.execute(db);
        await sql`analyze clients, clients_search`.execute(db);
        await measureAll(pg, 'PostgreSQL before 0016, after ANALYZE', figures);

        const built = performance.now();
        await createListIndexes(db as unknown as Kysely<unknown>);
        figures['PostgreSQL | build the 0016 indexes'] =
          `${Math.round(performance.now() - built)} ms`;
        await sql`analyze clients, clients_search`.execute(db);
        await measureAll(pg, 'PostgreSQL after 0016, after ANALYZE', figures);

        await sql`vacuum analyze clients, clients_search`.execute(db);
        await measureAll(pg, 'PostgreSQL after 0016, after VACUUM', figures);

        // What the indexes cost a bulk write: 5,000 more clients without, then with them.
        for (const index of POSTGRES_LIST_INDEXES)
          await sql`drop index ${sql.id(index.name)}`.execute(db);
        let insertStarted = performance.now();
        await insertManyClients(db, 5_000, 8);
        figures['PostgreSQL | insert 5,000 more, without 0016'] =
          `${Math.round(performance.now() - insertStarted)} ms`;
        await createListIndexes(db as unknown as Kysely<unknown>);
        insertStarted = performance.now();
        await insertManyClients(db, 5_000, 9);
        figures['PostgreSQL | insert 5,000 more, with 0016'] =
          `${Math.round(performance.now() - insertStarted)} ms`;
      } finally {
        await pg.dispose();
      }
    }
  } finally {
    if (wanted === undefined) delete process.env.EQUINEOPS_TEST_DATABASE;
    else process.env.EQUINEOPS_TEST_DATABASE = wanted;
  }
  return {
    name: `Clients list over ${CLIENTS.toLocaleString('en-US')} clients, SQLite and PostgreSQL (target p99 ≤ ${TARGET_P99_MS} ms a call)`,
    figures,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchClientsListBothDialects(Number(process.argv[2] ?? 50_000));
  console.log(result.name);
  for (const [label, value] of Object.entries(result.figures))
    console.log(`  ${label}\n      ${value}`);
  process.exit(0);
}
