import { sql, type Kysely } from 'kysely';

/**
 * FTS5 index over names, emails and phones. SQLite-only SQL stays in db/.
 * `phones` holds digit-only forms of phone and mobile (whole, without a leading
 * country 1, last seven) so "555 0142", "(555) 010-0142" and "5550100142" all match.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create virtual table clients_search using fts5(
      name, company, email, phones,
      tokenize = "unicode61 remove_diacritics 2",
      prefix = '2 3'
    )`.execute(db);
}
