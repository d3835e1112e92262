import type { Db } from '../db/open-database';
import {
  DELETED_IN_QUICKBOOKS,
  DELETED_OR_MERGED_IN_QUICKBOOKS,
} from '../quickbooks/mapping/customer-mapping';
import { compareQbIds } from './customer-source';

export interface LocalQbClient {
  qbId: string;
  deleted: boolean;
}

/** The company's QuickBooks clients this app holds, in QuickBooks' Id order: what a full pass checks off. */
export async function localQuickBooksClients(db: Db, realmId: string): Promise<LocalQbClient[]> {
  const rows = await db
    .selectFrom('clients')
    .select(['qb_id', 'active', 'inactive_reason'])
    .where('realm_id', '=', realmId)
    .where('source', '=', 'quickbooks')
    .execute();
  return rows
    .filter((r): r is typeof r & { qb_id: string } => r.qb_id !== null)
    .map((r) => ({
      qbId: r.qb_id,
      deleted:
        r.active === 0 &&
        (r.inactive_reason === DELETED_IN_QUICKBOOKS ||
          r.inactive_reason === DELETED_OR_MERGED_IN_QUICKBOOKS),
    }))
    .sort((a, b) => compareQbIds(a.qbId, b.qbId));
}
