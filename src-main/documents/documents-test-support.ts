import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTS_FOLDER_NAME } from './document-blobs';

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
