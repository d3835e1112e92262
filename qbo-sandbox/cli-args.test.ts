import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.js';

describe('parseCliArgs', () => {
  it('reads the documented flags', () => {
    expect(parseCliArgs(['--customers', '5000', '--seed', '1', '--latency', '200'])).toEqual({
      port: 8765,
      customers: 5000,
      seed: 1,
      latency: { kind: 'fixed', ms: 200 },
      autoApprove: false,
    });
    expect(
      parseCliArgs([
        '--port',
        '0',
        '--auto-approve',
        '--company',
        'Barn',
        '--redirect-uri',
        'https://x/cb',
      ]),
    ).toMatchObject({
      port: 0,
      autoApprove: true,
      companyName: 'Barn',
      redirectUris: ['https://x/cb'],
    });
    expect(parseCliArgs(['--help'])).toBe('help');
  });

  it('rejects bad input', () => {
    expect(() => parseCliArgs(['--customers', 'many'])).toThrow(/whole number/);
    expect(() => parseCliArgs(['--bogus'])).toThrow();
  });
});
