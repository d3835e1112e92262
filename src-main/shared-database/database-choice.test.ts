import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import {
  chooseDatabase,
  DATABASE_CHOICE_FILE,
  readDatabaseChoice,
  writeDatabaseChoice,
} from './database-choice';
import { databasePasswordAccount, DatabasePasswords } from './database-password';

/*
 * Which database a computer opens at start: the IT administrator's
 * EQUINEOPS_DATABASE_URL, else Settings → Data's choice (database.json, no
 * password) with the password from the keychain, else its own file.
 */
let dataDir: string;
const dataFile = () => join(dataDir, 'equineops.sqlite');
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'equineops-choice-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const barn = {
  host: 'db.barn.local',
  port: 5432,
  database: 'equineops',
  user: 'frontdesk',
  sslmode: 'verify-full' as const,
  caFile: '/etc/equineops/ca.pem',
};

describe('choosing the database at start', () => {
  it('is this computer’s own file when nothing else was chosen', async () => {
    const secrets = createMemorySecretStoreForTests();
    expect(await chooseDatabase({ env: {}, dataDir, secrets, dataFile: dataFile() })).toEqual({
      kind: 'sqlite',
      file: dataFile(),
    });
  });

  it('is Settings → Data’s shared database, with the password from the keychain only', async () => {
    const secrets = createMemorySecretStoreForTests();
    await new DatabasePasswords(secrets).save(barn, 'hay-bale-42');
    writeDatabaseChoice(dataDir, barn);

    const file = join(dataDir, DATABASE_CHOICE_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('hay-bale-42');
    expect(secrets.accounts()).toEqual(['frontdesk@db.barn.local:5432/equineops']);
    expect(await chooseDatabase({ env: {}, dataDir, secrets, dataFile: dataFile() })).toEqual({
      kind: 'postgres',
      ...barn,
      password: 'hay-bale-42',
      source: 'settings',
    });
  });

  it('is EQUINEOPS_DATABASE_URL when IT set it, over Settings → Data', async () => {
    const secrets = createMemorySecretStoreForTests();
    writeDatabaseChoice(dataDir, barn);
    await secrets.set(
      databasePasswordAccount({ user: 'it', host: 'pg.example', port: 6543, database: 'barn' }),
      'from-keychain',
    );
    const env = {
      EQUINEOPS_DATABASE_URL: 'postgres://it@pg.example:6543/barn?sslmode=require',
    };
    expect(await chooseDatabase({ env, dataDir, secrets, dataFile: dataFile() })).toEqual({
      kind: 'postgres',
      host: 'pg.example',
      port: 6543,
      database: 'barn',
      user: 'it',
      password: 'from-keychain',
      sslmode: 'require',
      caFile: undefined,
      source: 'environment',
    });
  });

  it('says what is wrong with an unusable EQUINEOPS_DATABASE_URL without repeating it', async () => {
    const env = {
      EQUINEOPS_DATABASE_URL: 'postgres://it:s3cret-pw@pg.example/barn?sslmode=prefer',
    };
    const choosing = chooseDatabase({
      env,
      dataDir,
      secrets: createMemorySecretStoreForTests(),
      dataFile: dataFile(),
    });
    await expect(choosing).rejects.toThrow(
      'EQUINEOPS_DATABASE_URL is set but cannot be used: sslmode "prefer" is not offered: use require, verify-full or disable. Ask your IT administrator to correct it.',
    );
    await expect(choosing).rejects.not.toThrow(/s3cret-pw/);
  });

  it('says how to get out of a database.json it cannot read', async () => {
    writeFileSync(join(dataDir, DATABASE_CHOICE_FILE), '{"version":1,"shared":{"host":');
    expect(() => readDatabaseChoice(dataDir)).toThrow(
      /database\.json does not say which database to use\. Delete it to use this computer's own file/,
    );
  });

  it('going back to the file removes the choice', () => {
    writeDatabaseChoice(dataDir, barn);
    writeDatabaseChoice(dataDir, null);
    expect(readDatabaseChoice(dataDir)).toBeNull();
  });
});
