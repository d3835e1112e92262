import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RELAY_PORT, loadQuickBooksConfig } from './quickbooks-config';

const file = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'qb-config-')), 'quickbooks.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('QuickBooks app keys come from configuration, never from source', () => {
  it('is not configured when no keys are given', () => {
    expect(loadQuickBooksConfig({}, null)).toBeNull();
  });

  it('reads keys from the environment and talks to Intuit by default', () => {
    const config = loadQuickBooksConfig({ QBO_CLIENT_ID: 'id', QBO_CLIENT_SECRET: 'secret' }, null);
    expect(config).toMatchObject({ clientId: 'id', environment: 'sandbox', redirectUri: null });
    expect(config?.endpoints.authorize).toBe('https://appcenter.intuit.com/connect/oauth2');
    expect(config?.endpoints.api).toBe('https://sandbox-quickbooks.api.intuit.com');
  });

  it('uses production endpoints and a relay redirect for production keys from a file', () => {
    const config = loadQuickBooksConfig(
      {},
      file({
        clientId: 'id',
        clientSecret: 's',
        environment: 'production',
        redirectUri: 'https://relay.example/qbo',
      }),
    );
    expect(config?.endpoints.api).toBe('https://quickbooks.api.intuit.com');
    expect(config?.redirectUri).toBe('https://relay.example/qbo');
    expect(config?.loopbackPort).toBe(DEFAULT_RELAY_PORT);
  });

  it('points every endpoint at a local emulator when asked', () => {
    const config = loadQuickBooksConfig(
      { QBO_CLIENT_ID: 'id', QBO_CLIENT_SECRET: 's', QBO_BASE_URL: 'http://127.0.0.1:8765/' },
      null,
    );
    expect(config?.endpoints).toEqual({
      authorize: 'http://127.0.0.1:8765/connect/oauth2',
      token: 'http://127.0.0.1:8765/oauth2/v1/tokens/bearer',
      revoke: 'http://127.0.0.1:8765/v2/oauth2/tokens/revoke',
      api: 'http://127.0.0.1:8765',
    });
  });

  it('refuses a malformed configuration file with a clear message', () => {
    expect(() => loadQuickBooksConfig({}, file({ clientId: 5 }))).toThrow(
      /configuration file .* is not valid/,
    );
  });
});
