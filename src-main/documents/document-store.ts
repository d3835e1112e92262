import { readFile } from 'node:fs/promises';
import { isPostgres } from '../db/dialect';
import type { Db } from '../db/open-database';
import { AppError } from '../errors';
import { DocumentBlobs, type IncomingBlob, type StoredBlob } from './document-blobs';
import {
  deleteUnreferencedBlobs,
  hasDocumentBlob,
  readDocumentBlob,
  writeDocumentBlob,
} from './shared-document-blobs';
import { unreferencedHashes } from './documents-repository';

/**
 * Where documents' bytes are kept, decided call by call from the database in
 * use (it can change while the app runs: Settings → Data moves the list to a
 * shared server). With this computer's file, they are files in the data
 * folder (DocumentBlobs); with a shared PostgreSQL database, rows of
 * `document_blobs`, so every computer opens every document. Uploads are
 * received into the data folder's incoming/ either way: hashed and checked
 * against the size limit before anything is stored.
 */
export class DocumentStore {
  constructor(
    readonly files: DocumentBlobs,
    private readonly db: Db,
  ) {}

  /** Whether the bytes live in the shared database rather than in files. */
  shared(): boolean {
    return isPostgres(this.db);
  }

  receiveBytes(bytes: Uint8Array): Promise<IncomingBlob> {
    return this.files.receiveBytes(bytes);
  }

  receive(source: Parameters<DocumentBlobs['receive']>[0]): Promise<IncomingBlob> {
    return this.files.receive(source);
  }

  discard(blob: IncomingBlob): Promise<void> {
    return this.files.discard(blob);
  }

  removeUnfinished(): Promise<void> {
    return this.files.removeUnfinished();
  }

  /**
   * With files: moves a received file into the store, before its document
   * row is written. With the shared database this does nothing yet: the
   * bytes go in with the row (`placeWithRow`), in the same transaction.
   */
  async placeBeforeRow(blob: IncomingBlob): Promise<StoredBlob> {
    if (this.shared()) return { hash: blob.hash, size: blob.size };
    return this.files.place(blob);
  }

  /** The bytes a row placed before needs read from disk, outside the transaction (up to 50 MB). */
  async bytesForRow(blob: IncomingBlob): Promise<Buffer | null> {
    return this.shared() ? readFile(blob.partial) : null;
  }

  /** Inside the document row's transaction: the shared database's copy of the bytes. */
  async placeWithRow(trx: Db, blob: StoredBlob, bytes: Buffer | null): Promise<void> {
    if (bytes !== null) await writeDocumentBlob(trx, blob.hash, bytes);
  }

  async read(hash: string): Promise<Buffer> {
    if (!this.shared()) return this.files.read(hash);
    const bytes = await readDocumentBlob(this.db, hash);
    if (bytes === undefined)
      throw new AppError(
        'not_found',
        "The file of this document is missing from the shared database. Ask whoever runs the server to restore it from the server's backup.",
        { detail: `document_blobs has no row for ${hash}` },
      );
    return bytes;
  }

  async has(hash: string): Promise<boolean> {
    return this.shared() ? hasDocumentBlob(this.db, hash) : this.files.has(hash);
  }

  /** Deletes the bytes of these hashes that no document row uses (removed-but-undoable ones included). */
  async removeUnreferenced(hashes: readonly string[]): Promise<void> {
    if (this.shared()) {
      await deleteUnreferencedBlobs(this.db, hashes);
      return;
    }
    for (const hash of await unreferencedHashes(this.db, hashes)) await this.files.remove(hash);
  }
}
