import type { Insertable, Selectable } from 'kysely';
import type { Address, Client, ContactFields } from '../../src-shared/contract';
import type { ClientsTable } from '../db/schema';
import { foldForSort } from './sort-name';

/** A clients row as read, plus the two values joined in: the parent's name and the realm's environment. */
export type ClientRecord = Selectable<ClientsTable> & {
  parent_name: string | null;
  qb_environment: string | null;
};

type ContactColumns = Pick<
  Insertable<ClientsTable>,
  | 'display_name'
  | 'sort_name'
  | 'given_name'
  | 'family_name'
  | 'company_name'
  | 'contact_person'
  | 'email'
  | 'phone'
  | 'mobile'
  | 'billing_street'
  | 'billing_city'
  | 'billing_region'
  | 'billing_postal_code'
  | 'billing_country'
  | 'shipping_street'
  | 'shipping_city'
  | 'shipping_region'
  | 'shipping_postal_code'
  | 'shipping_country'
  | 'customer_type'
>;

/**
 * The columns a set of contact fields is stored in (addresses are flattened to
 * billing_* / shipping_*; sort_name follows display_name). Sync and import
 * write through this too, so the shape is defined once.
 */
export function contactColumns(fields: ContactFields): Required<ContactColumns> {
  return {
    display_name: fields.displayName,
    sort_name: foldForSort(fields.displayName),
    given_name: fields.givenName,
    family_name: fields.familyName,
    company_name: fields.companyName,
    contact_person: fields.contactPerson,
    email: fields.email,
    phone: fields.phone,
    mobile: fields.mobile,
    billing_street: fields.billingAddress?.street ?? null,
    billing_city: fields.billingAddress?.city ?? null,
    billing_region: fields.billingAddress?.region ?? null,
    billing_postal_code: fields.billingAddress?.postalCode ?? null,
    billing_country: fields.billingAddress?.country ?? null,
    shipping_street: fields.shippingAddress?.street ?? null,
    shipping_city: fields.shippingAddress?.city ?? null,
    shipping_region: fields.shippingAddress?.region ?? null,
    shipping_postal_code: fields.shippingAddress?.postalCode ?? null,
    shipping_country: fields.shippingAddress?.country ?? null,
    customer_type: fields.customerType,
  };
}

export function contactFieldsOf(row: Selectable<ClientsTable>): ContactFields {
  return {
    displayName: row.display_name,
    givenName: row.given_name,
    familyName: row.family_name,
    companyName: row.company_name,
    contactPerson: row.contact_person,
    email: row.email,
    phone: row.phone,
    mobile: row.mobile,
    billingAddress: address(
      row.billing_street,
      row.billing_city,
      row.billing_region,
      row.billing_postal_code,
      row.billing_country,
    ),
    shippingAddress: address(
      row.shipping_street,
      row.shipping_city,
      row.shipping_region,
      row.shipping_postal_code,
      row.shipping_country,
    ),
    customerType: row.customer_type,
  };
}

export function toClient(row: ClientRecord): Client {
  return {
    id: row.id,
    source: row.source,
    qbId: row.qb_id,
    realmId: row.realm_id,
    ...contactFieldsOf(row),
    emails: allEmailsOf(row),
    active: row.active === 1,
    inactiveReason: row.inactive_reason,
    archivedAt: row.archived_at,
    parentId: row.parent_id,
    parentName: row.parent_name,
    fullyQualifiedName: row.fully_qualified_name,
    qbUpdatedAt: row.qb_updated_at,
    lastSyncedAt: row.last_synced_at,
    mergedIntoId: row.merged_into_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    quickBooksUrl: quickBooksCustomerUrl(row.qb_id, row.qb_environment),
    version: row.row_version,
  };
}

/** The primary address, then a QuickBooks customer's others (migration 0008). */
function allEmailsOf(row: Pick<Selectable<ClientsTable>, 'email' | 'other_emails'>): string[] {
  const others = (row.other_emails ?? '').split(', ').filter((e) => e !== '');
  return row.email ? [row.email, ...others] : others;
}

/** "View in QuickBooks": sandbox companies live on a different host. */
export function quickBooksCustomerUrl(
  qbId: string | null,
  environment: string | null,
): string | null {
  if (qbId === null) return null;
  const host = environment === 'sandbox' ? 'app.sandbox.qbo.intuit.com' : 'app.qbo.intuit.com';
  return `https://${host}/app/customerdetail?nameId=${encodeURIComponent(qbId)}`;
}

/** An address with every part empty is no address at all. */
function address(
  street: string | null,
  city: string | null,
  region: string | null,
  postalCode: string | null,
  country: string | null,
): Address | null {
  if ([street, city, region, postalCode, country].every((v) => v === null || v === '')) return null;
  return { street, city, region, postalCode, country };
}
