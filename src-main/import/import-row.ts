import { z } from 'zod';
import type { ContactFields, ImportField } from '../../src-shared/contract';
import { foldForSort } from '../clients/sort-name';
import { normalizeEmail, splitEmails } from './email-addresses';

/**
 * One CSV row read through the mapping: trimmed values, the display name the
 * client will get, and its email addresses in the form they are compared by.
 */
export interface ImportRow {
  displayName: string;
  /** displayName folded (case, accents, spaces) for duplicate checks. */
  nameKey: string;
  /** Every address in the Email cell, compared lower-case without spaces. */
  emails: string[];
  /** An address in the Email cell that is not an email address, as typed. */
  invalidEmail: string | null;
  /** A value longer than a client field holds, named for staff. */
  tooLong: string | null;
  fields: ContactFields;
  horses: string[];
  notes: string | null;
}

// The same rule the client form applies, so an imported client can be edited and saved as is.
const EMAIL = z.regexes.email;

const limits: [
  keyof ContactFields | 'street' | 'city' | 'region' | 'postalCode' | 'country',
  string,
  number,
][] = [
  ['displayName', 'Name', 500],
  ['givenName', 'First name', 255],
  ['familyName', 'Last name', 255],
  ['companyName', 'Company', 500],
  ['email', 'Email', 320],
  ['phone', 'Phone', 50],
  ['mobile', 'Mobile', 50],
  ['street', 'Street', 500],
  ['city', 'City', 255],
  ['region', 'State', 255],
  ['postalCode', 'ZIP / Postal code', 30],
  ['country', 'Country', 255],
];

export type RowReader = (values: readonly string[]) => ImportRow;

/** Builds the reader for rows sent with these fields, looking each field's position up once. */
export function importRowReader(fields: readonly ImportField[]): RowReader {
  const at = Object.fromEntries(fields.map((f, i) => [f, i])) as Partial<
    Record<ImportField, number>
  >;
  return (values) => {
    const get = (field: ImportField): string | null => {
      const i = at[field];
      if (i === undefined) return null;
      const value = (values[i] ?? '').trim();
      return value === '' ? null : value;
    };
    const givenName = get('firstName');
    const familyName = get('lastName');
    const companyName = get('company');
    const displayName = collapse(
      get('name') ?? ([givenName, familyName].filter(Boolean).join(' ') || companyName || ''),
    );
    const emailText = get('email');
    const emails = splitEmails(emailText);
    const invalid = (emailText ?? '')
      .split(/[,;]/)
      .map((e) => e.trim())
      .find((e) => e !== '' && !EMAIL.test(normalizeEmail(e)));
    const address = {
      street: get('street'),
      city: get('city'),
      region: get('region'),
      postalCode: get('postalCode'),
      country: get('country'),
    };
    const fields: ContactFields = {
      displayName,
      givenName,
      familyName,
      companyName,
      contactPerson: null,
      // A manual client holds one address; the others stay in the import note.
      email: emails[0] ?? null,
      phone: get('phone'),
      mobile: get('mobile'),
      billingAddress: Object.values(address).some((v) => v !== null) ? address : null,
      shippingAddress: null,
      customerType: null,
    };
    const notes = [
      get('notes'),
      emails.length > 1 ? `Other email addresses: ${emails.slice(1).join(', ')}` : null,
    ]
      .filter(Boolean)
      .join('\n');
    return {
      displayName,
      nameKey: foldForSort(displayName),
      emails,
      invalidEmail: invalid ?? null,
      tooLong: findTooLong(fields, address),
      fields,
      horses: splitHorses(get('horses')),
      notes: notes === '' ? null : notes,
    };
  };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "Biscuit, Star; Pepper" → three horses; the same name twice is one horse. */
export function splitHorses(text: string | null): string[] {
  if (!text) return [];
  const seen = new Set<string>();
  const names: string[] = [];
  for (const part of text.split(/[,;\n]/)) {
    const name = collapse(part);
    const key = foldForSort(name);
    if (name !== '' && !seen.has(key)) {
      seen.add(key);
      names.push(name.slice(0, 255));
    }
  }
  return names;
}

function findTooLong(fields: ContactFields, address: Record<string, string | null>): string | null {
  const values: Record<string, string | null> = { ...fields, ...address } as Record<
    string,
    string | null
  >;
  for (const [key, label, max] of limits) {
    const value = values[key];
    if (typeof value === 'string' && value.length > max)
      return `${label} is longer than ${max} characters`;
  }
  return null;
}
