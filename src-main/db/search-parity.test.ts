import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListClientsInput } from '../../src-shared/contract';
import { listClients } from '../clients/client-list-query';
import {
  insertManualClient,
  insertManyClients,
  insertQuickBooksClient,
  type ClientFixture,
} from '../clients/client-fixtures';
import { findContactMatches } from '../clients/contact-matches';
import { insertHorse, listHorses } from '../clients/horses-repository';
import { insertDocument, markDocumentRemoved } from '../documents/documents-repository';
import { insertItems, insertRun, listItems } from '../sync/sync-log-repository';
import { openDatabaseTarget, type Db, type OpenedDatabase } from './open-database';
import {
  clientIdMatchesSearch,
  eraseFromIndex,
  matchClientIds,
  saveClientSearchRows,
} from './search-index';
import { documentSearchDoc } from './postgres/tsvector-search';
import { ftsTokens } from './search-tokens';
import { freshPostgresTarget } from './testing/test-database';

/**
 * Search gives the same answers on a shared PostgreSQL as on the SQLite file
 * (docs/plans/shared-database.md §3): the same clients, documents, horses and
 * Sync Log items go into both, and every search below must find the same ids,
 * in the same order. PostgreSQL-only by nature: it needs both databases.
 */

const NOW = new Date('2026-03-01T12:00:00.000Z');
let dir: string;
let sqlite: OpenedDatabase;
let postgres: OpenedDatabase;
/** Named clients of the edge rows, by display name → id (the same on both). */
const ids = new Map<string, number>();

const edgeClients: (ClientFixture & { displayName: string; otherEmails?: string })[] = [
  {
    displayName: 'Mary Smith',
    givenName: 'Mary',
    familyName: 'Smith',
    email: 'mary.smith@example.com',
    phone: '555-0142',
  },
  { displayName: 'Mary Smith-Jones', email: 'mary+barn@x.com', phone: '(212) 555-0142' },
  { displayName: 'Martina Marsh', phone: '+1 212 555 0142', mobile: '212.555.0199' },
  { displayName: "Seán O'Brien", phone: '12125550142' },
  { displayName: 'Siobhán O’Brien', mobile: '1-212-555-0143' },
  { displayName: 'Obrien Stables', companyName: 'Obrien Stables', phone: '212 555 0144' },
  { displayName: 'Brien Farm', phone: '(555) 010-0142' },
  { displayName: 'St. John Equine', companyName: 'St. John Equine', phone: '+44 20 7946 0958' },
  { displayName: 'J.R. Ewing', phone: 'ext. 12' },
  { displayName: 'Émile Zola', email: 'emile@zola.example' },
  { displayName: 'emile dubois' },
  { displayName: 'EMILE MARTIN' },
  { displayName: 'Zoë Ashford' },
  { displayName: 'Zoe Ashworth' },
  { displayName: 'Jürgen Müller' },
  { displayName: 'Hans Muller' },
  { displayName: 'MÜLLER GmbH', companyName: 'MÜLLER GmbH' },
  { displayName: 'Große Straße Hof' },
  { displayName: 'Strasse Riding' },
  { displayName: 'ﬁnch ﬂoral (ligatures)' },
  { displayName: 'Finch Hollow' },
  { displayName: '東京乗馬クラブ' },
  { displayName: '🐴 Pony Club 🐴' },
  { displayName: 'مريم العلي' },
  { displayName: 'Unit 4B Barn 12' },
  { displayName: '4-B Ranch' },
  { displayName: 'AND OR NOT NEAR' },
  { displayName: 'Near Field Farm' },
  { displayName: 'Phones: Name Mary "Quoted" (paren) ^caret *star -minus' },
  { displayName: 'Cedar Creek Stables', companyName: 'Cedar Creek Stables' },
  { displayName: 'Hollis Family', companyName: 'Hollis Family' },
  { displayName: 'Jo', fullyQualifiedName: 'Hollis Family:Jo', givenName: 'Jo' },
  { displayName: 'Inactive Ivy', active: false, inactiveReason: 'deleted' },
  { displayName: 'Archived Arlo', archivedAt: '2026-02-01T00:00:00.000Z' },
  { displayName: 'Two Mailboxes', email: 'first@one.example', otherEmails: 'second@two.example' },
  { displayName: `Long ${'Name'.repeat(49)}` },
  { displayName: 'Kelvin \u212a Sign', email: null },
  { displayName: 'Hannah Renée Lefèvre', contactPerson: 'Renee Lefevre' },
  { displayName: 'Letter-like \u19b0 only' },
  { displayName: 'Ampersand & Co', companyName: 'A&B Stables' },
];

