import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  filePaths,
  MAX_DOCUMENT_BYTES,
  type ClientDocument,
  type FileHandoffResult,
} from '../../src-shared/contract';
import { runClientWrite } from '../clients/client-write';
import { getClient } from '../clients/clients-repository';
import { readPortal } from '../clients/portal-repository';
import type { CoreContext } from '../core-context';
import { AppError } from '../errors';
import { recordAccess } from '../privacy/access-log';
import { DocumentBlobs, tooLargeError, type IncomingBlob } from './document-blobs';
import { DocumentStore } from './document-store';
import {
  findRestorableDocument,
  getDocument,
  insertDocument,
  markDocumentRemoved,
  purgeRemovedDocuments,
  renameDocument,
  setVisibleInPortal,
  unmarkDocumentRemoved,
} from './documents-repository';

export interface DocumentUpload {
  clientId: number;
  name: string;
  type: string;
  /** The bytes (Electron) or the request body (browser host). */
  content: Uint8Array | Readable;
  /** What the sender said the size is (Content-Length): refused before reading when too large. */
  declaredSize?: number;
}

/**
 * The documents on clients: adding (stored once per content), opening,
 * renaming, removing with undo, and the portal rule. Every change writes an
 * activity entry; every look writes an access entry.
 */
export class ClientDocuments {
  /** Files in the data folder, or rows of the shared database (document-store.ts). */
  readonly blobs: DocumentStore;
  private fileWork: Promise<unknown> = Promise.resolve();

  constructor(private readonly ctx: CoreContext) {
    this.blobs = new DocumentStore(DocumentBlobs.inDataFolder(dirname(ctx.dataFile)), ctx.db);
  }

  async add(upload: DocumentUpload): Promise<ClientDocument> {
    if (upload.declaredSize !== undefined && upload.declaredSize > MAX_DOCUMENT_BYTES)
      throw tooLargeError(upload.declaredSize);
    // A client that does not exist is refused before any byte is stored.
    await getClient(this.ctx.db, upload.clientId);
    const incoming =
      upload.content instanceof Uint8Array
        ? await this.blobs.receiveBytes(upload.content)
        : await this.blobs.receive(upload.content);
    try {
      // Placing the file and writing its row happen together, never between a purge's check and delete.
      return await this.exclusive(() => this.placeAndRecord(upload, incoming));
    } finally {
      await this.blobs.discard(incoming);
    }
  }

  private async placeAndRecord(upload: DocumentUpload, incoming: IncomingBlob) {
    const stored = await this.blobs.placeBeforeRow(incoming);
    const bytes = await this.blobs.bytesForRow(incoming);
    try {
      return await runClientWrite(this.ctx, ['clients'], async (w) => {
        const client = await getClient(w.trx, upload.clientId);
        await this.blobs.placeWithRow(w.trx, stored, bytes);
        const doc = await insertDocument(
          w.trx,
          {
            clientId: upload.clientId,
            hash: stored.hash,
            name: upload.name,
            type: upload.type || 'application/octet-stream',
            size: stored.size,
            addedBy: w.actor,
          },
          w.now,
        );
        await w.record({
          action: 'document.add',
          summary: `Added the document ${doc.name} to ${client.displayName}`,
          clientId: upload.clientId,
          detail: { documentId: doc.id, sizeBytes: doc.sizeBytes },
        });
        return doc;
      });
    } catch (error) {
      // Not kept when the row was not written, unless another document has the same content.
      await this.deleteUnreferenced([stored.hash]);
      throw error;
    }
  }

  rename(id: number, name: string): Promise<ClientDocument> {
    return runClientWrite(this.ctx, ['clients'], async (w) => {
      const before = await getDocument(w.trx, id);
      if (before.name === name) return before;
      const doc = await renameDocument(w.trx, id, name);
      await w.record({
        action: 'document.rename',
        summary: `Renamed the document ${before.name} to ${name}`,
        clientId: doc.clientId,
        detail: { documentId: id },
      });
      return doc;
    });
  }

  async remove(id: number): Promise<ClientDocument> {
    const removed = await runClientWrite(this.ctx, ['clients'], async (w) => {
      const doc = await markDocumentRemoved(w.trx, id, w.actor, w.now);
      await w.record({
        action: 'document.remove',
        summary: `Removed the document ${doc.name}`,
        clientId: doc.clientId,
        detail: { documentId: id },
      });
      return doc;
    });
    // Each remove also lets go of documents whose undo window has passed.
    await this.purge();
    return removed;
  }

  restore(id: number): Promise<ClientDocument> {
    return runClientWrite(this.ctx, ['clients'], async (w) => {
      const row = await findRestorableDocument(w.trx, id, w.now);
      if (!row) {
        // Undo clicked twice: it is back already.
        const live = await getDocument(w.trx, id).catch(() => null);
        if (live) return live;
        throw new AppError(
          'not_found',
          'This document can no longer be brought back: it was removed too long ago.',
        );
      }
      const doc = await unmarkDocumentRemoved(w.trx, id);
      await w.record({
        action: 'document.restore',
        summary: `Brought back the document ${doc.name}`,
        clientId: doc.clientId,
        detail: { documentId: id },
      });
      return doc;
    });
  }

