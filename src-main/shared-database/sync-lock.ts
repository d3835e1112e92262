import type { PostgresTarget } from '../db/database-target';
import type { Db } from '../db/open-database';
import {
  lockHolderApplication,
  trySessionLock,
  type SessionLock,
} from '../db/postgres/advisory-lock';
import type { ThisComputer } from './computer-identity';

const HOLDER_PREFIX = 'equineops-sync:';

function lockKey(realmId: string): string {
  return `equineops:sync:${realmId}`;
}

export type SyncLockAttempt = { lock: SessionLock } | { heldBy: string };

/**
 * One sync per QuickBooks company at a time, however many computers share the
 * database: a PostgreSQL advisory lock per company, held by a connection of its
 * own for the whole run. When it is taken, says which computer has it.
 */
export async function trySyncLock(
  target: PostgresTarget,
  db: Db,
  computer: ThisComputer,
  realmId: string,
): Promise<SyncLockAttempt> {
  const lock = await trySessionLock(target, lockKey(realmId), `${HOLDER_PREFIX}${computer.id}`);
  if (lock) return { lock };
  return { heldBy: await syncLockHolder(db, realmId) };
}

/** The name of the computer running a sync of this company (its connection's application_name). */
async function syncLockHolder(db: Db, realmId: string): Promise<string> {
  const application = await lockHolderApplication(db, lockKey(realmId));
  const id = application?.startsWith(HOLDER_PREFIX)
    ? application.slice(HOLDER_PREFIX.length)
    : null;
  if (!id) return 'another computer';
  const row = await db
    .selectFrom('computers')
    .select('name')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.name ?? 'another computer';
}