const documents: [owner: string, name: string][] = [
  ['Mary Smith', 'Coggins 2026.pdf'],
  ['Mary Smith', 'coggins-2025.pdf'],
  ['Émile Zola', 'Vaccination record.pdf'],
  ['Zoe Ashworth', 'Émile contract.docx'],
  ['Brien Farm', 'x-ray 555-0142.png'],
  ['Hans Muller', 'Müller invoice 4B.pdf'],
  ['Cedar Creek Stables', 'Barn plan.png'],
  ['Jo', 'Jo’s lease.pdf'],
  ['Inactive Ivy', 'ivy coggins.pdf'],
  ['Archived Arlo', 'arlo-dental.pdf'],
  ['東京乗馬クラブ', '東京 契約.pdf'],
  ['Martina Marsh', 'Marsh-Marigold farrier notes.txt'],
  ['Two Mailboxes', 'mailbox.eml'],
  ['Unit 4B Barn 12', 'Unit 4B floor plan.pdf'],
  ['J.R. Ewing', 'J.R. insurance.pdf'],
  ["Seán O'Brien", "O'Brien passport.pdf"],
  ['Siobhán O’Brien', 'obrien-passport.pdf'],
  ['Strasse Riding', 'Straße permit.pdf'],
  ['Finch Hollow', 'ﬁnch survey.pdf'],
  ['Mary Smith-Jones', 'Removed coggins secret.pdf'],
];

async function load(db: Db): Promise<void> {
  await insertManyClients(db, 5000, 17);
  for (const [i, client] of edgeClients.entries()) {
    const { otherEmails, ...fixture } = client;
    const insert = i % 2 === 0 ? insertQuickBooksClient : insertManualClient;
    const parentId = client.fullyQualifiedName ? ids.get('Hollis Family') : undefined;
    const { id } = await insert(db, { ...fixture, qbId: `edge-${i}`, parentId });
    if (otherEmails) {
      await db
        .updateTable('clients')
        .set({ other_emails: otherEmails })
        .where('id', '=', id)
        .execute();
      await saveClientSearchRows(db, [id]);
    }
    ids.set(client.displayName, id);
  }
  // More than findContactMatches's 50 candidates share one number.
  for (let i = 0; i < 60; i++)
    await insertManualClient(db, { displayName: `Shared Line ${i}`, mobile: '859-555-0100' });
  for (const [owner, name] of documents) {
    const doc = await insertDocument(
      db,
      {
        clientId: ids.get(owner)!,
        hash: 'h',
        name,
        type: 'application/pdf',
        size: 1,
        addedBy: 'Jo',
      },
      NOW,
    );
    if (name.startsWith('Removed')) await markDocumentRemoved(db, doc.id, 'Jo', NOW);
  }
  for (const name of ['Émile', 'émile', 'EMILE', 'Emile’s Pride', 'Zoë', 'Müller Star', 'Ólafur'])
    await insertHorse(db, { name, breed: null, color: null, birthYear: null }, NOW);
  const runId = await insertRun(db, 'manual', null, NOW);
  await insertItems(
    db,
    runId,
    NOW,
    [
      ['Émile Zola', 'Updated the email'],
      ['emile dubois', 'Created'],
      ['EMILE MARTIN', 'QuickBooks refused: ÉMILE is a duplicate name'],
      ['Zoë Ashford', 'Updated'],
      ['Mary Smith', 'Created'],
    ].map(([clientName, message], i) => ({
      qbId: `edge-${i}`,
      clientId: ids.get(clientName!) ?? null,
      clientName: clientName!,
      action: 'updated',
      message: message!,
    })),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'equineops-search-parity-'));
  sqlite = await openDatabaseTarget({ kind: 'sqlite', file: join(dir, 'equineops.sqlite') });
  postgres = await openDatabaseTarget(await freshPostgresTarget());
  await load(sqlite.db);
  const sqliteIds = new Map(ids);
  ids.clear();
  await load(postgres.db);
  expect(ids).toEqual(sqliteIds);
  // What autovacuum does within a minute of a bulk load. Without statistics the
  // planner takes 5,000 clients for one and a search of "m" runs for seconds
  // (a nested loop): the sync and import jobs analyze after their writes.
  await sql`analyze`.execute(postgres.db);
}, 120_000);

afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `read` on both databases and expects the same answer; returns it. */
async function same<T>(read: (db: Db) => Promise<T>): Promise<T> {
  const fromSqlite = await read(sqlite.db);
  const fromPostgres = await read(postgres.db);
  expect(fromPostgres).toEqual(fromSqlite);
  return fromSqlite;
}

/** What the Clients list's search keeps (documents included), by id. */
async function listed(db: Db, text: string): Promise<number[]> {
  const where = await clientIdMatchesSearch(db, 'clients.id', text);
  const rows = await db
    .selectFrom('clients')
    .select('clients.id')
    .$if(where !== null, (q) => q.where(where!))
    .orderBy('clients.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Both searches for `text`, the same on both databases; `found` says whether it finds anyone. */
async function expectSameSearch(text: string): Promise<{ matched: number[]; listed: number[] }> {
  const matched = await same((db) => matchClientIds(db, text, 100_000));
  const all = await same((db) => listed(db, text));
  return { matched, listed: all };
}

const queries: Record<string, { finds: string[]; nothing?: string[] }> = {
  '(a) prefixes': { finds: ['m', 'ma', 'mar', 'marti', 'martina'] },
  '(b) several words, any order': { finds: ['mary smi', 'smi mary'] },
  '(c) case': { finds: ['MARY', 'mArY'] },
  '(d) accents and ligatures': {
    finds: ['emile', 'Émile', 'zoe', 'Zoë', 'muller', 'Müller', 'straße', 'große', 'ﬁnch', 'renee'],
    // FTS5 keeps ß as ß (no word starts with it) and does not split ligatures.
    nothing: ['ß', 'strasse hof', 'finch floral'],
  },
  '(e) punctuation inside words': {
    finds: ["o'brien", 'o’brien', 'obrien', 'brien', 'smith-jones', 'jones', 'st.', 'j.r.'],
    nothing: ['jones-mary'],
  },
  '(f) email addresses': {
    finds: [
      'example',
      'mary.smith',
      'mary.smith@example.com',
      'mary+barn@x.com',
      'second@two.example',
    ],
  },
  '(g) phone numbers': {
    finds: [
      '555-0142',
      '(212) 555-0142',
      '+1 212 555 0142',
      '12125550142',
      '5550142',
      '555',
      '1',
      '12',
    ],
    nothing: ['0142'],
  },
  '(h) words and digits': { finds: ['barn 12', '4b', 'unit 4b', '4-b'] },
  '(i) input that looks like FTS syntax': {
    finds: [
      'AND',
      'OR',
      'NOT',
      'NEAR',
      '"',
      '*',
      '-x',
      'phones:',
      'name:mary',
      '^',
      '(',
      'quoted"',
    ],
  },
  '(j) other scripts, emoji, long and empty input': {
    finds: ['東京', '東京乗馬クラブ', 'مريم', 'long namename'],
    nothing: ['🐴', '\u19b0', 'mary \u19b0', `long ${'name'.repeat(50)}x`, '   ', ''],
  },
  '(k) document names': { finds: ['coggins', 'cog', 'vacc', 'passport', 'lease', '東京 契約'] },
};

describe('one search, the same clients on SQLite and PostgreSQL', () => {
  for (const [group, { finds, nothing = [] }] of Object.entries(queries)) {
    it(group, async () => {
      for (const text of finds) {
        const { matched, listed: all } = await expectSameSearch(text);
        // Not an empty agreement: each of these finds someone (by a client's words or a document).
        expect({ text, found: matched.length > 0 || all.length > 0 }).toEqual({
          text,
          found: true,
        });
      }
      for (const text of nothing) {
        const { matched } = await expectSameSearch(text);
        expect({ text, matched }).toEqual({ text, matched: [] });
      }
    });
  }

  it('(k) finds a client by a document, never a removed one, and never for a phone number', async () => {
    expect(await same((db) => listed(db, 'cog'))).toEqual(
      [ids.get('Mary Smith'), ids.get('Inactive Ivy')].sort((a, b) => a! - b!),
    );
    expect(await same((db) => listed(db, 'secret'))).toEqual([]);
    // "555-0142" is in a document's name, but a phone search looks at clients only.
    const byPhone = await same((db) => listed(db, '555-0142'));
    expect(byPhone).not.toContain(ids.get('Brien Farm'));
    expect(await same((db) => listed(db, 'x-ray'))).toEqual([ids.get('Brien Farm')]);
  });

  it(
    '(m) the Clients list: each search, status, sort, direction and page',
    { timeout: 300_000 },
    async () => {
      const searches = ['', 'm', 'mary smi', 'é', 'emile', '555', "o'brien", 'cog'];
      for (const search of searches)
        for (const status of ['active', 'inactive', 'archived'] as const)
          for (const sort of ['name', 'email', 'phone', 'created'] as const)
            for (const direction of ['asc', 'desc'] as const)
              for (const offset of [0, 50]) {
                const input = ListClientsInput.parse({
                  search,
                  status,
                  sort,
                  direction,
                  offset,
                  limit: 50,
                });
                await same(async (db) => {
                  const page = await listClients(db, input);
                  return { input, total: page.total, ids: page.rows.map((r) => r.id) };
                });
              }
      const all = await same((db) => listClients(db, ListClientsInput.parse({ limit: 50 })));
      expect(all.total).toBeGreaterThan(3000);
    },
  );

  it('(n) the possible duplicates of a new client, among more than 50 candidates', async () => {
    const shared = await same((db) =>
      findContactMatches(db, { email: null, phone: '(859) 555-0100', mobile: null }),
    );
    expect(shared).toHaveLength(5);
    const mary = await same((db) =>
      findContactMatches(db, { email: 'MARY.SMITH@example.com', phone: '555-0142', mobile: null }),
    );
    expect(mary.map((m) => m.displayName)).toContain('Mary Smith');
    await same((db) =>
      findContactMatches(db, { email: 'second@two.example', phone: null, mobile: '212.555.0199' }),
    );
  });

  it('(o) horses and Sync Log items: only ASCII letters ignore case, on both', async () => {
    for (const text of ['Émile', 'ÉMILE', 'émile', 'emile', 'zoë', 'MÜLLER', 'ólafur']) {
      const horses = await same(async (db) => (await listHorses(db, text)).map((h) => h.name));
      if (text === 'emile') expect(horses).toEqual(['EMILE', 'Emile’s Pride']);
      const items = await same(async (db) => {
        const page = await listItems(db, {
          runId: 1,
          errorsOnly: false,
          offset: 0,
          limit: 50,
          search: text,
        });
        return { total: page.total, ids: page.items.map((item) => item.id) };
      });
      if (text === 'emile') expect(items.total).toBe(3);
    }
  });

  it('holds the same words at the same places in both indexes, for every client', async () => {
    // FTS5's own record of what it indexed: term, column and offset of each token.
    sqlite.sqlite.exec(
      `create virtual table if not exists temp.clients_vocab using fts5vocab(main, clients_search, instance)`,
    );
    const columns = ['name', 'company', 'email', 'phones'];
    const inSqlite = (
      sqlite.sqlite.prepare('select doc, col, offset, term from temp.clients_vocab').all() as {
        doc: number;
        col: string;
        offset: number;
        term: string;
      }[]
    )
      .map((r) => `${r.doc} ${columns.indexOf(r.col)} ${r.offset} ${r.term}`)
      .sort();
    // PostgreSQL's: lexeme and positions (column k at 4000·k+1…), weight A–D naming the column.
    const { rows } = await sql<{
      client_id: number;
      lexeme: string;
      positions: number[];
      weights: string[];
    }>`
      select s.client_id, u.lexeme, u.positions, u.weights from clients_search s, unnest(s.doc) as u`.execute(
      postgres.db,
    );
    const inPostgres = rows
      .flatMap((r) =>
        r.positions.map((p, i) => {
          const column = Math.floor((p - 1) / 4000);
          expect('ABCD'[column]).toBe(r.weights[i]);
          return `${r.client_id} ${column} ${(p - 1) % 4000} ${r.lexeme}`;
        }),
      )
      .sort();
    expect(inPostgres.length).toBeGreaterThan(50_000);
    expect(inPostgres).toEqual(inSqlite);
  });

  it('(l) after a rename, a delete and an erasure the old words find nothing on either', async () => {
    const renamed = ids.get('Zoë Ashford')!;
    const deleted = ids.get('Hans Muller')!;
    const erased = ids.get('EMILE MARTIN')!;
    for (const db of [sqlite.db, postgres.db]) {
      await db
        .updateTable('clients')
        .set({
          display_name: 'Zoë Pemberton-Vale',
          fully_qualified_name: 'Zoë Pemberton-Vale',
          sort_name: 'zoe pemberton-vale',
        })
        .where('id', '=', renamed)
        .execute();
      await db.deleteFrom('clients').where('id', '=', deleted).execute();
      await saveClientSearchRows(db, [renamed, deleted]);
      await eraseFromIndex(db, [erased]);
    }
    expect((await expectSameSearch('ashford')).listed).not.toContain(renamed);
    expect((await expectSameSearch('pemberton-vale')).matched).toEqual([renamed]);
    expect((await expectSameSearch('hans')).matched).not.toContain(deleted);
    expect((await expectSameSearch('martin')).matched).not.toContain(erased);
  });
});

describe('the trigram indexes of migration 0014 (PostgreSQL)', () => {
  it('serve the substring searches of horses and the Sync Log', async () => {
    const plan = async (query: string) => {
      const rows = await postgres.db.connection().execute(async (db) => {
        // Tiny tables: without this the planner rightly reads them whole.
        await sql`set enable_seqscan = off`.execute(db);
        const result = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(query)}`.execute(db);
        await sql`reset enable_seqscan`.execute(db);
        return result.rows;
      });
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    expect(await plan(`select id from horses where lower(name) like '%emil%'`)).toContain(
      'horses_name_trgm',
    );
    expect(await plan(`select id from sync_items where lower(message) like '%dupl%'`)).toContain(
      'sync_items_message_trgm',
    );
    expect(await plan(`select id from clients where lower(email) like '%zola%'`)).toContain(
      'clients_email_trgm',
    );
  });
});

describe('every character FTS5 puts in a word, through a tsvector literal', () => {
  it('comes back from PostgreSQL as the same lexeme, at the same position', async () => {
    // Planes 0–3 (the scripts in use), each code point inside a word; the word's
    // number on both sides keeps every token unique (PostgreSQL keeps 256
    // positions a lexeme, the builder 60 a column) and under 4,000 a text.
    const texts: string[] = [];
    for (let from = 1; from < 0x40000; from += 1000) {
      const words: string[] = [];
      for (let c = from; c < from + 1000; c++)
        if (c < 0xd800 || c > 0xdfff) words.push(`${c}q${String.fromCodePoint(c)}z${c}`);
      texts.push(words.join(' '));
    }
    const { rows } = await sql<{ i: string; lexeme: string; positions: number[] }>`
      select t.i, u.lexeme, u.positions
        from jsonb_array_elements_text(${JSON.stringify(texts.map(documentSearchDoc))}::jsonb)
             with ordinality as t(doc, i),
             unnest(t.doc::tsvector) as u`.execute(postgres.db);
    const fromPostgres = rows
      .flatMap((r) => r.positions.map((p) => `${Number(r.i) - 1} ${p} ${r.lexeme}`))
      .sort();
    const expected = texts
      .flatMap((text, i) => ftsTokens(text).map((token, k) => `${i} ${k + 1} ${token}`))
      .sort();
    expect(fromPostgres.length).toBeGreaterThan(100_000);
    expect(fromPostgres).toEqual(expected);
  });
});
