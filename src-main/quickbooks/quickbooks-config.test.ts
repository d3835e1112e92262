import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
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
      /configuration file .* is not valid: check "clientId"/,
    );
  });

  it('reports a JSON syntax error by file, line and column only, never the text around it', () => {
    const secret = 'k7Qm2Xv9Lp4Rt8Wz1Nb6Yc3Hd5Jf0Gs2Ae7Uo4Ti';
    for (const [content, line, column] of [
      // A missing quote: V8 would quote the secret in its message.
      [`{\n  "clientId": "AB12",\n  "clientSecret": ${secret}"\n}`, 3, 19],
      [`{\n  "clientSecret": "${secret}"\n  "environment": "sandbox"\n}`, 3, 3],
      [`{ "clientSecret": "${secret}"`, 1, 61],
    ] as const) {
      const path = file(content);
      let thrown: unknown;
      try {
        loadQuickBooksConfig({}, path);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      const error = thrown as AppError;
      expect(error.message).toBe(
        `The QuickBooks configuration file ${path} is not valid JSON (line ${line}, column ${column}). Fix it in a text editor, then start EquineOps again.`,
      );
      expect(JSON.stringify(error.toShape())).not.toContain(secret.slice(0, 6));
    }
  });

  it('names the field that is wrong without quoting its value', () => {
    const secret = 'k7Qm2Xv9Lp4Rt8Wz1Nb6Yc3Hd5Jf0Gs2Ae7Uo4Ti';
    const path = file({ clientId: 'AB12', clientSecret: secret, redirectUri: secret });
    expect(() => loadQuickBooksConfig({}, path)).toThrow(/check "redirectUri"/);
    try {
      loadQuickBooksConfig({}, path);
    } catch (error) {
      expect(JSON.stringify((error as AppError).toShape())).not.toContain(secret.slice(0, 6));
    }
  });
});
