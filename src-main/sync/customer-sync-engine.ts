import type { SyncKind, SyncPhase } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import { httpFailureOf } from '../quickbooks/api/retry-policy';
import {
  DELETED_IN_QUICKBOOKS,
  DELETED_OR_MERGED_IN_QUICKBOOKS,
  type QboCustomerJson,
} from '../quickbooks/mapping/customer-mapping';
import { applyCustomerBatch, type BatchOutcome } from './customer-apply';
import { CDC_CAP, compareQbIds, type CustomerSource } from './customer-source';
import { addRunCounts, insertItems } from './sync-log-repository';
import { readSyncState, writeSyncState, type SyncState } from './sync-state-repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Intuit's CDC looks back at most 30 days; leave a day's margin for clocks. */
export const CDC_LOOKBACK_MS = 29 * DAY_MS;
/** A full pass now and then catches anything a change list could miss. */
export const FULL_RECONCILE_EVERY_MS = 7 * DAY_MS;
/**
 * The next change list starts a little before QuickBooks' answer time, so a
 * change saved while the answer was being built is read again (applying it
 * twice changes nothing: rows are compared before writing).
 */
export const CURSOR_OVERLAP_MS = 30_000;
/** Capped change lists followed before giving up on them for a full pass. */
const MAX_CDC_ROUNDS = 5;

export interface EngineProgress {
  phase: SyncPhase;
  fetched: number;
  applied: number;
  total: number | null;
}

export interface EngineDeps {
  db: Db;
  realmId: string;
  runId: number;
  source: CustomerSource;
  now(): Date;
  /** Pages fetched at once; the shared limiter caps requests whatever this says. */
  concurrency: number;
  onKind(kind: SyncKind): Promise<void>;
  onProgress(progress: EngineProgress): void;
  onApplied(outcome: BatchOutcome): void;
  /** True when the app is closing: stop between pages (the cursor is already saved). */
  shouldStop(): boolean;
}

/** QuickBooks' answer time (or ours when it gave none), minus the overlap, as the cursor stores it. */
function cursorFrom(qboTime: string | null, fallback: Date, overlapMs = CURSOR_OVERLAP_MS): string {
  const parsed = qboTime ? Date.parse(qboTime) : NaN;
  const ms = (Number.isNaN(parsed) ? fallback.getTime() : parsed) - overlapMs;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function stopIfAsked(deps: EngineDeps): void {
  if (deps.shouldStop())
    throw new AppError(
      'internal',
      'The sync stopped because EquineOps is closing. It carries on with the next sync.',
    );
}

/**
 * One sync of a company's customers: resumes a full pass a crash left
 * unfinished, else reads the changes since the cursor, else (first sync,
 * cursor over 30 days old, change lists capped, or a week since the last)
 * runs a full pass.
 */
export async function syncCustomers(deps: EngineDeps, mode: 'auto' | 'full'): Promise<SyncKind> {
  const state = await readSyncState(deps.db, deps.realmId);
  const now = deps.now().getTime();
  if (state?.full_started_at) return fullPass(deps, state);
  const fresh =
    mode === 'auto' &&
    state?.changed_since &&
    now - Date.parse(state.changed_since) < CDC_LOOKBACK_MS &&
    state.last_full_at &&
    now - Date.parse(state.last_full_at) < FULL_RECONCILE_EVERY_MS;
  if (fresh && (await incremental(deps, state.changed_since as string))) return 'incremental';
  return fullPass(deps, state);
}

async function applyInTransaction(
  deps: EngineDeps,
  customers: readonly QboCustomerJson[],
  gone: readonly string[],
  fetched: number,
  cursor: Parameters<typeof writeSyncState>[2],
): Promise<BatchOutcome> {
  const now = deps.now();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const result = await applyCustomerBatch(trx, { realmId: deps.realmId, now, customers, gone });
    await insertItems(trx, deps.runId, now, result.items);
    await addRunCounts(trx, deps.runId, result.counts, fetched);
    await writeSyncState(trx, deps.realmId, cursor, now);
    return result;
  });
  deps.onApplied(outcome);
  return outcome;
}

/** Change lists until one is not capped; false when a full pass is needed instead. */
async function incremental(deps: EngineDeps, since: string): Promise<boolean> {
  let cursor = since;
  let fetched = 0;
  let applied = 0;
  for (let round = 0; round < MAX_CDC_ROUNDS; round++) {
    stopIfAsked(deps);
    deps.onProgress({ phase: 'fetching', fetched, applied, total: null });
    let answer: Awaited<ReturnType<CustomerSource['changes']>>;
    try {
      answer = await deps.source.changes(cursor);
    } catch (error) {
      // QuickBooks refuses a changedSince older than it keeps: read everything instead.
      if (httpFailureOf(error)?.status === 400) return false;
      throw error;
    }
    if (round === 0) await deps.onKind('incremental');
    fetched += answer.customers.length;
    const capped = answer.customers.length >= CDC_CAP;
    let next: string;
    if (capped) {
      // QuickBooks says nothing when it truncates: go on from the newest change it did send.
      const newest = Math.max(
        ...answer.customers.map((c) => Date.parse(c.MetaData?.LastUpdatedTime ?? '') || 0),
      );
      if (!(newest > Date.parse(cursor))) return false;
      next = cursorFrom(new Date(newest).toISOString(), deps.now(), 0);
    } else {
      next = cursorFrom(answer.time, deps.now());
    }
    deps.onProgress({ phase: 'fetching', fetched, applied, total: fetched });
    await applyInTransaction(deps, answer.customers, [], answer.customers.length, {
      changed_since: next,
    });
    applied += answer.customers.length;
    deps.onProgress({ phase: 'fetching', fetched, applied, total: fetched });
    if (!capped) return true;
    cursor = next;
  }
  return false;
}

