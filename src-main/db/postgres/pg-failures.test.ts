import { createServer, type Server } from 'node:net';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { insertManualClient } from '../../clients/client-fixtures';
import { AppError } from '../../errors';
import { fromWorkerError, toWorkerError } from '../../worker/worker-errors';
import type { PostgresTarget } from '../database-target';
import type { OpenedDatabase } from '../open-database';
import { retryOnceOnConflict, storageFailure } from '../storage-failures';
import { freshPostgresTarget } from '../testing/test-database';
import { openPostgres, serverTooOld } from './open-postgres';
import { adminClient, appTargetOn, asAdmin } from './pg-test-admin';
import { isPostgresConflict, pgFailure } from './pg-failures';

/*
 * The shared database failing, as the real server reports it: a closed port,
 * a wrong password, a revoked grant, a read-only database, a lock another
 * session holds, a real deadlock. Disk full and damaged pages cannot be made
 * on a throwaway cluster, so a trigger makes the server raise those SQLSTATEs
 * (they reach the app through the same protocol as the real ones).
 */

const opened: OpenedDatabase[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
});

async function open(target: PostgresTarget): Promise<OpenedDatabase> {
  const db = await openPostgres(target, { max: 2, applicationName: 'EquineOps pg-failures test' });
  opened.push(db);
  return db;
}

async function refusal(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected the database to refuse');
}

function where(target: PostgresTarget): string {
  return `the shared database ${target.database} on ${target.host}:${target.port}`;
}

async function addManualClient(db: OpenedDatabase, name: string): Promise<number> {
  return (await insertManualClient(db.db, { displayName: name })).id;
}

describe('opening the shared database when it cannot be used', () => {
  it('says the server cannot be reached, naming it, when nothing listens on its port', async () => {
    const target = await freshPostgresTarget();
    const closed = await freePort();
    const error = await refusal(open({ ...target, port: closed }));

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('database_unavailable');
    expect((error as AppError).message).toBe(
      `EquineOps cannot reach the shared database ${target.database} on 127.0.0.1:${closed}, so nothing was changed. Check that the database server is running and that this computer is on the network that reaches it (a VPN, the office Wi-Fi), then try again.`,
    );
  });

  it('says the password was refused, naming the user, and never repeats the password', async () => {
    const target = await freshPostgresTarget();
    const error = await refusal(open({ ...target, password: 'not-the-Passw0rd-1' }));

    expect((error as AppError).code).toBe('database_unavailable');
    expect((error as AppError).message).toBe(
      `${cap(where(target))} refused the password of the user ${target.user}, so nothing was changed. Enter the right password in Settings → Data (or ask whoever set up the server), then try again.`,
    );
    expect(JSON.stringify((error as AppError).toShape())).not.toContain('not-the-Passw0rd-1');
    expect(JSON.stringify((error as AppError).toShape())).not.toContain(target.password!);
  });

  it('says the server name is not known on the network, naming it', async () => {
    const target = await freshPostgresTarget();
    // .invalid never resolves (RFC 2606).
    const error = await refusal(open({ ...target, host: 'barn-db.invalid' }));
    expect((error as AppError).code).toBe('database_unavailable');
    expect((error as AppError).message).toBe(
      "EquineOps cannot find the server barn-db.invalid on the network, so nothing was changed. Check the server's name in Settings → Data, and that this computer is on the network that knows it (a VPN, the office Wi-Fi), then try again.",
    );
  });

  it('says what to grant when the user may not create the tables in a database it does not own', async () => {
    const app = appTargetOn('postgres');
    const database = `eo_not_owned_${process.pid}_${Date.now().toString(36)}`;
    // An administrator made the database but kept it (PostgreSQL 15: no CREATE on public for others).
    await asAdmin([`create database ${database}`]);
    const error = await refusal(open({ ...app, database }));

    expect((error as AppError).code).toBe('database_read_only');
    expect((error as AppError).message).toBe(
      `The user ${app.user} is missing a privilege on the shared database ${database} on ${app.host}:${app.port} (the server said: "permission denied for schema public"), so nothing was changed. Ask whoever runs the server to grant it: EquineOps's user needs to own the database (or have CREATE on schema public) to set up and update its tables (README, "One computer or several").`,
    );
  });

  it('says to install pg_trgm when the user may create tables but not the search extension', async () => {
    const app = appTargetOn('postgres');
    const database = `eo_no_trgm_${process.pid}_${Date.now().toString(36)}`;
    // The README's other way: the administrator owns the database and grants CREATE on public only.
    await asAdmin([`create database ${database}`]);
    await asAdmin([`grant create on schema public to ${app.user}`], database);
    const error = await refusal(open({ ...app, database }));

    expect((error as AppError).code).toBe('database_read_only');
    expect((error as AppError).message).toBe(
      `The user ${app.user} is missing a privilege on the shared database ${database} on ${app.host}:${app.port} (the server said: "permission denied to create extension "pg_trgm""), so nothing was changed. Ask whoever runs the server to grant it: EquineOps's user needs to own the database, or an administrator runs there once: CREATE EXTENSION pg_trgm; (README, "One computer or several").`,
    );
    // Once the administrator has installed it, the same user sets up its tables.
    await asAdmin(['create extension pg_trgm'], database);
    await expect(open({ ...app, database })).resolves.toMatchObject({ kind: 'postgres' });
  });

  it('says the password is missing when this computer has none for the user', async () => {
    const target = await freshPostgresTarget();
    const error = await refusal(open({ ...target, password: undefined }));
    expect((error as AppError).code).toBe('database_unavailable');
    expect((error as AppError).message).toBe(
      `${cap(where(target))} asks for the password of the user ${target.user}, and none is saved on this computer, so nothing was changed. Enter it in Settings → Data (it is kept in this computer's keychain), then try again.`,
    );
  });

  it('says which database does not exist', async () => {
    const target = await freshPostgresTarget();
    const error = await refusal(open({ ...target, database: 'no_such_barn' }));
    expect((error as AppError).message).toBe(
      `The shared database no_such_barn on ${target.host}:${target.port} does not exist on that server, so nothing was changed. Check the database name in Settings → Data.`,
    );
  });
});

