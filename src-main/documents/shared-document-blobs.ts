import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/open-database';
import { retryOnceOnConflict } from '../db/storage-failures';

/**
 * Document bytes in the shared database's `document_blobs` (migration 0015,
 * PostgreSQL only), one row per content hash, so a document added on one
 * computer opens on every other. Portable kysely; only the table is
 * PostgreSQL's, so it is typed here rather than in the schema every dialect shares.
 */
interface DocumentBlobTables {
  document_blobs: { content_hash: string; size_bytes: number; bytes: Buffer };
}

function blobs(db: Db): Kysely<DocumentBlobTables> {
  return db as unknown as Kysely<DocumentBlobTables>;
}

/**
 * Stores bytes under their hash, or keeps the stored ones (same hash, same
 * bytes). Inside the transaction that writes the document row, the row lock
 * this takes makes a concurrent deleteUnreferencedBlobs on another computer
 * wait for that row, and then see it.
 */
export async function writeDocumentBlob(db: Db, hash: string, bytes: Uint8Array): Promise<void> {
  await blobs(db)
    .insertInto('document_blobs')
    .values({ content_hash: hash, size_bytes: bytes.byteLength, bytes: Buffer.from(bytes) })
    .onConflict((oc) =>
      oc
        .column('content_hash')
        .doUpdateSet((eb) => ({ size_bytes: eb.ref('excluded.size_bytes') })),
    )
    .execute();
}

export async function readDocumentBlob(db: Db, hash: string): Promise<Buffer | undefined> {
  const row = await blobs(db)
    .selectFrom('document_blobs')
    .select('bytes')
    .where('content_hash', '=', hash)
    .executeTakeFirst();
  return row?.bytes;
}

export async function hasDocumentBlob(db: Db, hash: string): Promise<boolean> {
  const row = await blobs(db)
    .selectFrom('document_blobs')
    .select('content_hash')
    .where('content_hash', '=', hash)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Deletes the bytes of these hashes that no document row uses (removed but
 * undoable ones included), as one transaction: the rows are locked first, so
 * a document being added with the same content on another computer either
 * commits before the check (and is seen) or waits and stores its bytes anew.
 */
export async function deleteUnreferencedBlobs(db: Db, hashes: readonly string[]): Promise<void> {
  const unique = [...new Set(hashes)];
  if (unique.length === 0) return;
  // Two computers purging the same hashes at once can deadlock: the server ends one, which runs again.
  await retryOnceOnConflict(() => deleteIn(db, unique));
}

async function deleteIn(db: Db, unique: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await blobs(trx)
      .selectFrom('document_blobs')
      .select('content_hash')
      .where('content_hash', 'in', unique)
      .forUpdate()
      .execute();
    // A new statement sees what committed while it waited (read committed).
    await blobs(trx)
      .deleteFrom('document_blobs')
      .where('content_hash', 'in', unique)
      .where(
        sql<boolean>`not exists (select 1 from client_documents d where d.content_hash = document_blobs.content_hash)`,
      )
      .execute();
  });
}

/** Every stored hash (tests, and a move that checks what it copied). */
export async function documentBlobHashes(db: Db): Promise<string[]> {
  const rows = await blobs(db)
    .selectFrom('document_blobs')
    .select('content_hash')
    .orderBy('content_hash')
    .execute();
  return rows.map((r) => r.content_hash);
}
