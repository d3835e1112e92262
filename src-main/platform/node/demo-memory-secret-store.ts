import type { SecretStore } from '../ports';

/**
 * Only for `npm run demo` on a computer without an OS keychain, and only for the
 * local sandbox company (server/demo-token-place.ts decides). Its tokens are
 * forgotten when the demo stops; `kept` lets the Integrations card say so.
 */
export function createDemoMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    kept: 'memory',
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
  };
}
