import type {
  DatabaseHealth,
  DatabaseStatus,
  MoveResult,
  SharedDatabaseDetails,
} from '../../src-shared/contract';
import type { HandlerGroup } from '../api/handlers';
import type { PostgresTarget } from '../db/database-target';
import { AppError } from '../errors';
import { testConnection } from './connection-test';
import { DatabasePasswords } from './database-password';
import { targetFromChoice } from './database-choice';

/** What Settings → Data's shared-database calls need from the part of the core that holds the connection (DataSafety). */
export interface DatabaseSwitch {
  status(): Promise<DatabaseStatus>;
  /** Copies this computer's file into the (empty) shared database, then uses it. */
  moveTo(target: PostgresTarget): Promise<MoveResult>;
  /** Uses a shared database that already holds a list. */
  join(target: PostgresTarget): Promise<DatabaseStatus>;
  useLocal(): Promise<DatabaseStatus>;
  /** Tries now; with a password (the waiting screen's field), that one, saved to the keychain once it opens. */
  retry(password?: string): Promise<DatabaseHealth>;
}

/** database.*: test a server, move there, join it, go back to the file, and the connection's state. */
export function sharedDatabaseHandlers(
  passwords: DatabasePasswords,
  change: DatabaseSwitch,
): HandlerGroup {
  return {
    'database.status': () => change.status(),
    'database.test': async (details) => testConnection(await targetOf(details, passwords)),
    'database.move': async (details) => change.moveTo(await targetOf(details, passwords)),
    'database.use': async (details) => change.join(await targetOf(details, passwords)),
    'database.useLocal': () => change.useLocal(),
    'database.retry': (input) => change.retry(input.password),
  };
}

/** The typed details, with the password typed now or (left empty) the one this computer's keychain holds. */
export async function targetOf(
  details: SharedDatabaseDetails,
  passwords: DatabasePasswords,
): Promise<PostgresTarget> {
  if (details.sslmode === 'verify-full' && details.caFile === '') delete details.caFile;
  const target = targetFromChoice(details, 'settings');
  const password = details.password !== '' ? details.password : await passwords.read(target);
  if (password === null)
    throw new AppError('validation', 'Enter the password of this database user.', {
      fields: { password: 'Enter the password' },
    });
  return { ...target, password };
}
