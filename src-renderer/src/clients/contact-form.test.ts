import { describe, expect, it } from 'vitest';
import {
  contactInputOf,
  emptyContactValues,
  errorsAfterChange,
  validateContact,
} from './contact-form';

describe('the client contact form', () => {
  it('asks for a name and a valid email with the contract’s own messages', () => {
    const result = validateContact({ ...emptyContactValues, email: 'not-an-email' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.displayName).toBe('Name is required');
      expect(result.errors.email).toMatch(/valid email/);
    }
  });

  it('refuses an address with a space inside instead of saving one nobody typed', () => {
    const result = validateContact({
      ...emptyContactValues,
      displayName: 'Mary Smith',
      email: 'mary smith@example.com',
    });
    expect(result.ok).toBe(false);
    // Word for word what the import's red row says (src-main/import/email-rules.test.ts).
    if (!result.ok)
      expect(result.errors.email).toBe('Not a valid email address: "mary smith@example.com"');
  });

  it('refuses two addresses in the one email box: keep one', () => {
    for (const email of ['ann@hollis.example, bob@hollis.example', 'ann@x.example; b@y.example']) {
      const result = validateContact({ ...emptyContactValues, displayName: 'Hollis', email });
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.errors.email).toBe(`Two addresses in one cell: keep one ("${email}")`);
    }
  });

  it('trims the ends of an address and keeps the rest exactly as typed', () => {
    const result = validateContact({
      ...emptyContactValues,
      displayName: 'Jo Park',
      email: '  Jo.Park@Example.com ',
    });
    expect(result.ok && result.fields.email).toBe('Jo.Park@Example.com');
  });

  it('sends blank fields as none and copies billing to shipping when "same as billing" is ticked', () => {
    const input = contactInputOf({
      ...emptyContactValues,
      displayName: 'Hollis Farm',
      billingAddress: { ...emptyContactValues.billingAddress, city: 'Ocala' },
    });
    expect(input.email).toBeNull();
    expect(input.shippingAddress).toEqual(input.billingAddress);
    expect(input.billingAddress?.city).toBe('Ocala');
  });

  it('clears an email error once the address is fixed, and re-words it while still wrong', () => {
    const wrong = {
      ...emptyContactValues,
      displayName: 'Zed Test',
      email: 'mary smith@example.com',
    };
    const checked = validateContact(wrong);
    expect(checked.ok).toBe(false);
    const errors = checked.ok ? {} : checked.errors;
    expect(errors.email).toContain('mary smith@example.com');

    const fixed = { ...wrong, email: 'zed@example.com' };
    expect(errorsAfterChange(wrong, fixed, errors)).toEqual({});

    const stillWrong = { ...wrong, email: 'zed smith@example.com' };
    const after = errorsAfterChange(wrong, stillWrong, errors);
    expect(after.email).toContain('zed smith@example.com');
    expect(after.email).not.toContain('mary smith');
  });

  it('keeps the error of a field the edit did not touch', () => {
    const before = { ...emptyContactValues, displayName: 'Zed Test', email: 'a b@example.com' };
    const errors = { email: 'Taken by another client', 'billingAddress.city': 'Too long' };
    const after = errorsAfterChange(before, { ...before, phone: '555 0100' }, errors);
    expect(after).toEqual(errors);
  });
});
