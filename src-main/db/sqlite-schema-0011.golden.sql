-- index access_log_by_client on access_log
CREATE INDEX "access_log_by_client" on "access_log" ("client_id", "at");

-- index access_log_by_time on access_log
CREATE INDEX "access_log_by_time" on "access_log" ("at");

-- index activity_by_client on activity
CREATE INDEX "activity_by_client" on "activity" ("client_id", "at");

-- index client_documents_by_client on client_documents
CREATE INDEX "client_documents_by_client" on "client_documents" ("client_id", "removed_at");

-- index client_documents_by_hash on client_documents
CREATE INDEX "client_documents_by_hash" on "client_documents" ("content_hash");

-- index client_horses_by_horse on client_horses
CREATE INDEX "client_horses_by_horse" on "client_horses" ("horse_id");

-- index client_merges_by_archived on client_merges
CREATE INDEX "client_merges_by_archived" on "client_merges" ("archived_client_id");

-- index client_merges_by_kept on client_merges
CREATE INDEX "client_merges_by_kept" on "client_merges" ("kept_client_id");

-- index clients_by_merged_into_id on clients
CREATE INDEX "clients_by_merged_into_id" on "clients" ("merged_into_id") where "merged_into_id" is not null;

-- index clients_by_parent_id on clients
CREATE INDEX "clients_by_parent_id" on "clients" ("parent_id") where "parent_id" is not null;

-- index clients_email on clients
CREATE INDEX "clients_email" on "clients" ("email");

-- index clients_list_by_created_at on clients
CREATE INDEX "clients_list_by_created_at" on "clients" ("archived_at", "active", "created_at");

-- index clients_list_by_email on clients
CREATE INDEX "clients_list_by_email" on "clients" ("archived_at", "active", "email");

-- index clients_list_by_last_synced_at on clients
CREATE INDEX "clients_list_by_last_synced_at" on "clients" ("archived_at", "active", "last_synced_at");

-- index clients_list_by_name on clients
CREATE INDEX "clients_list_by_name" on "clients" ("archived_at", "active", "sort_name");

-- index clients_list_by_phone on clients
CREATE INDEX "clients_list_by_phone" on "clients" ("archived_at", "active", "phone");

-- index clients_list_by_source on clients
CREATE INDEX "clients_list_by_source" on "clients" ("archived_at", "active", "source");

-- index clients_qb_identity on clients
CREATE UNIQUE INDEX "clients_qb_identity" on "clients" ("realm_id", "qb_id");

-- index import_batch_items_by_batch on import_batch_items
CREATE INDEX "import_batch_items_by_batch" on "import_batch_items" ("batch_id", "kind");

-- index import_batch_items_by_client_id on import_batch_items
CREATE INDEX "import_batch_items_by_client_id" on "import_batch_items" ("client_id") where "client_id" is not null;

-- index staff_notes_by_client on staff_notes
CREATE INDEX "staff_notes_by_client" on "staff_notes" ("client_id");

-- index staff_notes_by_copied_from_client_id on staff_notes
CREATE INDEX "staff_notes_by_copied_from_client_id" on "staff_notes" ("copied_from_client_id") where "copied_from_client_id" is not null;

-- index staff_notes_deleted on staff_notes
CREATE INDEX "staff_notes_deleted" on "staff_notes" ("client_id", "deleted_at") where "deleted_at" is not null;

-- index sync_items_by_client_id on sync_items
CREATE INDEX "sync_items_by_client_id" on "sync_items" ("client_id") where "client_id" is not null;

-- index sync_items_by_run on sync_items
CREATE INDEX "sync_items_by_run" on "sync_items" ("run_id", "action", "id");

-- table access_log on access_log
CREATE TABLE "access_log" ("id" integer primary key autoincrement, "at" text not null, "actor" text not null, "action" text not null, "client_id" integer not null references "clients" ("id") on delete cascade, "document_id" integer, "summary" text not null);

