import { z } from 'zod';
import { call } from './define';
import { ClientId, Empty, IsoDateTime, Ok } from './common';
import { FileHandoffResult } from './documents';

export const AccessAction = z.enum([
  'profile.open',
  'document.open',
  'document.download',
  'client.export',
]);
export type AccessAction = z.infer<typeof AccessAction>;

/** One line of a profile's Access tab: who looked, when, at what. */
export const AccessEntry = z.object({
  id: z.number().int().positive(),
  at: IsoDateTime,
  actor: z.string(),
  action: AccessAction,
  summary: z.string(),
});
export type AccessEntry = z.infer<typeof AccessEntry>;

export const DEFAULT_ACCESS_RETENTION_DAYS = 365;
export const MIN_ACCESS_RETENTION_DAYS = 30;
export const MAX_ACCESS_RETENTION_DAYS = 3650;
export const AccessRetentionDays = z
  .number({ error: 'Enter a number of days' })
  .int('Enter whole days')
  .min(
    MIN_ACCESS_RETENTION_DAYS,
    `Keep access entries at least ${MIN_ACCESS_RETENTION_DAYS} days (the minimum)`,
  )
  .max(MAX_ACCESS_RETENTION_DAYS, 'Keep access entries at most 10 years (3650 days)');

/**
 * Why a typed retention cannot be saved, or null: the form says so instead of
 * quietly saving the nearest allowed number.
 */
export function accessRetentionProblem(days: number | string | null): string | null {
  if (days === null || days === '') return 'Enter a number of days';
  const parsed = AccessRetentionDays.safeParse(Number(days));
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Enter a number of days');
}

/** An erasure as Settings → Data tells it: no name, only when, who, and which backups still hold it. */
export const ErasureNotice = z.object({
  at: IsoDateTime,
  by: z.string(),
  /** Backups in the folder now that were taken before the erasure and so still hold the client. */
  backupsHoldingIt: z.number().int().nonnegative(),
  /**
   * From this day no daily or weekly backup holds it (they are pruned by then).
   * Copies made before an import, merge or upgrade go once five newer ones
   * exist; set-aside files stay until deleted by hand: `lastingBackups` counts those.
   */
  dailyCopiesGoneBy: IsoDateTime,
  lastingBackups: z.number().int().nonnegative(),
});
export type ErasureNotice = z.infer<typeof ErasureNotice>;

export const PrivacySettings = z.object({
  accessRetentionDays: AccessRetentionDays,
  /** Newest first. */
  erasures: z.array(ErasureNotice),
});
export type PrivacySettings = z.infer<typeof PrivacySettings>;

/**
 * Typing the client's name is the erasure's confirmation (spaces around and
 * between words, and letter case, do not matter). The dialog keeps its button
 * disabled until this holds; privacy.erase refuses otherwise.
 */
export function confirmsErasureName(typed: string, displayName: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  return norm(typed) !== '' && norm(typed) === norm(displayName);
}

export const ErasureResult = z.object({
  source: z.enum(['quickbooks', 'manual']),
  /** What staff still have to do (in QuickBooks), or what was done. */
  message: z.string(),
});
export type ErasureResult = z.infer<typeof ErasureResult>;

export const privacyContract = {
  'access.list': call(z.object({ clientId: ClientId }), z.array(AccessEntry)),
  /** Once per opening of a profile (not per redraw). */
  'access.profileOpened': call(z.object({ clientId: ClientId }), Ok),
  /** One zip: summary.html, client.json and the documents. */
  'privacy.export': call(z.object({ clientId: ClientId }), FileHandoffResult),
  'privacy.erase': call(
    z.object({ clientId: ClientId, confirmName: z.string().max(500) }),
    ErasureResult,
  ),
  'privacy.settings': call(Empty, PrivacySettings),
  'privacy.updateSettings': call(
    z.object({ accessRetentionDays: AccessRetentionDays }),
    PrivacySettings,
  ),
} as const;
