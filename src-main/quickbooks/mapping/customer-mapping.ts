import type { Insertable } from 'kysely';
import type { ClientsTable } from '../../db/schema';
import { contactColumns } from '../../clients/client-row-mapping';
import type { ContactFields } from '../../../src-shared/contract';

/** A QuickBooks address as the Accounting API sends it. */
export interface QboAddressJson {
  Line1?: string;
  Line2?: string;
  Line3?: string;
  Line4?: string;
  Line5?: string;
  City?: string;
  CountrySubDivisionCode?: string;
  PostalCode?: string;
  Country?: string;
}

/**
 * The Customer fields the app reads. Everything is optional because QuickBooks
 * leaves out what is empty; Balance and the other money fields are deliberately
 * absent: they are never stored.
 */
export interface QboCustomerJson {
  Id: string;
  SyncToken?: string;
  DisplayName?: string;
  GivenName?: string;
  FamilyName?: string;
  CompanyName?: string;
  PrimaryEmailAddr?: { Address?: string };
  PrimaryPhone?: { FreeFormNumber?: string };
  Mobile?: { FreeFormNumber?: string };
  BillAddr?: QboAddressJson;
  ShipAddr?: QboAddressJson;
  CustomerTypeRef?: { value?: string; name?: string };
  Active?: boolean;
  Job?: boolean;
  ParentRef?: { value?: string };
  FullyQualifiedName?: string;
  /** CDC marks deleted and merged-away customers this way, with only Id and MetaData. */
  status?: string;
  MetaData?: { CreateTime?: string; LastUpdatedTime?: string };
}

export const INACTIVE_IN_QUICKBOOKS = 'Inactive in QuickBooks';
export const DELETED_OR_MERGED_IN_QUICKBOOKS = 'Deleted or merged in QuickBooks';
export const DELETED_IN_QUICKBOOKS = 'Deleted in QuickBooks';

/** The client columns a QuickBooks customer fills; compared before writing so unchanged rows stay untouched. */
export type MappedCustomerColumns = Required<
  Pick<
    Insertable<ClientsTable>,
    | keyof ReturnType<typeof contactColumns>
    | 'other_emails'
    | 'active'
    | 'inactive_reason'
    | 'parent_qb_id'
    | 'fully_qualified_name'
    | 'qb_sync_token'
    | 'qb_updated_at'
  >
>;

/**
 * Columns whose change makes a client "updated". SyncToken and LastUpdatedTime
 * also move when only money changes (an invoice, a payment), which the app
 * does not store, so they are saved with a real change but never cause one.
 */
export const COMPARED_COLUMNS = [
  'display_name',
  'given_name',
  'family_name',
  'company_name',
  'contact_person',
  'email',
  'other_emails',
  'phone',
  'mobile',
  'billing_street',
  'billing_city',
  'billing_region',
  'billing_postal_code',
  'billing_country',
  'shipping_street',
  'shipping_city',
  'shipping_region',
  'shipping_postal_code',
  'shipping_country',
  'customer_type',
  'active',
  'inactive_reason',
  'parent_qb_id',
  'fully_qualified_name',
] as const satisfies readonly (keyof MappedCustomerColumns)[];

export type MappingResult =
  | { ok: true; qbId: string; columns: MappedCustomerColumns }
  | { ok: false; qbId: string; message: string };

const text = (value: string | undefined | null): string | null => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

// Deliberately simple: QuickBooks already checked the shape; this only skips junk like "n/a" or "none".
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/**
 * QuickBooks lets one email box hold several addresses ("a@x.com, b@y.com",
 * a couple sharing a customer). Every valid one is kept, in QuickBooks'
 * order: the first is the one QuickBooks sends invoices to first.
 */
export function validEmails(raw: string | undefined): string[] {
  const found: string[] = [];
  for (const part of (raw ?? '').split(/[,;\s]+/)) {
    const candidate = part.trim();
    if (EMAIL.test(candidate) && !found.some((e) => e.toLowerCase() === candidate.toLowerCase()))
      found.push(candidate);
  }
  return found;
}

export function firstValidEmail(raw: string | undefined): string | null {
  return validEmails(raw)[0] ?? null;
}

/** Line1–Line5 become one street, joined with ", "; an address with nothing in it is none. */
export function mapAddress(address: QboAddressJson | undefined): ContactFields['billingAddress'] {
  if (!address) return null;
  const street = [address.Line1, address.Line2, address.Line3, address.Line4, address.Line5]
    .map(text)
    .filter((line): line is string => line !== null)
    .join(', ');
  const mapped = {
    street: text(street),
    city: text(address.City),
    region: text(address.CountrySubDivisionCode),
    postalCode: text(address.PostalCode),
    country: text(address.Country),
  };
  return Object.values(mapped).every((v) => v === null) ? null : mapped;
}

function personName(given: string | null, family: string | null): string | null {
  return text([given, family].filter(Boolean).join(' '));
}

/**
 * One QuickBooks customer → the client columns it fills, or the reason it
 * cannot be brought in (written for office staff).
 */
export function mapCustomer(customer: QboCustomerJson): MappingResult {
  const qbId = String(customer.Id);
  const given = text(customer.GivenName);
  const family = text(customer.FamilyName);
  const company = text(customer.CompanyName);
  const displayName = text(customer.DisplayName) ?? personName(given, family) ?? company;
  if (displayName === null) {
    return { ok: false, qbId, message: `QuickBooks customer ${qbId} has no name` };
  }
  const active = customer.Active !== false;
  const emails = validEmails(customer.PrimaryEmailAddr?.Address);
  const fields: ContactFields = {
    displayName,
    givenName: given,
    familyName: family,
    companyName: company,
    // A business's person to talk to; an individual is their own contact.
    contactPerson: company !== null ? personName(given, family) : null,
    email: emails[0] ?? null,
    phone: text(customer.PrimaryPhone?.FreeFormNumber),
    mobile: text(customer.Mobile?.FreeFormNumber),
    billingAddress: mapAddress(customer.BillAddr),
    shippingAddress: mapAddress(customer.ShipAddr),
    customerType: text(customer.CustomerTypeRef?.name),
  };
  return {
    ok: true,
    qbId,
    columns: {
      ...contactColumns(fields),
      other_emails: emails.length > 1 ? emails.slice(1).join(', ') : null,
      active: active ? 1 : 0,
      inactive_reason: active ? null : INACTIVE_IN_QUICKBOOKS,
      parent_qb_id: text(customer.ParentRef?.value),
      fully_qualified_name: text(customer.FullyQualifiedName),
      qb_sync_token: text(customer.SyncToken),
      qb_updated_at: qboTimeToIso(customer.MetaData?.LastUpdatedTime),
    },
  };
}

/** QuickBooks times carry the company's offset ("…-08:00"); the app stores UTC ISO strings. */
export function qboTimeToIso(value: string | undefined): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Names of the compared columns that differ, for the Sync Log ("email, phone"). */
export function changedColumns(
  before: Readonly<Record<string, unknown>>,
  after: MappedCustomerColumns,
): (typeof COMPARED_COLUMNS)[number][] {
  return COMPARED_COLUMNS.filter((column) => (before[column] ?? null) !== (after[column] ?? null));
}