interface LocalQbClient {
  qbId: string;
  deleted: boolean;
}

async function localQuickBooksClients(deps: EngineDeps): Promise<LocalQbClient[]> {
  const rows = await deps.db
    .selectFrom('clients')
    .select(['qb_id', 'active', 'inactive_reason'])
    .where('realm_id', '=', deps.realmId)
    .where('source', '=', 'quickbooks')
    .execute();
  return rows
    .filter((r): r is typeof r & { qb_id: string } => r.qb_id !== null)
    .map((r) => ({
      qbId: r.qb_id,
      deleted:
        r.active === 0 &&
        (r.inactive_reason === DELETED_IN_QUICKBOOKS ||
          r.inactive_reason === DELETED_OR_MERGED_IN_QUICKBOOKS),
    }))
    .sort((a, b) => compareQbIds(a.qbId, b.qbId));
}

/**
 * Reads every customer in Id order, several pages at once, and applies the
 * pages strictly in order, each with the cursor (last Id applied) in its
 * transaction. Local QuickBooks clients whose Id falls in a page's range but
 * did not come back are looked up once more by Id, then marked deleted, so a
 * page boundary shifted by a concurrent deletion never deactivates anyone wrongly.
 */
async function fullPass(deps: EngineDeps, state: SyncState | null): Promise<SyncKind> {
  await deps.onKind('full');
  deps.onProgress({ phase: 'counting', fetched: 0, applied: 0, total: null });
  const afterId = state?.full_started_at ? state.full_after_id : null;
  const counted = await deps.source.count(afterId);
  let startedAt = state?.full_started_at ?? null;
  if (startedAt === null) {
    startedAt = cursorFrom(counted.time, deps.now());
    await writeSyncState(
      deps.db,
      deps.realmId,
      { full_started_at: startedAt, full_after_id: null },
      deps.now(),
    );
  }
  const total = counted.total;
  const size = deps.source.pageSize;
  const expectedPages = Math.max(1, Math.ceil(total / size));
  const locals = (await localQuickBooksClients(deps)).filter((l) => !l.deleted);
  let localIndex =
    afterId === null ? 0 : locals.findIndex((l) => compareQbIds(l.qbId, afterId) > 0);
  if (localIndex < 0) localIndex = locals.length;

  const pages = new Map<number, Promise<QboCustomerJson[]>>();
  const launch = (index: number) => {
    if (pages.has(index)) return;
    const page = deps.source.page(afterId, index);
    page.catch(() => undefined); // awaited in order below; this only keeps an early failure from going unhandled
    pages.set(index, page);
  };
  let fetched = 0;
  let applied = 0;
  const progress = (phase: 'fetching' | 'checking') =>
    deps.onProgress({ phase, fetched, applied, total });

  for (let index = 0; ; index++) {
    stopIfAsked(deps);
    // Keep `concurrency` pages in flight ahead of the one being applied, up to the counted end.
    for (let ahead = index; ahead < Math.min(index + deps.concurrency, expectedPages); ahead++)
      launch(ahead);
    launch(index);
    progress('fetching');
    const customers = await (pages.get(index) as Promise<QboCustomerJson[]>);
    pages.delete(index);
    fetched += customers.length;
    const last = customers.length < size;
    const pageLastId = customers.length > 0 ? String(customers[customers.length - 1]?.Id) : null;

    // Local clients in (afterId, pageLastId] — or everything after afterId on the last page — that did not come back.
    const returned = new Set(customers.map((c) => String(c.Id)));
    const missing: string[] = [];
    while (localIndex < locals.length) {
      const local = locals[localIndex] as LocalQbClient;
      if (!last && pageLastId !== null && compareQbIds(local.qbId, pageLastId) > 0) break;
      if (!returned.has(local.qbId)) missing.push(local.qbId);
      localIndex++;
    }
    let found: QboCustomerJson[] = [];
    if (missing.length > 0) {
      progress('checking');
      found = await deps.source.byIds(missing);
    }
    const foundIds = new Set(found.map((c) => String(c.Id)));
    const gone = missing.filter((id) => !foundIds.has(id));
    const cursor = last
      ? {
          full_started_at: null,
          full_after_id: null,
          changed_since: startedAt,
          last_full_at: deps.now().toISOString(),
        }
      : { full_after_id: pageLastId };
    await applyInTransaction(deps, [...customers, ...found], gone, customers.length, cursor);
    applied += customers.length;
    progress('fetching');
    if (last) return 'full';
  }
}
