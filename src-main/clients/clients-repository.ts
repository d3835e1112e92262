import type { Insertable, Updateable } from 'kysely';
import type { Client, ContactFields } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import type { ClientsTable } from '../db/schema';
import { saveClientSearchRow } from '../db/search-index';
import { notFound } from '../errors';
import { contactColumns, toClient, type ClientRecord } from './client-row-mapping';

/** Clients with the parent's name and the realm's environment joined in. */
function selectClients(db: Db) {
  return db
    .selectFrom('clients')
    .leftJoin('clients as parent', 'parent.id', 'clients.parent_id')
    .leftJoin('connection', 'connection.realm_id', 'clients.realm_id')
    .selectAll('clients')
    .select(['parent.display_name as parent_name', 'connection.environment as qb_environment']);
}

/** Every client, whatever its source or status. */
export async function countAllClients(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('clients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findClient(db: Db, id: number): Promise<Client | undefined> {
  const row: ClientRecord | undefined = await selectClients(db)
    .where('clients.id', '=', id)
    .executeTakeFirst();
  return row ? toClient(row) : undefined;
}

/** The client, or a not_found error office staff can read. */
export async function getClient(db: Db, id: number): Promise<Client> {
  const client = await findClient(db, id);
  if (!client) throw notFound('This client');
  return client;
}

/** Inserts a client row and its search index row; returns the new id. */
export async function insertClientRow(db: Db, row: Insertable<ClientsTable>): Promise<number> {
  const inserted = await db
    .insertInto('clients')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  await saveClientSearchRow(db, inserted.id);
  return inserted.id;
}

/** Updates a client row and keeps its search index row in step. */
export async function updateClientRow(
  db: Db,
  id: number,
  changes: Updateable<ClientsTable>,
): Promise<void> {
  await db.updateTable('clients').set(changes).where('id', '=', id).execute();
  await saveClientSearchRow(db, id);
}

export async function insertManualClient(
  db: Db,
  fields: ContactFields,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  return insertClientRow(db, {
    source: 'manual',
    ...contactColumns(fields),
    active: 1,
    created_at: at,
    updated_at: at,
  });
}

export async function updateContactFields(
  db: Db,
  id: number,
  fields: ContactFields,
  now: Date,
): Promise<void> {
  await updateClientRow(db, id, { ...contactColumns(fields), updated_at: now.toISOString() });
}

/** Archiving is local bookkeeping: it never touches active (which QuickBooks owns). */
export async function setArchivedAt(
  db: Db,
  id: number,
  archivedAt: Date | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('clients')
    .set({ archived_at: archivedAt?.toISOString() ?? null, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}
