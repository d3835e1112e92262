import { sql, type Kysely } from 'kysely';

// Migrations are forward-only: a released migration is never edited, a new one is added.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('clients')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('quickbooks', 'manual')`))
    .addColumn('qb_id', 'text')
    .addColumn('realm_id', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('sort_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('family_name', 'text')
    .addColumn('company_name', 'text')
    .addColumn('contact_person', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('mobile', 'text')
    .addColumn('billing_street', 'text')
    .addColumn('billing_city', 'text')
    .addColumn('billing_region', 'text')
    .addColumn('billing_postal_code', 'text')
    .addColumn('billing_country', 'text')
    .addColumn('shipping_street', 'text')
    .addColumn('shipping_city', 'text')
    .addColumn('shipping_region', 'text')
    .addColumn('shipping_postal_code', 'text')
    .addColumn('shipping_country', 'text')
    .addColumn('customer_type', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('inactive_reason', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('parent_id', 'integer', (c) => c.references('clients.id').onDelete('set null'))
    .addColumn('parent_qb_id', 'text')
    .addColumn('fully_qualified_name', 'text')
    .addColumn('qb_sync_token', 'text')
    .addColumn('qb_updated_at', 'text')
    .addColumn('last_synced_at', 'text')
    .addColumn('merged_into_id', 'integer', (c) => c.references('clients.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('clients_qb_identity')
    .unique()
    .on('clients')
    .columns(['realm_id', 'qb_id'])
    .execute();
  await db.schema
    .createIndex('clients_list_by_name')
    .on('clients')
    .columns(['archived_at', 'active', 'sort_name'])
    .execute();
  await db.schema.createIndex('clients_email').on('clients').column('email').execute();
  // The Clients list sorts by these within a status; without an index 50,000 rows sort each time.
  for (const column of ['email', 'phone', 'source', 'last_synced_at', 'created_at']) {
    await db.schema
      .createIndex(`clients_list_by_${column}`)
      .on('clients')
      .columns(['archived_at', 'active', column])
      .execute();
  }

  await db.schema
    .createTable('horses')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('breed', 'text')
    .addColumn('color', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('client_horses')
    .addColumn('client_id', 'integer', (c) =>
      c.notNull().references('clients.id').onDelete('cascade'),
    )
    .addColumn('horse_id', 'integer', (c) =>
      c.notNull().references('horses.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('Owner'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('client_horses_pk', ['client_id', 'horse_id'])
    .execute();
  await db.schema
    .createIndex('client_horses_by_horse')
    .on('client_horses')
    .column('horse_id')
    .execute();

  await db.schema
    .createTable('staff_notes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('client_id', 'integer', (c) =>
      c.notNull().references('clients.id').onDelete('cascade'),
    )
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('copied_from_client_id', 'integer', (c) =>
      c.references('clients.id').onDelete('set null'),
    )
    .execute();
  await db.schema
    .createIndex('staff_notes_by_client')
    .on('staff_notes')
    .column('client_id')
    .execute();

  await db.schema
    .createTable('portal_settings')
    .addColumn('client_id', 'integer', (c) =>
      c.primaryKey().references('clients.id').onDelete('cascade'),
    )
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('can_view_invoices', 'integer', (c) => c.notNull())
    .addColumn('can_view_horses', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('client_preferences')
    .addColumn('client_id', 'integer', (c) =>
      c.primaryKey().references('clients.id').onDelete('cascade'),
    )
    .addColumn('contact_method', 'text', (c) => c.notNull())
    .addColumn('newsletter', 'integer', (c) => c.notNull())
    .addColumn('reminders_enabled', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('activity')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('client_id', 'integer', (c) => c.references('clients.id').onDelete('set null'))
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('activity_by_client')
    .on('activity')
    .columns(['client_id', 'at'])
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('connection')
    .addColumn('realm_id', 'text', (c) => c.primaryKey())
    .addColumn('company_name', 'text')
    .addColumn('environment', 'text', (c) => c.notNull())
    .addColumn('connected_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_detail', 'text')
    .addColumn('refresh_expires_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
