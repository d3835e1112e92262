import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabaseTarget, type OpenedDatabase } from './open-database';
import { testDatabaseTarget } from './testing/test-database';
import {
  clientIdMatchesSearch,
  clientSearchQuery,
  clientSearchRow,
  indexClients,
  matchClientIds,
  phoneSearchForms,
  rebuildClientSearchIndex,
  eraseFromIndex,
  removeDocumentSearchRows,
  removeFromIndex,
  saveDocumentSearchRow,
  saveClientSearchRows,
  toFts5Match,
  type ClientSearchSource,
} from './search-index';

/** The FTS5 MATCH string of a search, or null when it has nothing to look for. */
function fts5(text: string): string | null {
  const query = clientSearchQuery(text);
  return query === null ? null : toFts5Match(query);
}

describe('what a search looks for', () => {
  it('makes each word a quoted prefix and needs all of them', () => {
    expect(fts5('  Renée  Lef ')).toBe('"Renée"* AND "Lef"*');
  });

  it('keeps quotes and operators literal', () => {
    expect(fts5('say "hi" OR')).toBe('"say"* AND """hi"""* AND "OR"*');
    expect(fts5('*')).toBeNull();
  });

  it('reads a mostly-digit search as a phone number', () => {
    expect(fts5('(555) 010-0142')).toBe('phones : "5550100142"*');
    expect(fts5('+1 555')).toBe('phones : "1555"*');
    expect(fts5('kowalski 12')).toBe('"kowalski"* AND "12"*');
  });

  it('has nothing to look for in a blank search', () => {
    expect(fts5('   ')).toBeNull();
  });

  it('reads the words once for both databases', () => {
    expect(clientSearchQuery(' Mary  O’Brien ')).toEqual({
      kind: 'words',
      words: ['Mary', 'O’Brien'],
    });
    expect(clientSearchQuery('555-0142')).toEqual({ kind: 'phone', digits: '5550142' });
  });

  it('stores a phone whole, without the country 1, and by its last seven digits', () => {
    expect(phoneSearchForms('+1 (555) 555-0142')).toEqual(['15555550142', '5555550142', '5550142']);
    expect(phoneSearchForms('555-0142')).toEqual(['5550142']);
    expect(phoneSearchForms('ext. only')).toEqual([]);
    expect(phoneSearchForms(null)).toEqual([]);
  });
});

function source(id: number, overrides: Partial<ClientSearchSource> = {}): ClientSearchSource {
  return {
    id,
    display_name: `Client ${id}`,
    given_name: null,
    family_name: null,
    fully_qualified_name: null,
    contact_person: null,
    company_name: null,
    email: null,
    phone: null,
    mobile: null,
    ...overrides,
  };
}

