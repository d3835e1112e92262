import type SQLite from 'better-sqlite3';
import { sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import { storageKind } from './dialect';
import type { Db } from './open-database';
import {
  clientSearchDoc,
  pgClientIdMatches,
  pgMatchClientIds,
  pgRemoveClientSearchRows,
  pgRemoveDocumentSearchRows,
  pgSaveDocumentSearchRow,
  pgWriteClientSearchRows,
} from './postgres/tsvector-search';
import type { ClientsTable } from './schema';
import type { SearchQuery } from './search-tokens';

/**
 * The client search index (FTS5 table `clients_search`, rowid = client id).
 * This is the only file that knows FTS5. On a shared PostgreSQL the same
 * functions use `clients_search(client_id, doc tsvector)` through
 * postgres/tsvector-search.ts, with the words FTS5 would index
 * (search-tokens.ts), so a search finds the same clients on both.
 *
 * Every write to a client row must call `saveClientSearchRows` (or
 * `indexClients`) in the same transaction, so a search never finds a client
 * by a name it no longer has.
 */

/** The client columns the index is built from. */
export type ClientSearchSource = Pick<
  Selectable<ClientsTable>,
  | 'id'
  | 'display_name'
  | 'given_name'
  | 'family_name'
  | 'fully_qualified_name'
  | 'contact_person'
  | 'company_name'
  | 'email'
  | 'phone'
  | 'mobile'
> & { other_emails?: string | null };

export const clientSearchColumns = [
  'id',
  'display_name',
  'given_name',
  'family_name',
  'fully_qualified_name',
  'contact_person',
  'company_name',
  'email',
  'phone',
  'mobile',
] as const satisfies readonly (keyof ClientSearchSource)[];

export interface ClientSearchRow {
  name: string;
  company: string;
  email: string;
  phones: string;
}

// ~5 bound values a row; well under SQLite's limit on variables in one statement.
const BATCH = 400;

/**
 * Digit-only forms of a phone number: as typed, without a leading country 1,
 * and the last seven digits, so "555-0142", "(555) 555-0142" and
 * "+1 555 555 0142" all find the same client.
 */
export function phoneSearchForms(phone: string | null): string[] {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (digits.length === 0) return [];
  const forms = new Set([digits]);
  if (digits.length === 11 && digits.startsWith('1')) forms.add(digits.slice(1));
  if (digits.length > 7) forms.add(digits.slice(-7));
  return [...forms];
}

export function clientSearchRow(client: ClientSearchSource): ClientSearchRow {
  const names = [
    client.display_name,
    client.given_name,
    client.family_name,
    client.fully_qualified_name,
    client.contact_person,
  ];
  const phones = new Set([...phoneSearchForms(client.phone), ...phoneSearchForms(client.mobile)]);
  return {
    name: joinPresent(names),
    company: client.company_name ?? '',
    // A QuickBooks customer's other addresses find it too.
    email: [client.email, client.other_emails].filter(Boolean).join(' '),
    phones: [...phones].join(' '),
  };
}

/** Adds or replaces the index rows of these clients. */
export async function indexClients(db: Db, clients: readonly ClientSearchSource[]): Promise<void> {
  await writeIndexRows(db, clients, true);
}

/** Adds the index rows of clients just created (nothing of theirs to replace). */
export async function indexNewClients(
  db: Db,
  clients: readonly ClientSearchSource[],
): Promise<void> {
  await writeIndexRows(db, clients, false);
}

async function writeIndexRows(
  db: Db,
  clients: readonly ClientSearchSource[],
  replacing: boolean,
): Promise<void> {
  if (storageKind(db) === 'postgres') return pgWriteClientSearchRows(db, clientSearchDocs(clients));
  for (let start = 0; start < clients.length; start += BATCH) {
    const chunk = clients.slice(start, start + BATCH);
    if (replacing)
      await removeFromIndex(
        db,
        chunk.map((c) => c.id),
      );
    const values = chunk.map((c) => {
      const row = clientSearchRow(c);
      return sql`(${c.id}, ${row.name}, ${row.company}, ${row.email}, ${row.phones})`;
    });
    await sql`insert into clients_search (rowid, name, company, email, phones) values ${sql.join(values)}`.execute(
      db,
    );
  }
}

/**
 * The PostgreSQL rows of these clients' index, `doc` a tsvector literal, for
 * writers that build their own statement (the worker's customer-page writes):
 * `insert into clients_search (client_id, doc) … on conflict (client_id) do update`.
 */
export function clientSearchDocs(
  clients: readonly ClientSearchSource[],
): { client_id: number; doc: string }[] {
  return clients.map((c) => ({ client_id: c.id, doc: clientSearchDoc(clientSearchRow(c)) }));
}

/**
 * Re-reads these clients and brings their index rows in step (a client no
 * longer in the table leaves the index). The one call sync, import and merge
 * need after writing client rows.
 */
export async function saveClientSearchRows(db: Db, clientIds: readonly number[]): Promise<void> {
  for (let start = 0; start < clientIds.length; start += BATCH) {
    const ids = clientIds.slice(start, start + BATCH);
    const rows = await db
      .selectFrom('clients')
      .select([...clientSearchColumns, 'other_emails'])
      .where('id', 'in', ids)
      .execute();
    const found = new Set(rows.map((r) => r.id));
    await removeFromIndex(
      db,
      ids.filter((id) => !found.has(id)),
    );
    await indexClients(db, rows);
  }
}

/**
 * The same index writes as prepared statements over a raw connection, for the
 * database worker's hot path (a sync page): one delete and one insert a page,
 * the rows travelling as one JSON parameter. Run inside the page's transaction.
 */
export function searchIndexWriter(sqlite: SQLite.Database) {
  const remove = sqlite.prepare<[string]>(
    `delete from clients_search where rowid in (select value from json_each(?))`,
  );
  const insert = sqlite.prepare<[string]>(
    `insert into clients_search (rowid, name, company, email, phones)
     select j.value ->> '$[0]', j.value ->> '$[1]', j.value ->> '$[2]', j.value ->> '$[3]', j.value ->> '$[4]'
       from json_each(?) as j`,
  );
  return {
    /** Indexes `clients`; `replacing` are the ids among them that already had index rows. */
    replace(clients: readonly ClientSearchSource[], replacing: readonly number[]): void {
      if (replacing.length > 0) remove.run(JSON.stringify(replacing));
      if (clients.length === 0) return;
      const rows = clients.map((c) => {
        const row = clientSearchRow(c);
        return [c.id, row.name, row.company, row.email, row.phones];
      });
      insert.run(JSON.stringify(rows));
    },
  };
}

export async function saveClientSearchRow(db: Db, clientId: number): Promise<void> {
  await saveClientSearchRows(db, [clientId]);
}

export async function removeFromIndex(db: Db, clientIds: readonly number[]): Promise<void> {
  if (clientIds.length === 0) return;
  if (storageKind(db) === 'postgres') return pgRemoveClientSearchRows(db, clientIds);
  await sql`delete from clients_search where rowid in (${sql.join(clientIds)})`.execute(db);
}

/** Rebuilds the whole index from the clients table (after a restore or a repair). */
export async function rebuildClientSearchIndex(db: Db): Promise<void> {
  await sql`delete from clients_search`.execute(db);
  await indexClientsAfter(db, 0);
}

/**
 * Indexes every client whose id is above `afterId` (rows just bulk-inserted),
 * in chunks, and returns the highest id it indexed.
 */
export async function indexClientsAfter(db: Db, afterId: number): Promise<number> {
  let lastId = afterId;
  for (;;) {
    // Every column there is: migration 0002 runs this before 0008 adds other_emails.
    const rows = await db
      .selectFrom('clients')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) return lastId;
    await indexClients(db, rows);
    lastId = rows[rows.length - 1]!.id;
  }
}

