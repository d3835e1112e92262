import type { Insertable, Updateable } from 'kysely';
import type { Client, ContactFields } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import type { ClientsTable } from '../db/schema';
import { saveClientSearchRow } from '../db/search-index';
import { notFound } from '../errors';
import type { LastSave } from './edit-conflict';
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

/**
 * Updates a client row and keeps its search index row in step. Every write
 * moves the row's version on, so a form that loaded it before is refused.
 */
export async function updateClientRow(
  db: Db,
  id: number,
  changes: Updateable<ClientsTable>,
): Promise<void> {
  await db
    .updateTable('clients')
    .set((eb) => ({ ...changes, row_version: eb('row_version', '+', 1) }))
    .where('id', '=', id)
    .execute();
  await saveClientSearchRow(db, id);
}

export async function insertManualClient(
  db: Db,
  fields: ContactFields,
  by: { now: Date; actor: string },
): Promise<number> {
  const at = by.now.toISOString();
  return insertClientRow(db, {
    source: 'manual',
    ...contactColumns(fields),
    active: 1,
    created_at: at,
    updated_at: at,
    updated_by: by.actor,
  });
}

/** Who saved the client last and when, for a refused save; undefined when the client is gone. */
export async function readClientLastSave(db: Db, id: number): Promise<LastSave | undefined> {
  const row = await db
    .selectFrom('clients')
    .select(['updated_by', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { updatedBy: row.updated_by, updatedAt: row.updated_at };
}

/**
 * Saves the contact fields only while the row is still at `version` (any
 * version when undefined): `where id = ? and row_version = ?` is the check,
 * so two saves racing on two computers cannot both pass it. False when
 * someone else's save came first.
 */
export async function updateContactFields(
  db: Db,
  id: number,
  fields: ContactFields,
  by: { now: Date; actor: string },
  version: number | undefined,
): Promise<boolean> {
  let update = db
    .updateTable('clients')
    .set((eb) => ({
      ...contactColumns(fields),
      updated_at: by.now.toISOString(),
      updated_by: by.actor,
      row_version: eb('row_version', '+', 1),
    }))
    .where('id', '=', id);
  if (version !== undefined) update = update.where('row_version', '=', version);
  const result = await update.executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await saveClientSearchRow(db, id);
  return true;
}

/** Archiving is local bookkeeping: it never touches active (which QuickBooks owns). */
export async function setArchivedAt(
  db: Db,
  id: number,
  archivedAt: Date | null,
  by: { now: Date; actor: string },
): Promise<void> {
  await db
    .updateTable('clients')
    .set((eb) => ({
      archived_at: archivedAt?.toISOString() ?? null,
      updated_at: by.now.toISOString(),
      updated_by: by.actor,
      // A contact form open on the client must reload before it saves: the client it shows has changed.
      row_version: eb('row_version', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}
