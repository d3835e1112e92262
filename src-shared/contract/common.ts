import { z } from 'zod';

export const ClientId = z.number().int().positive();
export const IsoDateTime = z.string().datetime({ offset: true });
export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });

/** A part of a client an undo left as it is, because staff changed it since, and why. */
export const KeptChange = z.object({
  clientId: ClientId,
  clientName: z.string(),
  /** What stayed: "Biscuit (horse link)", "portal access", "preferences". */
  what: z.string(),
  /** Why, in plain words: "its role was changed to Rider after the import". */
  reason: z.string(),
});
export type KeptChange = z.infer<typeof KeptChange>;

/**
 * Every failed call comes back as this value: `message` is written for office
 * staff, `detail` is for support (a QuickBooks code, an intuit_tid, the field).
 */
export const ErrorCode = z.enum([
  'validation',
  'read_only',
  'not_found',
  'conflict',
  // Someone else saved the same client or preferences after this form loaded them (AppErrorShape.conflict says who).
  'edit_conflict',
  'not_connected',
  'reconnect_required',
  'quickbooks',
  'keychain_unavailable',
  // The data file (db/sqlite-failures.ts): each says what happened and what to do.
  'database_full',
  'database_read_only',
  'database_locked',
  'database_damaged',
  'database_unavailable',
  'database_too_new',
  'unknown_method',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  detail: z.string().optional(),
  fields: z.record(z.string(), z.string()).optional(),
  /** For edit_conflict: the change that won, so the form can say who and when. */
  conflict: z.object({ changedBy: z.string().nullable(), changedAt: z.string() }).optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