/**
 * Reads what someone typed, or null when there is nothing to search for (no
 * filter). All words must match, each as a prefix; a search that is mostly
 * digits is a phone number, matched against the start of the stored phone forms.
 */
export function clientSearchQuery(text: string): SearchQuery | null {
  const trimmed = text.normalize('NFC').trim();
  if (trimmed === '') return null;
  const digits = trimmed.replace(/\D/g, '');
  if (looksLikePhone(trimmed, digits)) return { kind: 'phone', digits };
  const words = trimmed.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return null;
  return { kind: 'words', words };
}

/**
 * The FTS5 MATCH string of a search: each word a quoted prefix term (so
 * punctuation and FTS operators in it are literal), all of them needed; a
 * phone number's digits as a prefix in the phones column.
 */
export function toFts5Match(query: SearchQuery): string {
  if (query.kind === 'phone') return `phones : "${query.digits}"*`;
  return query.words.map((word) => `"${word.replace(/"/g, '""')}"*`).join(' AND ');
}

function looksLikePhone(text: string, digits: string): boolean {
  const meaningful = text.replace(/[\s()+.-]/g, '');
  return digits.length > 0 && digits.length >= meaningful.length * 0.6;
}

/**
 * A where-condition keeping the clients whose id is in the search results.
 * Null when the text has nothing to search for (no filter). A client is found
 * by the name of one of its documents too ("coggins"); a phone-number search
 * is not a document name, so it looks at clients only. On SQLite, feeding the
 * FTS rowids to the clients query lets it pick the cheaper side: walk the
 * name index and stop at the page, or walk the few matches. On PostgreSQL the
 * matching ids are read first (postgres/tsvector-search.ts says why).
 */
