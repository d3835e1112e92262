import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../platform/keychain/keytar-secret-store';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { sandboxQuickBooksConfig, type QuickBooksConfig } from '../quickbooks/quickbooks-config';
import { chooseDemoSecretStore, demoTokenPlace, isLoopbackUrl } from './demo-token-place';

const keys = { clientId: 'id', clientSecret: 'secret' };
const local = sandboxQuickBooksConfig({ ...keys, url: 'http://127.0.0.1:8765' });
const remote = sandboxQuickBooksConfig({ ...keys, url: 'https://sandbox.example.com' });
const intuit: QuickBooksConfig = {
  ...keys,
  environment: 'production',
  redirectUri: null,
  endpoints: {
    authorize: 'https://appcenter.intuit.com/connect/oauth2',
    token: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
    revoke: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
    api: 'https://quickbooks.api.intuit.com',
  },
};
// The real keychain store, as on a server where keytar cannot reach any keychain.
const noKeychain = () =>
  createKeytarSecretStore({ loadKeytar: () => Promise.reject(new Error('no D-Bus session')) });

describe('where the browser host keeps QuickBooks tokens', () => {
  it('keeps them in memory only for the demo, without a keychain, with a loopback QuickBooks', () => {
    expect(demoTokenPlace({ demo: true, keychainAvailable: false, quickbooks: local })).toBe(
      'memory',
    );
  });

  it('uses the keychain whenever there is one, demo or not', () => {
    expect(demoTokenPlace({ demo: true, keychainAvailable: true, quickbooks: local })).toBe(
      'keychain',
    );
    expect(demoTokenPlace({ demo: false, keychainAvailable: true, quickbooks: local })).toBe(
      'keychain',
    );
  });

  it('never uses memory outside the demo, even without a keychain', () => {
    for (const quickbooks of [local, remote, intuit, null])
      expect(demoTokenPlace({ demo: false, keychainAvailable: false, quickbooks })).toBe(
        'keychain',
      );
  });

  it('refuses the demo without a keychain when QuickBooks is not on this computer', () => {
    for (const quickbooks of [remote, intuit, null])
      expect(demoTokenPlace({ demo: true, keychainAvailable: false, quickbooks })).toBe('refuse');
    // One address elsewhere is enough to refuse: tokens would be sent there.
    const mixed = { ...local, endpoints: { ...local.endpoints, token: intuit.endpoints.token } };
    expect(demoTokenPlace({ demo: true, keychainAvailable: false, quickbooks: mixed })).toBe(
      'refuse',
    );
  });

  it('counts only this computer as loopback', () => {
    expect(isLoopbackUrl('http://127.0.0.1:8765')).toBe(true);
    expect(isLoopbackUrl('http://localhost:8765/x')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:8765')).toBe(true);
    expect(isLoopbackUrl('http://127.0.0.1.example.com')).toBe(false);
    expect(isLoopbackUrl('http://10.0.0.5:8765')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});

describe('the demo secret store', () => {
  it('keeps the sandbox tokens in memory when keytar finds no keychain', async () => {
    const store = await chooseDemoSecretStore(noKeychain(), local);
    expect(store.kept).toBe('memory');
    await store.set('realm-1', 'token-value');
    expect(await store.get('realm-1')).toBe('token-value');
  });

  it('refuses to start with a clear message for a company that is not the local sandbox', async () => {
    await expect(chooseDemoSecretStore(noKeychain(), intuit)).rejects.toThrow(
      /no OS keychain.*QBO_BASE_URL must be a loopback address/,
    );
  });

  it('keeps the keychain it was given when that keychain answers', async () => {
    const keychain = createMemorySecretStoreForTests();
    expect(await chooseDemoSecretStore(keychain, intuit)).toBe(keychain);
  });
});
