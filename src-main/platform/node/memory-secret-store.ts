import type { SecretStore } from '../ports';

/**
 * TEST DOUBLE ONLY. Keeps secrets in memory for unit tests and e2e runs of the
 * browser host. The app itself always uses the keychain store: tokens must
 * never be kept anywhere but the OS keychain.
 */
export interface MemorySecretStoreForTests extends SecretStore {
  /** Accounts currently holding a secret (never the secrets themselves). */
  accounts(): string[];
}

export function createMemorySecretStoreForTests(): MemorySecretStoreForTests {
  const secrets = new Map<string, string>();
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
    accounts: () => [...secrets.keys()],
  };
}
