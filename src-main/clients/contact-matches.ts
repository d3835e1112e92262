import type { ContactMatch, ContactMatchQuery } from '../../src-shared/contract';
import type { Db } from '../db/open-database';
import { matchClientIds } from '../db/search-index';
import { emailKeys, phoneKey } from '../duplicates/match-keys';

/**
 * The clients a new client would duplicate, found while "New client" is being
 * filled in: the same email or the same phone (compared as the duplicates
 * finder compares them), among QuickBooks and manual clients still in use.
 * The search index narrows the candidates; the keys decide.
 */

const CANDIDATES = 50;
const SHOWN = 5;

export async function findContactMatches(
  db: Db,
  query: ContactMatchQuery,
): Promise<ContactMatch[]> {
  const wantedEmails = new Set(emailKeys(query.email));
  const wantedPhones = new Set(
    [phoneKey(query.phone), phoneKey(query.mobile)].filter((k): k is string => k !== null),
  );
  const candidates = new Set<number>();
  for (const email of wantedEmails)
    for (const id of await matchClientIds(db, email, CANDIDATES)) candidates.add(id);
  for (const phone of wantedPhones)
    for (const id of await matchClientIds(db, phone, CANDIDATES)) candidates.add(id);
  if (candidates.size === 0) return [];

  const rows = await db
    .selectFrom('clients')
    .select(['id', 'source', 'display_name', 'email', 'other_emails', 'phone', 'mobile', 'active'])
    .where('id', 'in', [...candidates])
    .where('archived_at', 'is', null)
    .where('merged_into_id', 'is', null)
    .orderBy('source', 'desc') // QuickBooks first: the record the office bills from
    .orderBy('sort_name')
    .execute();

  const matches: ContactMatch[] = [];
  for (const row of rows) {
    // A QuickBooks email box may hold several addresses: any of them is a match.
    const email = [...emailKeys(row.email), ...emailKeys(row.other_emails)].find((k) =>
      wantedEmails.has(k),
    );
    const phone = [row.phone, row.mobile].find((p) => {
      const key = phoneKey(p);
      return key !== null && wantedPhones.has(key);
    });
    if (email === undefined && phone === undefined) continue;
    matches.push({
      id: row.id,
      displayName: row.display_name,
      source: row.source,
      active: row.active === 1,
      field: email !== undefined ? 'email' : 'phone',
      value: email !== undefined ? email : (phone ?? ''),
    });
  }
  return matches.slice(0, SHOWN);
}
