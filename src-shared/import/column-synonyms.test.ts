import { describe, expect, it } from 'vitest';
import { autoMapColumns, headerSetKey, mappingHasName, normalizeHeader } from './column-synonyms';

describe('auto-mapping columns from their headers', () => {
  it('maps the common names people give columns', () => {
    expect(
      autoMapColumns([
        'Client Name',
        'E-mail Address',
        'Phone #',
        'Cell',
        'Street',
        'City',
        'Province',
        'Postal Code',
        'Country',
        'Company',
        'Horses',
        'Notes',
      ]),
    ).toEqual([
      'name',
      'email',
      'phone',
      'mobile',
      'street',
      'city',
      'region',
      'postalCode',
      'country',
      'company',
      'horses',
      'notes',
    ]);
  });

  it('maps First and Last name, Full Name, Customer, Zip, State, Mobile and Horse', () => {
    expect(autoMapColumns(['First Name', 'Last Name', 'Zip', 'State', 'Mobile', 'Horse'])).toEqual([
      'firstName',
      'lastName',
      'postalCode',
      'region',
      'mobile',
      'horses',
    ]);
    expect(autoMapColumns(['Full Name'])).toEqual(['name']);
    expect(autoMapColumns(['Customer', 'Email', 'Address', 'Phone'])).toEqual([
      'name',
      'email',
      'street',
      'phone',
    ]);
  });

  it('takes each field from one column only: the first that names it', () => {
    expect(autoMapColumns(['Name', 'Customer', 'Email', 'Main Email'])).toEqual([
      'name',
      null,
      'email',
      null,
    ]);
  });

  it('guesses from part of a header, but never from a shipping column', () => {
    expect(autoMapColumns(['Client E-mail', 'Barn cell number', 'Shipping Phone'])).toEqual([
      'email',
      'mobile',
      null,
    ]);
  });

  it('leaves unknown columns as "Don\'t import"', () => {
    expect(autoMapColumns(['Open Balance', 'Name'])).toEqual([null, 'name']);
  });

  it('folds headers and keys a header set regardless of order', () => {
    expect(normalizeHeader(' E-Mail  Addrèss ')).toBe('e mail address');
    expect(headerSetKey(['Email', 'Name'])).toBe(headerSetKey(['name', 'E-mail'.replace('-', '')]));
  });

  it('needs a name column, or first and/or last name', () => {
    expect(mappingHasName(['email', null])).toBe(false);
    expect(mappingHasName(['firstName', 'lastName'])).toBe(true);
  });
});
