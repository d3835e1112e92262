import { randomUUID } from 'node:crypto';
import type { SyncComputer, SyncRun, SyncTrigger } from '../../src-shared/contract';
import type { CoreContext } from '../core-context';
import type { PostgresTarget } from '../db/database-target';
import type { SessionLock } from '../db/postgres/advisory-lock';
import { notify } from '../db/postgres/notify';
import { AppError } from '../errors';
import { log } from '../logging/core-log';
import type { QuickBooksConnection } from '../quickbooks/connection-service';
import { closeInterruptedRuns, getRun } from '../sync/sync-log-repository';
import type { SyncService } from '../sync/sync-service';
import { ChangeFeed, EVENTS_CHANNEL } from './change-feed';
import type { ConnectionSignals } from './connection-health';
import {
  ComputerPresence,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_PRESENCE_WINDOW_MS,
  readSyncComputer,
  readSyncComputerId,
} from './computer-presence';
import { PgListener } from './pg-listener';
import { trySyncLock } from './sync-lock';
import {
  REQUESTS_CHANNEL,
  claimNextRequest,
  finishRequest,
  giveUpUnclaimed,
  insertRequest,
  readRequest,
  type SyncRequest,
} from './sync-requests';

/** Timings of several computers on one database; tests shorten them. */
export interface SeatsOptions {
  /** How often this computer says it is on (default 20 s). */
  heartbeatMs?: number;
  /** Seen within this long = online (default 60 s). */
  presenceWindowMs?: number;
  /** A request nobody claimed within this long "did not answer" (default 15 s). */
  answerTimeoutMs?: number;
  /** The sync computer also looks for open requests this often (default 30 s), in case a notification was lost. */
  claimPollMs?: number;
}

const DEFAULT_ANSWER_TIMEOUT_MS = 15_000;
const DEFAULT_CLAIM_POLL_MS = 30_000;
/** The asker re-reads its request this often too, in case a notification was lost. */
const ASK_POLL_MS = 1_000;

/**
 * A scheduled or catch-up run that is not needed here: another computer ran
 * this night already, is running it now, or was asked to. Nothing is logged
 * in the Sync Log; the scheduler drops it quietly.
 */
export class SkippedRun extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SkippedRun';
  }
}

/** How the sync service and the QuickBooks connection are given the coordinator: a getter, as the database can switch. */
export type SeatsSource = (() => SyncCoordinator | null) | SyncCoordinator | null;

export function seatsGetter(source: SeatsSource | undefined): () => SyncCoordinator | null {
  if (typeof source === 'function') return source;
  const fixed = source ?? null;
  return () => fixed;
}

/** Where a sync runs: here, on the sync computer (ask it), or nowhere yet (no computer holds the sign-in). */
export type SyncPlace = { here: true } | { here: false; realmId: string; nobody: boolean };

/**
 * Several computers on one shared database (PostgreSQL only; null on SQLite):
 * this computer's presence, live updates between the computers, the sync
 * computer's role (Sync Now elsewhere becomes a request it claims and runs),
 * and the per-company lock that makes every run happen once.
 */
export class SyncCoordinator {
  /** This core's id in notifications (a data folder copied to a second process must not swallow its events). */
  readonly instanceId = randomUUID();
  private readonly presence: ComputerPresence;
  private readonly feed: ChangeFeed;
  private listener: PgListener | null = null;
  private sync: SyncService | null = null;
  private quickbooks: QuickBooksConnection | null = null;
  private readonly windowMs: number;
  private readonly answerTimeoutMs: number;
  private readonly claimPollMs: number;
  private poll: NodeJS.Timeout | null = null;
  private stopListening: (() => void) | null = null;
  private readonly waiters = new Map<number, () => void>();
  private readonly running = new Set<Promise<void>>();
  private claiming = false;
  private claimAgain = false;
  private stopped = false;

  constructor(
    private readonly ctx: CoreContext,
    /** The shared database (with its password, in memory only): dedicated connections for LISTEN and the lock. */
    readonly target: PostgresTarget,
    options: SeatsOptions = {},
    /** The banner: the LISTEN connection and the heartbeat notice a lost server before any call does. */
    private readonly health?: ConnectionSignals,
  ) {
    this.windowMs = options.presenceWindowMs ?? DEFAULT_PRESENCE_WINDOW_MS;
    this.answerTimeoutMs = options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
    this.claimPollMs = options.claimPollMs ?? DEFAULT_CLAIM_POLL_MS;
    this.presence = new ComputerPresence(
      ctx.db,
      ctx.computer,
      options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      (error) => health?.notice(error),
    );
    this.feed = new ChangeFeed(ctx.db, ctx.events, this.instanceId);
  }