describe('the search index', () => {
  let dir: string;
  let opened: OpenedDatabase;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'equineops-search-'));
    // The SQLite file, or in the PostgreSQL run (vitest.postgres.config.ts) a fresh database.
    opened = await openDatabaseTarget(
      (await testDatabaseTarget(dir)) ?? { kind: 'sqlite', file: join(dir, 'equineops.sqlite') },
    );
  });
  afterEach(async () => {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('joins the names, and both phones, into the indexed columns', () => {
    expect(
      clientSearchRow(
        source(1, {
          display_name: 'Hollis Family:Jo',
          given_name: 'Jo',
          family_name: 'Hollis',
          fully_qualified_name: 'Hollis Family:Jo',
          phone: '555-0142',
          mobile: '555-0142',
        }),
      ),
    ).toEqual({ name: 'Hollis Family:Jo Jo Hollis', company: '', email: '', phones: '5550142' });
  });

  it('replaces a client’s row when it is indexed again, and forgets it when removed', async () => {
    await indexClients(opened.db, [source(7, { display_name: 'Old Name' })]);
    await indexClients(opened.db, [source(7, { display_name: 'New Name' })]);
    expect(await matchClientIds(opened.db, 'old')).toEqual([]);
    expect(await matchClientIds(opened.db, 'new')).toEqual([7]);

    await removeFromIndex(opened.db, [7]);
    expect(await matchClientIds(opened.db, 'new')).toEqual([]);
  });

  it('brings rows in step with the clients table, dropping clients that are gone', async () => {
    await indexClients(opened.db, [source(42, { display_name: 'Ghost' })]);
    const { id } = await opened.db
      .insertInto('clients')
      .values({
        source: 'manual',
        display_name: 'Zoë Ashford',
        sort_name: 'zoe ashford',
        email: 'zoe@ashford.example',
        active: 1,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    await saveClientSearchRows(opened.db, [id, 42]);
    expect(await matchClientIds(opened.db, 'zoe ashford.example')).toEqual([id]);
    expect(await matchClientIds(opened.db, 'ghost')).toEqual([]);

    await rebuildClientSearchIndex(opened.db);
    expect(await matchClientIds(opened.db, 'ZOE')).toEqual([id]);
  });

  it('finds by prefix, a word with punctuation as a phrase, a phone, and lowest id first', async () => {
    await indexClients(opened.db, [
      source(3, { display_name: 'Mary O’Brien', phone: '(212) 555-0142' }),
      source(1, { display_name: 'Mary Smith-Jones', email: 'mary.smith@example.com' }),
      source(2, { display_name: 'Brien Obrienne', company_name: 'O Co' }),
    ]);
    expect(await matchClientIds(opened.db, 'mar')).toEqual([1, 3]);
    expect(await matchClientIds(opened.db, "o'brien")).toEqual([3]);
    expect(await matchClientIds(opened.db, 'obrien')).toEqual([2]);
    expect(await matchClientIds(opened.db, 'brien')).toEqual([2, 3]);
    expect(await matchClientIds(opened.db, 'mary.smith@ex')).toEqual([1]);
    expect(await matchClientIds(opened.db, 'smith jones mary')).toEqual([1]);
    expect(await matchClientIds(opened.db, '555-0142')).toEqual([3]);
    expect(await matchClientIds(opened.db, '(212) 555')).toEqual([3]);
    expect(await matchClientIds(opened.db, '0142')).toEqual([]);
    // No token to FTS5 (a letter only to newer Unicode): nothing, not everything.
    expect(await matchClientIds(opened.db, 'mary \u19b0')).toEqual([]);
  });

  it('finds a client by a document’s name, not by a phone search, and forgets erased words', async () => {
    const ids: number[] = [];
    for (const name of ['Hollis', 'Ashford']) {
      const { id } = await opened.db
        .insertInto('clients')
        .values({
          source: 'manual',
          display_name: name,
          sort_name: name.toLowerCase(),
          phone: name === 'Ashford' ? '555-2026' : null,
          active: 1,
          created_at: '2026-01-01T00:00:00.000Z',
          updated_at: '2026-01-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(id);
    }
    await saveClientSearchRows(opened.db, ids);
    const { id: documentId } = await opened.db
      .insertInto('client_documents')
      .values({
        client_id: ids[0]!,
        content_hash: 'h',
        name: 'Coggins 555-2026.pdf',
        type: 'application/pdf',
        size_bytes: 1,
        added_at: '2026-01-01T00:00:00.000Z',
        added_by: 'Jo',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveDocumentSearchRow(opened.db, documentId, 'Coggins 555-2026.pdf');

    const found = async (text: string) => {
      const where = await clientIdMatchesSearch(opened.db, 'clients.id', text);
      const rows = await opened.db
        .selectFrom('clients')
        .select('clients.id')
        .$if(where !== null, (q) => q.where(where!))
        .orderBy('clients.id')
        .execute();
      return rows.map((r) => r.id);
    };
    expect(await found('cog')).toEqual([ids[0]]);
    expect(await found('coggins hollis')).toEqual([]);
    expect(await found('555-2026')).toEqual([ids[1]]);
    expect(await found('   ')).toEqual(ids);

    await saveDocumentSearchRow(opened.db, documentId, 'Vaccination record');
    expect(await found('coggins')).toEqual([]);
    expect(await found('vacc')).toEqual([ids[0]]);
    await removeDocumentSearchRows(opened.db, [documentId]);
    expect(await found('vacc')).toEqual([]);

    await eraseFromIndex(opened.db, [ids[1]!]);
    expect(await found('ashford')).toEqual([]);
    expect(await found('hollis')).toEqual([ids[0]]);
  });
});
