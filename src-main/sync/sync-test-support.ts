// TEST SUPPORT ONLY: compares the local mirror with the sandbox company.
import type { QboCustomer, SandboxAdmin } from '../../qbo-sandbox/index';
import { join } from 'node:path';
import { sql } from 'kysely';
import { DATA_FILE_NAME } from '../core';
import { isPostgres } from '../db/dialect';
import { openDatabase, type Db, type OpenedDatabase } from '../db/open-database';
import { openPostgres } from '../db/postgres/open-postgres';
import { testDatabaseTarget } from '../db/testing/test-database';
import {
  COMPARED_COLUMNS,
  DELETED_IN_QUICKBOOKS,
  DELETED_OR_MERGED_IN_QUICKBOOKS,
  mapCustomer,
  type QboCustomerJson,
} from '../quickbooks/mapping/customer-mapping';

/**
 * Every difference between the QuickBooks clients of a company and the
 * sandbox's customers, seen through the mapping: fields, active state,
 * sub-customer parents, duplicates, and customers gone from QuickBooks that
 * are not kept as inactive. An empty list means equal.
 */
export async function differencesFromQuickBooks(
  db: Db,
  admin: SandboxAdmin,
  realmId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('clients')
    .selectAll()
    .where('source', '=', 'quickbooks')
    .where('realm_id', '=', realmId)
    .execute();
  const problems: string[] = [];
  const byQbId = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    if (row.qb_id === null) continue;
    if (byQbId.has(row.qb_id))
      problems.push(`duplicate client for QuickBooks customer ${row.qb_id}`);
    byQbId.set(row.qb_id, row);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const live = admin.listCustomers();
  const liveIds = new Set(live.map((c) => c.Id));
  for (const customer of live) {
    const mapped = mapCustomer(customer as QboCustomer & QboCustomerJson);
    const row = byQbId.get(customer.Id);
    if (!mapped.ok) {
      if (row) problems.push(`customer ${customer.Id} has no name but a client exists`);
      continue;
    }
    if (!row) {
      problems.push(`customer ${customer.Id} (${customer.DisplayName}) is missing`);
      continue;
    }
    for (const column of COMPARED_COLUMNS) {
      const want = mapped.columns[column] ?? null;
      const have = row[column] ?? null;
      if (want !== have)
        problems.push(
          `customer ${customer.Id} ${column}: want ${JSON.stringify(want)}, have ${JSON.stringify(have)}`,
        );
    }
    const parentQbId = customer.ParentRef?.value ?? null;
    const parent = row.parent_id === null ? null : byId.get(row.parent_id);
    if ((parent?.qb_id ?? null) !== parentQbId) {
      problems.push(
        `customer ${customer.Id} parent: want ${parentQbId}, have ${parent?.qb_id ?? null}`,
      );
    }
  }
  for (const row of rows) {
    if (row.qb_id === null || liveIds.has(row.qb_id)) continue;
    const kept =
      row.active === 0 &&
      (row.inactive_reason === DELETED_IN_QUICKBOOKS ||
        row.inactive_reason === DELETED_OR_MERGED_IN_QUICKBOOKS);
    if (!kept)
      problems.push(
        `customer ${row.qb_id} is gone from QuickBooks but the client is ${row.active ? 'active' : row.inactive_reason}`,
      );
  }
  return problems;
}

/** Accounting requests the sandbox answered or refused, since its log was last cleared. */
export function accountingRequests(admin: SandboxAdmin): number {
  return admin.requests().filter((r) => r.kind === 'accounting').length;
}

/**
 * The database a test core on `dataDir` uses, opened beside it (or after it
 * closed): its SQLite file, or in the PostgreSQL run its database there.
 */
export async function openCoreDatabase(dataDir: string): Promise<OpenedDatabase> {
  const target = await testDatabaseTarget(dataDir);
  if (target)
    return openPostgres(target, { max: 1, applicationName: 'EquineOps test', migrate: false });
  return openDatabase(join(dataDir, DATA_FILE_NAME));
}

/**
 * A mark of which client rows were written: equal before and after means
 * nothing rewrote any of them, even with the same values. SQLite: the
 * connection's change count (only `db`'s own writes); PostgreSQL: every
 * row's version (xmin), whoever wrote it.
 */
export async function clientWritesMark(db: Db): Promise<number | string> {
  if (isPostgres(db))
    return (
      (
        await sql<{
          v: string | null;
        }>`select string_agg(xmin::text, ',' order by id) as v from clients`.execute(db)
      ).rows[0]!.v ?? ''
    );
  return (await sql<{ n: number }>`select total_changes() as n`.execute(db)).rows[0]!.n;
}

/** How many indexes the clients table has now. */
export async function clientIndexCount(db: Db): Promise<number> {
  const counted = isPostgres(db)
    ? await sql<{ n: number }>`select count(*) as n from pg_indexes
        where schemaname = current_schema() and tablename = 'clients'`.execute(db)
    : await sql<{ n: number }>`select count(*) as n from sqlite_master
        where type = 'index' and tbl_name = 'clients'`.execute(db);
  return Number(counted.rows[0]!.n);
}
