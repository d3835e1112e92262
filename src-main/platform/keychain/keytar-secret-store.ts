import { AppError } from '../../errors';
import { redactSecrets } from '../../secret-redaction';
import type { SecretStore } from '../ports';

/** The keychain entry name the design fixes; the account is the QuickBooks realm id. */
export const KEYCHAIN_SERVICE = 'EquineOps QuickBooks';

/** The three keytar calls this store uses, so a test can hand in a broken keychain. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarSecretStoreOptions {
  service?: string;
  /** Loads keytar; injected in tests. keytar is native, so loading itself can fail. */
  loadKeytar?: () => Promise<KeytarApi>;
  /**
   * A locked desktop keychain may wait for the user to type a password;
   * past this the call fails instead of leaving "Connect" spinning forever.
   */
  timeoutMs?: number;
}

const UNAVAILABLE_MESSAGE =
  'The system keychain is not available, so QuickBooks cannot be connected. ' +
  'Unlock or set up the keychain (on Linux: GNOME Keyring or KWallet) and try again.';

/**
 * Tokens live only in the OS keychain (DESIGN.md, Security). When keytar or the
 * keychain cannot be reached this throws `keychain_unavailable` and never falls
 * back to a file or the database. Neither the secret nor the account name ever
 * goes into an error.
 */
export function createKeytarSecretStore(options: KeytarSecretStoreOptions = {}): SecretStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  const loadKeytar = options.loadKeytar ?? importKeytar;
  const timeoutMs = options.timeoutMs ?? 60_000;
  let loaded: Promise<KeytarApi> | undefined;

  async function withKeychain<T>(use: (keytar: KeytarApi) => Promise<T>): Promise<T> {
    let keytar: KeytarApi;
    try {
      loaded ??= loadKeytar();
      keytar = await loaded;
    } catch (error) {
      // Try loading again next time: the user may install or unlock the keychain meanwhile.
      loaded = undefined;
      throw unavailable(error);
    }
    try {
      return await withTimeout(use(keytar), timeoutMs);
    } catch (error) {
      throw unavailable(error);
    }
  }

  return {
    get: (account) => withKeychain((k) => k.getPassword(service, account)),
    set: (account, secret) => withKeychain((k) => k.setPassword(service, account, secret)),
    delete: (account) => withKeychain((k) => k.deletePassword(service, account)),
  };
}

async function importKeytar(): Promise<KeytarApi> {
  const module = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  return module.default ?? module;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The keychain did not answer within ${ms / 1000} s`)),
      ms,
    );
    timer.unref();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function unavailable(error: unknown): AppError {
  // keytar's messages name the D-Bus or keychain problem, never the secret.
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('keychain_unavailable', UNAVAILABLE_MESSAGE, {
    detail: `keychain: ${redactSecrets(reason)}`,
    cause: error,
  });
}
