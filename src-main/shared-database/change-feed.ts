import {
  DataTable,
  type EventName,
  type SyncProgress,
  type SyncRun,
} from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { notify } from '../db/postgres/notify';
import type { EventBus, EventMeta } from '../events';
import { log } from '../logging/core-log';
import { getRun } from '../sync/sync-log-repository';

export const EVENTS_CHANNEL = 'equineops_events';

/** sync.progress goes out at most this often (the last one of a burst is always sent). */
const PROGRESS_INTERVAL_MS = 1_000;

type Outgoing =
  | { from: string; event: 'data.changed'; tables: DataTable[] }
  | { from: string; event: 'sync.progress'; progress: SyncProgress }
  | { from: string; event: 'sync.finished'; runId: number };

/**
 * Live updates between computers on one shared database: this computer's
 * data.changed, sync.progress and sync.finished go out with pg_notify (after
 * their change committed: the bus is told after the write); the others' come
 * in through the LISTEN connection and are emitted here as remote, so the open
 * screens refresh exactly as for a local change and nothing echoes back.
 */
export class ChangeFeed {
  private stopListening: (() => void) | null = null;
  private pendingProgress: SyncProgress | null = null;
  private progressTimer: NodeJS.Timeout | null = null;
  private lastProgressAt = 0;
  /** Sends go one after another, so the others hear them in order (a pool would race them). */
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    /** This core's own id in the payload, so its own notifications are ignored. */
    private readonly instanceId: string,
  ) {}

  start(): void {
    this.stopListening = this.events.subscribe((event, payload, meta) =>
      this.onLocal(event, payload, meta),
    );
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = null;
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.progressTimer = null;
  }

  /** A notification on EVENTS_CHANNEL, from any computer (this one's own are dropped). */
  async receive(payload: string): Promise<void> {
    let message: Outgoing;
    try {
      message = JSON.parse(payload) as Outgoing;
    } catch {
      return;
    }
    if (message.from === this.instanceId) return;
    if (message.event === 'data.changed') {
      const tables = message.tables.filter((t) => DataTable.safeParse(t).success);
      if (tables.length > 0) this.events.emitRemote('data.changed', { tables });
    } else if (message.event === 'sync.progress') {
      this.events.emitRemote('sync.progress', message.progress);
    } else if (message.event === 'sync.finished') {
      // The run as logged, read from the shared Sync Log (a payload is capped at 8,000 bytes).
      const run = await getRun(this.db, message.runId);
      if (run) this.events.emitRemote('sync.finished', run);
    }
  }

  /** Tells the other computers' screens to refetch these tables (say, this computer came on or went off). */
  announce(tables: DataTable[]): void {
    this.send({ from: this.instanceId, event: 'data.changed', tables });
  }

  /** Resolves once everything queued has been sent (or failed). */
  flushed(): Promise<void> {
    return this.sending;
  }

  /** After the LISTEN connection came back: whatever changed meanwhile, every screen refetches. */
  refreshEverything(): void {
    this.events.emitRemote('data.changed', { tables: [...DataTable.options] });
  }

  private onLocal(event: EventName, payload: unknown, meta: EventMeta): void {
    if (meta.remote) return;
    if (event === 'data.changed') {
      const tables = (payload as { tables: DataTable[] }).tables;
      this.send({ from: this.instanceId, event, tables });
    } else if (event === 'sync.progress') {
      this.queueProgress(payload as SyncProgress);
    } else if (event === 'sync.finished') {
      // The last progress goes first, so the end is never overtaken by a late progress message.
      if (this.progressTimer) clearTimeout(this.progressTimer);
      this.progressTimer = null;
      const latest = this.pendingProgress;
      this.pendingProgress = null;
      if (latest) this.send({ from: this.instanceId, event: 'sync.progress', progress: latest });
      this.send({ from: this.instanceId, event, runId: (payload as SyncRun).id });
    }
  }

  /** The first of a burst goes at once (the others see "starting" without delay), then at most one a second. */
  private queueProgress(progress: SyncProgress): void {
    const wait = this.lastProgressAt + PROGRESS_INTERVAL_MS - Date.now();
    if (!this.progressTimer && wait <= 0) {
      this.lastProgressAt = Date.now();
      this.send({ from: this.instanceId, event: 'sync.progress', progress });
      return;
    }
    this.pendingProgress = progress;
    if (this.progressTimer) return;
    this.progressTimer = setTimeout(() => {
      this.progressTimer = null;
      const latest = this.pendingProgress;
      this.pendingProgress = null;
      if (!latest) return;
      this.lastProgressAt = Date.now();
      this.send({ from: this.instanceId, event: 'sync.progress', progress: latest });
    }, wait);
  }

  private send(message: Outgoing): void {
    // A lost notification costs only a refresh on the other computers; their reconnect refreshes everything.
    this.sending = this.sending
      .then(() => notify(this.db, EVENTS_CHANNEL, JSON.stringify(message)))
      .catch((error: unknown) => log.warn('storage', `live update not sent: ${String(error)}`));
  }
}
