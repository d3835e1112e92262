import type { Db } from '../db/open-database';
import {
  DELETED_IN_QUICKBOOKS,
  DELETED_OR_MERGED_IN_QUICKBOOKS,
} from '../quickbooks/mapping/customer-mapping';
import { splitEmails } from './email-addresses';

/** A client an import row can match, with what choosing among several needs. */
export interface DirectoryClient {
  id: number;
  name: string;
  nameKey: string;
  active: boolean;
  /**
   * Why the client can never be linked to (deleted or merged in QuickBooks,
   * or merged here into another client), or null while it can.
   */
  gone: string | null;
  topLevel: boolean;
}

/**
 * Every client's email addresses and folded name, loaded once into maps so
 * 50,000 rows are classified without a query each.
 */
export interface ClientDirectory {
  quickBooksByEmail: Map<string, DirectoryClient[]>;
  quickBooksByName: Map<string, DirectoryClient[]>;
  manualByEmail: Map<string, DirectoryClient>;
  manualByName: Map<string, DirectoryClient>;
}

function goneReason(row: { inactive_reason: string | null; merged_into_id: number | null }) {
  if (row.merged_into_id !== null) return 'merged into another client here';
  if (row.inactive_reason === DELETED_IN_QUICKBOOKS) return 'deleted in QuickBooks';
  if (row.inactive_reason === DELETED_OR_MERGED_IN_QUICKBOOKS)
    return 'deleted or merged in QuickBooks';
  return null;
}

export async function loadClientDirectory(db: Db): Promise<ClientDirectory> {
  const rows = await db
    .selectFrom('clients')
    .select([
      'id',
      'source',
      'display_name',
      'sort_name',
      'email',
      'other_emails',
      'active',
      'inactive_reason',
      'parent_id',
      'merged_into_id',
    ])
    .orderBy('id')
    .execute();
  const directory: ClientDirectory = {
    quickBooksByEmail: new Map(),
    quickBooksByName: new Map(),
    manualByEmail: new Map(),
    manualByName: new Map(),
  };
  for (const row of rows) {
    const client: DirectoryClient = {
      id: row.id,
      name: row.display_name,
      nameKey: row.sort_name,
      active: row.active === 1,
      gone: goneReason(row),
      topLevel: row.parent_id === null,
    };
    // Every address of a QuickBooks email box counts, and a household shares one.
    const emails = splitEmails(row.email, row.other_emails);
    if (row.source === 'quickbooks') {
      for (const email of emails) push(directory.quickBooksByEmail, email, client);
      push(directory.quickBooksByName, client.nameKey, client);
    } else if (client.gone === null) {
      for (const email of emails) {
        if (!directory.manualByEmail.has(email)) directory.manualByEmail.set(email, client);
      }
      if (!directory.manualByName.has(client.nameKey))
        directory.manualByName.set(client.nameKey, client);
    }
  }
  return directory;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}
