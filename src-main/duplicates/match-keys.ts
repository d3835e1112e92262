import { splitEmails } from '../import/email-addresses';

/*
 * The forms two clients are compared by when looking for duplicates. Each
 * function turns what was typed into zero or more keys; two clients sharing a
 * key of the same kind are a possible pair.
 */

const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Each address of the fields (a client's email, a QuickBooks customer's other
 * addresses) as the import compares them (case and the ends do not count);
 * text that is not an address ("none", "@example.com") gives no key.
 */
export function emailKeys(...fields: (string | null | undefined)[]): string[] {
  return splitEmails(...fields).filter((address) => ADDRESS.test(address));
}

const SHORTEST_PHONE = 7;
const COMPARED_DIGITS = 10;

/**
 * The last ten digits of a number, so "+1 (859) 555-0142", "859.555.0142" and
 * "8595550142" agree. Fewer than seven digits is an extension or a typo, not
 * a number two people could be matched by.
 */
export function phoneKey(phone: string | null): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (digits.length < SHORTEST_PHONE) return null;
  return digits.slice(-COMPARED_DIGITS);
}

export function phoneKeys(...phones: (string | null)[]): string[] {
  const keys = phones.map(phoneKey).filter((key): key is string => key !== null);
  return [...new Set(keys)];
}

/**
 * A name with case, accents, punctuation and spacing removed and its words
 * sorted, so "Smith, John", "john  smith" and "John Smith." are one key.
 * Null when nothing is left to compare.
 */
export function nameKey(name: string | null): string | null {
  if (!name) return null;
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0) return null;
  return words.sort().join(' ');
}
