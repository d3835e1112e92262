import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../platform/keychain/keytar-secret-store';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { DatabasePasswords } from './database-password';

const barn = { user: 'frontdesk', host: 'db.barn.local', port: 5432, database: 'equineops' };

describe('the shared database’s password', () => {
  it('is one keychain entry per user, server and database', async () => {
    const secrets = createMemorySecretStoreForTests();
    const passwords = new DatabasePasswords(secrets);
    await passwords.save(barn, 'hay-bale-42');
    await passwords.save({ ...barn, database: 'equineops_test' }, 'other');
    expect(secrets.accounts().sort()).toEqual([
      'frontdesk@db.barn.local:5432/equineops',
      'frontdesk@db.barn.local:5432/equineops_test',
    ]);
    expect(await passwords.read(barn)).toBe('hay-bale-42');
    await passwords.forget(barn);
    expect(await passwords.read(barn)).toBeNull();
  });

  it('says, without the password, that a keychain that cannot be reached keeps nothing', async () => {
    const passwords = new DatabasePasswords(
      createKeytarSecretStore({
        loadKeytar: () => Promise.reject(new Error('no D-Bus session bus')),
      }),
    );
    const saving = passwords.save(barn, 'hay-bale-42');
    await expect(saving).rejects.toMatchObject({
      code: 'keychain_unavailable',
      message:
        'The system keychain is not available, so the shared database’s password cannot be kept or read. Unlock or set up the keychain (on Linux: GNOME Keyring or KWallet) and try again.',
    });
    await expect(saving).rejects.not.toThrow(/hay-bale-42/);
  });
});