  /** Once per core: the database's whenOpen may run again (after a reconnect or a switch); later calls do nothing. */
  async start(sync: SyncService, quickbooks: QuickBooksConnection): Promise<void> {
    if (this.sync || this.stopped) return;
    this.sync = sync;
    this.quickbooks = quickbooks;
    await this.presence.start();
    this.feed.start();
    this.listener = new PgListener({
      target: this.target,
      applicationName: `equineops-listen:${this.ctx.computer.id}`,
      channels: [EVENTS_CHANNEL, REQUESTS_CHANNEL],
      onNotification: (channel, payload) => {
        if (channel === EVENTS_CHANNEL) void this.feed.receive(payload).catch(() => undefined);
        else this.onRequestNotice(payload);
      },
      onLost: () => this.health?.lostConnection(),
      onReconnected: () => {
        this.health?.resumed();
        this.feed.refreshEverything();
        this.claimSoon();
        void this.checkRole();
      },
    });
    await this.listener.start();
    // Another computer connected QuickBooks: this one is no longer the sync computer.
    this.stopListening = this.ctx.events.subscribe((event, payload, meta) => {
      if (!meta.remote) return;
      if (
        event === 'data.changed' &&
        (payload as { tables: string[] }).tables.includes('connection')
      )
        void this.checkRole();
    });
    this.poll = setInterval(() => {
      this.claimSoon();
      void this.checkRole();
    }, this.claimPollMs);
    this.poll.unref();
    await this.checkRole();
    await this.recoverInterruptedRuns();
    this.claimSoon();
    // The others' Integrations pages show this computer as on.
    this.feed.announce(['connection']);
  }

  /** Stops claiming and listening, waits for runs it claimed, and tells the others this computer is off. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    this.stopListening?.();
    for (const wake of this.waiters.values()) wake();
    await Promise.allSettled([...this.running]);
    await this.presence.stop();
    // The others' Integrations pages say at once that this computer is off.
    this.feed.announce(['connection']);
    await this.feed.flushed();
    this.feed.stop();
    await this.listener?.stop();
  }

  /** For Integrations: which computer syncs, and whether it is on. */
  syncComputer(): Promise<SyncComputer | null> {
    return readSyncComputer(this.ctx.db, this.ctx.computer, this.windowMs);
  }

  /** Runs happen on the sync computer; a role nobody holds is taken here if this keychain has the tokens. */
  async place(): Promise<SyncPlace> {
    let holder = await readSyncComputerId(this.ctx.db);
    if (holder && !holder.id) {
      await this.quickbooks?.adoptUnclaimedSyncRole();
      holder = await readSyncComputerId(this.ctx.db);
    }
    if (!holder || holder.id === this.ctx.computer.id) return { here: true };
    return { here: false, realmId: holder.realmId, nobody: holder.id === null };
  }

  /**
   * The company's sync lock for a run here. Taken elsewhere: a manual run is
   * refused naming that computer; a scheduled one is skipped quietly.
   */
  async lockRun(realmId: string, automatic: boolean): Promise<SessionLock> {
    const attempt = await trySyncLock(this.target, this.ctx.db, this.ctx.computer, realmId);
    if ('lock' in attempt) return attempt.lock;
    if (automatic) throw new SkippedRun(`a sync is already running on ${attempt.heldBy}`);
    throw new AppError(
      'conflict',
      `A sync is already running on ${attempt.heldBy}. Its result will show in the Sync Log when it finishes.`,
    );
  }

  /** A nightly slot fired on a computer that is not the sync computer: one request per company and night. */
  async requestSlot(realmId: string, trigger: SyncTrigger, slot: Date): Promise<void> {
    const id = await insertRequest(this.ctx.db, {
      realmId,
      trigger,
      mode: 'auto',
      slot: slot.toISOString(),
      computerId: this.ctx.computer.id,
      requestedBy: null,
      now: this.ctx.ports.clock.now(),
    });
    if (id !== null) await this.announce(id, 'new');
  }

  /**
   * "Sync Now" on a computer that is not the sync computer: asks it, and
   * answers with the run it made. Its progress and end reach this computer's
   * screens through the change feed meanwhile.
   */
  async ask(realmId: string, trigger: SyncTrigger, mode: 'auto' | 'full'): Promise<SyncRun> {
    const syncComputer = await this.syncComputer();
    const name = syncComputer?.name ?? 'the sync computer';
    if (!syncComputer?.online)
      throw new AppError(
        'conflict',
        `The sync computer, ${name}, is off. Turn it on (EquineOps open), or connect QuickBooks here to sync from this computer.`,
      );
    const id = await insertRequest(this.ctx.db, {
      realmId,
      trigger,
      mode,
      slot: null,
      computerId: this.ctx.computer.id,
      requestedBy: await this.ctx.actor(),
      now: this.ctx.ports.clock.now(),
    });
    if (id === null) throw new Error('a manual sync request was not stored');
    await this.announce(id, 'new');
    const request = await this.waitForAnswer(id, name);
    if (request.outcome === 'finished' && request.runId !== null) {
      const run = await getRun(this.ctx.db, request.runId);
      if (run) return run;
    }
    throw new AppError(
      'conflict',
      request.message ?? `The sync computer, ${name}, could not run the sync. Try again.`,
    );
  }

