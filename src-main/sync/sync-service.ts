import type {
  DataTable,
  SyncKind,
  SyncProgress,
  SyncRun,
  SyncStatus,
  SyncTrigger,
} from '../../src-shared/contract';
import { recordActivity } from '../activity/activity-log';
import type { CoreContext } from '../core-context';
import { isPostgres } from '../db/dialect';
import { storageFailure } from '../db/storage-failures';
import { AppError } from '../errors';
import { log } from '../logging/core-log';
import { redactSecrets } from '../secret-redaction';
import { PacedQuickBooksClient } from '../quickbooks/api/paced-client';
import { DEFAULT_LIMITS } from '../quickbooks/api/rate-limiter';
import { DEFAULT_RETRY, supportDetail, type RetryOptions } from '../quickbooks/api/retry-policy';
import { readConnection } from '../quickbooks/connection-repository';
import type { QuickBooksConnection } from '../quickbooks/connection-service';
import type { SessionLock } from '../db/postgres/advisory-lock';
import {
  SkippedRun,
  seatsGetter,
  type SeatsSource,
  type SyncCoordinator,
} from '../shared-database/sync-coordinator';
import { readSetting } from '../settings/settings-repository';
import { CustomerSource, PAGE_SIZE } from './customer-source';
import { syncCustomers } from './customer-sync-engine';
import {
  closeInterruptedRuns,
  finishRun,
  getRun,
  hasSyncedCompany,
  insertRun,
  lastCompletedAt,
  latestRun,
  setRunKind,
} from './sync-log-repository';

export interface SyncOptions {
  /** Pages fetched at once (the shared limiter still caps requests in flight). */
  concurrency?: number;
  pageSize?: number;
  retry?: RetryOptions;
}

export interface RunOptions {
  /** `full` reads every customer even when a change list would do (support's "full resync"). */
  mode?: 'auto' | 'full';
  /**
   * The nightly 2:00 AM a scheduled or catch-up run stands for: on a shared
   * database the run re-checks, under the company's lock, that no computer
   * completed a sync since then.
   */
  slot?: Date;
  /** Who pressed Sync Now on another computer (the audit names them, not this computer's staff). */
  requestedBy?: string;
}

const AUTOMATIC: readonly SyncTrigger[] = ['schedule', 'catch-up'];
/** Another computer's run with no progress for this long is taken as ended (its computer went off mid-run). */
const REMOTE_PROGRESS_STALE_MS = 60_000;
/** Pages asked for at once in a full pass: as many as the limiter lets through. */
const PAGES_IN_FLIGHT = DEFAULT_LIMITS.maxInFlight;

/**
 * Customer sync, one at a time: a second request while a run is going joins it
 * and gets the same result. Every run is logged (the Sync Log) and audited;
 * progress and the end are pushed as `sync.progress` and `sync.finished`.
 */
