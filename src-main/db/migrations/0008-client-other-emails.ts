import type { Kysely } from 'kysely';

/**
 * A QuickBooks email box may hold several addresses ("a@x.com, b@x.com", a
 * couple sharing a customer). `email` keeps the first, the one QuickBooks
 * sends invoices to; the others are kept here, joined with ", ", so the
 * profile shows them and the import, the duplicates finder and search match
 * on every one. Null when the customer has one address or none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clients').addColumn('other_emails', 'text').execute();
}
