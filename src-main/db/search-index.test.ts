import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from './open-database';
import {
  clientSearchQuery,
  clientSearchRow,
  indexClients,
  matchClientIds,
  phoneSearchForms,
  rebuildClientSearchIndex,
  removeFromIndex,
  saveClientSearchRows,
  type ClientSearchSource,
} from './search-index';

describe('what a search looks for', () => {
  it('makes each word a quoted prefix and needs all of them', () => {
    expect(clientSearchQuery('  Renée  Lef ')).toBe('"Renée"* AND "Lef"*');
  });

  it('keeps quotes and operators literal', () => {
    expect(clientSearchQuery('say "hi" OR')).toBe('"say"* AND """hi"""* AND "OR"*');
    expect(clientSearchQuery('*')).toBeNull();
  });

  it('reads a mostly-digit search as a phone number', () => {
    expect(clientSearchQuery('(555) 010-0142')).toBe('phones : "5550100142"*');
    expect(clientSearchQuery('+1 555')).toBe('phones : "1555"*');
    expect(clientSearchQuery('kowalski 12')).toBe('"kowalski"* AND "12"*');
  });

  it('has nothing to look for in a blank search', () => {
    expect(clientSearchQuery('   ')).toBeNull();
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
    opened = await openDatabase(join(dir, 'equineops.sqlite'));
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
});
