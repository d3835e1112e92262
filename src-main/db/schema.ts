import type { ColumnType, Generated } from 'kysely';

/** Timestamps are ISO-8601 strings in UTC; booleans are 0/1 (SQLite has no boolean). */
type Bool = number;

export interface ClientsTable {
  id: Generated<number>;
  source: 'quickbooks' | 'manual';
  qb_id: string | null;
  realm_id: string | null;
  display_name: string;
  /** display_name folded for sorting and duplicate checks. */
  sort_name: string;
  given_name: string | null;
  family_name: string | null;
  company_name: string | null;
  contact_person: string | null;
  email: string | null;
  /** A QuickBooks customer's addresses after the first, joined with ", " (migration 0008). */
  other_emails: ColumnType<string | null, string | null | undefined, string | null>;
  phone: string | null;
  mobile: string | null;
  billing_street: string | null;
  billing_city: string | null;
  billing_region: string | null;
  billing_postal_code: string | null;
  billing_country: string | null;
  shipping_street: string | null;
  shipping_city: string | null;
  shipping_region: string | null;
  shipping_postal_code: string | null;
  shipping_country: string | null;
  customer_type: string | null;
  active: Bool;
  inactive_reason: string | null;
  archived_at: string | null;
  parent_id: number | null;
  parent_qb_id: string | null;
  fully_qualified_name: string | null;
  qb_sync_token: string | null;
  qb_updated_at: string | null;
  last_synced_at: string | null;
  merged_into_id: number | null;
  created_at: string;
  updated_at: string;
  /** Bumped by every write to the row: a save carrying an older one is refused (migration 0012). */
  row_version: Generated<number>;
  /** The staff name of the last write to the row (its computer's); null before 0012 or for sync writes. */
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface HorsesTable {
  id: Generated<number>;
  name: string;
  breed: string | null;
  color: string | null;
  birth_year: number | null;
  created_at: string;
}

export interface ClientHorsesTable {
  client_id: number;
  horse_id: number;
  role: string;
  linked_at: string;
}

export interface StaffNotesTable {
  id: Generated<number>;
  client_id: number;
  author: string;
  body: string;
  created_at: string;
  copied_from_client_id: number | null;
  /** Set while a deleted note can still be brought back; purged after the undo window. */
  deleted_at: string | null;
  deleted_by: string | null;
}

export interface PortalSettingsTable {
  client_id: number;
  enabled: Bool;
  can_view_invoices: Bool;
  can_view_horses: Bool;
  updated_at: string;
}

export interface ClientPreferencesTable {
  client_id: number;
  contact_method: string;
  newsletter: Bool;
  reminders_enabled: Bool;
  notes: string;
  updated_at: string;
  /** As on clients: 0 in a save means "nobody had saved preferences" (migration 0012). */
  row_version: Generated<number>;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ActivityTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  summary: string;
  client_id: number | null;
  /** JSON with machine-readable detail; never tokens. */
  detail: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ConnectionTable {
  realm_id: string;
  company_name: string | null;
  environment: string;
  connected_at: string;
  status: string;
  status_detail: string | null;
  refresh_expires_at: string | null;
  updated_at: ColumnType<string, string, string>;
}

/** One customer sync (the Sync Log); counts grow page by page with the data they count. */
export interface SyncRunsTable {
  id: Generated<number>;
  realm_id: string | null;
  trigger: string;
  kind: string | null;
  result: string;
  started_at: string;
  finished_at: string | null;
  created: Generated<number>;
  updated: Generated<number>;
  deactivated: Generated<number>;
  reactivated: Generated<number>;
  deleted: Generated<number>;
  unchanged: Generated<number>;
  errors: Generated<number>;
  fetched: Generated<number>;
  message: string | null;
  detail: string | null;
}

export interface SyncItemsTable {
  id: Generated<number>;
  run_id: number;
  at: string;
  qb_id: string | null;
  client_id: number | null;
  client_name: string | null;
  action: string;
  message: string;
  detail: string | null;
  /** JSON [{ label, before, after }]: what a sync changed on the client (migration 0010). */
  changes: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Where the next sync of a QuickBooks company starts. */
export interface SyncStateTable {
  realm_id: string;
  changed_since: string | null;
  last_full_at: string | null;
  full_started_at: string | null;
  full_after_id: string | null;
  updated_at: string;
}

/** A QuickBooks/manual pair staff marked "not a duplicate"; the scan skips it. */
export interface DuplicateDismissalsTable {
  quickbooks_client_id: number;
  manual_client_id: number;
  dismissed_at: string;
  dismissed_by: string;
}

/** One merge; `changes` is JSON (duplicates/merge-changes.ts) so undo can put each piece back. */
export interface ClientMergesTable {
  id: Generated<number>;
  kept_client_id: number;
  archived_client_id: number;
  merged_at: string;
  merged_by: string;
  changes: string;
  undone_at: string | null;
  undone_by: string | null;
}

/** A CSV import, undoable from the import history. */
export interface ImportBatchesTable {
  id: Generated<number>;
  file_name: string;
  actor: string;
  imported_at: string;
  linked: number;
  created: number;
  skipped: number;
  excluded: number;
  horses_linked: number;
  horses_created: number;
  notes_added: number;
  undone_at: string | null;
  undone_by: string | null;
  undo_detail: string | null;
}

/**
 * What a batch added: kind 'client' (created), 'horse' (created), 'link'
 * (client + horse), 'note'; and 'match', a QuickBooks client a row linked to
 * (nothing to take back: it tells the client's history).
 */
export interface ImportBatchItemsTable {
  batch_id: number;
  kind: 'client' | 'horse' | 'link' | 'note' | 'match';
  client_id: number | null;
  horse_id: number | null;
  note_id: number | null;
}

/** A document on a client (migration 0011); its bytes are in documents/ by content hash. */
export interface ClientDocumentsTable {
  id: Generated<number>;
  client_id: number;
  content_hash: string;
  name: string;
  type: string;
  size_bytes: number;
  added_at: string;
  added_by: string;
  visible_in_portal: Generated<Bool>;
  removed_at: ColumnType<string | null, string | null | undefined, string | null>;
  removed_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Who opened a profile or a document, or exported a client's data (migration 0011). */
export interface AccessLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  client_id: number;
  document_id: number | null;
  summary: string;
}

/** Each computer using the data, by the id in its data folder (migration 0012). */
export interface ComputersTable {
  id: string;
  /** The OS host name at its last start. */
  name: string;
  /** Who works at this computer: signs its notes, imports and merges. */
  staff_name: string | null;
  app_version: string | null;
  last_seen_at: string | null;
}

export interface Database {
  clients: ClientsTable;
  horses: HorsesTable;
  client_horses: ClientHorsesTable;
  staff_notes: StaffNotesTable;
  portal_settings: PortalSettingsTable;
  client_preferences: ClientPreferencesTable;
  activity: ActivityTable;
  settings: SettingsTable;
  connection: ConnectionTable;
  sync_runs: SyncRunsTable;
  sync_items: SyncItemsTable;
  sync_state: SyncStateTable;
  duplicate_dismissals: DuplicateDismissalsTable;
  client_merges: ClientMergesTable;
  import_batches: ImportBatchesTable;
  import_batch_items: ImportBatchItemsTable;
  client_documents: ClientDocumentsTable;
  access_log: AccessLogTable;
  computers: ComputersTable;
}