-- table activity on activity
CREATE TABLE "activity" ("id" integer primary key autoincrement, "at" text not null, "actor" text not null, "action" text not null, "summary" text not null, "client_id" integer references "clients" ("id") on delete set null, "detail" text);

-- table client_documents on client_documents
CREATE TABLE "client_documents" ("id" integer primary key autoincrement, "client_id" integer not null references "clients" ("id") on delete cascade, "content_hash" text not null, "name" text not null, "type" text not null, "size_bytes" integer not null, "added_at" text not null, "added_by" text not null, "visible_in_portal" integer default 0 not null, "removed_at" text, "removed_by" text);

-- table client_horses on client_horses
CREATE TABLE "client_horses" ("client_id" integer not null references "clients" ("id") on delete cascade, "horse_id" integer not null references "horses" ("id") on delete cascade, "role" text default 'Owner' not null, "linked_at" text not null, constraint "client_horses_pk" primary key ("client_id", "horse_id"));

-- table client_merges on client_merges
CREATE TABLE "client_merges" ("id" integer primary key autoincrement, "kept_client_id" integer not null references "clients" ("id") on delete cascade, "archived_client_id" integer not null references "clients" ("id") on delete cascade, "merged_at" text not null, "merged_by" text not null, "changes" text not null, "undone_at" text, "undone_by" text);

-- table client_preferences on client_preferences
CREATE TABLE "client_preferences" ("client_id" integer primary key references "clients" ("id") on delete cascade, "contact_method" text not null, "newsletter" integer not null, "reminders_enabled" integer not null, "notes" text not null, "updated_at" text not null);

-- table clients on clients
CREATE TABLE "clients" ("id" integer primary key autoincrement, "source" text not null check (source in ('quickbooks', 'manual')), "qb_id" text, "realm_id" text, "display_name" text not null, "sort_name" text not null, "given_name" text, "family_name" text, "company_name" text, "contact_person" text, "email" text, "phone" text, "mobile" text, "billing_street" text, "billing_city" text, "billing_region" text, "billing_postal_code" text, "billing_country" text, "shipping_street" text, "shipping_city" text, "shipping_region" text, "shipping_postal_code" text, "shipping_country" text, "customer_type" text, "active" integer default 1 not null, "inactive_reason" text, "archived_at" text, "parent_id" integer references "clients" ("id") on delete set null, "parent_qb_id" text, "fully_qualified_name" text, "qb_sync_token" text, "qb_updated_at" text, "last_synced_at" text, "merged_into_id" integer references "clients" ("id") on delete set null, "created_at" text not null, "updated_at" text not null, "other_emails" text);

-- table clients_search on clients_search
CREATE VIRTUAL TABLE clients_search using fts5(
      name, company, email, phones,
      tokenize = "unicode61 remove_diacritics 2",
      prefix = '2 3'
    );

-- table clients_search_config on clients_search_config
CREATE TABLE 'clients_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table clients_search_content on clients_search_content
CREATE TABLE 'clients_search_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3);

-- table clients_search_data on clients_search_data
CREATE TABLE 'clients_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table clients_search_docsize on clients_search_docsize
CREATE TABLE 'clients_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table clients_search_idx on clients_search_idx
CREATE TABLE 'clients_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table connection on connection
CREATE TABLE "connection" ("realm_id" text primary key, "company_name" text, "environment" text not null, "connected_at" text not null, "status" text not null, "status_detail" text, "refresh_expires_at" text, "updated_at" text not null);

-- table deferred_indexes on deferred_indexes
CREATE TABLE "deferred_indexes" ("name" text primary key, "sql" text not null);

-- table documents_search on documents_search
CREATE VIRTUAL TABLE documents_search using fts5(
      name,
      tokenize = "unicode61 remove_diacritics 2",
      prefix = '2 3'
    );

