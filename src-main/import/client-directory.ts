import type { Db } from '../db/open-database';
import { splitEmails } from './email-addresses';

/** A client an import row can match, with what choosing among several needs. */
export interface DirectoryClient {
  id: number;
  name: string;
  nameKey: string;
  usable: boolean;
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

export async function loadClientDirectory(db: Db): Promise<ClientDirectory> {
  const rows = await db
    .selectFrom('clients')
    .select([
      'id',
      'source',
      'display_name',
      'sort_name',
      'email',
      'active',
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
      usable: row.active === 1 && row.merged_into_id === null,
      topLevel: row.parent_id === null,
    };
    // A QuickBooks email field may hold several addresses, and a household shares one.
    const emails = row.email ? splitEmails(row.email) : [];
    if (row.source === 'quickbooks') {
      for (const email of emails) push(directory.quickBooksByEmail, email, client);
      push(directory.quickBooksByName, client.nameKey, client);
    } else {
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
