import { sql } from 'kysely';
import type { Db } from '../db/open-database';
import { isPostgres } from '../db/dialect';

/**
 * The database's own check: ["ok"] when sound, otherwise what it found.
 * SQLite checks the file page by page (integrity_check). On a shared
 * PostgreSQL database every table of the app is read through once, which
 * trips over an unreadable page (and any checksum failure the server keeps);
 * the server's own tools and backups are its administrator's.
 */
export async function integrityCheck(db: Db): Promise<string[]> {
  if (isPostgres(db)) return readEveryTable(db);
  const result = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  return result.rows.map((row) => row.integrity_check);
}

async function readEveryTable(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables();
  const problems: string[] = [];
  for (const table of tables) {
    try {
      await sql`select count(*) from ${sql.table(table.name)}`.execute(db);
    } catch (error) {
      problems.push(`${table.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems.length === 0 ? ['ok'] : problems;
}

/** Every stored setting as key and value; the caller leaves out anything secret. */
export async function readAllSettings(db: Db): Promise<{ key: string; value: string }[]> {
  return db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
}