  /** The portal rule: a document can be shown there only while the client has portal access. */
  setVisibleInPortal(id: number, visible: boolean): Promise<ClientDocument> {
    return runClientWrite(this.ctx, ['clients'], async (w) => {
      const doc = await getDocument(w.trx, id);
      const client = await getClient(w.trx, doc.clientId);
      if (visible && !(await readPortal(w.trx, doc.clientId, null)).enabled) {
        throw new AppError(
          'conflict',
          `Turn on portal access for ${client.displayName} first: only then can a document be visible in the portal.`,
        );
      }
      if (doc.visibleInPortal === visible) return doc;
      const updated = await setVisibleInPortal(w.trx, id, visible);
      await w.record({
        action: 'document.portal',
        summary: `${visible ? 'Showed' : 'Hid'} the document ${doc.name} ${visible ? 'in' : 'from'} the portal`,
        clientId: doc.clientId,
        detail: { documentId: id, visible },
      });
      return updated;
    });
  }

  /**
   * Electron: a temporary copy named as staff know it, opened with the
   * system's app. Browser host: the address the page downloads it from (the
   * download itself is what the access log records).
   */
  async open(id: number): Promise<FileHandoffResult> {
    const doc = await getDocument(this.ctx.db, id);
    const files = this.ctx.ports.files;
    if (!files) return { kind: 'download', url: filePaths.documentDownload(id) };
    const bytes = await this.blobs.read(doc.hash);
    const advice = 'check there is free space on this computer and try again.';
    await withoutPaths('The document could not be opened', advice, async () => {
      const folder = join(tmpdir(), `${OPENED_COPY_PREFIX}${randomUUID()}`);
      await mkdir(folder, { mode: 0o700 });
      const copy = join(folder, safeFileName(doc.name));
      await writeFile(copy, bytes, { mode: 0o600 });
      await chmod(copy, 0o600);
      await files.openWithDefaultApp(copy);
    });
    await this.recordLook(doc, 'document.open', `Opened the document ${doc.name}`);
    return { kind: 'opened' };
  }

  /** The bytes for the browser host's download route, recorded in the access log. */
  async download(id: number): Promise<{ name: string; type: string; bytes: Buffer }> {
    const doc = await getDocument(this.ctx.db, id);
    const bytes = await this.blobs.read(doc.hash);
    await this.recordLook(doc, 'document.download', `Downloaded the document ${doc.name}`);
    return { name: doc.name, type: doc.type, bytes };
  }

  /** Rows past their undo window go, and then the files no row uses. */
  async purge(): Promise<void> {
    const hashes = await purgeRemovedDocuments(this.ctx.db, this.ctx.ports.clock.now());
    await this.removeUnreferenced(hashes);
  }

  /** Deletes the files of these hashes that no document row (removed-but-undoable ones included) uses. */
  removeUnreferenced(hashes: readonly string[]): Promise<void> {
    return this.exclusive(() => this.deleteUnreferenced(hashes));
  }

  private async deleteUnreferenced(hashes: readonly string[]): Promise<void> {
    await this.blobs.removeUnreferenced(hashes);
  }

  /** One at a time: placing an upload with its row, or deleting files no row uses. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.fileWork.then(work, work);
    this.fileWork = next.catch(() => undefined);
    return next;
  }

  private async recordLook(
    doc: ClientDocument,
    action: 'document.open' | 'document.download',
    summary: string,
  ): Promise<void> {
    await recordAccess(this.ctx.db, this.ctx.ports.clock.now(), {
      actor: await this.ctx.actor(),
      action,
      clientId: doc.clientId,
      documentId: doc.id,
      summary,
    });
    this.ctx.events.emit('data.changed', { tables: ['activity'] });
  }
}

const OPENED_COPY_PREFIX = 'equineops-open-';
const OPENED_COPY_HOURS = 24;

/**
 * The temporary copies opened with the system's app hold client data outside
 * the data folder: the daily upkeep removes those older than a day (the app
 * that showed them has long read them).
 */
export async function removeOldOpenedCopies(now: Date, folder = tmpdir()): Promise<number> {
  let removed = 0;
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    if (!name.startsWith(OPENED_COPY_PREFIX)) continue;
    const path = join(folder, name);
    const info = await stat(path).catch(() => null);
    if (!info || now.getTime() - info.mtimeMs < OPENED_COPY_HOURS * 3_600_000) continue;
    await rm(path, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

/** A name every file system accepts, keeping what staff typed where it can. */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((ch) => (ch.charCodeAt(0) < 32 || '<>:"/\\|?*'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/[. ]+$/, '');
  return cleaned === '' ? 'document' : cleaned;
}

/**
 * A file system error's message holds its path, and these paths hold a
 * document's or a client's name: personal data that must not reach the log
 * file or a support bundle. Staff get what happened (the error code) as a
 * sentence, and nothing is logged.
 */
export async function withoutPaths<T>(
  what: string,
  advice: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException | null)?.code;
    throw new AppError(
      'internal',
      `${what}${code ? ` (${code})` : ''}. Nothing was changed; ${advice}`,
    );
  }
}
