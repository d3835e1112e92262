import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { Horse, HorseInput, HorseLink } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { notFound } from '../errors';

/** Horses live only in EquineOps and can be linked to any client, QuickBooks or manual, even archived. */

const horseColumns = [
  'horses.id',
  'horses.name',
  'horses.breed',
  'horses.color',
  'horses.birth_year',
  'horses.created_at',
] as const;

interface HorseRow {
  id: number;
  name: string;
  breed: string | null;
  color: string | null;
  birth_year: number | null;
  created_at: string;
}

function toHorse(row: HorseRow): Horse {
  return {
    id: row.id,
    name: row.name,
    breed: row.breed,
    color: row.color,
    birthYear: row.birth_year,
    createdAt: row.created_at,
  };
}

export async function listHorses(db: Db, search: string): Promise<Horse[]> {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  let query = db.selectFrom('horses').select(horseColumns);
  for (const word of words) {
    query = query.where(
      sql<SqlBool>`lower(horses.name) like ${`%${escapeLike(word)}%`} escape '\\'`,
    );
  }
  const rows = await query.orderBy('horses.name').orderBy('horses.id').limit(500).execute();
  return rows.map(toHorse);
}

export async function getHorse(db: Db, id: number): Promise<Horse> {
  const row = await db
    .selectFrom('horses')
    .select(horseColumns)
    .where('horses.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('This horse');
  return toHorse(row);
}

export async function insertHorse(
  db: Db,
  horse: z.output<typeof HorseInput>,
  now: Date,
): Promise<Horse> {
  const inserted = await db
    .insertInto('horses')
    .values({
      name: horse.name,
      breed: horse.breed,
      color: horse.color,
      birth_year: horse.birthYear,
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getHorse(db, inserted.id);
}

export async function listClientHorses(db: Db, clientId: number): Promise<HorseLink[]> {
  const rows = await db
    .selectFrom('client_horses')
    .innerJoin('horses', 'horses.id', 'client_horses.horse_id')
    .select([...horseColumns, 'client_horses.role', 'client_horses.linked_at'])
    .where('client_horses.client_id', '=', clientId)
    .orderBy('horses.name')
    .orderBy('horses.id')
    .execute();
  return rows.map((r) => ({ ...toHorse(r), role: r.role, linkedAt: r.linked_at }));
}

export async function findHorseLink(
  db: Db,
  clientId: number,
  horseId: number,
): Promise<{ role: string } | undefined> {
  return db
    .selectFrom('client_horses')
    .select('role')
    .where('client_id', '=', clientId)
    .where('horse_id', '=', horseId)
    .executeTakeFirst();
}

/** Links (or changes the role of an existing link); linking twice never makes two links. */
export async function saveHorseLink(
  db: Db,
  clientId: number,
  horseId: number,
  role: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('client_horses')
    .values({ client_id: clientId, horse_id: horseId, role, linked_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['client_id', 'horse_id']).doUpdateSet({ role }))
    .execute();
}

export async function deleteHorseLink(db: Db, clientId: number, horseId: number): Promise<void> {
  await db
    .deleteFrom('client_horses')
    .where('client_id', '=', clientId)
    .where('horse_id', '=', horseId)
    .execute();
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
