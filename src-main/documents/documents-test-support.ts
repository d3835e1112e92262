import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isPostgres } from '../db/dialect';
import type { Db } from '../db/open-database';
import { DOCUMENTS_FOLDER_NAME } from './document-blobs';
import { documentBlobHashes } from './shared-document-blobs';

/**
 * Every file under the data folder's documents/ (unfinished uploads in
 * incoming/ included), as full paths: what tests check to prove a file was
 * stored once, refused, or deleted.
 */
export function storedDocumentFiles(dataDir: string): string[] {
  const folder = join(dataDir, DOCUMENTS_FOLDER_NAME);
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The same on either database: the files in the data folder, and on a
 * shared PostgreSQL database also its stored bytes (`document_blobs:<hash>`).
 */
export async function storedDocuments(core: { db: Db; dataDir: string }): Promise<string[]> {
  const files = storedDocumentFiles(core.dataDir);
  if (!isPostgres(core.db)) return files;
  const rows = await documentBlobHashes(core.db);
  return [...files, ...rows.map((hash) => `document_blobs:${hash}`)];
}
