import type { ColumnMapping, ImportField } from '../contract/import';

/**
 * Auto-mapping of CSV columns from their headers: the names people and
 * QuickBooks' own customer-list export give them. Headers are compared
 * folded ("E-mail Address" → "e mail address", "Phone #" → "phone").
 */

const synonyms: Record<ImportField, readonly string[]> = {
  name: [
    'name',
    'client',
    'client name',
    'customer',
    'customer name',
    'customer full name',
    'full name',
    'display name',
    'contact name',
    'owner',
    'owner name',
  ],
  firstName: ['first name', 'first', 'firstname', 'given name', 'fname', 'forename'],
  lastName: ['last name', 'last', 'lastname', 'surname', 'family name', 'lname'],
  company: [
    'company',
    'company name',
    'business',
    'business name',
    'organization',
    'organisation',
    'farm',
    'barn',
  ],
  email: [
    'email',
    'e mail',
    'email address',
    'e mail address',
    'main email',
    'primary email',
    'email addresses',
    'mail',
  ],
  phone: [
    'phone',
    'phone number',
    'phone numbers',
    'telephone',
    'tel',
    'main phone',
    'primary phone',
    'home phone',
    'work phone',
    'phone no',
  ],
  mobile: [
    'mobile',
    'cell',
    'cell phone',
    'cellphone',
    'mobile phone',
    'mobile number',
    'cell number',
  ],
  street: [
    'street',
    'address',
    'street address',
    'address 1',
    'address line 1',
    'address1',
    'mailing address',
    'billing street',
    'billing address',
    'billing address line 1',
    'billing address 1',
  ],
  city: ['city', 'town', 'billing city'],
  region: [
    'state',
    'province',
    'region',
    'state province',
    'billing state',
    'billing province',
    'st',
  ],
  postalCode: [
    'zip',
    'zip code',
    'zipcode',
    'postal code',
    'postcode',
    'zip postal code',
    'billing zip',
    'billing zip code',
    'billing postal code',
  ],
  country: ['country', 'billing country'],
  horses: ['horses', 'horse', 'horse name', 'horse names', 'horse s'],
  notes: ['notes', 'note', 'comments', 'comment', 'memo', 'remarks'],
};

const fieldBySynonym = new Map<string, ImportField>();
for (const [field, names] of Object.entries(synonyms) as [ImportField, readonly string[]][]) {
  for (const name of names) fieldBySynonym.set(name, field);
}

/** "E-mail Address" → "e mail address"; "Phone #" → "phone"; accents dropped. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The field a header names exactly, if any. */
export function fieldForHeader(header: string): ImportField | null {
  return fieldBySynonym.get(normalizeHeader(header)) ?? null;
}

// Looser guesses for headers no synonym names, e.g. "Client E-mail" or "Barn Cell #".
const partialGuesses: [RegExp, ImportField][] = [
  [/\be ?mail\b/, 'email'],
  [/\b(mobile|cell)\b/, 'mobile'],
  [/\b(phone|tel)\b/, 'phone'],
  [/\bhorses?\b/, 'horses'],
  [/\bnotes?\b/, 'notes'],
];

/**
 * One field per column, each field taken at most once (the first column
 * naming it wins). Shipping columns are left out: a client's billing address
 * is the one imported.
 */
export function autoMapColumns(headers: readonly string[]): ColumnMapping {
  const taken = new Set<ImportField>();
  const mapping: ColumnMapping = headers.map(() => null);
  const claim = (index: number, field: ImportField | null) => {
    if (field === null || taken.has(field) || mapping[index] !== null) return;
    mapping[index] = field;
    taken.add(field);
  };
  headers.forEach((header, index) => claim(index, fieldForHeader(header)));
  headers.forEach((header, index) => {
    const folded = normalizeHeader(header);
    if (/\b(ship|shipping|delivery)\b/.test(folded)) return;
    const guess = partialGuesses.find(([pattern]) => pattern.test(folded));
    if (guess) claim(index, guess[1]);
  });
  return mapping;
}

/** The key a remembered mapping is stored under: the same columns in any order find it. */
export function headerSetKey(headers: readonly string[]): string {
  return [...headers.map(normalizeHeader)].sort().join('|');
}

/** Whether a mapping names the client: a Name column, or First and/or Last name. */
export function mappingHasName(mapping: ColumnMapping): boolean {
  return mapping.some((f) => f === 'name' || f === 'firstName' || f === 'lastName');
}

export const importFieldLabels: Record<ImportField, string> = {
  name: 'Name',
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  email: 'Email',
  phone: 'Phone',
  mobile: 'Mobile',
  street: 'Street',
  city: 'City',
  region: 'State / Province',
  postalCode: 'ZIP / Postal code',
  country: 'Country',
  horses: 'Horses',
  notes: 'Notes',
};