  private async waitForAnswer(id: number, name: string): Promise<SyncRequest> {
    const started = Date.now();
    for (;;) {
      const request = await readRequest(this.ctx.db, id);
      if (!request) throw new Error(`sync request ${id} disappeared`);
      if (request.outcome !== null) return request;
      if (this.stopped)
        throw new AppError('conflict', 'EquineOps is closing; the sync computer carries on.');
      if (!request.claimedAt && Date.now() - started >= this.answerTimeoutMs) {
        if (await giveUpUnclaimed(this.ctx.db, id, this.ctx.ports.clock.now()))
          throw new AppError(
            'conflict',
            `The sync computer, ${name}, did not answer. Check that EquineOps is open there, or connect QuickBooks here to sync from this computer.`,
          );
        continue;
      }
      const left = request.claimedAt
        ? ASK_POLL_MS
        : Math.min(ASK_POLL_MS, this.answerTimeoutMs - (Date.now() - started));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.max(0, left));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.set(id, done);
      });
      this.waiters.delete(id);
    }
  }

  private onRequestNotice(payload: string): void {
    let notice: { id: number; event: string };
    try {
      notice = JSON.parse(payload) as { id: number; event: string };
    } catch {
      return;
    }
    if (notice.event === 'new') this.claimSoon();
    else this.waiters.get(notice.id)?.();
  }

  private async announce(id: number, event: 'new' | 'claimed' | 'finished'): Promise<void> {
    await notify(this.ctx.db, REQUESTS_CHANNEL, JSON.stringify({ id, event }));
  }

  /** On a notification, at start and every claimPollMs: the sync computer takes every open request. */
  private claimSoon(): void {
    if (this.stopped) return;
    if (this.claiming) {
      this.claimAgain = true;
      return;
    }
    this.claiming = true;
    void this.claimOpen()
      .catch((error: unknown) =>
        log.warn('sync', `claiming sync requests failed: ${String(error)}`),
      )
      .finally(() => {
        this.claiming = false;
        if (this.claimAgain) {
          this.claimAgain = false;
          this.claimSoon();
        }
      });
  }

  private async claimOpen(): Promise<void> {
    const holder = await readSyncComputerId(this.ctx.db);
    if (!holder || holder.id !== this.ctx.computer.id) return;
    while (!this.stopped) {
      const request = await claimNextRequest(
        this.ctx.db,
        holder.realmId,
        this.ctx.computer.id,
        this.ctx.ports.clock.now(),
      );
      if (!request) return;
      await this.announce(request.id, 'claimed');
      // Not awaited: a request arriving during a run joins that run (SyncService.run).
      const work = this.runRequest(request);
      this.running.add(work);
      void work.finally(() => this.running.delete(work));
    }
  }

  private async runRequest(request: SyncRequest): Promise<void> {
    const sync = this.sync;
    if (!sync) return;
    const now = () => this.ctx.ports.clock.now();
    try {
      const run = await sync.run(request.trigger, {
        mode: request.mode,
        slot: request.slot ? new Date(request.slot) : undefined,
        requestedBy: request.requestedBy ?? undefined,
      });
      await finishRequest(this.ctx.db, request.id, 'finished', {
        runId: run.id,
        message: null,
        now: now(),
      });
    } catch (error) {
      const skipped = error instanceof SkippedRun;
      await finishRequest(this.ctx.db, request.id, skipped ? 'skipped' : 'refused', {
        runId: null,
        message: error instanceof AppError ? error.message : skipped ? error.message : null,
        now: now(),
      }).catch(() => undefined);
    }
    await this.announce(request.id, 'finished').catch(() => undefined);
  }

  /**
   * Runs left "running" by a computer that stopped mid-sync are closed only
   * under the company's lock: without it, a run going on another computer
   * would be marked as stopped.
   */
  async recoverInterruptedRuns(): Promise<void> {
    const holder = await readSyncComputerId(this.ctx.db);
    if (!holder) return;
    const attempt = await trySyncLock(this.target, this.ctx.db, this.ctx.computer, holder.realmId);
    if (!('lock' in attempt)) return;
    try {
      await closeInterruptedRuns(this.ctx.db, null);
    } finally {
      await attempt.lock.release();
    }
  }

  /**
   * The computer with the tokens takes a role nobody holds; the old sync
   * computer drops its token entry once another computer took it (no revoke).
   */
  private async checkRole(): Promise<void> {
    if (this.stopped) return;
    const quickbooks = this.quickbooks;
    if (!quickbooks) return;
    await (async () => {
      await quickbooks.adoptUnclaimedSyncRole();
      await quickbooks.dropTokensIfReplaced();
    })().catch((error: unknown) => {
      log.warn('quickbooks', `checking the sync computer failed: ${String(error)}`);
    });
  }
}
