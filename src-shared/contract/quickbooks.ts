import { z } from 'zod';
import { call } from './define';
import { Empty, IsoDateTime } from './common';

export const ConnectionState = z.enum([
  'not_connected',
  'connecting',
  'connected',
  'reconnect_required',
]);
export type ConnectionState = z.infer<typeof ConnectionState>;

/**
 * On a shared database (issue 17): the computer that connected QuickBooks holds
 * its tokens and runs every sync; the others ask it.
 */
export const SyncComputer = z.object({
  /** The computer's name, as people know it ("FRONT-DESK"). */
  name: z.string(),
  isThisComputer: z.boolean(),
  /** EquineOps is open there (seen within the last minute, by the server's clock). */
  online: z.boolean(),
  /** When it was last seen; null for this computer. */
  lastSeenAt: IsoDateTime.nullable(),
});
export type SyncComputer = z.infer<typeof SyncComputer>;

export const QuickBooksStatus = z.object({
  /** False when the app's Intuit keys are not configured on this computer. */
  configured: z.boolean(),
  state: ConnectionState,
  realmId: z.string().nullable(),
  companyName: z.string().nullable(),
  environment: z.enum(['sandbox', 'production']).nullable(),
  connectedAt: IsoDateTime.nullable(),
  /** For staff: why a reconnect is needed, or why the last attempt failed. */
  detail: z.string().nullable(),
  /** The refresh token ends within 14 days: reconnect before it does. */
  refreshExpiresSoon: z.boolean(),
  customerSyncEnabled: z.boolean(),
  schedule: z.object({ time: z.string(), label: z.string(), timeZone: z.string() }),
  /** When the next nightly sync will start; null while Customer Sync is off or QuickBooks is not connected. */
  nextRunAt: IsoDateTime.nullable(),
  /** What the app may do in QuickBooks, in plain words. */
  permissions: z.array(z.string()),
  /** 'memory' only in the demo on a computer without a keychain, for the local sandbox company. */
  tokensKept: z.enum(['keychain', 'memory']),
  /** Null on this computer's own file, and on a shared database before any computer connected. */
  syncComputer: SyncComputer.nullable(),
});
export type QuickBooksStatus = z.infer<typeof QuickBooksStatus>;

export const quickbooksContract = {
  'quickbooks.status': call(Empty, QuickBooksStatus),
  /** Starts the sign-in in the system browser; the result arrives as a `quickbooks.changed` event. */
  'quickbooks.connect': call(Empty, z.object({ authorizeUrl: z.string() })),
  'quickbooks.disconnect': call(Empty, QuickBooksStatus),
  'quickbooks.setCustomerSync': call(z.object({ enabled: z.boolean() }), QuickBooksStatus),
} as const;
