import {
  AccessAction,
  DEFAULT_ACCESS_RETENTION_DAYS,
  type AccessEntry,
} from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { readSetting, writeSettings } from '../settings/settings-repository';

const RETENTION_KEY = 'accessRetentionDays';

export interface AccessRecord {
  actor: string;
  action: AccessAction;
  clientId: number;
  documentId?: number | null;
  summary: string;
}

/**
 * Who looked at a client: opening a profile, opening or downloading a
 * document, exporting the client's data. Kept apart from the activity log
 * (which records changes) because it is pruned by age and goes with the client.
 */
export async function recordAccess(db: Db, at: Date, record: AccessRecord): Promise<void> {
  await db
    .insertInto('access_log')
    .values({
      at: at.toISOString(),
      actor: record.actor,
      action: record.action,
      client_id: record.clientId,
      document_id: record.documentId ?? null,
      summary: record.summary,
    })
    .execute();
}

export async function listAccess(db: Db, clientId: number, limit = 200): Promise<AccessEntry[]> {
  const rows = await db
    .selectFrom('access_log')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: AccessAction.catch('profile.open').parse(r.action),
    summary: r.summary,
  }));
}

export async function readAccessRetentionDays(db: Db): Promise<number> {
  const saved = Number(await readSetting(db, RETENTION_KEY));
  return Number.isInteger(saved) && saved > 0 ? saved : DEFAULT_ACCESS_RETENTION_DAYS;
}

export async function saveAccessRetentionDays(db: Db, days: number): Promise<void> {
  await writeSettings(db, { [RETENTION_KEY]: String(days) });
}

/** Deletes entries older than the retention setting; returns how many went. */
export async function pruneAccessLog(db: Db, now: Date): Promise<number> {
  const days = await readAccessRetentionDays(db);
  const before = new Date(now.getTime() - days * 86_400_000).toISOString();
  const result = await db.deleteFrom('access_log').where('at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
