import { sql, type Kysely } from 'kysely';

/**
 * A QuickBooks email box may hold several addresses ("a@x.com, b@x.com", a
 * couple sharing a customer). `email` keeps the first, the one QuickBooks
 * sends invoices to; the others are kept here, joined with ", ", so the
 * profile shows them and the import, the duplicates finder and search match
 * on every one. Null when the customer has one address or none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clients').addColumn('other_emails', 'text').execute();
  // Only the first address was stored until now, and a change list brings only the customers
  // changed since: the next sync reads every customer again (a full pass is due once
  // last_full_at is over a week old), so the couples already here get their other addresses.
  await sql`update sync_state set last_full_at = '1970-01-01T00:00:00.000Z' where last_full_at is not null`.execute(
    db,
  );
}
