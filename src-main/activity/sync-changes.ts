import { z } from 'zod';
import { SyncFieldChange } from '../../src-shared/contract';

/**
 * What a sync changed on one client, field by field, as the client's history
 * shows it: "Phone updated from QuickBooks: 555 0100 → 555 0199". Kept with the
 * sync's own line for that client (sync_items.changes), not copied elsewhere;
 * the Sync Log's run page shows the same (the contract's SyncFieldChange).
 */
export const SyncChange = SyncFieldChange;
export type SyncChange = SyncFieldChange;

/**
 * Columns grouped into what a person calls one field; an address is one value
 * made of its parts. Status is left out: deactivated and reactivated are their
 * own lines, and the parent link is an id nobody reads.
 */
const FIELDS: { label: string; columns: readonly string[]; joiner: string }[] = [
  { label: 'name', columns: ['display_name'], joiner: '' },
  { label: 'first name', columns: ['given_name'], joiner: '' },
  { label: 'last name', columns: ['family_name'], joiner: '' },
  { label: 'company', columns: ['company_name'], joiner: '' },
  { label: 'contact person', columns: ['contact_person'], joiner: '' },
  { label: 'email', columns: ['email', 'other_emails'], joiner: ', ' },
  { label: 'phone', columns: ['phone'], joiner: '' },
  { label: 'mobile', columns: ['mobile'], joiner: '' },
  {
    label: 'billing address',
    columns: [
      'billing_street',
      'billing_city',
      'billing_region',
      'billing_postal_code',
      'billing_country',
    ],
    joiner: ', ',
  },
  {
    label: 'shipping address',
    columns: [
      'shipping_street',
      'shipping_city',
      'shipping_region',
      'shipping_postal_code',
      'shipping_country',
    ],
    joiner: ', ',
  },
  { label: 'customer type', columns: ['customer_type'], joiner: '' },
  { label: 'full name', columns: ['fully_qualified_name'], joiner: '' },
];

function valueOf(
  row: Readonly<Record<string, unknown>>,
  columns: readonly string[],
  joiner: string,
) {
  const parts = columns
    .map((column) => row[column])
    .filter((v) => v !== null && v !== undefined && String(v).trim() !== '')
    .map((v) => String(v).replace(/\s+/g, ' ').trim());
  return parts.length === 0 ? null : parts.join(joiner);
}

/** The fields whose value differs between the client as it was and as QuickBooks sends it. */
export function describeSyncChanges(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): SyncChange[] {
  const changes: SyncChange[] = [];
  for (const field of FIELDS) {
    const was = valueOf(before, field.columns, field.joiner);
    const now = valueOf(after, field.columns, field.joiner);
    if (was !== now) changes.push({ label: field.label, before: was, after: now });
  }
  return changes;
}

/** The stored changes of a sync line; an unreadable value (a line from before they were kept) is none. */
export function parseSyncChanges(stored: string | null): SyncChange[] {
  if (stored === null) return [];
  try {
    const parsed = z.array(SyncChange).safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
