import { z } from 'zod';

/**
 * What one merge changed, stored as JSON with the merge so "Undo merge" can
 * reverse each piece and nothing else, and only while it still holds what the
 * merge wrote (merge-undo.ts): links and documents that moved go back, copied notes are
 * removed, carried-over portal and preferences give way to what the kept
 * client had before, and the archived client gets back its earlier state.
 */

const HorseLinkState = z.object({ horseId: z.number(), role: z.string(), linkedAt: z.string() });

const PortalRowState = z.object({
  enabled: z.number(),
  can_view_invoices: z.number(),
  can_view_horses: z.number(),
  updated_at: z.string(),
});

const PreferencesRowState = z.object({
  contact_method: z.string(),
  newsletter: z.number(),
  reminders_enabled: z.number(),
  notes: z.string(),
  updated_at: z.string(),
});

export type PortalRowState = z.infer<typeof PortalRowState>;
export type PreferencesRowState = z.infer<typeof PreferencesRowState>;

export const MergeChanges = z.object({
  /** Every link the archived client had; all are removed from it. */
  removedLinks: z.array(HorseLinkState),
  /** The horses that gained a link on the kept client (the rest it already had). */
  addedHorseIds: z.array(z.number()),
  copiedNoteIds: z.array(z.number()),
  /** Documents that moved to the kept client (absent in merges stored before documents existed). */
  movedDocumentIds: z.array(z.number()).optional(),
  /**
   * `written`: the row the merge gave the kept client, so undo can tell it from
   * a later edit (merges stored before it existed compare with the archived client's row).
   */
  portal: z.object({
    carried: z.boolean(),
    keptBefore: PortalRowState.nullable(),
    written: PortalRowState.nullable().optional(),
  }),
  preferences: z.object({
    carried: z.boolean(),
    keptBefore: PreferencesRowState.nullable(),
    written: PreferencesRowState.nullable().optional(),
  }),
  archivedBefore: z.object({
    archived_at: z.string().nullable(),
    merged_into_id: z.number().nullable(),
    updated_at: z.string(),
  }),
});
export type MergeChanges = z.infer<typeof MergeChanges>;

export function readMergeChanges(json: string): MergeChanges {
  return MergeChanges.parse(JSON.parse(json));
}
