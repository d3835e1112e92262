import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { PostgresTarget } from './database-target';
import { markPostgresError } from './postgres/pg-failures';
import { retryOnceOnConflict, storageFailure } from './storage-failures';

const shared: PostgresTarget = {
  kind: 'postgres',
  host: 'db.barn.local',
  port: 5432,
  database: 'equineops',
  user: 'frontdesk',
  password: 'Hay-Bale-42-Secret',
  sslmode: 'verify-full',
  source: 'settings',
};

/** An error as pg's DatabaseError carries it: SQLSTATE code and severity. */
function serverError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

describe('a storage failure, told apart by its shape', () => {
  it("reads SQLite's codes as the data file's, naming the file", () => {
    const failure = storageFailure(
      new SQLite.SqliteError('database or disk is full', 'SQLITE_FULL'),
      {
        dataFile: '/home/pat/EquineOps/equineops.sqlite',
      },
    );
    expect(failure?.code).toBe('database_full');
    expect(failure?.message).toMatch(/The file: \/home\/pat\/EquineOps\/equineops\.sqlite$/);
  });

  it("reads the server's codes as the shared database's, naming the server and never the password", () => {
    const failure = storageFailure(serverError('53100', 'could not extend file'), {
      dataFile: '/home/pat/EquineOps/equineops.sqlite',
      database: shared,
    });
    expect(failure?.code).toBe('database_full');
    expect(failure?.message).toContain('the shared database equineops on db.barn.local:5432');
    expect(JSON.stringify(failure?.toShape())).not.toContain('Hay-Bale-42-Secret');
  });

  it('reads a refused connection as the server being unreachable only when the database driver reported it', () => {
    const fromDriver = markPostgresError(
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }),
    );
    expect(storageFailure(fromDriver, { database: shared })?.code).toBe('database_unavailable');
    // The same errno from a QuickBooks request is not the database's.
    const fromElsewhere = Object.assign(new Error('connect ECONNREFUSED 1.2.3.4:443'), {
      code: 'ECONNREFUSED',
    });
    expect(storageFailure(fromElsewhere, { database: shared })).toBeNull();
    expect(storageFailure(new Error('something else'), { database: shared })).toBeNull();
  });

  it('finds the database code under a wrapping error', () => {
    const wrapped = new Error('The client database could not be updated (step 0012)', {
      cause: serverError('42501', 'permission denied for schema public'),
    });
    const failure = storageFailure(wrapped, { database: shared });
    expect(failure?.code).toBe('database_read_only');
    expect(failure?.message).toContain('permission denied for schema public');
  });
});

describe('running a write again after a clash between two computers', () => {
  it('runs once more after a deadlock or serialization failure, and not after anything else', async () => {
    let runs = 0;
    const result = await retryOnceOnConflict(async () => {
      runs += 1;
      if (runs === 1) throw serverError('40P01', 'deadlock detected');
      return 'saved';
    });
    expect({ result, runs }).toEqual({ result: 'saved', runs: 2 });

    runs = 0;
    await expect(
      retryOnceOnConflict(async () => {
        runs += 1;
        throw serverError('40001', 'could not serialize access');
      }),
    ).rejects.toThrow('could not serialize access');
    expect(runs).toBe(2);

    runs = 0;
    await expect(
      retryOnceOnConflict(async () => {
        runs += 1;
        throw serverError('23505', 'duplicate key');
      }),
    ).rejects.toThrow('duplicate key');
    expect(runs).toBe(1);
  });
});
