import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { PostgresTarget } from '../database-target';
import { postgresClientConfig } from './pg-connection';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** A session-level advisory lock held by its own connection. */
export interface SessionLock {
  /** True once the connection holding the lock dropped: the server has let go of it. */
  lost(): boolean;
  release(): Promise<void>;
}

/**
 * Takes `pg_try_advisory_lock(hashtextextended(key, 0))` on a connection of its
 * own, kept open while the lock is held (a pooled connection would go back to
 * the pool still holding it). Null when another session holds it. The
 * connection's application_name names the holder for lockHolderApplication().
 */
export async function trySessionLock(
  target: PostgresTarget,
  key: string,
  applicationName: string,
): Promise<SessionLock | null> {
  const client = new pg.Client(postgresClientConfig(target, applicationName));
  let dropped = false;
  client.on('error', () => (dropped = true));
  client.on('end', () => (dropped = true));
  await client.connect();
  let taken = false;
  try {
    const result = await client.query<{ taken: boolean }>(
      'select pg_try_advisory_lock(hashtextextended($1, 0)) as taken',
      [key],
    );
    taken = result.rows[0]?.taken === true;
  } finally {
    if (!taken) await client.end().catch(() => undefined);
  }
  if (!taken) return null;
  return {
    lost: () => dropped,
    // Ending the session releases the lock, also when the unlock itself cannot be sent.
    release: async () => {
      if (dropped) return;
      dropped = true;
      await client.end().catch(() => undefined);
    },
  };
}

/** The application_name of the session holding the lock on `key`, or null when nobody does. */
export async function lockHolderApplication(db: AnyDb, key: string): Promise<string | null> {
  // A bigint advisory key shows in pg_locks as classid (high 32 bits) and objid (low 32 bits), objsubid 1.
  const result = await sql<{ application_name: string | null }>`
    select a.application_name
    from pg_locks l join pg_stat_activity a on a.pid = l.pid
    cross join (select hashtextextended(${key}, 0) as k) h
    where l.locktype = 'advisory' and l.granted and l.objsubid = 1
      and l.classid::bigint = ((h.k >> 32) & 4294967295)
      and l.objid::bigint = (h.k & 4294967295)
    limit 1`.execute(db);
  return result.rows[0]?.application_name ?? null;
}
