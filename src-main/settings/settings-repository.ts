import { userInfo } from 'node:os';
import type { OrganizationSettings } from '../../src-shared/contract';
import type { Db } from '../db/open-database';

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

export async function readOrganizationSettings(db: Db): Promise<OrganizationSettings> {
  const defaults = defaultSettings();
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', ['organizationName', 'timeZone', 'staffName'])
    .execute();
  const saved = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return {
    organizationName: saved.organizationName ?? defaults.organizationName,
    timeZone: saved.timeZone ?? defaults.timeZone,
    staffName: saved.staffName ?? defaults.staffName,
  };
}
