import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { SharedDatabaseDetails } from '../../src-shared/contract';
import { insertManualClient, insertManyClients } from '../clients/client-fixtures';
import { createCore } from '../core';
import type { PostgresTarget } from '../db/database-target';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createNodePorts } from '../platform/node/node-ports';
import { openDatabase } from '../db/open-database';
import { SqliteSnapshot } from '../db/sqlite-snapshot';
import { DATABASE_CHOICE_FILE } from './database-choice';
import { databasePasswordAccount } from './database-password';
import { SHARED_BACKUPS_MESSAGE } from '../backup/backup-handlers';
import { MOVED_TABLES, NOT_MOVED_TABLES, tablesNotCovered } from './move-to-shared';
import {
  asAdmin,
  computerWithFile,
  emptySharedDatabase,
  type ComputerWithFile,
} from './shared-database-test-support';

/*
 * Settings → Data → "Use a shared database": Test connection, Move my data
 * there, another computer joining, and going back to the file. PostgreSQL-only
 * by nature (a file moved into a server): run through scripts/with-postgres.sh.
 */
const open: ComputerWithFile[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.dispose();
});

async function computer(): Promise<ComputerWithFile> {
  const made = await computerWithFile();
  open.push(made);
  return made;
}

function details(target: PostgresTarget, password = target.password ?? ''): SharedDatabaseDetails {
  return {
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password,
    sslmode: target.sslmode === 'verify-full' ? 'verify-full' : 'require',
    ...(target.caFile ? { caFile: target.caFile } : {}),
  };
}

