import { timeInZone } from '../format/time-in-zone';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import { defaultSettings, readSetting } from '../settings/settings-repository';

/** The save that won: who made it (null when unknown) and when (ISO), or null when the row is gone. */
export interface LastSave {
  updatedBy: string | null;
  updatedAt: string;
}

const WHAT = {
  client: 'this client',
  preferences: "this client's preferences",
} as const;

/**
 * The refusal of a save whose form loaded an older version of the row:
 * "Pat changed this client at 3:42 PM. Your changes were not saved: reload
 * to see theirs, then make yours again." The time is in the organization's
 * time zone, with the date when it was not today.
 */
export async function editConflict(
  db: Db,
  what: keyof typeof WHAT,
  last: LastSave | null,
  now: Date,
): Promise<AppError> {
  const tail = 'Your changes were not saved: reload to see theirs, then make yours again.';
  if (!last) {
    return new AppError('edit_conflict', `Someone else changed ${WHAT[what]}. ${tail}`, {
      conflict: { changedBy: null, changedAt: now.toISOString() },
    });
  }
  const timeZone = (await readSetting(db, 'timeZone')) ?? defaultSettings().timeZone;
  const who = last.updatedBy ?? 'Someone else';
  return new AppError(
    'edit_conflict',
    `${who} changed ${WHAT[what]} ${whenSaid(new Date(last.updatedAt), now, timeZone)}. ${tail}`,
    { conflict: { changedBy: last.updatedBy, changedAt: last.updatedAt } },
  );
}

/** "at 3:42 PM" today, "on Jun 12 at 3:42 PM" another day. */
function whenSaid(at: Date, now: Date, timeZone: string): string {
  const { time, date } = timeInZone(at, now, timeZone);
  return date ? `on ${date} at ${time}` : `at ${time}`;
}
