import { ContactFields, contactFieldNames, type Client } from '../../src-shared/contract';
import { validationError } from '../api/dispatcher';
import { AppError } from '../errors';

/**
 * What `clients.update` may change. QuickBooks is the master of its customers'
 * contact details (sync is one way), so the core refuses the edit itself; the
 * greyed-out form is only a courtesy. Horses, notes, portal and preferences
 * are local and stay editable for every client: they never pass through here.
 */

export type ContactPatch = Partial<ContactFields>;

/**
 * The names of the fields the patch would really change (a re-sent unchanged
 * value is no change). A client with no shipping address ships to its billing
 * address, and the form's "same as billing" sends the billing address as the
 * shipping one: that is the same place, not a change of shipping address.
 */
export function changedContactFields(client: Client, patch: ContactPatch): (keyof ContactFields)[] {
  const current = contactFieldsOfClient(client);
  const next = { ...current, ...definedOnly(patch) };
  return (Object.keys(patch) as (keyof ContactFields)[]).filter((field) => {
    if (patch[field] === undefined) return false;
    if (field === 'shippingAddress') {
      return !sameValue(shipsTo(current), shipsTo(next));
    }
    return !sameValue(current[field], patch[field]);
  });
}

function shipsTo(fields: ContactFields): unknown {
  return normalizeEmpty(fields.shippingAddress) ?? normalizeEmpty(fields.billingAddress);
}

/**
 * Refuses a contact change that is not allowed, or returns the validated
 * record after the change. Order matters: a QuickBooks client is refused as
 * read-only even when archived, because that is the lasting reason.
 */
export function applyContactPatch(client: Client, patch: ContactPatch): ContactFields {
  const changed = changedContactFields(client, patch);
  const current = contactFieldsOfClient(client);
  if (changed.length === 0) return current;
  if (client.source === 'quickbooks') {
    throw new AppError(
      'read_only',
      `${client.displayName} comes from QuickBooks, so contact details can only be changed there. Edit the customer in QuickBooks; the change arrives here at the next sync.`,
      {
        detail: `Refused fields: ${changed.join(', ')}`,
        fields: Object.fromEntries(changed.map((f) => [f, 'read only'])),
      },
    );
  }
  if (client.archivedAt !== null) {
    // An archived client is usually the leftover of a merge: an edit nobody
    // sees in the lists is more likely a mistake than an intention.
    throw new AppError(
      'conflict',
      `${client.displayName} is archived. Restore the client before changing contact details.`,
    );
  }
  // Fields are checked one by one by the contract; the merged record is what gets stored, so check it whole.
  // Only the changed fields: a shipping address "changed" to its billing twin stays as it was.
  const merged = ContactFields.safeParse({
    ...current,
    ...Object.fromEntries(changed.map((field) => [field, patch[field]])),
  });
  if (!merged.success) throw validationError(merged.error);
  return merged.data;
}

/** Words for the activity log: "Changed email, phone". */
export function describeChangedFields(fields: readonly (keyof ContactFields)[]): string {
  const words = fields.map((f) => f.replace(/([A-Z])/g, ' $1').toLowerCase());
  return `Changed ${words.join(', ')}`;
}

function definedOnly(patch: ContactPatch): ContactPatch {
  return Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as ContactPatch;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalizeEmpty(a)) === JSON.stringify(normalizeEmpty(b));
}

/** Address parts in one order, blanks as null: the same address however it was sent. */
function canonicalAddress(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    ['street', 'city', 'region', 'postalCode', 'country'].map((part) => {
      const v = value[part];
      return [part, typeof v === 'string' && v.trim() === '' ? null : (v ?? null)];
    }),
  );
}

/** An empty address (every part blank) is the same as no address. */
function normalizeEmpty(value: unknown): unknown {
  if (value !== null && typeof value === 'object') {
    const address = canonicalAddress(value as Record<string, unknown>);
    return Object.values(address).every((v) => v === null) ? null : address;
  }
  return value;
}

/** The contact part of a client, as `clients.create` would take it. */
export function contactFieldsOfClient(client: Client): ContactFields {
  return Object.fromEntries(
    contactFieldNames.map((field) => [field, client[field]]),
  ) as ContactFields;
}
