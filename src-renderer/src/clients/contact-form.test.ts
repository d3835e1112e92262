import { describe, expect, it } from 'vitest';
import { contactInputOf, emptyContactValues, validateContact } from './contact-form';

describe('the client contact form', () => {
  it('asks for a name and a valid email with the contract’s own messages', () => {
    const result = validateContact({ ...emptyContactValues, email: 'not-an-email' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.displayName).toBe('Name is required');
      expect(result.errors.email).toMatch(/valid email/);
    }
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
});
