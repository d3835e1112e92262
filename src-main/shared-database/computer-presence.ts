import type { SyncComputer } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { heartbeat, markLeft, readPresence } from '../db/postgres/presence';
import { log } from '../logging/core-log';
import type { ThisComputer } from './computer-identity';
import { seatsDb } from './seats-tables';

export const DEFAULT_HEARTBEAT_MS = 20_000;
export const DEFAULT_PRESENCE_WINDOW_MS = 60_000;

/**
 * This computer's heartbeat in the shared `computers` table, so the others can
 * say whether the sync computer is on. Written with the server's clock; a clean
 * close marks the computer as gone at once.
 */
export class ComputerPresence {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly computer: ThisComputer,
    private readonly heartbeatMs = DEFAULT_HEARTBEAT_MS,
    /** A failed beat while the server is out of reach turns the banner on (idle screens make no calls). */
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    await heartbeat(this.db, this.computer.id);
    this.timer = setInterval(() => {
      // A missed beat is harmless: the next one comes in heartbeatMs, the window is three beats.
      heartbeat(this.db, this.computer.id).catch((error: unknown) => {
        log.warn('storage', `heartbeat failed: ${String(error)}`);
        this.onFailure(error);
      });
    }, this.heartbeatMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await markLeft(this.db, this.computer.id).catch(() => undefined);
  }
}

/** Who holds QuickBooks' tokens for the connected company, as the connection row says. */
export async function readSyncComputerId(
  db: Db,
): Promise<{ realmId: string; id: string | null; name: string | null } | null> {
  const row = await seatsDb(db)
    .selectFrom('connection')
    .select(['realm_id', 'sync_computer_id', 'sync_computer_name', 'status'])
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || row.status === 'disconnected') return null;
  return { realmId: row.realm_id, id: row.sync_computer_id, name: row.sync_computer_name };
}

/**
 * Connecting QuickBooks here makes this the sync computer (its keychain now
 * holds the tokens). `onlyIfUnclaimed`: a connection made before computers had
 * roles (or moved from a single computer's file) goes to the computer holding
 * its tokens, without overriding a computer that claimed it meanwhile.
 */
export async function becomeSyncComputer(
  db: Db,
  realmId: string,
  computer: ThisComputer,
  options: { onlyIfUnclaimed?: boolean } = {},
): Promise<boolean> {
  let update = seatsDb(db)
    .updateTable('connection')
    .set({ sync_computer_id: computer.id, sync_computer_name: computer.name })
    .where('realm_id', '=', realmId);
  if (options.onlyIfUnclaimed) update = update.where('sync_computer_id', 'is', null);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The sync computer as Integrations shows it; null when no company is connected
 * or no computer claimed the role yet (data from before 0013).
 */
export async function readSyncComputer(
  db: Db,
  me: ThisComputer,
  windowMs: number,
): Promise<SyncComputer | null> {
  const holder = await readSyncComputerId(db);
  if (!holder?.id) return null;
  if (holder.id === me.id)
    return { name: me.name, isThisComputer: true, online: true, lastSeenAt: null };
  const presence = await readPresence(db, holder.id, windowMs);
  return {
    name: presence?.name ?? holder.name ?? 'another computer',
    isThisComputer: false,
    online: presence?.online ?? false,
    lastSeenAt: presence?.lastSeenAt ?? null,
  };
}