-- table documents_search_config on documents_search_config
CREATE TABLE 'documents_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table documents_search_content on documents_search_content
CREATE TABLE 'documents_search_content'(id INTEGER PRIMARY KEY, c0);

-- table documents_search_data on documents_search_data
CREATE TABLE 'documents_search_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table documents_search_docsize on documents_search_docsize
CREATE TABLE 'documents_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table documents_search_idx on documents_search_idx
CREATE TABLE 'documents_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table duplicate_dismissals on duplicate_dismissals
CREATE TABLE "duplicate_dismissals" ("quickbooks_client_id" integer not null references "clients" ("id") on delete cascade, "manual_client_id" integer not null references "clients" ("id") on delete cascade, "dismissed_at" text not null, "dismissed_by" text not null, constraint "duplicate_dismissals_pk" primary key ("quickbooks_client_id", "manual_client_id"));

-- table horses on horses
CREATE TABLE "horses" ("id" integer primary key autoincrement, "name" text not null, "breed" text, "color" text, "birth_year" integer, "created_at" text not null);

-- table import_batch_items on import_batch_items
CREATE TABLE "import_batch_items" ("batch_id" integer not null references "import_batches" ("id") on delete cascade, "kind" text not null, "client_id" integer, "horse_id" integer, "note_id" integer);

-- table import_batches on import_batches
CREATE TABLE "import_batches" ("id" integer primary key autoincrement, "file_name" text not null, "actor" text not null, "imported_at" text not null, "linked" integer not null, "created" integer not null, "skipped" integer not null, "excluded" integer not null, "horses_linked" integer not null, "horses_created" integer not null, "notes_added" integer not null, "undone_at" text, "undone_by" text, "undo_detail" text);

-- table kysely_migration on kysely_migration
CREATE TABLE "kysely_migration" (
    name varchar(255) not null primary key,
    timestamp varchar(255) not null
  );

-- table portal_settings on portal_settings
CREATE TABLE "portal_settings" ("client_id" integer primary key references "clients" ("id") on delete cascade, "enabled" integer not null, "can_view_invoices" integer not null, "can_view_horses" integer not null, "updated_at" text not null);

-- table settings on settings
CREATE TABLE "settings" ("key" text primary key, "value" text not null);

-- table sqlite_sequence on sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);

-- table staff_notes on staff_notes
CREATE TABLE "staff_notes" ("id" integer primary key autoincrement, "client_id" integer not null references "clients" ("id") on delete cascade, "author" text not null, "body" text not null, "created_at" text not null, "copied_from_client_id" integer references "clients" ("id") on delete set null, "deleted_at" text, "deleted_by" text);

-- table sync_items on sync_items
CREATE TABLE "sync_items" ("id" integer primary key autoincrement, "run_id" integer not null references "sync_runs" ("id") on delete cascade, "at" text not null, "qb_id" text, "client_id" integer references "clients" ("id") on delete set null, "client_name" text, "action" text not null, "message" text not null, "detail" text, "changes" text);

-- table sync_runs on sync_runs
CREATE TABLE "sync_runs" ("id" integer primary key autoincrement, "realm_id" text, "trigger" text not null, "kind" text, "result" text not null, "started_at" text not null, "finished_at" text, "created" integer default 0 not null, "updated" integer default 0 not null, "deactivated" integer default 0 not null, "reactivated" integer default 0 not null, "deleted" integer default 0 not null, "unchanged" integer default 0 not null, "errors" integer default 0 not null, "fetched" integer default 0 not null, "message" text, "detail" text);

-- table sync_state on sync_state
CREATE TABLE "sync_state" ("realm_id" text primary key, "changed_since" text, "last_full_at" text, "full_started_at" text, "full_after_id" text, "updated_at" text not null);

-- clients_search_config: [{"k":"version","v":4}]
-- documents_search_config: [{"k":"secure-delete","v":1},{"k":"version","v":4}]
