import type { SyncKind, SyncPhase } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import { httpFailureOf } from '../quickbooks/api/retry-policy';
import type { QboCustomerJson } from '../quickbooks/mapping/customer-mapping';
import type { BatchOutcome, CustomerBatch } from './customer-apply';
import { CDC_CAP, compareQbIds, type CustomerSource } from './customer-source';
import type { PageSummary } from './staged-pages';
import type { LocalQbClient } from './local-quickbooks-clients';
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

/** Where pages are written: the database worker, one transaction a page. */
export interface CustomerStore {
  localClients(realmId: string): Promise<LocalQbClient[]>;
  /** Parses a page's JSON text where it will be applied, and says what is in it. */
  readPage(text: string): Promise<PageSummary>;
  apply(batch: CustomerBatch): Promise<BatchOutcome>;
}

export interface EngineDeps {
  /** The main thread's connection: reads the cursor, marks a full pass begun. */
  db: Db;
  store: CustomerStore;
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

type PageWrite = Pick<
  CustomerBatch,
  'customers' | 'staged' | 'gone' | 'fetched' | 'cursor' | 'deferIndexes'
> & {
  itemizeCreations?: boolean;
  last: boolean;
};

/** One page, its Sync Log lines, its counts and the cursor, in one transaction on the worker. */
async function applyPage(deps: EngineDeps, page: PageWrite): Promise<BatchOutcome> {
  const outcome = await deps.store.apply({
    realmId: deps.realmId,
    runId: deps.runId,
    at: deps.now().toISOString(),
    customers: page.customers,
    staged: page.staged,
    deferIndexes: page.deferIndexes,
    gone: page.gone,
    fetched: page.fetched,
    cursor: page.cursor,
    itemizeCreations: page.itemizeCreations ?? true,
    linkParents: page.last,
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
    await applyPage(deps, {
      customers: answer.customers,
      fetched: answer.customers.length,
      cursor: { changed_since: next },
      last: !capped,
    });
    applied += answer.customers.length;
    deps.onProgress({ phase: 'fetching', fetched, applied, total: fetched });
    if (!capped) return true;
    cursor = next;
  }
  return false;
}

/**
 * Reads every customer in Id order and applies the pages strictly in order,
 * each with the cursor (last Id applied) in its transaction. Pages are asked
 * for `concurrency` at a time without counting first (the count runs beside
 * them, for the progress bar only); the first short page is the end. Applying
 * page k on the worker overlaps fetching the pages after it.
 *
 * Local QuickBooks clients whose Id falls in a page's range but did not come
 * back are looked up once more by Id, then marked deleted, so a page boundary
 * shifted by a concurrent deletion never deactivates anyone wrongly.
 */
async function fullPass(deps: EngineDeps, state: SyncState | null): Promise<SyncKind> {
  await deps.onKind('full');
  const afterId = state?.full_started_at ? state.full_after_id : null;
  // A first sync's creations are one summary line; later passes name each one.
  const itemizeCreations = Boolean(state?.last_full_at);
  const size = deps.source.pageSize;
  let total: number | null = null;
  let lastIndex = Infinity; // the first short page, once seen
  let startedAt = state?.full_started_at ?? null;
  if (startedAt === null) {
    // Mark the pass begun before anything is read, so a pass interrupted before
    // its first page is resumed as a full pass, not skipped for a change list.
    // The first answer's own time replaces this one with the first page.
    await writeSyncState(
      deps.db,
      deps.realmId,
      { full_started_at: cursorFrom(null, deps.now()), full_after_id: null },
      deps.now(),
    );
  }

  const pages = new Map<number, Promise<PageSummary>>();
  const launch = (index: number) => {
    if (pages.has(index) || index > lastIndex) return;
    const page = deps.source.pageText(afterId, index).then(async (text) => {
      const answer = await deps.store.readPage(text);
      if (answer.count < size) lastIndex = Math.min(lastIndex, index);
      // The first answer's time starts the next change list (minus the overlap).
      startedAt ??= cursorFrom(answer.time, deps.now());
      return answer;
    });
    page.catch(() => undefined); // awaited in order below; this only keeps an early failure from going unhandled
    pages.set(index, page);
  };
  const expectedPages = () => (total === null ? Infinity : Math.max(1, Math.ceil(total / size)));
  const launchAhead = (from: number) => {
    launch(from);
    for (let ahead = from + 1; ahead < Math.min(from + deps.concurrency, expectedPages()); ahead++)
      launch(ahead);
  };
  launchAhead(0);
  void deps.source.count(afterId).then(
    (counted) => {
      total = counted.total;
    },
    () => undefined, // only the progress bar needs it
  );
  const locals = (await deps.store.localClients(deps.realmId)).filter((l) => !l.deleted);
  let localIndex =
    afterId === null ? 0 : locals.findIndex((l) => compareQbIds(l.qbId, afterId) > 0);
  if (localIndex < 0) localIndex = locals.length;

  let fetched = 0;
  let applied = 0;
  const progress = (phase: 'fetching' | 'checking') =>
    deps.onProgress({ phase, fetched, applied, total: total ?? null });
  let applying: Promise<unknown> = Promise.resolve();
  try {
    for (let index = 0; ; index++) {
      if (deps.shouldStop()) await applying;
      stopIfAsked(deps);
      launchAhead(index);
      progress('fetching');
      const page = await (pages.get(index) as Promise<PageSummary>);
      pages.delete(index);
      fetched += page.count;
      const last = page.count < size;
      const pageLastId = page.count > 0 ? (page.ids[page.count - 1] as string) : null;

      // Local clients in (afterId, pageLastId] — or everything after afterId on the last page — that did not come back.
      const returned = new Set(page.ids);
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
        : { full_started_at: startedAt, full_after_id: pageLastId };
      // One page applies while the next is awaited; a failed page stops the run before the next is sent.
      await applying;
      const write = applyPage(deps, {
        // A first sync builds the Clients list's indexes once, at its end.
        deferIndexes: index === 0 && afterId === null && !itemizeCreations,
        staged: page.key,
        customers: found,
        gone,
        fetched: page.count,
        cursor,
        itemizeCreations,
        last,
      }).then(() => {
        applied += page.count;
        progress('fetching');
      });
      write.catch(() => undefined); // awaited before the next page or at the end
      applying = write;
      if (last) {
        await write;
        return 'full';
      }
    }
  } catch (error) {
    // Let the page already sent finish (or fail) before the run is closed.
    await applying.catch(() => undefined);
    throw error;
  }
}
