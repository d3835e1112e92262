import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The server's clock as the ISO text the app stores: one clock for every computer, immune to skew. */
const SERVER_NOW = sql`to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** This computer is on: seen now (server time), and not marked as closed. */
export async function heartbeat(db: AnyDb, computerId: string): Promise<void> {
  await sql`update computers set last_seen_at = ${SERVER_NOW}, left_at = null where id = ${computerId}`.execute(
    db,
  );
}

/** EquineOps closed cleanly here: the others say "off" at once rather than after the window. */
export async function markLeft(db: AnyDb, computerId: string): Promise<void> {
  await sql`update computers set left_at = ${SERVER_NOW} where id = ${computerId}`.execute(db);
}

export interface ComputerPresenceRow {
  name: string;
  lastSeenAt: string | null;
  online: boolean;
}

/** Online = seen within the window by the server's clock and not closed since. */
export async function readPresence(
  db: AnyDb,
  computerId: string,
  windowMs: number,
): Promise<ComputerPresenceRow | null> {
  const result = await sql<{ name: string; last_seen_at: string | null; online: boolean | null }>`
    select name, last_seen_at,
      (left_at is null and last_seen_at is not null
        and last_seen_at::timestamptz > now() - make_interval(secs => ${windowMs / 1000})) as online
    from computers where id = ${computerId}`.execute(db);
  const row = result.rows[0];
  return row ? { name: row.name, lastSeenAt: row.last_seen_at, online: row.online === true } : null;
}
