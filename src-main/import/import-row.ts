import {
  emailProblem,
  emailProblemMessage,
  type ContactFields,
  type ImportField,
} from '../../src-shared/contract';
import { foldForSort } from '../clients/sort-name';
import { normalizeEmail } from './email-addresses';

/**
 * One CSV row read through the mapping: trimmed values, the display name the
 * client will get, and its email addresses in the form they are compared by.
 */
export interface ImportRow {
  displayName: string;
  /** displayName folded (case, accents, spaces) for duplicate checks. */
  nameKey: string;
  /**
   * The Email cell's address, lower-case, or none. A cell holds one address;
   * when it holds several valid ones (QuickBooks' own export of a couple's
   * customer), they are all here, beside the problem, so the row can still
   * be linked to the QuickBooks customer that has every one of them.
   */
  emails: string[];
  /** Why the Email cell cannot be imported, for the red row ("Not a valid email address: …"). */
  emailProblem: string | null;
  /** A value longer than a client field holds, named for staff. */
  tooLong: string | null;
  fields: ContactFields;
  horses: string[];
  notes: string | null;
}

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
    // The same rule the New client form applies: an imported client can be edited and saved as is.
    const emailText = get('email');
    const problem = emailText === null ? null : emailProblem(emailText);
    const emails =
      emailText === null
        ? []
        : problem === null
          ? [normalizeEmail(emailText)]
          : cellAddresses(emailText);
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
      email: problem === null ? emailText : null,
      phone: get('phone'),
      mobile: get('mobile'),
      billingAddress: Object.values(address).some((v) => v !== null) ? address : null,
      shippingAddress: null,
      customerType: null,
    };
    const notes = get('notes');
    return {
      displayName,
      nameKey: foldForSort(displayName),
      emails,
      emailProblem: problem === null ? null : emailProblemMessage(problem, emailText ?? ''),
      tooLong: findTooLong(fields, address),
      fields,
      horses: splitHorses(get('horses')),
      notes,
    };
  };
}

/** Every address of a cell holding several, when each is valid; else none. */
function cellAddresses(text: string): string[] {
  const parts = text.split(/[,;\s]+/).filter((part) => part !== '');
  if (parts.length < 2 || parts.some((part) => emailProblem(part) !== null)) return [];
  return [...new Set(parts.map(normalizeEmail))];
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
