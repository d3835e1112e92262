import type { ActivityEntry } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { redactDeep, redactSecrets } from '../secret-redaction';

export interface ActivityRecord {
  actor: string;
  action: string;
  summary: string;
  clientId?: number | null;
  /** Machine-readable detail for support. Never tokens or secrets. */
  detail?: Record<string, unknown>;
}

/** The audit trail: who did what, when. Append-only. */
export async function recordActivity(db: Db, at: Date, record: ActivityRecord): Promise<void> {
  await db
    .insertInto('activity')
    .values({
      at: at.toISOString(),
      actor: record.actor,
      action: record.action,
      summary: redactSecrets(record.summary),
      client_id: record.clientId ?? null,
      // Support detail often quotes QuickBooks or an error, which may quote a token.
      detail: record.detail ? JSON.stringify(redactDeep(record.detail)) : null,
    })
    .execute();
}

export async function listActivity(
  db: Db,
  filter: { clientId?: number; action?: string; limit?: number },
): Promise<ActivityEntry[]> {
  let query = db.selectFrom('activity').selectAll().orderBy('at', 'desc').orderBy('id', 'desc');
  if (filter.clientId !== undefined) query = query.where('client_id', '=', filter.clientId);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  const rows = await query.limit(filter.limit ?? 100).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    summary: r.summary,
    clientId: r.client_id,
  }));
}
