import { describe, expect, it } from 'vitest';
import { telHref } from './tel-href';

describe('a phone number as a tel: link', () => {
  it('keeps only the digits and a leading +', () => {
    expect(telHref('+1 (859) 555-0100')).toBe('tel:+18595550100');
    expect(telHref('354.628.0056')).toBe('tel:3546280056');
  });

  it('keeps an extension apart, so the phone does not dial its digits as part of the number', () => {
    expect(telHref('+1 (859) 555-0100 ext. 204')).toBe('tel:+18595550100;ext=204');
    expect(telHref('859-555-0100 x12')).toBe('tel:8595550100;ext=12');
    expect(telHref('859 555 0100 Extension 7')).toBe('tel:8595550100;ext=7');
  });
});