describe('a statement the shared database refuses', () => {
  it('names the missing privilege and the user when a grant was taken away', async () => {
    const target = await freshPostgresTarget();
    const db = await open(target);
    await asAdmin([`revoke insert on staff_notes from ${target.user}`], target.database);
    const clientId = await addManualClient(db, 'Avery Barn');

    const error = await refusal(
      db.db
        .insertInto('staff_notes')
        .values({
          client_id: clientId,
          body: 'Farrier on Tuesday',
          author: 'Dana',
          created_at: '2026-03-02T14:00:00.000Z',
        } as never)
        .execute(),
    );
    const failure = storageFailure(error, { database: target });

    expect(failure?.code).toBe('database_read_only');
    expect(failure?.message).toBe(
      `The user ${target.user} is missing a privilege on ${where(target)} (the server said: "permission denied for table staff_notes"), so nothing was changed. Ask whoever runs the server to grant it: EquineOps's user needs to own the database, or have SELECT, INSERT, UPDATE and DELETE on its tables (README, "One computer or several").`,
    );
  });

  it('says the database accepts no changes when it was made read-only, and still reads', async () => {
    const target = await freshPostgresTarget();
    await asAdmin([`alter database ${target.database} set default_transaction_read_only = on`]);
    // Opening reads the migration steps only, so an up-to-date read-only database opens.
    const db = await open(target);
    expect(await db.db.selectFrom('clients').select('id').execute()).toEqual([]);

    const failure = pgFailure(await refusal(addManualClient(db, 'Avery Barn')), target);
    expect(failure?.code).toBe('database_read_only');
    expect(failure?.message).toBe(
      `${cap(where(target))} accepts no changes right now (it is read-only: a standby server, or set so by its administrator), so nothing was changed. Connect to the main server, or ask whoever runs it, then try again.`,
    );
  });

  it('says another computer holds the records when a lock is not given up in time', async () => {
    const target = await freshPostgresTarget();
    await asAdmin([`alter database ${target.database} set lock_timeout = '200ms'`]);
    const db = await open(target);
    const clientId = await addManualClient(db, 'Avery Barn');
    const other = await adminClient(target.database);
    try {
      await other.query('begin');
      await other.query(`update clients set display_name = 'Held' where id = ${clientId}`);
      const error = await refusal(
        db.db
          .updateTable('clients')
          .set({ display_name: 'Avery Barns' })
          .where('id', '=', clientId)
          .execute(),
      );
      const failure = pgFailure(error, target);
      expect(failure?.code).toBe('database_locked');
      expect(failure?.message).toBe(
        `Another computer was changing the same records in ${where(target)} at that moment, so nothing was changed. Try again.`,
      );
    } finally {
      await other.query('rollback');
      await other.end();
    }
  });

  it('says the server is out of disk space, and that its data is damaged', async () => {
    const target = await freshPostgresTarget();
    const db = await open(target);
    await asAdmin(
      [
        `create function fail_like_the_server() returns trigger language plpgsql as $$
         begin
           if new.display_name = 'Full' then
             raise exception 'could not extend file "base/1/2": No space left on device' using errcode = 'disk_full';
           end if;
           raise exception 'invalid page in block 7 of relation base/1/2' using errcode = 'data_corrupted';
         end $$`,
        'create trigger fail_like_the_server before insert on clients for each row execute function fail_like_the_server()',
      ],
      target.database,
    );

    const full = pgFailure(await refusal(addManualClient(db, 'Full')), target);
    expect(full?.code).toBe('database_full');
    expect(full?.message).toBe(
      `The server that holds ${where(target)} has run out of disk space, so nothing was changed. Ask whoever runs the server to free space on it, then try again.`,
    );
    const damaged = pgFailure(await refusal(addManualClient(db, 'Avery Barn')), target);
    expect(damaged?.code).toBe('database_damaged');
    expect(damaged?.message).toBe(
      `${cap(where(target))} reports damaged data, so nothing was changed. EquineOps cannot repair a server's database: ask whoever runs the server to check it and, if needed, restore the server's backup.`,
    );
  });

  it('reads the same after crossing from the database worker', async () => {
    const target = await freshPostgresTarget();
    const db = await open(target);
    await asAdmin([`revoke insert on staff_notes from ${target.user}`], target.database);
    const error = await refusal(
      sql`insert into staff_notes (client_id, body, author, created_at) values (1, 'x', 'y', 'z')`.execute(
        db.db,
      ),
    );
    const crossed = fromWorkerError(JSON.parse(JSON.stringify(toWorkerError(error))));
    expect(toWorkerError(error)).toMatchObject({ kind: 'pg', code: '42501' });
    expect(pgFailure(crossed, target)?.message).toBe(pgFailure(error, target)?.message);
  });

  it('leaves errors that are not the database to the caller', async () => {
    const closed = await freePort();
    // The same errno a closed database port gives, but from a QuickBooks-like request.
    const notOurs = await refusal(fetch(`http://127.0.0.1:${closed}/v3/company`));
    expect(storageFailure(notOurs, { database: await freshPostgresTarget() })).toBeNull();
    expect(pgFailure(new Error('Connection terminated unexpectedly'), undefined)).toBeNull();
  });
});

