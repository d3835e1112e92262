import { AppError } from '../errors';
import { createDemoMemorySecretStore } from '../platform/node/demo-memory-secret-store';
import type { SecretStore } from '../platform/ports';
import type { QuickBooksConfig } from '../quickbooks/quickbooks-config';

export type DemoTokenPlace = 'keychain' | 'memory' | 'refuse';

/**
 * Where the browser host keeps QuickBooks tokens. Tokens belong in the OS
 * keychain (DESIGN.md, Security); the one exception is the demo on a computer
 * without one, and only while every QuickBooks address is this computer (the
 * local sandbox company), so a real company's tokens are never held anywhere else.
 */
export function demoTokenPlace(input: {
  demo: boolean;
  keychainAvailable: boolean;
  quickbooks: QuickBooksConfig | null;
}): DemoTokenPlace {
  if (!input.demo || input.keychainAvailable) return 'keychain';
  const endpoints = input.quickbooks ? Object.values(input.quickbooks.endpoints) : [];
  return endpoints.length > 0 && endpoints.every(isLoopbackUrl) ? 'memory' : 'refuse';
}

export function isLoopbackUrl(address: string): boolean {
  let host: string;
  try {
    host = new URL(address).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Asks the keychain the same question Connect asks first (connection-service.ts). */
export async function keychainAvailable(keychain: SecretStore): Promise<boolean> {
  try {
    await keychain.get('availability-check');
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'keychain_unavailable') return false;
    throw error;
  }
}

/**
 * The demo's secret store: the keychain when there is one, else memory for the
 * local sandbox only. `probe` may be a keychain store with a shorter wait.
 */
export async function chooseDemoSecretStore(
  keychain: SecretStore,
  quickbooks: QuickBooksConfig | null,
  probe: SecretStore = keychain,
): Promise<SecretStore> {
  const place = demoTokenPlace({
    demo: true,
    keychainAvailable: await keychainAvailable(probe),
    quickbooks,
  });
  if (place === 'keychain') return keychain;
  if (place === 'memory') return createDemoMemorySecretStore();
  throw new AppError(
    'keychain_unavailable',
    'This computer has no OS keychain, and the demo keeps tokens in memory only for the local ' +
      'sandbox company: QBO_BASE_URL must be a loopback address such as http://127.0.0.1:8765. ' +
      'Set up a keychain (on Linux: GNOME Keyring or KWallet) to connect any other company.',
  );
}