export async function clientIdMatchesSearch(
  db: Db,
  idColumn: string,
  text: string,
): Promise<Expression<SqlBool> | null> {
  const query = clientSearchQuery(text);
  if (query === null) return null;
  if (storageKind(db) === 'postgres') return pgClientIdMatches(db, idColumn, query);
  const match = toFts5Match(query);
  if (query.kind === 'phone')
    return sql<SqlBool>`${sql.ref(idColumn)} in (select rowid from clients_search where clients_search match ${match})`;
  // One IN over both lists (not an OR of two), so SQLite can still choose to walk the name index.
  return sql<SqlBool>`${sql.ref(idColumn)} in (select rowid from clients_search where clients_search match ${match} union all ${clientsWithDocumentsMatching(match)})`;
}

function clientsWithDocumentsMatching(match: string) {
  return sql`select d.client_id from client_documents d
    where d.id in (select rowid from documents_search where documents_search match ${match})`;
}

/** Adds or replaces the search row of a document's name (rowid = document id). */
export async function saveDocumentSearchRow(
  db: Db,
  documentId: number,
  name: string,
): Promise<void> {
  if (storageKind(db) === 'postgres') return pgSaveDocumentSearchRow(db, documentId, name);
  await sql`delete from documents_search where rowid = ${documentId}`.execute(db);
  await sql`insert into documents_search (rowid, name) values (${documentId}, ${name})`.execute(db);
}

/** Removes documents from the search (removed, erased); the table deletes securely (0011). */
export async function removeDocumentSearchRows(
  db: Db,
  documentIds: readonly number[],
): Promise<void> {
  if (documentIds.length === 0) return;
  if (storageKind(db) === 'postgres') return pgRemoveDocumentSearchRows(db, documentIds);
  await sql`delete from documents_search where rowid in (${sql.join(documentIds)})`.execute(db);
}

/**
 * Removes clients from the search so that nothing of them stays in the index
 * files either: FTS5 otherwise keeps a deleted row's words in its segments
 * until they are merged. Used by an erasure; ordinary deletes stay fast. On
 * PostgreSQL a plain delete: the erasure vacuums the tables after its commit.
 */
export async function eraseFromIndex(db: Db, clientIds: readonly number[]): Promise<void> {
  if (clientIds.length === 0) return;
  if (storageKind(db) === 'postgres') return pgRemoveClientSearchRows(db, clientIds);
  await sql`insert into clients_search (clients_search, rank) values ('secure-delete', 1)`.execute(
    db,
  );
  await removeFromIndex(db, clientIds);
  await sql`insert into clients_search (clients_search, rank) values ('secure-delete', 0)`.execute(
    db,
  );
}

/**
 * Ids of the clients a search finds, lowest first, for callers that need them
 * as a list (duplicate finding). By id and not by relevance: FTS5's bm25 and
 * PostgreSQL's ts_rank differ, and the first `limit` must be the same clients.
 */
export async function matchClientIds(db: Db, text: string, limit = 1000): Promise<number[]> {
  const query = clientSearchQuery(text);
  if (query === null) return [];
  if (storageKind(db) === 'postgres') return pgMatchClientIds(db, query, limit);
  const result = await sql<{ id: number }>`
    select rowid as id from clients_search where clients_search match ${toFts5Match(query)}
     order by rowid limit ${limit}`.execute(db);
  return result.rows.map((r) => r.id);
}

function joinPresent(values: readonly (string | null)[]): string {
  return [...new Set(values.filter((v): v is string => v !== null && v.trim() !== ''))].join(' ');
}
