import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertManualClient, insertQuickBooksClient } from '../clients/client-fixtures';
import { createTestCore, TEST_STAFF_NAME, type TestCore } from '../clients/test-core';
import { isPostgres } from '../db/dialect';
import { everyRowAsText } from '../db/postgres/pg-test-admin';
import { storedDocuments } from '../documents/documents-test-support';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

// Words found nowhere else in the file, so finding them anywhere means a trace was left.
const NAME = 'Quillfeather Zanzibarovna';
const NOTE = 'Gate code Xylophonic-7731';
const DOC_TEXT = 'Coggins negative Marzipanhorse';

/**
 * Everything the database holds, as text. The SQLite file and its write-ahead
 * log as bytes, the way a forensic look would read them. A shared PostgreSQL
 * database: every row of every table (its server's files, WAL and backups are
 * its administrator's, and the erasure result says so).
 */
async function rawData(): Promise<string> {
  if (isPostgres(core.db)) return everyRowAsText(core.db as never);
  const file = join(core.dataDir, 'equineops.sqlite');
  return (
    ['', '-wal']
      .filter((suffix) => existsSync(file + suffix))
      .map((suffix) => readFileSync(file + suffix).toString('latin1'))
      .join('\n')
      // The search index keeps words in lower case.
      .toLowerCase()
  );
}

async function clientWithEverything(source: 'manual' | 'quickbooks') {
  const insert = source === 'manual' ? insertManualClient : insertQuickBooksClient;
  const client = await insert(core.db, { displayName: NAME, email: 'quill@zanzibar.example' });
  const other = await insertManualClient(core.db, { displayName: 'Blake Stables' });
  await core.call('notes.add', { clientId: client.id, body: NOTE });
  await core.call('portal.update', { clientId: client.id, enabled: true });
  await core.call('preferences.update', {
    clientId: client.id,
    preferences: { contactMethod: 'phone', newsletter: true, remindersEnabled: true, notes: NOTE },
  });
  const horse = await core.call('horses.create', { name: 'Tornado' });
  await core.call('horses.link', { clientId: client.id, horseId: horse.id, role: 'Owner' });
  await core.call('documents.add', {
    clientId: client.id,
    name: 'Marzipanhorse coggins.pdf',
    type: 'application/pdf',
    content: new TextEncoder().encode(DOC_TEXT),
  });
  // The same file on another client stays: only files nobody else uses go.
  await core.call('documents.add', {
    clientId: other.id,
    name: 'shared.pdf',
    type: 'application/pdf',
    content: new TextEncoder().encode('shared bytes'),
  });
  await core.call('documents.add', {
    clientId: client.id,
    name: 'shared.pdf',
    type: 'application/pdf',
    content: new TextEncoder().encode('shared bytes'),
  });
  await core.call('access.profileOpened', { clientId: client.id });
  return { client, other };
}