describe('two computers changing the same records at once', () => {
  it('runs a write again once when the server ended it to break a deadlock, and saves it', async () => {
    const target = await freshPostgresTarget();
    // This computer's sessions give up first when two wait on each other; the other waits 10 s.
    await asAdmin([`alter database ${target.database} set deadlock_timeout = '100ms'`]);
    const db = await open(target);
    const first = await addManualClient(db, 'First');
    const second = await addManualClient(db, 'Second');
    const other = await adminClient(target.database);
    await other.query(`set deadlock_timeout = '10s'`);
    const errors: unknown[] = [];
    let otherDone: Promise<unknown> = Promise.resolve();

    try {
      await retryOnceOnConflict(async () => {
        try {
          await db.db.transaction().execute(async (trx) => {
            await trx
              .updateTable('clients')
              .set({ display_name: 'First (this computer)' })
              .where('id', '=', first)
              .execute();
            if (errors.length === 0) {
              // The other computer takes the second row, then waits for the first.
              await other.query('begin');
              await other.query(
                `update clients set display_name = 'Second (other)' where id = ${second}`,
              );
              otherDone = other
                .query(`update clients set display_name = 'First (other)' where id = ${first}`)
                .then(() => other.query('commit'));
              await waitUntilWaitingForLock(target);
            }
            await trx
              .updateTable('clients')
              .set({ display_name: 'Second (this computer)' })
              .where('id', '=', second)
              .execute();
          });
        } catch (error) {
          errors.push(error);
          throw error;
        }
      });
      await otherDone;
    } finally {
      await other.end();
    }

    expect(errors).toHaveLength(1);
    expect(isPostgresConflict(errors[0])).toBe(true);
    expect(pgFailure(errors[0], target)?.code).toBe('database_locked');
    const names = await db.db.selectFrom('clients').select('display_name').orderBy('id').execute();
    // The other computer committed first; this computer's second run came after it.
    expect(names.map((r) => r.display_name)).toEqual([
      'First (this computer)',
      'Second (this computer)',
    ]);
  });
});

async function waitUntilWaitingForLock(target: PostgresTarget): Promise<void> {
  const admin = await adminClient(target.database);
  try {
    for (;;) {
      const found = await admin.query(
        `select 1 from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`,
        [target.database],
      );
      if (found.rowCount) return;
      await new Promise((done) => setTimeout(done, 20));
    }
  } finally {
    await admin.end();
  }
}

/** A local port nothing listens on (a server opened and closed on it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

describe('a server older than the app needs', () => {
  it('opens PostgreSQL 13 and newer, and refuses older ones in words', async () => {
    const target = await freshPostgresTarget();
    // The throwaway cluster is new enough: opening it works.
    await open(target);
    expect(serverTooOld(130000, target)).toBeNull();
    const refusal = serverTooOld(120017, target);
    expect(refusal?.code).toBe('database_unavailable');
    expect(refusal?.message).toBe(
      `${cap(where(target))} runs PostgreSQL 12, and EquineOps needs PostgreSQL 13 or newer, so nothing was changed. Ask whoever runs the server to upgrade it.`,
    );
  });
});

describe('a computer that vanishes from the network', () => {
  it("asks the server to drop a dead or frozen computer's connection within minutes, so its locks do not stay held", async () => {
    const db = await open(await freshPostgresTarget());
    const settings = await sql<{ idle: string; interval: string; count: string; frozen: string }>`
      select current_setting('tcp_keepalives_idle') as idle,
             current_setting('tcp_keepalives_interval') as interval,
             current_setting('tcp_keepalives_count') as count,
             current_setting('idle_in_transaction_session_timeout') as frozen`.execute(db.db);
    expect(settings.rows[0]).toEqual({ idle: '60', interval: '10', count: '6', frozen: '5min' });
  });
});
