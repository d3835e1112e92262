import { describe, expect, it } from 'vitest';
import { describeForLog, redactSecrets } from './secret-redaction';

describe('secrets in logs and support detail', () => {
  it('masks a Basic or Bearer Authorization header quoted in an error', () => {
    const text =
      'Request failed {"headers":{"Authorization":"Basic QUJDMTIzOnNlY3JldC12YWx1ZQ=="}} then Bearer eyJhbGciOiJIUzI1NiJ9.abc.def';
    const safe = redactSecrets(text);
    expect(safe).not.toContain('QUJDMTIzOnNlY3JldC12YWx1ZQ==');
    expect(safe).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(safe).toContain('Request failed');
  });

  it('masks tokens and the client secret in a quoted body or form', () => {
    const safe = redactSecrets(
      '{"access_token":"at-123456","refresh_token":"rt-abcdef"} client_secret=shh-789&grant_type=refresh_token',
    );
    for (const secret of ['at-123456', 'rt-abcdef', 'shh-789']) expect(safe).not.toContain(secret);
    expect(safe).toContain('grant_type=refresh_token');
  });

  it('leaves ordinary error text as it was', () => {
    const text = 'QuickBooks could not be reached: TypeError: fetch failed: ECONNRESET';
    expect(redactSecrets(text)).toBe(text);
  });

  it('describes a thrown error with its stack, masked', () => {
    const error = new Error('refused with Bearer abcdefghijklmnop');
    const line = describeForLog(error);
    expect(line).toContain('Error: refused with Bearer [redacted]');
    expect(line).not.toContain('abcdefghijklmnop');
    expect(describeForLog('plain')).toBe('plain');
  });
});
