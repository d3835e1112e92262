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
import { sqliteFailure } from '../db/sqlite-failures';
import { AppError } from '../errors';
import { log } from '../logging/core-log';
import { redactSecrets } from '../secret-redaction';
import { PacedQuickBooksClient } from '../quickbooks/api/paced-client';
import { DEFAULT_LIMITS } from '../quickbooks/api/rate-limiter';
import { DEFAULT_RETRY, supportDetail, type RetryOptions } from '../quickbooks/api/retry-policy';
import { readConnection } from '../quickbooks/connection-repository';
import type { QuickBooksConnection } from '../quickbooks/connection-service';
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
}

const AUTOMATIC: readonly SyncTrigger[] = ['schedule', 'catch-up'];
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

  constructor(
    private readonly ctx: CoreContext,
    private readonly connection: QuickBooksConnection,
    private readonly options: SyncOptions = {},
  ) {}

  /** Starts a sync or joins the running one; resolves with the run as logged (success, partial or failed). */
  run(trigger: SyncTrigger, options: RunOptions = {}): Promise<SyncRun> {
    if (this.current) return this.current.promise;
    if (this.stopping)
      return Promise.reject(
        new AppError('conflict', 'EquineOps is closing; the sync will run next time.'),
      );
    const promise = this.start(trigger, options.mode ?? 'auto');
    return promise;
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
    return {
      running: this.current !== null,
      progress: this.current?.progress ?? null,
      lastRun: await latestRun(this.ctx.db),
      lastSuccessAt: await lastCompletedAt(this.ctx.db),
    };
  }

  /** Stops between pages (everything applied stays, with its cursor) and waits for the run to end. */
  async close(): Promise<void> {
    this.stopping = true;
    await this.current?.promise.catch(() => undefined);
  }

  private async recoverInterrupted(): Promise<void> {
    if (this.recovered) return;
    this.recovered = true;
    await closeInterruptedRuns(this.ctx.db, this.current?.runId ?? null);
  }

  private async start(trigger: SyncTrigger, mode: 'auto' | 'full'): Promise<SyncRun> {
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
    this.execute(trigger, mode, progress).then(
      (run) => {
        this.current = null;
        settle.resolve(run);
      },
      (error: unknown) => {
        this.current = null;
        // Refused before or after its Sync Log line (Customer Sync off, the data file failing): the scheduler swallows this.
        const which = progress.runId ? `run ${progress.runId}` : `a ${trigger} sync`;
        log.error('sync', `${which} stopped: ${supportDetail(error)}`);
        settle.reject(error);
      },
    );
    return promise;
  }

  private async execute(
    trigger: SyncTrigger,
    mode: 'auto' | 'full',
    progress: SyncProgress,
  ): Promise<SyncRun> {
    const { db, events, ports } = this.ctx;
    if ((await readSetting(db, 'customerSyncEnabled')) === 'false') {
      throw new AppError(
        'conflict',
        'Customer Sync is turned off. Turn it on in Settings → Integrations to sync customers.',
      );
    }
    await this.recoverInterrupted();
    const connection = await readConnection(db);
    const realmId = connection && connection.state !== 'disconnected' ? connection.realmId : null;
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
          shouldStop: () => this.stopping,
        },
        mode,
      );
    } catch (caught) {
      // A full disk, a locked or damaged file: the Sync Log says which, in plain words.
      const error = sqliteFailure(caught, this.ctx.dataFile) ?? caught;
      failure =
        error instanceof AppError
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
    await this.audit(trigger, run, kind);
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

  private async audit(trigger: SyncTrigger, run: SyncRun, kind: SyncKind | null): Promise<void> {
    const c = run.counts;
    const summary =
      run.result === 'failed'
        ? `Customer sync failed: ${run.message ?? 'unknown problem'}`
        : `Customer sync ${run.result === 'partial' ? 'finished with errors' : 'finished'}: ${c.created} created, ${c.updated} updated, ${c.deactivated} made inactive, ${c.reactivated} reactivated, ${c.deleted} deleted in QuickBooks, ${c.unchanged} unchanged, ${c.errors} errors`;
    await recordActivity(this.ctx.db, this.ctx.ports.clock.now(), {
      actor: AUTOMATIC.includes(trigger) ? 'Scheduled sync' : await this.ctx.actor(),
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
