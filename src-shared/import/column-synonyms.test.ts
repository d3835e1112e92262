import { describe, expect, it } from 'vitest';
import {
  autoMapColumns,
  fieldForHeader,
  headerSetKey,
  mappingHasName,
  normalizeHeader,
  synonymLists,
} from './column-synonyms';

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

describe('each synonym list', () => {
  // A header that two lists give different fields would map by chance of the lists' order.
  it.each(Object.entries(synonymLists))(
    '%s: every header maps to the field its list gives',
    (_name, list) => {
      for (const [field, headers] of Object.entries(list)) {
        for (const header of headers as readonly string[]) {
          expect({ header, field: fieldForHeader(header) }).toEqual({ header, field });
        }
      }
    },
  );

  it('German Excel headers: Vorname, Nachname, E-Mail-Adresse, Telefon, Straße, PLZ, Ort, Land', () => {
    expect(
      autoMapColumns([
        'Vorname',
        'Nachname',
        'Firma',
        'E-Mail-Adresse',
        'Telefon',
        'Handy',
        'Straße',
        'PLZ',
        'Ort',
        'Bundesland',
        'Land',
        'Pferde',
        'Bemerkungen',
      ]),
    ).toEqual([
      'firstName',
      'lastName',
      'company',
      'email',
      'phone',
      'mobile',
      'street',
      'postalCode',
      'city',
      'region',
      'country',
      'horses',
      'notes',
    ]);
    expect(autoMapColumns(['Strasse', 'Postleitzahl', 'Telefonnummer'])).toEqual([
      'street',
      'postalCode',
      'phone',
    ]);
  });

  it('French headers: Prénom, Nom, Courriel, Téléphone, Portable, Adresse, Code postal, Ville, Pays', () => {
    expect(
      autoMapColumns([
        'Prénom',
        'Nom',
        'Société',
        'Courriel',
        'Téléphone',
        'Portable',
        'Adresse',
        'Code postal',
        'Ville',
        'Pays',
        'Chevaux',
        'Remarques',
      ]),
    ).toEqual([
      'firstName',
      'lastName',
      'company',
      'email',
      'phone',
      'mobile',
      'street',
      'postalCode',
      'city',
      'country',
      'horses',
      'notes',
    ]);
  });

  it('Spanish headers: Nombre, Apellidos, Correo electrónico, Teléfono, Móvil, Dirección, Código postal, Ciudad, País', () => {
    expect(
      autoMapColumns([
        'Nombre',
        'Apellidos',
        'Empresa',
        'Correo electrónico',
        'Teléfono',
        'Móvil',
        'Dirección',
        'Código postal',
        'Ciudad',
        'Provincia',
        'País',
        'Caballos',
        'Observaciones',
      ]),
    ).toEqual([
      'firstName',
      'lastName',
      'company',
      'email',
      'phone',
      'mobile',
      'street',
      'postalCode',
      'city',
      'region',
      'country',
      'horses',
      'notes',
    ]);
  });

  it("Outlook's export: the Business address columns, not Home", () => {
    expect(
      autoMapColumns([
        'First Name',
        'Last Name',
        'Company',
        'E-mail Address',
        'Business Phone',
        'Mobile Phone',
        'Business Street',
        'Business City',
        'Business State',
        'Business Postal Code',
        'Business Country/Region',
        'Home Street',
        'Notes',
      ]),
    ).toEqual([
      'firstName',
      'lastName',
      'company',
      'email',
      'phone',
      'mobile',
      'street',
      'city',
      'region',
      'postalCode',
      'country',
      null,
      'notes',
    ]);
  });

  it("Google Contacts' export: E-mail 1 - Value, Phone 1 - Value, Address 1 - Street and friends", () => {
    expect(
      autoMapColumns([
        'Given Name',
        'Family Name',
        'Organization Name',
        'E-mail 1 - Value',
        'Phone 1 - Value',
        'Address 1 - Street',
        'Address 1 - City',
        'Address 1 - Region',
        'Address 1 - Postal Code',
        'Address 1 - Country',
        'Notes',
      ]),
    ).toEqual([
      'firstName',
      'lastName',
      'company',
      'email',
      'phone',
      'street',
      'city',
      'region',
      'postalCode',
      'country',
      'notes',
    ]);
  });
});
