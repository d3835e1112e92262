import { describe, expect, it } from 'vitest';
import { emailKeys, nameKey, phoneKey, phoneKeys } from './match-keys';

describe('names', () => {
  it('treats "Smith, John" and "John Smith" as the same name', () => {
    expect(nameKey('Smith, John')).toBe(nameKey('John Smith'));
  });

  it('ignores case, accents, punctuation and extra spaces', () => {
    const key = nameKey('Renee Lefevre');
    expect(nameKey('  RENÉE   Lefèvre ')).toBe(key);
    expect(nameKey('Lefèvre, Renée.')).toBe(key);
    expect(nameKey('renee-lefevre')).toBe(key);
    expect(nameKey('José Hernández')).toBe(nameKey('Hernandez, Jose'));
  });

  it("keeps an apostrophe inside a name from splitting it: O'Brien is Obrien", () => {
    expect(nameKey("Mary O'Brien")).toBe(nameKey('OBrien, Mary'));
    expect(nameKey('Mary O’Brien')).toBe(nameKey("Mary O'Brien"));
  });

  it('tells different names apart', () => {
    expect(nameKey('John Smith')).not.toBe(nameKey('Jon Smith'));
    expect(nameKey('John Smith')).not.toBe(nameKey('John Smith Jr'));
  });

  it('has no key for an empty or punctuation-only name', () => {
    expect(nameKey('')).toBeNull();
    expect(nameKey(' ,. - ')).toBeNull();
    expect(nameKey(null)).toBeNull();
  });
});

describe('emails', () => {
  it('lower-cases and trims an address', () => {
    expect(emailKeys('  Maria@WillowCreek.Example ')).toEqual(['maria@willowcreek.example']);
  });

  it('reads each address of a QuickBooks email field holding several', () => {
    expect(emailKeys('office@oak.example, Pat@Oak.example;billing@oak.example')).toEqual([
      'office@oak.example',
      'pat@oak.example',
      'billing@oak.example',
    ]);
  });

  it('compares an address the way the CSV import does: case and the ends do not count', () => {
    expect(emailKeys(' Jane@Example.com ; jane@example.com')).toEqual(['jane@example.com']);
  });

  it('never joins the pieces of an address with a space inside into one nobody typed', () => {
    expect(emailKeys('jane @example.com')).toEqual([]);
  });

  it("gives a key for each of a QuickBooks customer's addresses, the primary and the others", () => {
    expect(emailKeys('ann@hollis.example', 'bob@hollis.example, ann@hollis.example')).toEqual([
      'ann@hollis.example',
      'bob@hollis.example',
    ]);
  });

  it('has no key for an empty field or text that is not an address', () => {
    expect(emailKeys(null)).toEqual([]);
    expect(emailKeys('')).toEqual([]);
    expect(emailKeys('none')).toEqual([]);
  });
});

describe('phones', () => {
  it('compares the last ten digits whatever the format', () => {
    const key = phoneKey('8595550142');
    expect(key).toBe('8595550142');
    for (const typed of [
      '(859) 555-0142',
      '859-555-0142',
      '859.555.0142',
      '+1 859 555 0142',
      '1-859-555-0142',
      '001 859 555 0142',
    ]) {
      expect(phoneKey(typed)).toBe(key);
    }
  });

  it('keeps a seven-digit local number as it is', () => {
    expect(phoneKey('555-0142')).toBe('5550142');
  });

  it('ignores numbers with fewer than seven digits', () => {
    expect(phoneKey('x204')).toBeNull();
    expect(phoneKey('555-01')).toBeNull();
    expect(phoneKey('')).toBeNull();
    expect(phoneKey(null)).toBeNull();
  });

  it('gives phone and mobile one key each, once', () => {
    expect(phoneKeys('(859) 555-0142', '859.555.0142')).toEqual(['8595550142']);
    expect(phoneKeys('(859) 555-0142', '859 555 9999')).toEqual(['8595550142', '8595559999']);
    expect(phoneKeys(null, '12')).toEqual([]);
  });
});
