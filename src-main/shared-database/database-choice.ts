import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SharedDatabaseShown } from '../../src-shared/contract';
import { PRIVATE_FILE_MODE } from '../data-folder/private-files';
import { parsePostgresUrl, type DatabaseTarget, type PostgresTarget } from '../db/database-target';
import { AppError } from '../errors';
import { DatabasePasswords } from './database-password';
import type { SecretStore } from '../platform/ports';

/** `<dataDir>/database.json`: which shared database this computer uses. Never the password. */
export const DATABASE_CHOICE_FILE = 'database.json';

/** The IT administrator's setting; it wins over Settings → Data. */
export const DATABASE_URL_VARIABLE = 'EQUINEOPS_DATABASE_URL';

const ChoiceFile = z.object({
  version: z.literal(1),
  shared: SharedDatabaseShown,
});

export type SharedDatabaseChoice = z.infer<typeof SharedDatabaseShown>;

export function readDatabaseChoice(dataDir: string): SharedDatabaseChoice | null {
  const file = join(dataDir, DATABASE_CHOICE_FILE);
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw unreadable(file);
  }
  const choice = ChoiceFile.safeParse(parsed);
  if (!choice.success) throw unreadable(file);
  return choice.data.shared;
}

/** Records the choice (0600, written whole: a crash leaves the old file or the new one), or removes it. */
export function writeDatabaseChoice(dataDir: string, choice: SharedDatabaseChoice | null): void {
  const file = join(dataDir, DATABASE_CHOICE_FILE);
  if (choice === null) {
    rmSync(file, { force: true });
    return;
  }
  const partial = `${file}.partial`;
  const body: z.infer<typeof ChoiceFile> = {
    version: 1,
    shared: SharedDatabaseShown.parse(choice),
  };
  writeFileSync(partial, JSON.stringify(body, null, 2) + '\n', { mode: PRIVATE_FILE_MODE });
  renameSync(partial, file);
}

export function targetFromChoice(
  choice: SharedDatabaseChoice,
  source: PostgresTarget['source'] = 'settings',
  password?: string,
): PostgresTarget {
  return {
    kind: 'postgres',
    host: choice.host,
    port: choice.port,
    database: choice.database,
    user: choice.user,
    password,
    sslmode: choice.sslmode,
    caFile: choice.caFile || undefined,
    source,
  };
}

export function choiceFromTarget(target: PostgresTarget): SharedDatabaseChoice {
  return {
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    // database.json offers only encrypted connections; an IT URL with sslmode=disable shows as require.
    sslmode: target.sslmode === 'verify-full' ? 'verify-full' : 'require',
    ...(target.caFile ? { caFile: target.caFile } : {}),
  };
}

export interface ChooseDatabaseInput {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** The "EquineOps Database" keychain (Ports.databaseSecrets). */
  secrets: SecretStore;
  /** This computer's own file. */
  dataFile: string;
}

/**
 * Start-up's choice: EQUINEOPS_DATABASE_URL (IT-managed) wins, then the shared
 * database chosen in Settings → Data (its password from the keychain), else
 * this computer's own file.
 */
export async function chooseDatabase(input: ChooseDatabaseInput): Promise<DatabaseTarget> {
  const passwords = new DatabasePasswords(input.secrets);
  const url = input.env[DATABASE_URL_VARIABLE]?.trim();
  if (url) {
    let target: PostgresTarget;
    try {
      target = parsePostgresUrl(url, 'environment');
    } catch (error) {
      throw new AppError(
        'validation',
        `${DATABASE_URL_VARIABLE} is set but cannot be used: ${(error as Error).message} Ask your IT administrator to correct it.`,
      );
    }
    return passwords.withPassword(target);
  }
  const choice = readDatabaseChoice(input.dataDir);
  if (choice) return passwords.withPassword(targetFromChoice(choice));
  return { kind: 'sqlite', file: input.dataFile };
}

function unreadable(file: string): AppError {
  return new AppError(
    'validation',
    `${file} does not say which database to use. Delete it to use this computer's own file, then choose the shared database again in Settings → Data.`,
  );
}
