import { sql } from 'kysely';
import type { Db } from '../open-database';

/**
 * A mark that changes whenever a transaction that wrote anything ends on the
 * server: the current snapshot as text (`xmin:xmax:in-progress ids`). The
 * in-progress list matters: a long write under way when the mark was taken
 * may commit without moving xmax, but it leaves the list. The import reuses
 * its preview only while the mark is the one the preview was made at.
 * Conservative by design: a write to any database of the server (another
 * computer's edit, a heartbeat) also changes it, which only costs classifying
 * the rows again.
 */
export async function databaseWriteMark(db: Db): Promise<string> {
  const result = await sql<{ mark: string }>`select pg_current_snapshot()::text as mark`.execute(
    db,
  );
  return result.rows[0]!.mark;
}