describe('erasing a client (the right to erasure)', () => {
  it('refuses unless the client name is typed, and changes nothing', async () => {
    const { client } = await clientWithEverything('manual');
    const refused = await core.invoke('privacy.erase', {
      clientId: client.id,
      confirmName: 'Quill',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain(NAME);
    expect((await core.call('clients.get', { id: client.id })).notes).toHaveLength(1);
  });

  it('leaves no trace of a manual client in the database, its files or the search, only a tombstone', async () => {
    const { client, other } = await clientWithEverything('manual');
    // The check below can fail: before the erasure the words are there to find.
    expect(await rawData()).toContain('xylophonic');
    const result = await core.call('privacy.erase', {
      clientId: client.id,
      confirmName: `  ${NAME.toLowerCase()} `,
    });
    expect(result.source).toBe('manual');
    expect(result.message).toBe(
      isPostgres(core.db)
        ? "The client and everything held about it are erased from the shared database. The server's own backups and logs made before now still hold it until they roll over: ask whoever runs the server how long they are kept."
        : 'The client and everything held about it are erased. Backups made before now still hold it until they are pruned (see Settings → Data).',
    );

    expect((await core.invoke('clients.get', { id: client.id })).ok).toBe(false);
    for (const table of [
      'staff_notes',
      'client_horses',
      'portal_settings',
      'client_preferences',
      'client_documents',
      'access_log',
    ] as const) {
      const rows = await sql<{
        n: number;
      }>`select count(*) as n from ${sql.table(table)} where client_id = ${client.id}`.execute(
        core.db,
      );
      expect(rows.rows[0]!.n, table).toBe(0);
    }
    expect((await core.call('clients.list', { search: 'Quillfeather' })).total).toBe(0);
    expect((await core.call('clients.list', { search: 'Marzipanhorse' })).total).toBe(0);
    // Its own file went; the one another client also uses stayed.
    expect(await storedDocuments(core)).toHaveLength(1);
    expect((await core.call('documents.list', { clientId: other.id })).documents).toHaveLength(1);

    const activity = await core.db.selectFrom('activity').selectAll().execute();
    const tombstones = activity.filter((a) => a.action === 'client.erased');
    expect(tombstones).toEqual([
      expect.objectContaining({
        actor: TEST_STAFF_NAME,
        summary: `A client was erased by ${TEST_STAFF_NAME} on 2026-03-02`,
        client_id: null,
      }),
    ]);
    expect(JSON.stringify(activity)).not.toMatch(/Quillfeather|Xylophonic|Marzipanhorse|zanzibar/i);

    const raw = await rawData();
    for (const word of [
      'Quillfeather',
      'Zanzibarovna',
      'Xylophonic',
      'Marzipanhorse',
      'quill@zanzibar',
    ]) {
      expect(raw.includes(word.toLowerCase()), word).toBe(false);
    }
  });

  it('also erases the copies of its notes a merge put on the kept client, keeping that client and its own notes', async () => {
    const { client } = await clientWithEverything('manual');
    const kept = await insertQuickBooksClient(core.db, {
      displayName: 'Zanzibarovna, Q.',
      email: 'quill@zanzibar.example',
    });
    await core.call('notes.add', { clientId: kept.id, body: 'Pays by check' });
    // Its own preferences, so the merge carries none (carried settings become the kept client's).
    await core.call('preferences.update', {
      clientId: kept.id,
      preferences: {
        contactMethod: 'text',
        newsletter: true,
        remindersEnabled: false,
        notes: 'Text only',
      },
    });
    await core.call('duplicates.merge', { keepClientId: kept.id, archiveClientId: client.id });
    const merged = await core.call('clients.get', { id: kept.id });
    expect(merged.notes.map((n) => n.body).sort()).toEqual([NOTE, 'Pays by check']);

    await core.call('privacy.erase', { clientId: client.id, confirmName: NAME });

    const after = await core.call('clients.get', { id: kept.id });
    expect(after.notes.map((n) => n.body)).toEqual(['Pays by check']);
    expect(after.horses.map((h) => h.name)).toEqual(['Tornado']);
    expect((await rawData()).includes('xylophonic')).toBe(false);
  });

  it("keeps the history of another client whose name only starts with the erased client's", async () => {
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    const other = await insertManualClient(core.db, { displayName: 'Avery Barnes' });
    await core.call('notes.add', { clientId: client.id, body: 'Gate code 1' });
    await core.call('notes.add', { clientId: other.id, body: 'Gate code 2' });
    await core.call('privacy.erase', { clientId: client.id, confirmName: 'Avery Barn' });

    const summaries = (await core.db.selectFrom('activity').select('summary').execute()).map(
      (a) => a.summary,
    );
    expect(summaries).toContain('Added a note to Avery Barnes');
    expect(summaries).not.toContain('Added a note to Avery Barn');
  });

  it('erases a QuickBooks client here and says to delete or anonymize it in QuickBooks', async () => {
    const { client } = await clientWithEverything('quickbooks');
    const result = await core.call('privacy.erase', { clientId: client.id, confirmName: NAME });
    expect(result.source).toBe('quickbooks');
    expect(result.message).toMatch(/delete or anonymize the customer in QuickBooks/);
    expect((await core.invoke('clients.get', { id: client.id })).ok).toBe(false);
    expect((await rawData()).includes('xylophonic')).toBe(false);
  });
});
