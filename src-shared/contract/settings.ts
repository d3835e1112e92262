import { z } from 'zod';
import { call } from './define';
import { Empty, Ok } from './common';

export const TimeZone = z
  .string()
  .min(1)
  .refine(isValidTimeZone, { message: 'Choose a time zone from the list, like America/New_York' });

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const OrganizationSettings = z.object({
  organizationName: z.string().trim().min(1, 'Organization name is required').max(200),
  timeZone: TimeZone,
  /** The person at this computer (each computer has its own): signs its notes, imports and merges. */
  staffName: z.string().trim().min(1, 'Your name is required').max(100),
});
export type OrganizationSettings = z.infer<typeof OrganizationSettings>;

/** This computer's desktop behaviour (Electron only; the browser host ignores them). */
export const DesktopSettings = z.object({
  /** Closing the window keeps EquineOps in the tray so the nightly sync still runs. */
  keepRunningInTray: z.boolean(),
  /** Start EquineOps (in the tray) when this computer's user signs in. */
  launchAtLogin: z.boolean(),
});
export type DesktopSettings = z.infer<typeof DesktopSettings>;

export const AppInfo = z.object({
  host: z.enum(['electron', 'browser']),
  version: z.string(),
  dataFile: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * Whether the first-run setup still has to ask for the organization, a name
 * and a time zone, with the answers already stored (from an older version's
 * Settings) so they are offered again rather than asked from scratch.
 */
export const SetupStatus = z.object({
  needed: z.boolean(),
  /**
   * The organization is set up (by another computer on the shared database)
   * and only this computer's staff name is missing: setup asks for it alone.
   */
  nameOnly: z.boolean(),
  storedStaffName: z.string().nullable(),
  storedTimeZone: z.string().nullable(),
});
export type SetupStatus = z.infer<typeof SetupStatus>;

export const settingsContract = {
  'settings.get': call(Empty, OrganizationSettings),
  'settings.setup.status': call(Empty, SetupStatus),
  /** The first-run setup: all three at once, so the app never runs half set up. */
  'settings.setup.complete': call(OrganizationSettings, OrganizationSettings),
  'settings.update': call(OrganizationSettings.partial(), OrganizationSettings),
  'settings.desktop.get': call(Empty, DesktopSettings),
  'settings.desktop.update': call(DesktopSettings.partial(), DesktopSettings),
  'app.info': call(Empty, AppInfo),
  'app.openExternal': call(z.object({ url: z.string().url() }), Ok),
} as const;
