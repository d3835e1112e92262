import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { chmod, copyFile, link, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { MAX_DOCUMENT_BYTES } from '../../src-shared/contract';
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from '../data-folder/private-files';
import { AppError } from '../errors';

export const DOCUMENTS_FOLDER_NAME = 'documents';
const INCOMING = 'incoming';
const HASH_PATTERN = /^[0-9a-f]{64}$/;

export interface StoredBlob {
  hash: string;
  size: number;
}

/** A file received under `incoming/`, hashed, not yet in the store. */
export interface IncomingBlob extends StoredBlob {
  partial: string;
}

/** The refusal staff see for a file over the limit; nothing of it is kept. */
export function tooLargeError(size?: number): AppError {
  const limit = `${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB`;
  const actual = size !== undefined ? ` (this one is ${(size / (1024 * 1024)).toFixed(1)} MB)` : '';
  return new AppError(
    'validation',
    `A document can be at most ${limit}${actual}. Nothing was added; make the file smaller (for example scan at a lower resolution) and add it again.`,
  );
}

/**
 * Document bytes, content-addressed: `documents/ab/abcdef…` named by SHA-256,
 * so the same file added twice (or to two clients) is stored once. A file is
 * written under `incoming/` and renamed into place whole, private (0600) from
 * its first byte. Files are never changed once written; which ones may go is
 * decided from the document rows (documents-repository.ts), never here.
 */
export class DocumentBlobs {
  constructor(readonly folder: string) {}

  static inDataFolder(dataDir: string): DocumentBlobs {
    return new DocumentBlobs(join(dataDir, DOCUMENTS_FOLDER_NAME));
  }

  path(hash: string): string {
    if (!HASH_PATTERN.test(hash)) throw new Error(`not a content hash: ${hash}`);
    return join(this.folder, hash.slice(0, 2), hash);
  }

  has(hash: string): boolean {
    return existsSync(this.path(hash));
  }

  read(hash: string): Promise<Buffer> {
    return readFile(this.path(hash)).catch((error: unknown) => {
      throw new AppError(
        'not_found',
        'The file of this document is missing from the data folder. Restore a backup to bring it back.',
        { detail: error instanceof Error ? error.message : String(error), cause: error },
      );
    });
  }

  /** Receives bytes already in memory (the Electron upload); see `receive`. */
  receiveBytes(bytes: Uint8Array): Promise<IncomingBlob> {
    if (bytes.byteLength > MAX_DOCUMENT_BYTES)
      return Promise.reject(tooLargeError(bytes.byteLength));
    return this.receive(
      Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
    );
  }

  /**
   * Writes a stream (the browser host's upload body) under `incoming/`,
   * hashing as it writes. Past MAX_DOCUMENT_BYTES it stops reading and removes
   * what it wrote. `place` then puts it in the store; `discard` drops it.
   */
  async receive(source: AsyncIterable<Buffer | Uint8Array> | Readable): Promise<IncomingBlob> {
    const incoming = join(this.folder, INCOMING);
    ensurePrivateFolder(this.folder);
    ensurePrivateFolder(incoming);
    const partial = join(incoming, `${randomUUID()}.partial`);
    const hash = createHash('sha256');
    let size = 0;
    const counting = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > MAX_DOCUMENT_BYTES) return done(tooLargeError());
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(
        Readable.from(source),
        counting,
        createWriteStream(partial, { mode: PRIVATE_FILE_MODE, flags: 'wx' }),
      );
      await chmod(partial, PRIVATE_FILE_MODE);
      return { hash: hash.digest('hex'), size, partial };
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  /** Moves a received file into the store, or drops it when the same content is already there. */
  async place(blob: IncomingBlob): Promise<StoredBlob> {
    const target = this.path(blob.hash);
    if (existsSync(target)) {
      await rm(blob.partial, { force: true });
    } else {
      ensurePrivateFolder(join(this.folder, blob.hash.slice(0, 2)));
      await rename(blob.partial, target);
    }
    return { hash: blob.hash, size: blob.size };
  }

  /** Drops a received file that was not placed (nothing happens once it was). */
  async discard(blob: IncomingBlob): Promise<void> {
    await rm(blob.partial, { force: true });
  }

  /** Receives and places at once (tests, and callers that need no lock around it). */
  async storeStream(source: AsyncIterable<Buffer | Uint8Array> | Readable): Promise<StoredBlob> {
    return this.place(await this.receive(source));
  }

  async remove(hash: string): Promise<void> {
    await rm(this.path(hash), { force: true });
  }

  /** Every stored hash (for backups and tests). */
  hashes(): string[] {
    if (!existsSync(this.folder)) return [];
    const found: string[] = [];
    for (const prefix of readdirSync(this.folder)) {
      if (prefix === INCOMING || prefix.length !== 2) continue;
      for (const name of readdirSync(join(this.folder, prefix))) {
        if (HASH_PATTERN.test(name)) found.push(name);
      }
    }
    return found;
  }

  /** Uploads a crash left half-written: only ever our own temporary files. */
  async removeUnfinished(): Promise<void> {
    await rm(join(this.folder, INCOMING), { recursive: true, force: true });
  }

  /**
   * Puts every stored file into `target` (another store's folder): hard links
   * where the disk allows (files never change, so a link is a full copy for
   * free), copies elsewhere. Files `target` already has are left as they are.
   */
  async copyInto(target: DocumentBlobs): Promise<number> {
    let copied = 0;
    for (const hash of this.hashes()) {
      const to = target.path(hash);
      if (existsSync(to)) continue;
      await mkdir(join(target.folder, hash.slice(0, 2)), { recursive: true, mode: 0o700 });
      try {
        await link(this.path(hash), to);
      } catch {
        await copyFile(this.path(hash), to);
        await chmod(to, PRIVATE_FILE_MODE);
      }
      copied++;
    }
    return copied;
  }
}
