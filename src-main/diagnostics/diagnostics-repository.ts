import { sql } from 'kysely';
import type { Db } from '../db/open-database';

/** SQLite's own check of the file: ["ok"] when sound, otherwise what it found. */
export async function integrityCheck(db: Db): Promise<string[]> {
  const result = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  return result.rows.map((row) => row.integrity_check);
}

/** Every stored setting as key and value; the caller leaves out anything secret. */
export async function readAllSettings(db: Db): Promise<{ key: string; value: string }[]> {
  return db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
}
