import { describe, expect, it } from 'vitest';
import { changedColumns, firstValidEmail, mapAddress, mapCustomer } from './customer-mapping';

describe('QuickBooks customer → client', () => {
  it('keeps names, contact details, addresses, type, parent and QuickBooks identity, and never money', () => {
    const mapped = mapCustomer({
      Id: '42',
      SyncToken: '3',
      DisplayName: 'Oak Hill Farm',
      GivenName: 'Ada',
      FamilyName: 'Moss',
      CompanyName: 'Oak Hill Farm LLC',
      PrimaryEmailAddr: { Address: 'ada@oakhill.example' },
      PrimaryPhone: { FreeFormNumber: '(859) 555-0100' },
      Mobile: { FreeFormNumber: ' 859-555-0101 ' },
      BillAddr: {
        Line1: '12 Barn Rd',
        Line2: 'Suite 4',
        City: 'Lexington',
        CountrySubDivisionCode: 'KY',
        PostalCode: '40511',
        Country: 'USA',
      },
      CustomerTypeRef: { value: '1', name: 'Boarding' },
      Active: true,
      ParentRef: { value: '7' },
      FullyQualifiedName: 'Moss Family:Oak Hill Farm',
      MetaData: { LastUpdatedTime: '2026-03-01T10:00:00-08:00' },
      ...({ Balance: 1200 } as object),
    });
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.columns).toMatchObject({
      display_name: 'Oak Hill Farm',
      given_name: 'Ada',
      family_name: 'Moss',
      company_name: 'Oak Hill Farm LLC',
      contact_person: 'Ada Moss',
      email: 'ada@oakhill.example',
      phone: '(859) 555-0100',
      mobile: '859-555-0101',
      billing_street: '12 Barn Rd, Suite 4',
      billing_city: 'Lexington',
      billing_region: 'KY',
      billing_postal_code: '40511',
      billing_country: 'USA',
      shipping_street: null,
      customer_type: 'Boarding',
      active: 1,
      inactive_reason: null,
      parent_qb_id: '7',
      fully_qualified_name: 'Moss Family:Oak Hill Farm',
      qb_sync_token: '3',
      qb_updated_at: '2026-03-01T18:00:00.000Z',
    });
    expect(JSON.stringify(mapped.columns)).not.toContain('1200');
  });

  it('stores an inactive customer as inactive with the reason shown', () => {
    const mapped = mapCustomer({ Id: '5', DisplayName: 'Gone Quiet', Active: false });
    expect(mapped.ok && mapped.columns).toMatchObject({
      active: 0,
      inactive_reason: 'Inactive in QuickBooks',
    });
  });

  it('keeps every valid address when the email box holds several, the first as the primary', () => {
    const couple = mapCustomer({
      Id: '7',
      DisplayName: 'Hollis Family',
      PrimaryEmailAddr: { Address: 'ann@hollis.example, bob@hollis.example; n/a' },
    });
    expect(couple.ok && couple.columns).toMatchObject({
      email: 'ann@hollis.example',
      other_emails: 'bob@hollis.example',
    });
    const single = mapCustomer({
      Id: '8',
      DisplayName: 'Pat',
      PrimaryEmailAddr: { Address: ' pat@example.com ' },
    });
    expect(single.ok && single.columns).toMatchObject({
      email: 'pat@example.com',
      other_emails: null,
    });
    expect(firstValidEmail('none')).toBe(null);
    expect(firstValidEmail(undefined)).toBe(null);
  });

  it('counts a second address added in QuickBooks as a change of email', () => {
    const before = mapCustomer({
      Id: '9',
      DisplayName: 'Hollis',
      PrimaryEmailAddr: { Address: 'ann@hollis.example' },
    });
    const after = mapCustomer({
      Id: '9',
      DisplayName: 'Hollis',
      PrimaryEmailAddr: { Address: 'ann@hollis.example, bob@hollis.example' },
    });
    if (!before.ok || !after.ok) throw new Error('both map');
    expect(changedColumns(before.columns, after.columns)).toEqual(['other_emails']);
  });

  it('names a customer without a display name from its person or company, and an individual has no contact person', () => {
    const person = mapCustomer({ Id: '8', GivenName: 'Lee', FamilyName: 'Park' });
    expect(person.ok && person.columns).toMatchObject({
      display_name: 'Lee Park',
      contact_person: null,
    });
    const company = mapCustomer({ Id: '9', CompanyName: 'Fox Downs' });
    expect(company.ok && company.columns.display_name).toBe('Fox Downs');
  });

  it('refuses a customer with no name at all, in words office staff can read', () => {
    expect(mapCustomer({ Id: '123', DisplayName: '  ' })).toEqual({
      ok: false,
      qbId: '123',
      message: 'QuickBooks customer 123 has no name',
    });
  });

  it('treats an address with nothing in it as no address', () => {
    expect(mapAddress({ Line1: ' ', City: '' })).toBe(null);
  });

  it('calls a customer changed only when a stored field differs', () => {
    const a = mapCustomer({ Id: '1', DisplayName: 'Same', SyncToken: '1' });
    const b = mapCustomer({
      Id: '1',
      DisplayName: 'Same',
      SyncToken: '2',
      MetaData: { LastUpdatedTime: '2026-03-02T00:00:00Z' },
    });
    if (!a.ok || !b.ok) throw new Error('mapping failed');
    expect(changedColumns(a.columns, b.columns)).toEqual([]);
    const c = mapCustomer({
      Id: '1',
      DisplayName: 'Same',
      PrimaryEmailAddr: { Address: 'new@example.com' },
    });
    if (!c.ok) throw new Error('mapping failed');
    expect(changedColumns(a.columns, c.columns)).toEqual(['email']);
  });
});