async function ok<T>(
  result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
) {
  const r = await result;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** A list with something in every kind of table a person fills in. */
async function fillTheFile(pc: ComputerWithFile) {
  const { core } = pc;
  await insertManyClients(core.db, 1_250, 7);
  const parent = await insertManualClient(core.db, { displayName: 'Willow Creek Farm' });
  const child = await insertManualClient(core.db, {
    displayName: 'Mary O’Brien',
    parentId: parent.id,
  });
  const horse = await ok(
    pc.call('horses.create', { name: 'Biscuit', breed: 'Morgan', color: null, birthYear: 2015 }),
  );
  await ok(pc.call('horses.link', { clientId: child.id, horseId: horse.id, role: 'Owner' }));
  const note = await ok(
    pc.call('notes.add', { clientId: child.id, body: 'Farrier every 6 weeks' }),
  );
  // A deleted note leaves a gap at the end of the ids: the shared database must not hand that id out again.
  const gone = await ok(pc.call('notes.add', { clientId: child.id, body: 'typo' }));
  await ok(pc.call('notes.delete', { id: gone.id }));
  await ok(
    pc.call('documents.add', {
      clientId: child.id,
      name: 'Coggins 2026.pdf',
      type: 'application/pdf',
      content: new Uint8Array(Buffer.from('%PDF-1.4 coggins')),
    }),
  );
  return { parent, child, horse, note, gone };
}

describe('Test connection', () => {
  it('says in words that an empty database can take this computer’s data', async () => {
    const pc = await computer();
    const target = await emptySharedDatabase();
    const result = await ok(pc.call('database.test', details(target)));
    expect(result.checks.map((c) => [c.check, c.ok])).toEqual([
      ['connect', true],
      ['version', true],
      ['tls', true],
      ['privileges', true],
      ['search', true],
      ['contents', true],
    ]);
    expect(result.checks.find((c) => c.check === 'tls')!.message).toContain(
      'certificate was verified',
    );
    expect(result.contents).toEqual({ kind: 'empty' });
    expect(result.canMove).toBe(true);
    expect(result.canJoin).toBe(false);
  });

  it('names a wrong password, and never repeats it', async () => {
    const pc = await computer();
    const target = await emptySharedDatabase();
    const result = await ok(pc.call('database.test', details(target, 'not-the-password-42')));
    expect(result.ok).toBe(false);
    expect(result.checks).toEqual([
      {
        check: 'connect',
        ok: false,
        message: `The server refused the user name or password for ${target.user}. Check the password with whoever runs the server, then Test connection again.`,
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('not-the-password-42');
  });

  it('refuses a database holding tables EquineOps did not make', async () => {
    const pc = await computer();
    const target = await emptySharedDatabase();
    await asAdmin(
      target.database,
      `create table invoices (id int); alter table invoices owner to ${target.user}`,
    );
    const result = await ok(pc.call('database.test', details(target)));
    expect(result.contents).toEqual({ kind: 'other', tables: ['invoices'] });
    expect(result.canMove).toBe(false);
    expect(result.checks.at(-1)!.message).toBe(
      'It holds tables EquineOps did not make (invoices). Use an empty database of its own for EquineOps.',
    );
    const move = await pc.call('database.move', details(target));
    expect(move.ok).toBe(false);
  });

  it('says what the user may not do when it cannot create tables', async () => {
    const pc = await computer();
    const target = await emptySharedDatabase();
    await asAdmin(
      target.database,
      `alter schema public owner to postgres; revoke create on schema public from public`,
    );
    const result = await ok(pc.call('database.test', details(target)));
    const privileges = result.checks.find((c) => c.check === 'privileges')!;
    expect(privileges.ok).toBe(false);
    expect(privileges.message).toContain(`GRANT CREATE ON SCHEMA public TO ${target.user};`);
  });
});

describe('Move my data there', () => {
  it('copies every table with its ids, counts each, and the app then works on the shared database', async () => {
    const pc = await computer();
    const filled = await fillTheFile(pc);
    const target = await emptySharedDatabase();
    const before = await ok(pc.call('clients.list', { limit: 50 }));
    const fileBackup = await ok(pc.call('backups.create', {}));

    const moved = await ok(pc.call('database.move', details(target)));

    const rows = Object.fromEntries(moved.tables.map((t) => [t.table, t.rows]));
    expect(moved.tables.map((t) => t.table)).toEqual([...MOVED_TABLES]);
    expect(rows.clients).toBe(1_252);
    expect(rows.horses).toBe(1);
    expect(rows.staff_notes).toBe(2);
    expect(rows.client_documents).toBe(1);
    expect(moved.documentFiles).toBe(1);
    expect(moved.missingDocumentFiles).toBe(0);

    const status = await ok(pc.call('database.status', {}));
    expect(status).toMatchObject({
      kind: 'postgres',
      source: 'settings',
      encrypted: true,
      shared: {
        host: target.host,
        port: target.port,
        database: target.database,
        user: target.user,
      },
      health: { state: 'ok' },
    });
    expect(status.serverVersion).toMatch(/^PostgreSQL \d+\.\d+/);

    // The same list, the same ids, links and search, now read from the server.
    const after = await ok(pc.call('clients.list', { limit: 50 }));
    expect(after).toEqual(before);
    const child = await ok(pc.call('clients.get', { id: filled.child.id }));
    expect(child.client.parentId).toBe(filled.parent.id);
    expect(child.notes.map((n) => n.body)).toEqual(['Farrier every 6 weeks']);
    const found = await ok(pc.call('clients.list', { search: 'willow cr' }));
    expect(found.rows.map((r) => r.id)).toEqual([filled.parent.id]);
    // The document is listed, and its bytes are in the shared database for every computer.
    const documents = await ok(pc.call('documents.list', { clientId: filled.child.id }));
    expect(documents.documents.map((d) => d.name)).toEqual(['Coggins 2026.pdf']);
    const { rows: blobs } = await asAdmin(target.database, 'select bytes from document_blobs');
    expect(blobs.map((b: { bytes: Buffer }) => b.bytes.toString())).toEqual(['%PDF-1.4 coggins']);
    // New rows get ids past every id the file ever gave out (the deleted note's too).
    const next = await ok(pc.call('notes.add', { clientId: filled.child.id, body: 'Shared now' }));
    expect(next.id).toBeGreaterThan(filled.gone.id);

    // The password is in the keychain only; database.json records the rest, private.
    const choiceFile = join(pc.dataDir, DATABASE_CHOICE_FILE);
    expect(statSync(choiceFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(choiceFile, 'utf8')).not.toContain(target.password!);
    expect(JSON.parse(readFileSync(choiceFile, 'utf8')).shared.database).toBe(target.database);
    expect(pc.databaseSecrets.accounts()).toEqual([databasePasswordAccount(target)]);
    expect(await pc.databaseSecrets.get(databasePasswordAccount(target))).toBe(target.password);

    // Nor in the support bundle (its logs, settings, versions), after all of the above.
    const bundle = await ok(pc.call('diagnostics.bundle', {}));
    const entries = unzipSync(Buffer.from(bundle.zipBase64, 'base64'));
    for (const [name, bytes] of Object.entries(entries))
      expect(strFromU8(bytes), name).not.toContain(target.password!);

    // Backups are the server's job now.
    const backup = await pc.call('backups.create', {});
    expect(backup.ok).toBe(false);
    if (!backup.ok)
      expect(backup.error.message).toContain('Backups of a shared database are the server’s job');
    // The file's own backups stay listed, but none can replace the shared list.
    const listed = await ok(pc.call('backups.overview', {}));
    expect(listed.backups.map((b) => b.name)).toContain(fileBackup.name);
    const restored = await pc.call('backups.restore', { name: fileBackup.name });
    expect(restored.ok).toBe(false);
    if (!restored.ok)
      expect(restored.error.message).toBe(
        `Nothing was restored: a backup of this computer’s file cannot replace the shared list. ${SHARED_BACKUPS_MESSAGE}`,
      );
    expect(await ok(pc.call('clients.list', { limit: 50 }))).toEqual(before);
  });

  it('rolls back when a table’s count does not match, names it, and leaves the file byte for byte', async () => {
    const made = await computerWithFile();
    open.push(made);
    await fillTheFile(made);
    const target = await emptySharedDatabase();
    // The same computer, but a move whose copy of horses loses a row before the check.
    const safety = made.core.backups as unknown as { options: { beforeMoveVerify?: unknown } };
    safety.options.beforeMoveVerify = async (trx: {
      deleteFrom(t: string): { execute(): Promise<unknown> };
    }) => {
      await trx.deleteFrom('client_horses').execute();
    };
    const fileBefore = sha256(made.dataFile);
    const walBefore = existsSync(`${made.dataFile}-wal`) ? sha256(`${made.dataFile}-wal`) : null;

    const move = await made.call('database.move', details(target));

    expect(move.ok).toBe(false);
    if (!move.ok)
      expect(move.error.message).toBe(
        'Nothing was moved: the copy of client_horses did not match this computer’s file (1 rows here, 0 in the shared database). The shared database was left empty and this computer keeps using its own file.',
      );
    expect(sha256(made.dataFile)).toBe(fileBefore);
    expect(existsSync(`${made.dataFile}-wal`) ? sha256(`${made.dataFile}-wal`) : null).toBe(
      walBefore,
    );
    expect((await ok(made.call('database.status', {}))).kind).toBe('sqlite');
    expect(existsSync(join(made.dataDir, DATABASE_CHOICE_FILE))).toBe(false);
    expect(made.databaseSecrets.accounts()).toEqual([]);
    const { rows } = await asAdmin(target.database, 'select count(*)::int as n from clients');
    expect(rows[0].n).toBe(0);
    // Still empty: the move can be tried again.
    expect((await ok(made.call('database.test', details(target)))).canMove).toBe(true);
  });

  it('is offered the tables of the file: each is moved or named with the reason it is not', async () => {
    const dir = (await computer()).dataDir;
    const opened = await openDatabase(join(dir, 'schema-only.sqlite'));
    await opened.close();
    const snapshot = new SqliteSnapshot(join(dir, 'schema-only.sqlite'));
    try {
      const tables = snapshot.tables();
      expect(tablesNotCovered(tables)).toEqual([]);
      for (const table of MOVED_TABLES) expect(tables).toContain(table);
      expect(Object.keys(NOT_MOVED_TABLES)).toContain('kysely_migration');
      expect(snapshot.searchTables().sort()).toEqual(['clients_search', 'documents_search']);
    } finally {
      snapshot.close();
    }
  });
});

describe('another computer', () => {
  it('joins with the same details and sees the same list; going back shows its own file again', async () => {
    const front = await computer();
    const filled = await fillTheFile(front);
    const target = await emptySharedDatabase();
    await ok(front.call('database.move', details(target)));

    const barn = await computer();
    await insertManualClient(barn.core.db, { displayName: 'Only on the barn computer' });
    const tested = await ok(barn.call('database.test', details(target)));
    expect(tested.contents).toEqual({
      kind: 'equineops',
      organizationName: 'Sunny Acres Barn',
      clients: 1_252,
    });
    expect(tested.canJoin).toBe(true);
    expect(tested.canMove).toBe(false);

    const joined = await ok(barn.call('database.use', details(target)));
    expect(joined.kind).toBe('postgres');
    const child = await ok(barn.call('clients.get', { id: filled.child.id }));
    expect(child.client.displayName).toBe('Mary O’Brien');
    await ok(barn.call('notes.add', { clientId: filled.child.id, body: 'Added in the barn' }));
    const onFront = await ok(front.call('clients.get', { id: filled.child.id }));
    expect(onFront.notes.map((n) => n.body)).toContain('Added in the barn');

    const back = await ok(barn.call('database.useLocal', {}));
    expect(back.kind).toBe('sqlite');
    // Settings → Data's form starts with the database just left, never with its password.
    expect(back.lastShared).toMatchObject({
      host: target.host,
      port: target.port,
      database: target.database,
      user: target.user,
    });
    expect(JSON.stringify(back)).not.toContain(target.password!);
    expect(existsSync(join(barn.dataDir, DATABASE_CHOICE_FILE))).toBe(false);
    expect(barn.databaseSecrets.accounts()).toEqual([]);
    const mine = await ok(barn.call('clients.list', { search: 'barn computer' }));
    expect(mine.rows.map((r) => r.displayName)).toEqual(['Only on the barn computer']);
  });
});

describe('set by the IT administrator (EQUINEOPS_DATABASE_URL)', () => {
  it('shows the shared database read-only: Settings → Data cannot move, join or go back', async () => {
    const target = await emptySharedDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'equineops-it-'));
    const core = await createCore({
      dataDir,
      ports: createNodePorts({
        secrets: createMemorySecretStoreForTests(),
        databaseSecrets: createMemorySecretStoreForTests(),
        launchBrowser: false,
      }),
      host: 'browser',
      database: { ...target, source: 'environment' },
      dailyBackups: false,
      scheduler: false,
    });
    try {
      const status = await ok(core.dispatcher.invoke('database.status', {}));
      expect(status).toMatchObject({ kind: 'postgres', source: 'environment', encrypted: true });
      const back = await core.dispatcher.invoke('database.useLocal', {});
      expect(back.ok).toBe(false);
      if (!back.ok)
        expect(back.error.message).toBe(
          'Your IT administrator set the shared database for this computer (EQUINEOPS_DATABASE_URL). Ask them to change it.',
        );
      expect((await core.dispatcher.invoke('database.use', details(target))).ok).toBe(false);
    } finally {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
