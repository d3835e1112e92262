import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../../platform/ports';

/**
 * TEST DOUBLE ONLY. Keeps secrets in a JSON file so the crash test's child
 * processes share the sandbox tokens with the parent that connected. The app
 * itself always uses the OS keychain: tokens must never be kept in a file.
 */
export function createFileSecretStoreForTests(file: string): SecretStore {
  const read = (): Record<string, string> =>
    existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const write = (all: Record<string, string>) => {
    writeFileSync(`${file}.tmp`, JSON.stringify(all), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  return {
    get: async (account) => read()[account] ?? null,
    set: async (account, secret) => write({ ...read(), [account]: secret }),
    delete: async (account) => {
      const all = read();
      if (!(account in all)) return false;
      delete all[account];
      write(all);
      return true;
    },
  };
}
