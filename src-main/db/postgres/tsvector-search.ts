import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../open-database';
import type { ClientSearchRow } from '../search-index';
import { ftsTokens, type SearchQuery } from '../search-tokens';

/**
 * The search index on PostgreSQL: the same words FTS5 indexes, as tsvector
 * and tsquery literals built here from ftsTokens(), so both databases find
 * the same clients. PostgreSQL's text parser is never involved: it would keep
 * "mary.smith@example.com" as one token and stem "marys" to "mari".
 *
 * A client's columns (name, company, email, phones) become weights A–D, and
 * positions 4000·k+1… for column k, so a phrase never runs from one column
 * into the next, as in FTS5. A phone search looks at weight D only.
 */

const WEIGHTS = ['A', 'B', 'C', 'D'] as const;
const COLUMN_SPAN = 4000;
/** PostgreSQL keeps 256 positions a lexeme; this leaves room for every column's. */
const POSITIONS_PER_COLUMN = 60;
/** PostgreSQL refuses a lexeme over 2047 bytes; FTS5 has no such limit. */
const LEXEME_BYTES = 2047;

const encoder = new TextEncoder();

/** A lexeme cut to PostgreSQL's limit at a character boundary (the same on both sides of @@). */
function lexeme(token: string): string {
  if (token.length * 3 <= LEXEME_BYTES || encoder.encode(token).length <= LEXEME_BYTES)
    return token;
  let out = '';
  let bytes = 0;
  for (const ch of token) {
    const size = encoder.encode(ch).length;
    if (bytes + size > LEXEME_BYTES) break;
    out += ch;
    bytes += size;
  }
  return out;
}

/** A lexeme inside a tsvector/tsquery literal: quoted, quotes and backslashes escaped. */
function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A tsvector literal of up to four columns, weighted A, B, C, D in order:
 * `'mary':1A 'smith':2A,8001C …`. Empty when no column has a word.
 */
export function tsvectorLiteral(columns: readonly string[]): string {
  if (columns.length > WEIGHTS.length) throw new Error('tsvectorLiteral: at most four columns');
  const positions = new Map<string, string[]>();
  columns.forEach((text, column) => {
    const counts = new Map<string, number>();
    ftsTokens(text).forEach((token, index) => {
      const word = lexeme(token);
      const seen = counts.get(word) ?? 0;
      if (seen >= POSITIONS_PER_COLUMN) return;
      counts.set(word, seen + 1);
      const position = COLUMN_SPAN * column + 1 + Math.min(index, COLUMN_SPAN - 1);
      const list = positions.get(word);
      const entry = `${position}${WEIGHTS[column]}`;
      if (list === undefined) positions.set(word, [entry]);
      else list.push(entry);
    });
  });
  return [...positions].map(([word, list]) => `${quoted(word)}:${list.join(',')}`).join(' ');
}

/** The `doc` of a client's clients_search row. */
export function clientSearchDoc(row: ClientSearchRow): string {
  return tsvectorLiteral([row.name, row.company, row.email, row.phones]);
}

/** The `doc` of a document's documents_search row (its name, one column). */
export function documentSearchDoc(name: string): string {
  return tsvectorLiteral([name]);
}

/**
 * The tsquery literal for a search, or null when it can find nothing: FTS5
 * matches nothing when one of the words has no token at all ("☃"), and so
 * does this. Each word is a prefix (`'mar':*`); a word of several tokens is a
 * phrase whose last token is the prefix (`'o' <-> 'brien':*`), as FTS5 reads
 * `"o'brien"*`; a phone number is a prefix of a stored phone form (`'5550142':*D`).
 */
export function toTsquery(query: SearchQuery): string | null {
  if (query.kind === 'phone') return `${quoted(lexeme(query.digits))}:*D`;
  const words: string[] = [];
  for (const word of query.words) {
    const tokens = ftsTokens(word).map(lexeme);
    if (tokens.length === 0) return null;
    words.push(
      tokens.map((t, i) => (i === tokens.length - 1 ? `${quoted(t)}:*` : quoted(t))).join(' <-> '),
    );
  }
  return words.length === 0 ? null : words.join(' & ');
}

// Rows a statement: one JSON parameter each, so only the statement size limits it.
const BATCH = 1000;

/** Adds or replaces clients' index rows (`doc` from clientSearchDoc), one statement a batch. */
export async function pgWriteClientSearchRows(
  db: Db,
  rows: readonly { client_id: number; doc: string }[],
): Promise<void> {
  // One row a client: an upsert may not touch the same row twice in a statement.
  const unique = [...new Map(rows.map((r) => [r.client_id, r])).values()];
  for (let start = 0; start < unique.length; start += BATCH) {
    const chunk = unique.slice(start, start + BATCH);
    await sql`insert into clients_search (client_id, doc)
      select r.client_id, r.doc::tsvector
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(client_id integer, doc text)
      on conflict (client_id) do update set doc = excluded.doc`.execute(db);
  }
}

export async function pgRemoveClientSearchRows(
  db: Db,
  clientIds: readonly number[],
): Promise<void> {
  await sql`delete from clients_search where client_id = any(${[...clientIds]}::integer[])`.execute(
    db,
  );
}

export async function pgSaveDocumentSearchRow(
  db: Db,
  documentId: number,
  name: string,
): Promise<void> {
  await sql`insert into documents_search (document_id, doc)
    values (${documentId}, ${documentSearchDoc(name)}::tsvector)
    on conflict (document_id) do update set doc = excluded.doc`.execute(db);
}

export async function pgRemoveDocumentSearchRows(
  db: Db,
  documentIds: readonly number[],
): Promise<void> {
  await sql`delete from documents_search where document_id = any(${[...documentIds]}::integer[])`.execute(
    db,
  );
}

/** Ids of the clients a search finds, lowest first (as on SQLite). */
export async function pgMatchClientIds(
  db: Db,
  query: SearchQuery,
  limit: number,
): Promise<number[]> {
  const tsquery = toTsquery(query);
  if (tsquery === null) return [];
  const result = await sql<{ id: number }>`
    select client_id as id from clients_search where doc @@ ${tsquery}::tsquery
     order by client_id limit ${limit}`.execute(db);
  return result.rows.map((r) => r.id);
}

/**
 * The clients-list condition of search-index.ts's clientIdMatchesSearch: the
 * client's words, or (not for a phone number) one of its documents' names.
 *
 * The ids are looked up first and handed to the list's queries as one array:
 * PostgreSQL cannot estimate how many clients a prefix like 'm':* finds (it
 * guesses 200 where there are 20,000), and with `id in (subquery)` it then
 * probes the clients one by one, for the count and again for the page. With
 * the array it knows the number, and the search runs once: "m" over 50,000
 * clients took a third less time, "smith" half.
 */
export async function pgClientIdMatches(
  db: Db,
  idColumn: string,
  query: SearchQuery,
): Promise<Expression<SqlBool>> {
  const tsquery = toTsquery(query);
  if (tsquery === null) return sql<SqlBool>`false`;
  const clients = sql`select client_id as id from clients_search where doc @@ ${tsquery}::tsquery`;
  const found =
    query.kind === 'phone'
      ? await sql<{ id: number }>`${clients}`.execute(db)
      : await sql<{ id: number }>`${clients} union select d.client_id from client_documents d
          where d.id in (select document_id from documents_search where doc @@ ${tsquery}::tsquery)`.execute(
          db,
        );
  const ids = found.rows.map((r) => r.id);
  return sql<SqlBool>`${sql.ref(idColumn)} = any(${ids}::integer[])`;
}
