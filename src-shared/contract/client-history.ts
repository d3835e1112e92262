import { z } from 'zod';
import { IsoDateTime } from './common';

/**
 * One line of a client's history, newest first in the profile: a staff
 * action, what a sync did to the client, or what an import did with it.
 */
export const ClientHistoryEntry = z.object({
  /** Unique within one client's history ("staff-12", "sync-40-1", "import-3"). */
  key: z.string(),
  at: IsoDateTime,
  /** The staff member, "QuickBooks sync", or who ran the import. */
  actor: z.string(),
  source: z.enum(['staff', 'sync', 'import']),
  /** "client.update", "sync.updated", "import.linked", …: for tests and support. */
  action: z.string(),
  /** "Phone updated from QuickBooks: 555 0100 → 555 0199" */
  summary: z.string(),
  /** The sync run the line came from, to open it in the Sync Log. */
  syncRunId: z.number().int().positive().nullable(),
});
export type ClientHistoryEntry = z.infer<typeof ClientHistoryEntry>;
