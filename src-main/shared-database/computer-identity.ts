import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE, makePrivateIfPresent } from '../data-folder/private-files';
import type { Db } from '../db/open-database';

/** This computer as the shared database knows it: a stable id and the name people see. */
export interface ThisComputer {
  id: string;
  name: string;
}

export const COMPUTER_ID_FILE_NAME = 'computer-id';
/** Optional: the name other computers see, when the host name says little ("DESKTOP-7Q2K"). */
export const COMPUTER_NAME_FILE_NAME = 'computer-name';
const MAX_COMPUTER_NAME = 63;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The name shown to other computers ("Syncs run on FRONT-DESK"): the
 * `computer-name` file in the data folder when there is one (set by IT, or by
 * tests running several computers in one process), else the OS host name.
 */
export function computerName(dataDir?: string): string {
  const named =
    dataDir === undefined ? null : readComputerName(join(dataDir, COMPUTER_NAME_FILE_NAME));
  return named ?? (hostname() || 'This computer');
}

function readComputerName(file: string): string | null {
  try {
    const name = readFileSync(file, 'utf8').trim();
    return name.length > 0 && name.length <= MAX_COMPUTER_NAME ? name : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * The id in `<dataDir>/computer-id`, made once. It lives in the data folder,
 * not in the shared database, so each computer keeps its own staff name and
 * role however many share the database, and a copied data folder is (rightly)
 * the same computer.
 */
export function loadThisComputer(dataDir: string): ThisComputer {
  const file = join(dataDir, COMPUTER_ID_FILE_NAME);
  return { id: readComputerId(file) ?? createComputerId(file), name: computerName(dataDir) };
}

function readComputerId(file: string): string | null {
  try {
    const id = readFileSync(file, 'utf8').trim();
    makePrivateIfPresent(file);
    return UUID.test(id) ? id : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function createComputerId(file: string): string {
  const id = randomUUID();
  // A damaged file (not a UUID) is replaced: nothing else refers to the old value but its own row.
  writeFileSync(file, `${id}\n`, { mode: PRIVATE_FILE_MODE });
  makePrivateIfPresent(file);
  return id;
}

/**
 * At start: this computer's row in `computers` with its current name and
 * version. The staff name is left as it is (it is set by first-run setup or
 * Settings → General).
 */
export async function registerComputer(
  db: Db,
  computer: ThisComputer,
  appVersion: string,
  now: Date,
): Promise<void> {
  const values = { name: computer.name, app_version: appVersion, last_seen_at: now.toISOString() };
  await db
    .insertInto('computers')
    .values({ id: computer.id, staff_name: null, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** The staff name given on the computer `id`, or null while none is. */
export async function readComputerStaffName(db: Db, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('computers')
    .select('staff_name')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.staff_name || null;
}

/** Names the person at the computer `id` (its row is made if start-up has not made it yet). */
export async function saveComputerStaffName(db: Db, id: string, staffName: string): Promise<void> {
  await db
    .insertInto('computers')
    .values({ id, name: computerName(), staff_name: staffName })
    .onConflict((oc) => oc.column('id').doUpdateSet({ staff_name: staffName }))
    .execute();
}
