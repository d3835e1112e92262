import { z } from 'zod';
import { call } from './define';
import { ClientId, Empty, IsoDateTime } from './common';

/**
 * What started a run: connecting a company for the first time, connecting again to a
 * company already synced, "Sync Now", the nightly schedule, a missed schedule on
 * launch or resume, the tray.
 */
export const SyncTrigger = z.enum([
  'initial',
  'reconnect',
  'manual',
  'schedule',
  'catch-up',
  'tray',
]);
export type SyncTrigger = z.infer<typeof SyncTrigger>;

/** `partial`: the run finished but some customers could not be brought in (see its errors). */
export const SyncResult = z.enum(['running', 'success', 'partial', 'failed']);
export type SyncResult = z.infer<typeof SyncResult>;

/** `full` reads every customer (first sync, over 30 days, or a capped change list); `incremental` reads changes. */
export const SyncKind = z.enum(['full', 'incremental']);
export type SyncKind = z.infer<typeof SyncKind>;

export const SyncCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  deactivated: z.number().int(),
  reactivated: z.number().int(),
  deleted: z.number().int(),
  unchanged: z.number().int(),
  errors: z.number().int(),
});
export type SyncCounts = z.infer<typeof SyncCounts>;

export const SyncRun = z.object({
  id: z.number().int().positive(),
  trigger: SyncTrigger,
  kind: SyncKind.nullable(),
  result: SyncResult,
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  durationMs: z.number().int().nullable(),
  counts: SyncCounts,
  /** Customers read from QuickBooks in this run. */
  fetched: z.number().int(),
  /** Why a run failed, for office staff. */
  message: z.string().nullable(),
  /** For support: HTTP status, QuickBooks Fault code, intuit_tid. */
  detail: z.string().nullable(),
});
export type SyncRun = z.infer<typeof SyncRun>;

export const SyncPhase = z.enum(['starting', 'counting', 'fetching', 'checking', 'finishing']);
export type SyncPhase = z.infer<typeof SyncPhase>;

export const SyncProgress = z.object({
  runId: z.number().int().positive(),
  trigger: SyncTrigger,
  kind: SyncKind.nullable(),
  phase: SyncPhase,
  fetched: z.number().int(),
  applied: z.number().int(),
  /** Customers expected in this run; null until known. */
  total: z.number().int().nullable(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

export const SyncStatus = z.object({
  running: z.boolean(),
  progress: SyncProgress.nullable(),
  lastRun: SyncRun.nullable(),
  /** When the last run that brought the clients equal to QuickBooks finished ("Last sync"). */
  lastSuccessAt: IsoDateTime.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncItemAction = z.enum([
  'created',
  'updated',
  'deactivated',
  'reactivated',
  'deleted',
  'error',
  /** A QuickBooks customer this run brought in looks like an existing custom client. */
  'possible_duplicate',
]);
export type SyncItemAction = z.infer<typeof SyncItemAction>;

/**
 * "3 created, 5 updated, 1 made inactive": what a run changed, in the Sync Log's
 * words, for the Integrations page, the tray and the notification alike.
 */
export function describeSyncChanges(counts: SyncCounts): string {
  const parts: [number, string][] = [
    [counts.created, 'created'],
    [counts.updated, 'updated'],
    [counts.deactivated, 'made inactive'],
    [counts.reactivated, 'reactivated'],
    [counts.deleted, 'deleted in QuickBooks'],
  ];
  const changed = parts
    .filter(([n]) => n > 0)
    .map(([n, words]) => `${n.toLocaleString('en-US')} ${words}`);
  return changed.length > 0 ? changed.join(', ') : 'no changes';
}

/** How the Sync Log names each action, on screen and in the CSV export. */
export const syncItemActionLabels: Record<SyncItemAction, string> = {
  created: 'Created',
  updated: 'Updated',
  deactivated: 'Made inactive',
  reactivated: 'Reactivated',
  deleted: 'Deleted in QuickBooks',
  error: 'Error',
  possible_duplicate: 'Possible duplicate',
};

/** One field a sync changed on a client: "phone", "555 0100" → "555 0199". */
export const SyncFieldChange = z.object({
  /** "phone", "billing address": the words the Sync Log already uses. */
  label: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type SyncFieldChange = z.infer<typeof SyncFieldChange>;

export const SyncItem = z.object({
  id: z.number().int().positive(),
  runId: z.number().int().positive(),
  at: IsoDateTime,
  qbId: z.string().nullable(),
  clientId: ClientId.nullable(),
  clientName: z.string().nullable(),
  action: SyncItemAction,
  message: z.string(),
  detail: z.string().nullable(),
  /** For an update: each field it changed, old → new (empty for lines written before these were kept). */
  changes: z.array(SyncFieldChange),
});
export type SyncItem = z.infer<typeof SyncItem>;

const RunId = z.number().int().positive();

export const syncContract = {
  /** Starts a sync, or joins the one running, and answers when it ends. */
  'sync.run': call(z.object({ trigger: SyncTrigger.default('manual') }), SyncRun),
  'sync.status': call(Empty, SyncStatus),
  'sync.runs': call(
    z.object({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    z.object({ total: z.number().int(), runs: z.array(SyncRun) }),
  ),
  'sync.run.get': call(z.object({ runId: RunId }), SyncRun),
  /**
   * How many of the clients this run created are inactive (a first sync's "N created" counts
   * them too). Read from the clients as they are now, so it is the run's own count right after
   * the run, as its toast asks; a later sync that deactivates one of them raises it.
   */
  'sync.run.createdInactive': call(
    z.object({ runId: RunId }),
    z.object({ inactive: z.number().int() }),
  ),
  'sync.items': call(
    z.object({
      runId: RunId,
      errorsOnly: z.boolean().default(false),
      /** Words in the client's name or email, the QuickBooks ID or the message. */
      search: z.string().trim().max(200).default(''),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    z.object({ total: z.number().int(), items: z.array(SyncItem) }),
  ),
  /** The run's items as CSV (only those shown: errors only, or matching the search); the renderer saves it as a download. */
  'sync.exportCsv': call(
    z.object({
      runId: RunId,
      errorsOnly: z.boolean().default(false),
      search: z.string().trim().max(200).default(''),
    }),
    z.object({ fileName: z.string(), csv: z.string() }),
  ),
} as const;
