import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { createKeytarSecretStore, KEYCHAIN_SERVICE, type KeytarApi } from './keytar-secret-store';

/*
 * CI runs the tests inside `dbus-run-session` with gnome-keyring unlocked, so
 * the real keychain round trip runs there; on a machine without a keychain
 * the same file proves the clear refusal instead. The probe decides which,
 * and whichever side does not apply is reported as skipped, not hidden.
 */
const TEST_SERVICE = `${KEYCHAIN_SERVICE} (test ${randomUUID()})`;
const keytar: KeytarApi | null = await import('keytar').then(
  (module) => (module as { default?: KeytarApi }).default ?? (module as KeytarApi),
  () => null,
);
const keychainProbe = await probeKeychain();

async function probeKeychain(): Promise<{ reachable: boolean; reason: string }> {
  if (!keytar) return { reachable: false, reason: 'keytar could not be loaded' };
  try {
    await keytar.setPassword(TEST_SERVICE, 'probe', 'probe');
    await keytar.deletePassword(TEST_SERVICE, 'probe');
    return { reachable: true, reason: 'keychain answered' };
  } catch (error) {
    return { reachable: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

async function expectUnavailable(work: Promise<unknown>, secret?: string): Promise<AppError> {
  const error = await work.then(
    () => {
      throw new Error('expected the keychain store to refuse');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe('keychain_unavailable');
  expect(appError.message).toMatch(
    /system keychain is not available, so QuickBooks cannot be connected/,
  );
  if (secret) expect(JSON.stringify(appError.toShape())).not.toContain(secret);
  return appError;
}

describe(`QuickBooks tokens in the OS keychain (${keychainProbe.reachable ? 'keychain reachable' : `no keychain: ${keychainProbe.reason}`})`, () => {
  const store = createKeytarSecretStore({ service: TEST_SERVICE });
  const account = `realm-${randomUUID()}`;

  afterAll(async () => {
    await keytar?.deletePassword(TEST_SERVICE, account).catch(() => false);
  });

  it.runIf(keychainProbe.reachable)(
    'keeps a token in the keychain, gives it back and deletes it',
    async () => {
      expect(await store.get(account)).toBeNull();
      await store.set(account, 'refresh-token-value');
      expect(await store.get(account)).toBe('refresh-token-value');
      expect(await keytar?.getPassword(TEST_SERVICE, account)).toBe('refresh-token-value');
      await store.set(account, 'rotated-refresh-token');
      expect(await store.get(account)).toBe('rotated-refresh-token');
      expect(await store.delete(account)).toBe(true);
      expect(await store.get(account)).toBeNull();
      expect(await store.delete(account)).toBe(false);
    },
  );

  it.runIf(!keychainProbe.reachable)(
    'says QuickBooks cannot be connected when the keychain is unavailable, without the token',
    async () => {
      await expectUnavailable(store.set(account, 'refresh-token-value'), 'refresh-token-value');
      await expectUnavailable(store.get(account));
    },
  );
});

describe('when keytar itself is missing or broken', () => {
  it('refuses to store a token rather than keeping it anywhere else', async () => {
    let loads = 0;
    const store = createKeytarSecretStore({
      loadKeytar: async () => {
        loads += 1;
        throw new Error('libsecret-1.so.0: cannot open shared object file');
      },
    });
    const error = await expectUnavailable(
      store.set('123145', 'refresh-token-value'),
      'refresh-token-value',
    );
    expect(error.toShape().detail).toMatch(/libsecret/);
    await expectUnavailable(store.get('123145'));
    // Tried again: the user may have installed or unlocked the keychain meanwhile.
    expect(loads).toBe(2);
  });

  it('keeps the token out of the error when the keychain refuses it', async () => {
    const refusing: KeytarApi = {
      getPassword: async () => null,
      setPassword: async () => {
        throw new Error('Cannot create an item in a locked collection');
      },
      deletePassword: async () => false,
    };
    const store = createKeytarSecretStore({ loadKeytar: async () => refusing });
    const error = await expectUnavailable(
      store.set('123145', 'refresh-token-value'),
      'refresh-token-value',
    );
    expect(error.toShape().detail).toMatch(/locked collection/);
  });

  it('gives up on a keychain that never answers', async () => {
    const silent: KeytarApi = {
      getPassword: () => new Promise(() => undefined),
      setPassword: () => new Promise(() => undefined),
      deletePassword: () => new Promise(() => undefined),
    };
    const store = createKeytarSecretStore({ loadKeytar: async () => silent, timeoutMs: 5 });
    const error = await expectUnavailable(store.get('123145'));
    expect(error.toShape().detail).toMatch(/did not answer/);
  });
});
