import type { PostgresTarget } from '../db/database-target';
import { AppError } from '../errors';
import type { SecretStore } from '../platform/ports';

/** The keychain entry's service: one entry a database, next to "EquineOps QuickBooks". */
export const DATABASE_KEYCHAIN_SERVICE = 'EquineOps Database';

type Place = Pick<PostgresTarget, 'user' | 'host' | 'port' | 'database'>;

/** `user@host:port/database`: the same details find the same password, other details another. */
export function databasePasswordAccount(target: Place): string {
  return `${target.user}@${target.host}:${target.port}/${target.database}`;
}

/**
 * The shared database's password lives only in the OS keychain (never in
 * database.json, logs, errors or the support bundle). A keychain that cannot be
 * reached fails with keychain_unavailable (keytar-secret-store.ts), which says
 * what to do; nothing falls back to a file.
 */
export class DatabasePasswords {
  constructor(private readonly secrets: SecretStore) {}

  read(target: Place): Promise<string | null> {
    return inWords(this.secrets.get(databasePasswordAccount(target)));
  }

  save(target: Place, password: string): Promise<void> {
    return inWords(this.secrets.set(databasePasswordAccount(target), password));
  }

  async forget(target: Place): Promise<void> {
    await inWords(this.secrets.delete(databasePasswordAccount(target)));
  }

  /** The target with its password filled in from the keychain when it has none of its own. */
  async withPassword(target: PostgresTarget): Promise<PostgresTarget> {
    if (target.password !== undefined) return target;
    const password = await this.read(target);
    return password === null ? target : { ...target, password };
  }
}

/** The keychain store's own words speak of QuickBooks; here it is the database's password. */
async function inWords<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === 'keychain_unavailable')
      throw new AppError(
        'keychain_unavailable',
        'The system keychain is not available, so the shared database’s password cannot be kept or read. ' +
          'Unlock or set up the keychain (on Linux: GNOME Keyring or KWallet) and try again.',
        { detail: error.options.detail, cause: error },
      );
    throw error;
  }
}
