import { userInfo } from 'node:os';
import type { OrganizationSettings } from '../../src-shared/contract';
import { storageKind } from '../db/dialect';
import type { Db } from '../db/open-database';
import { readComputerStaffName, saveComputerStaffName } from '../shared-database/computer-identity';

/** Defaults when nothing was saved: the OS time zone and the OS user name. */
export function defaultSettings(): OrganizationSettings {
  // Read once: the computer's time zone and user name cost milliseconds to ask for,
  // and the staff name is read before every staff write.
  computerDefaults ??= {
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    staffName: safeUserName(),
  };
  return { organizationName: 'My Barn', ...computerDefaults };
}

let computerDefaults: Pick<OrganizationSettings, 'timeZone' | 'staffName'> | null = null;

function safeUserName(): string {
  try {
    return userInfo().username || 'Staff';
  } catch {
    return 'Staff';
  }
}

export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

export async function writeSettings(db: Db, values: Record<string, string>): Promise<void> {
  const rows = Object.entries(values).map(([key, value]) => ({ key, value }));
  if (rows.length === 0) return;
  await db
    .insertInto('settings')
    .values(rows)
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

/**
 * Set up once the organization has a name of its own: until then the app
 * shows the first-run setup, and notes would be signed with the OS account.
 */
export async function isSetUp(db: Db): Promise<boolean> {
  return (await readSetting(db, 'organizationName')) !== undefined;
}

/**
 * The organization's name and time zone (shared by every computer) and the
 * staff name of the computer `computerId` (callers that only want the
 * organization or the time zone may leave it out: the name is then the
 * stored fallback's or the OS account's).
 */
export async function readOrganizationSettings(
  db: Db,
  computerId?: string,
): Promise<OrganizationSettings> {
  const defaults = defaultSettings();
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', ['organizationName', 'timeZone'])
    .execute();
  const saved = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return {
    organizationName: saved.organizationName ?? defaults.organizationName,
    timeZone: saved.timeZone ?? defaults.timeZone,
    staffName: (await storedStaffName(db, computerId)) ?? defaults.staffName,
  };
}

/** Who signs this computer's notes, imports and merges: its staff name, else the OS account. */
export async function readStaffName(db: Db, computerId: string): Promise<string> {
  return (await storedStaffName(db, computerId)) ?? defaultSettings().staffName;
}

/**
 * The name someone gave on this computer, or null. On SQLite the data is
 * this computer's alone, so a file from before names were per computer keeps
 * the name its Settings stored; in a shared database that one row would
 * sign every computer's work with one person's name, so it is not read.
 */
export async function storedStaffName(
  db: Db,
  computerId: string | undefined,
): Promise<string | null> {
  const own = computerId === undefined ? null : await readComputerStaffName(db, computerId);
  if (own) return own;
  if (storageKind(db) !== 'sqlite') return null;
  return (await readSetting(db, 'staffName')) ?? null;
}

/** Names the person at this computer (its row in `computers`, kept by shared-database/computer-identity.ts). */
export async function saveStaffName(db: Db, computerId: string, staffName: string): Promise<void> {
  await saveComputerStaffName(db, computerId, staffName);
}
