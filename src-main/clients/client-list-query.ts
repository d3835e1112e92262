import { sql, type ExpressionBuilder } from 'kysely';
import type {
  ClientPage,
  ClientRow,
  ClientSortField,
  ListClientsInput,
} from '../../src-shared/contract';
import type { z } from 'zod';
import { storageKind } from '../db/dialect';
import type { Db } from '../db/open-database';
import type { Database } from '../db/schema';
import { clientIdMatchesSearch } from '../db/search-index';

type ListInput = z.output<typeof ListClientsInput>;

/**
 * The Clients table: one page of rows plus the total for the same filters.
 * Built to answer within a few milliseconds over 50,000 clients: the search
 * narrows by FTS rowids, the name index gives the order, and horse counts are
 * looked up only for the rows of the page.
 */
export async function listClients(db: Db, input: ListInput): Promise<ClientPage> {
  const { count, page } = await clientListQueries(db, input);
  const countRow = await count.executeTakeFirstOrThrow();
  const total = Number(countRow.total);
  const rows = await page.execute();
  const horseCounts = await countHorses(
    db,
    rows.map((r) => r.id),
  );

  return {
    total,
    offset: input.offset,
    rows: rows.map((r): ClientRow => ({
      id: r.id,
      source: r.source,
      qbId: r.qb_id,
      displayName: r.display_name,
      companyName: r.company_name,
      email: r.email,
      phone: r.phone,
      mobile: r.mobile,
      active: r.active === 1,
      archivedAt: r.archived_at,
      lastSyncedAt: r.last_synced_at,
      parentName: r.parent_name,
      horseCount: horseCounts.get(r.id) ?? 0,
    })),
  };
}

/**
 * The list's two statements, unrun: the total for the filters and the page.
 * On PostgreSQL each sort's ORDER BY is also the key of an index of migration
 * 0016 (client-list-plans.postgres.test.ts checks the page walks it), so
 * changing an order here means changing that index too.
 */
export async function clientListQueries(db: Db, input: ListInput) {
  const search = await clientIdMatchesSearch(db, 'clients.id', input.search);
  const filtered = db
    .selectFrom('clients')
    .where((eb) => statusFilter(eb, input.status))
    .$if(input.source !== 'all', (q) =>
      q.where('clients.source', '=', input.source as 'quickbooks' | 'manual'),
    )
    .$if(search !== null, (q) => q.where(search!));

  const count = filtered.select((eb) => eb.fn.countAll<number>().as('total'));

  const columns = [
    'clients.id',
    'clients.source',
    'clients.qb_id',
    'clients.display_name',
    'clients.company_name',
    'clients.email',
    'clients.phone',
    'clients.mobile',
    'clients.active',
    'clients.archived_at',
    'clients.last_synced_at',
  ] as const;
  // The same parent name either way. PostgreSQL, told a search leaves ~800 clients
  // to sort, would hash the whole clients table to join their parents (30 ms over
  // 50,000); as a subquery it looks up the parents of the page's rows only.
  let page =
    storageKind(db) === 'postgres'
      ? filtered.select((eb) => [
          ...columns,
          eb
            .selectFrom('clients as parent')
            .select('parent.display_name')
            .whereRef('parent.id', '=', 'clients.parent_id')
            .as('parent_name'),
        ])
      : filtered
          .leftJoin('clients as parent', 'parent.id', 'clients.parent_id')
          .select([...columns, 'parent.display_name as parent_name']);
  const postgres = storageKind(db) === 'postgres';
  for (const [expression, direction, nullable] of orderFor(input.sort, input.direction)) {
    // SQLite sorts NULL before '' and every value; PostgreSQL after them unless told,
    // which would swap "no phone" and a blank phone between two computers.
    page =
      nullable && postgres
        ? page.orderBy(expression, (o) =>
            direction === 'asc' ? o.asc().nullsFirst() : o.desc().nullsLast(),
          )
        : page.orderBy(expression, direction);
  }
  return { count, page: page.offset(input.offset).limit(input.limit) };
}

/**
 * Archived clients leave both active and inactive lists whatever QuickBooks
 * says; inactive (deactivated, deleted or merged in QuickBooks) leave the active list.
 */
function statusFilter(eb: ExpressionBuilder<Database, 'clients'>, status: ListInput['status']) {
  switch (status) {
    case 'active':
      return eb.and([eb('clients.archived_at', 'is', null), eb('clients.active', '=', 1)]);
    case 'inactive':
      return eb.and([eb('clients.archived_at', 'is', null), eb('clients.active', '=', 0)]);
    case 'archived':
      return eb('clients.archived_at', 'is not', null);
  }
}

type Direction = 'asc' | 'desc';

/**
 * Empty values sort last in either direction; ties fall back to the name, then the id, so pages never overlap.
 * Each term: what, which way, and whether it may be NULL.
 */
function orderFor(sort: ClientSortField, direction: Direction) {
  const byName = [
    [sql`clients.sort_name`, direction, false],
    [sql`clients.id`, direction, false],
  ] as const;
  const nullsLast = (column: string) =>
    [
      [sql`(${sql.ref(column)} is null or ${sql.ref(column)} = '')`, 'asc', false],
      [sql.ref(column), direction, true],
    ] as const;
  switch (sort) {
    case 'name':
      return byName;
    case 'email':
      return [...nullsLast('clients.email'), ...byName];
    case 'phone':
      return [...nullsLast('clients.phone'), ...byName];
    case 'source':
      return [[sql.ref('clients.source'), direction, false] as const, ...byName];
    case 'lastSynced':
      return [...nullsLast('clients.last_synced_at'), ...byName];
    case 'created':
      return [[sql.ref('clients.created_at'), direction, false] as const, ...byName];
  }
}

async function countHorses(db: Db, clientIds: number[]): Promise<Map<number, number>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('client_horses')
    .select((eb) => ['client_id', eb.fn.countAll<number>().as('count')])
    .where('client_id', 'in', clientIds)
    .groupBy('client_id')
    .execute();
  return new Map(rows.map((r) => [r.client_id, Number(r.count)]));
}