export class SyncService {
  private current: { runId: number; promise: Promise<SyncRun>; progress: SyncProgress } | null =
    null;
  private stopping = false;
  private recovered = false;
  /** On a shared database: the last progress of a run on another computer, until it finishes. */
  private remote: { progress: SyncProgress; at: number } | null = null;
  private readonly stopWatchingRemote: () => void;
  private readonly seats: () => SyncCoordinator | null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly connection: QuickBooksConnection,
    private readonly options: SyncOptions = {},
    /**
     * Several computers on a shared database; null on this computer's own file.
     * A getter: Settings → Data can switch databases while the app runs.
     */
    seats?: SeatsSource,
  ) {
    this.seats = seatsGetter(seats);
    // Remote events come only from a shared database's change feed.
    this.stopWatchingRemote = ctx.events.subscribe((event, payload, meta) => {
      if (!meta.remote) return;
      if (event === 'sync.progress')
        this.remote = { progress: payload as SyncProgress, at: Date.now() };
      else if (event === 'sync.finished') this.remote = null;
    });
  }

  /** Starts a sync or joins the running one; resolves with the run as logged (success, partial or failed). */
  run(trigger: SyncTrigger, options: RunOptions = {}): Promise<SyncRun> {
    if (this.current) return this.current.promise;
    if (this.stopping)
      return Promise.reject(
        new AppError('conflict', 'EquineOps is closing; the sync will run next time.'),
      );
    return this.start(trigger, options);
  }

  isRunning(): boolean {
    return this.current !== null;
  }

  /** When the last completed sync finished ("Last sync"); null before the first. */
  async lastSuccessfulSyncAt(): Promise<Date | null> {
    const at = await lastCompletedAt(this.ctx.db);
    return at ? new Date(at) : null;
  }

  async status(): Promise<SyncStatus> {
    await this.recoverInterrupted();
    // A run on the sync computer shows here too (a screen refetching mid-run keeps its progress bar).
    const remote =
      this.remote && Date.now() - this.remote.at < REMOTE_PROGRESS_STALE_MS
        ? this.remote.progress
        : null;
    return {
      running: this.current !== null || remote !== null,
      progress: this.current?.progress ?? remote,
      lastRun: await latestRun(this.ctx.db),
      lastSuccessAt: await lastCompletedAt(this.ctx.db),
    };
  }

  /** Stops between pages (everything applied stays, with its cursor) and waits for the run to end. */
  async close(): Promise<void> {
    this.stopping = true;
    this.stopWatchingRemote();
    await this.current?.promise.catch(() => undefined);
  }

  private async recoverInterrupted(): Promise<void> {
    // On a shared database a "running" row may be another computer's live run: SyncCoordinator closes them under the lock.
    if (this.recovered || isPostgres(this.ctx.db)) return;
    this.recovered = true;
    await closeInterruptedRuns(this.ctx.db, this.current?.runId ?? null);
  }

  private async start(trigger: SyncTrigger, options: RunOptions): Promise<SyncRun> {
    // Claim the slot before the first await so a second call in the same tick joins.
    let settle!: { resolve: (run: SyncRun) => void; reject: (error: unknown) => void };
    const promise = new Promise<SyncRun>((resolve, reject) => (settle = { resolve, reject }));
    const progress: SyncProgress = {
      runId: 0,
      trigger,
      kind: null,
      phase: 'starting',
      fetched: 0,
      applied: 0,
      total: null,
    };
    this.current = { runId: 0, promise, progress };
    // Free the slot before anyone hears the result, so a caller reacting to it starts a new run.
    this.execute(trigger, options, progress).then(
      (run) => {
        this.current = null;
        settle.resolve(run);
      },
      (error: unknown) => {
        this.current = null;
        // Refused before or after its Sync Log line (Customer Sync off, the data file failing): the scheduler swallows this.
        const which = progress.runId ? `run ${progress.runId}` : `a ${trigger} sync`;
        if (error instanceof SkippedRun)
          log.info('sync', `${which} not needed here: ${error.message}`);
        else log.error('sync', `${which} stopped: ${supportDetail(error)}`);
        settle.reject(error);
      },
    );
    return promise;
  }

  private async execute(
    trigger: SyncTrigger,
    options: RunOptions,
    progress: SyncProgress,
  ): Promise<SyncRun> {
    const mode = options.mode ?? 'auto';
    const { db } = this.ctx;
    if ((await readSetting(db, 'customerSyncEnabled')) === 'false') {
      throw new AppError(
        'conflict',
        'Customer Sync is turned off. Turn it on in Settings → Integrations to sync customers.',
      );
    }
    await this.recoverInterrupted();
    const connection = await readConnection(db);
    const realmId = connection && connection.state !== 'disconnected' ? connection.realmId : null;
    const lock = await this.shared(trigger, options, realmId, progress);
    if (lock && 'run' in lock) return lock.run;
    try {
      return await this.executeHere(trigger, mode, options, progress, realmId, lock?.lock ?? null);
    } finally {
      await lock?.lock.release();
    }
  }

  /**
   * On a shared database: runs on the sync computer only, once per company at a
   * time. Elsewhere Sync Now becomes a request the sync computer answers, and
   * a nightly slot a request it runs (once, however many computers asked).
   * Here the company's lock is taken for the whole run; a scheduled run then
   * re-checks that nobody completed this night's sync meanwhile.
   */
  private async shared(
    trigger: SyncTrigger,
    options: RunOptions,
    realmId: string | null,
    progress: SyncProgress,
  ): Promise<{ lock: SessionLock } | { run: SyncRun } | null> {
    const seats = this.seats();
    if (!seats || realmId === null) return null;
    const automatic = AUTOMATIC.includes(trigger);
    const place = await seats.place();
    if (!place.here && place.nobody) {
      // A connection from before computers had roles, its tokens on a computer that is off: nobody can sync yet.
      if (automatic) throw new SkippedRun('no computer holds the QuickBooks sign-in');
      throw new AppError(
        'not_connected',
        'No computer that is on holds the QuickBooks sign-in. Connect QuickBooks on this computer to sync from here.',
      );
    }
    if (!place.here) {
      if (automatic) {
        if (options.slot) await seats.requestSlot(place.realmId, trigger, options.slot);
        throw new SkippedRun('asked the sync computer to run it');
      }
      const stop = this.ctx.events.subscribe((event, payload, meta) => {
        if (meta.remote && event === 'sync.progress') Object.assign(progress, payload);
      });
      try {
        return { run: await seats.ask(place.realmId, trigger, options.mode ?? 'auto') };
      } finally {
        stop();
      }
    }
    const lock = await seats.lockRun(realmId, automatic);
    try {
      const last = await lastCompletedAt(this.ctx.db);
      if (automatic && options.slot && last && Date.parse(last) >= options.slot.getTime())
        throw new SkippedRun('this night’s sync already ran');
      // Under the lock no other computer is running this company: a "running" row is a dead one.
      await closeInterruptedRuns(this.ctx.db, null);
    } catch (error) {
      await lock.release();
      throw error;
    }
    return { lock };
  }

  private async executeHere(
    trigger: SyncTrigger,
    mode: 'auto' | 'full',
    options: RunOptions,
    progress: SyncProgress,
    realmId: string | null,
    lock: SessionLock | null,
  ): Promise<SyncRun> {
    const { db, events, ports } = this.ctx;
    // Connecting again to a company already synced is a reconnect, not a first sync.
    if (trigger === 'initial' && realmId !== null && (await hasSyncedCompany(db, realmId)))
      trigger = progress.trigger = 'reconnect';
    const runId = await insertRun(db, trigger, realmId, ports.clock.now());
    if (this.current) this.current.runId = runId;
    progress.runId = runId;
    log.info('sync', `run ${runId} started (${trigger}${mode === 'full' ? ', full' : ''})`);
    this.publishProgress(progress);
    let failure: { message: string; detail: string | null } | null = null;
    let kind: SyncKind | null = null;
    const touched = new Set<number>();
    try {
      const client = await this.connection.connectedApi();
      if (realmId === null) throw new AppError('not_connected', 'QuickBooks is not connected.');
      const source = new CustomerSource(
        new PacedQuickBooksClient(client, realmId, this.options.retry ?? DEFAULT_RETRY),
        this.options.pageSize ?? PAGE_SIZE,
      );
      const worker = this.ctx.worker;
      await syncCustomers(
        {
          db,
          store: {
            localClients: (realm) => worker.run('sync.localClients', { realmId: realm }),
            readPage: (text) => worker.run('sync.readPage', { text }),
            apply: (batch) => worker.run('sync.applyBatch', batch),
          },
          realmId,
          runId,
          source,
          now: () => ports.clock.now(),
          concurrency: this.options.concurrency ?? PAGES_IN_FLIGHT,
          onKind: async (k) => {
            kind = k;
            progress.kind = k;
            await setRunKind(db, runId, k);
          },
          onProgress: (p) => {
            Object.assign(progress, p);
            this.publishProgress(progress);
          },
          onApplied: (outcome) => {
            for (const id of outcome.touched) touched.add(id);
            if (outcome.changed) this.changed(['clients', 'sync']);
          },
          // A lost lock (its connection dropped) stops the run between pages, as closing does.
          shouldStop: () => this.stopping || (lock?.lost() ?? false),
        },
        mode,
      );
    } catch (caught) {
      // A full disk, a locked or damaged file, an unreachable shared database: the Sync Log says which, in plain words.
      const error =
        storageFailure(caught, { dataFile: this.ctx.dataFile, database: this.seats()?.target }) ??
        caught;
      failure = lock?.lost()
        ? {
            // Without its lock another computer could start the same company's sync: stop, keep what was applied.
            message:
              'The sync stopped because the connection to the shared database dropped. The next sync carries on where it stopped.',
            detail: null,
          }
        : error instanceof AppError
          ? { message: error.message, detail: error.options.detail ?? null }
          : {
              message:
                'The sync stopped because of an unexpected problem. Try again; if it keeps happening, contact support.',
              detail: redactSecrets(error instanceof Error ? error.message : String(error)),
            };
    }
    // A first sync that stopped half-way still leaves the Clients list fully indexed.
    if (failure) await this.ctx.worker.run('sync.restoreIndexes', undefined).catch(() => undefined);
    if (touched.size > 0)
      await this.ctx.worker
        .run('sync.noteDuplicates', {
          runId,
          at: ports.clock.now().toISOString(),
          clientIds: [...touched],
        })
        .catch((error: unknown) => {
          // The run itself is done; a failed duplicate check only loses its hints.
          log.error('sync', `run ${runId} duplicate check failed: ${String(error)}`);
        });
    const partial = ((await getRun(db, runId))?.counts.errors ?? 0) > 0;
    const result = failure ? 'failed' : partial ? 'partial' : 'success';
    await finishRun(db, runId, result, ports.clock.now(), failure);
    const run = (await getRun(db, runId)) as SyncRun;
    logRunEnd(run, kind);
    await this.audit(trigger, run, kind, options.requestedBy);
    progress.phase = 'finishing';
    events.emit('sync.finished', run);
    this.changed(['sync', 'activity']);
    return run;
  }

  private publishProgress(progress: SyncProgress): void {
    this.ctx.events.emit('sync.progress', { ...progress });
  }

  private changed(tables: DataTable[]): void {
    this.ctx.events.emit('data.changed', { tables });
  }

  private async audit(
    trigger: SyncTrigger,
    run: SyncRun,
    kind: SyncKind | null,
    requestedBy?: string,
  ): Promise<void> {
    const c = run.counts;
    const summary =
      run.result === 'failed'
        ? `Customer sync failed: ${run.message ?? 'unknown problem'}`
        : `Customer sync ${run.result === 'partial' ? 'finished with errors' : 'finished'}: ${c.created} created, ${c.updated} updated, ${c.deactivated} made inactive, ${c.reactivated} reactivated, ${c.deleted} deleted in QuickBooks, ${c.unchanged} unchanged, ${c.errors} errors`;
    await recordActivity(this.ctx.db, this.ctx.ports.clock.now(), {
      actor: AUTOMATIC.includes(trigger)
        ? 'Scheduled sync'
        : (requestedBy ?? (await this.ctx.actor())),
      action: 'sync.run',
      summary,
      detail: {
        runId: run.id,
        trigger,
        kind,
        result: run.result,
        ...(run.detail ? { support: run.detail } : {}),
      },
    });
  }
}

/** Counts, kind and the support detail (status, code, intuit_tid): never a client's name. */
function logRunEnd(run: SyncRun, kind: SyncKind | null): void {
  const c = run.counts;
  const counts = `${c.created} created, ${c.updated} updated, ${c.deactivated} made inactive, ${c.reactivated} reactivated, ${c.deleted} deleted, ${c.unchanged} unchanged, ${c.errors} errors`;
  if (run.result === 'failed')
    log.error(
      'sync',
      `run ${run.id} failed (${kind ?? 'no kind'}): ${counts}; ${run.detail ?? run.message ?? 'no detail'}`,
    );
  else
    log.info(
      'sync',
      `run ${run.id} ${run.result === 'partial' ? 'finished with errors' : 'finished'} (${kind ?? 'no kind'}): ${counts}`,
    );
}
