import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { PostgresTarget } from '../database-target';
import { postgresClientConfig } from './pg-connection';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Sends a notification to every computer listening on `channel`. Outside a
 * transaction it goes out at once; callers send after their change committed.
 * PostgreSQL caps a payload at 8,000 bytes: senders keep theirs small.
 */
export async function notify(db: AnyDb, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}

export interface ListenConnection {
  /** Resolves when the connection ends (closed here, or lost: the caller reconnects). */
  readonly ended: Promise<void>;
  close(): Promise<void>;
}

/**
 * A dedicated connection that LISTENs on the channels: a pooled one could be
 * handed to a query and miss notifications, and LISTEN belongs to its session.
 */
export async function listen(
  target: PostgresTarget,
  applicationName: string,
  channels: readonly string[],
  onNotification: (channel: string, payload: string) => void,
): Promise<ListenConnection> {
  const client = new pg.Client(postgresClientConfig(target, applicationName));
  let markEnded!: () => void;
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  client.on('error', () => markEnded());
  client.on('end', () => markEnded());
  client.on('notification', (message) => onNotification(message.channel, message.payload ?? ''));
  try {
    await client.connect();
    for (const channel of channels) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return {
    ended,
    close: async () => {
      await client.end().catch(() => undefined);
      markEnded();
    },
  };
}
