import { z } from 'zod';
import { call } from './define';
import { ClientSource } from './clients';
import { ClientId, IsoDateTime, KeptChange, Ok } from './common';

/** Why two clients look like the same person. */
export const DuplicateReason = z.enum(['email', 'phone', 'name']);
export type DuplicateReason = z.infer<typeof DuplicateReason>;

/** One side of a pair: enough to tell the two apart at a glance. */
export const DuplicateSide = z.object({
  id: ClientId,
  source: ClientSource,
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  active: z.boolean(),
});
export type DuplicateSide = z.infer<typeof DuplicateSide>;

/** A QuickBooks client and a manual client that may be the same person. */
export const DuplicatePair = z.object({
  quickbooks: DuplicateSide,
  manual: DuplicateSide,
  reasons: z.array(DuplicateReason).min(1),
});
export type DuplicatePair = z.infer<typeof DuplicatePair>;

export const DuplicateList = z.object({
  /** Every pair found, even when `pairs` holds only the first `limit`. */
  total: z.number().int(),
  pairs: z.array(DuplicatePair),
});
export type DuplicateList = z.infer<typeof DuplicateList>;

const PairInput = z.object({ quickbooksClientId: ClientId, manualClientId: ClientId });

/** What a client holds that a merge can move. */
export const MergeSideCounts = z.object({
  horses: z.number().int(),
  notes: z.number().int(),
  /** Documents staff see on the profile (removed ones still in their undo window move too). */
  documents: z.number().int(),
  portalEnabled: z.boolean(),
  hasPreferences: z.boolean(),
});
export type MergeSideCounts = z.infer<typeof MergeSideCounts>;

/**
 * What happens to the portal or the preferences: carried over to the kept
 * client, left alone because the kept client has its own, or nothing to carry.
 * `needs_email`: the portal signs in with the kept client's email, which it lacks.
 */
export const CarryOver = z.enum(['carried', 'kept_has_own', 'nothing_to_carry', 'needs_email']);
export type CarryOver = z.infer<typeof CarryOver>;

/** The effect of keeping one client of the pair and archiving the other. */
export const MergeOutcome = z.object({
  keepClientId: ClientId,
  archiveClientId: ClientId,
  horsesToMove: z.number().int(),
  /** Horses both already have: the kept client's link stays, no second link. */
  horsesAlreadyLinked: z.number().int(),
  notesToCopy: z.number().int(),
  /** The archived client's documents, which move to the kept client (and back with undo). */
  documentsToMove: z.number().int(),
  portal: CarryOver,
  preferences: CarryOver,
});
export type MergeOutcome = z.infer<typeof MergeOutcome>;

export const MergePreview = z.object({
  quickbooks: DuplicateSide.extend({ counts: MergeSideCounts }),
  manual: DuplicateSide.extend({ counts: MergeSideCounts }),
  reasons: z.array(DuplicateReason),
  keepQuickBooks: MergeOutcome,
  keepManual: MergeOutcome,
});
export type MergePreview = z.infer<typeof MergePreview>;

/** A merge as the history lists it. */
export const MergeRecord = z.object({
  id: z.number().int().positive(),
  keptClientId: ClientId,
  keptClientName: z.string(),
  archivedClientId: ClientId,
  archivedClientName: z.string(),
  mergedAt: IsoDateTime,
  mergedBy: z.string(),
  horsesMoved: z.number().int(),
  notesCopied: z.number().int(),
  portalCarried: z.boolean(),
  preferencesCarried: z.boolean(),
  undoneAt: IsoDateTime.nullable(),
  /** Set when a later merge of one of the two clients must be undone first. */
  undoBlockedBy: z.string().nullable(),
});
export type MergeRecord = z.infer<typeof MergeRecord>;

/** The undone merge, and what the undo left as it was because staff changed it after the merge. */
export const MergeUndoResult = MergeRecord.extend({ kept: z.array(KeptChange) });
export type MergeUndoResult = z.infer<typeof MergeUndoResult>;

export const duplicatesContract = {
  'duplicates.list': call(
    z.object({ limit: z.number().int().min(1).max(2000).default(200) }),
    DuplicateList,
  ),
  'duplicates.dismiss': call(PairInput, Ok),
  'duplicates.mergePreview': call(PairInput, MergePreview),
  'duplicates.merge': call(
    z.object({ keepClientId: ClientId, archiveClientId: ClientId }),
    MergeRecord,
  ),
  'duplicates.undoMerge': call(z.object({ mergeId: z.number().int().positive() }), MergeUndoResult),
  'duplicates.mergeHistory': call(
    z.object({
      clientId: ClientId.optional(),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    z.array(MergeRecord),
  ),
} as const;
