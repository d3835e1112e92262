import type { Insertable } from 'kysely';
import type { ContactFields } from '../../src-shared/contract';
import { contactColumns } from '../clients/client-row-mapping';
import { foldForSort } from '../clients/sort-name';
import type { Db } from '../db/open-database';
import type { ClientsTable } from '../db/schema';
import { indexNewClients } from '../db/search-index';

/**
 * The import's writes in bulk: a statement per few hundred rows instead of
 * one per row, so 50,000 rows commit in about a second. The rows are built
 * with the clients feature's own mapping (contactColumns) and the search index
 * is filled in the same transaction, as insertClientRow would for one client.
 */

// 24 columns a client row: 500 rows a statement measured fastest (1,000 was slower).
const CLIENT_CHUNK = 500;
const SMALL_CHUNK = 1000;

function* chunks<T>(list: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < list.length; start += size) yield list.slice(start, start + size);
}

/** New manual clients, in order; returns their ids in the same order. */
export async function insertManualClients(
  db: Db,
  clients: readonly ContactFields[],
  now: Date,
): Promise<number[]> {
  const at = now.toISOString();
  const ids: number[] = [];
  for (const chunk of chunks(clients, CLIENT_CHUNK)) {
    const rows: Insertable<ClientsTable>[] = chunk.map((fields) => ({
      source: 'manual',
      ...contactColumns(fields),
      active: 1,
      created_at: at,
      updated_at: at,
    }));
    const inserted = await db.insertInto('clients').values(rows).returning('id').execute();
    // Row ids are handed out in the order of the VALUES; RETURNING's order is not promised.
    const chunkIds = inserted.map((r) => r.id).sort((a, b) => a - b);
    ids.push(...chunkIds);
    await indexNewClients(
      db,
      chunk.map((fields, i) => ({
        id: chunkIds[i]!,
        display_name: fields.displayName,
        given_name: fields.givenName,
        family_name: fields.familyName,
        fully_qualified_name: null,
        contact_person: fields.contactPerson,
        company_name: fields.companyName,
        email: fields.email,
        phone: fields.phone,
        mobile: fields.mobile,
      })),
    );
  }
  return ids;
}

/**
 * Horses by name: an existing horse with the same name (case and accents
 * aside) is reused, otherwise one is created. Returns the id for every
 * folded name and the ids it created.
 */
export async function findOrCreateHorses(
  db: Db,
  names: readonly string[],
  now: Date,
): Promise<{ idByName: Map<string, number>; created: number[] }> {
  const idByName = new Map<string, number>();
  if (names.length === 0) return { idByName, created: [] };
  const existing = await db.selectFrom('horses').select(['id', 'name']).orderBy('id').execute();
  for (const horse of existing) {
    const key = foldForSort(horse.name);
    if (!idByName.has(key)) idByName.set(key, horse.id);
  }
  const missing = new Map<string, string>();
  for (const name of names) {
    const key = foldForSort(name);
    if (!idByName.has(key) && !missing.has(key)) missing.set(key, name);
  }
  const created: number[] = [];
  const toCreate = [...missing.entries()];
  for (const chunk of chunks(toCreate, SMALL_CHUNK)) {
    const inserted = await db
      .insertInto('horses')
      .values(
        chunk.map(([, name]) => ({
          name,
          breed: null,
          color: null,
          birth_year: null,
          created_at: now.toISOString(),
        })),
      )
      .returning('id')
      .execute();
    const chunkIds = inserted.map((r) => r.id).sort((a, b) => a - b);
    chunk.forEach(([key], i) => {
      idByName.set(key, chunkIds[i]!);
      created.push(chunkIds[i]!);
    });
  }
  return { idByName, created };
}

/** Links that did not exist yet; returns only those it added (an existing link is left as it was). */
export async function insertHorseLinks(
  db: Db,
  links: readonly { clientId: number; horseId: number }[],
  now: Date,
): Promise<{ clientId: number; horseId: number }[]> {
  const added: { clientId: number; horseId: number }[] = [];
  for (const chunk of chunks(links, SMALL_CHUNK)) {
    const inserted = await db
      .insertInto('client_horses')
      .values(
        chunk.map((l) => ({
          client_id: l.clientId,
          horse_id: l.horseId,
          role: 'Owner',
          linked_at: now.toISOString(),
        })),
      )
      .onConflict((oc) => oc.columns(['client_id', 'horse_id']).doNothing())
      .returning(['client_id', 'horse_id'])
      .execute();
    for (const row of inserted) added.push({ clientId: row.client_id, horseId: row.horse_id });
  }
  return added;
}

/** Staff notes, written by the person importing; returns their ids in the order given. */
export async function insertStaffNotes(
  db: Db,
  notes: readonly { clientId: number; body: string }[],
  author: string,
  now: Date,
): Promise<number[]> {
  const ids: number[] = [];
  for (const chunk of chunks(notes, SMALL_CHUNK)) {
    const inserted = await db
      .insertInto('staff_notes')
      .values(
        chunk.map((n) => ({
          client_id: n.clientId,
          author,
          body: n.body,
          created_at: now.toISOString(),
          copied_from_client_id: null,
        })),
      )
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id).sort((a, b) => a - b));
  }
  return ids;
}

export { chunks };
