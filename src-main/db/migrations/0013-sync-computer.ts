import { sql, type Kysely } from 'kysely';

/**
 * Issue 17, several computers on one client list, one of them syncing:
 * - `connection.sync_computer_id/_name`: the computer that connected QuickBooks
 *   holds the tokens in its keychain, so only it can sync; the others show its
 *   name ("Syncs run on FRONT-DESK") and ask it to run.
 * - `computers.left_at`: set when EquineOps closes cleanly, so the others say
 *   "off" at once instead of after the presence window.
 * - `sync_requests`: "Sync Now" on another computer, and a nightly slot fired on
 *   a computer that is not the sync computer; the sync computer claims and runs
 *   them. The unique (realm_id, slot) makes one row per company and night
 *   however many computers' schedules fire.
 * Portable kysely: the same step runs on SQLite (where nothing uses the table).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('connection').addColumn('sync_computer_id', 'text').execute();
  await db.schema.alterTable('connection').addColumn('sync_computer_name', 'text').execute();
  await db.schema.alterTable('computers').addColumn('left_at', 'text').execute();
  await db.schema
    .createTable('sync_requests')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('realm_id', 'text', (col) => col.notNull())
    .addColumn('trigger', 'text', (col) => col.notNull())
    .addColumn('mode', 'text', (col) => col.notNull().defaultTo('auto'))
    .addColumn('slot', 'text')
    .addColumn('requested_by_computer', 'text', (col) => col.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', 'text', (col) => col.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('run_id', 'integer')
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('message', 'text')
    .execute();
  await db.schema
    .createIndex('sync_requests_one_per_slot')
    .on('sync_requests')
    .columns(['realm_id', 'slot'])
    .unique()
    .where(sql.ref('slot'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('sync_requests_open')
    .on('sync_requests')
    .columns(['realm_id', 'outcome'])
    .execute();
}
