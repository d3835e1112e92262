import { strToU8, zipSync, type Zippable } from 'fflate';
import { clientHistory } from '../activity/client-history';
import { getClient } from '../clients/clients-repository';
import { listClientHorses } from '../clients/horses-repository';
import { listNotes, listRestorableNotes } from '../clients/notes-repository';
import { readPortal } from '../clients/portal-repository';
import { readPreferences } from '../clients/preferences-repository';
import type { Db } from '../db/open-database';
import { safeFileName } from '../documents/client-documents';
import type { DocumentStore } from '../documents/document-store';
import { allDocumentRows } from '../documents/documents-repository';
import { listAccess } from './access-log';
import { exportSummaryHtml, type SummaryOrganization } from './export-summary';

/** Everything the app holds about one client, as client.json has it. */
export async function gatherClientData(db: Db, clientId: number, now: Date) {
  const client = await getClient(db, clientId);
  const documents = await allDocumentRows(db, clientId);
  return {
    exportedAt: now.toISOString(),
    client,
    horses: await listClientHorses(db, clientId),
    notes: await listNotes(db, clientId),
    deletedNotesStillKept: await listRestorableNotes(db, clientId, now),
    preferences: await readPreferences(db, clientId),
    portal: await readPortal(db, clientId, client.email),
    documents: documents.map((d) => ({
      id: d.id,
      name: d.name,
      type: d.type,
      sizeBytes: d.size_bytes,
      addedAt: d.added_at,
      addedBy: d.added_by,
      visibleInPortal: d.visible_in_portal === 1,
      removedAt: d.removed_at,
      sha256: d.content_hash,
      fileInZip: `documents/${zipDocumentName(d.id, d.name)}`,
    })),
    // As the profile's Activity shows it: staff changes, and what syncs and imports did,
    // with the old → new values a sync kept (those are data held about the client too).
    activity: await clientHistory(db, client, 100_000),
    accessLog: await listAccess(db, clientId, 100_000),
  };
}

export type ClientData = Awaited<ReturnType<typeof gatherClientData>>;

/** `12-Coggins 2026.pdf`: the id keeps two documents of the same name apart. */
function zipDocumentName(id: number, name: string): string {
  return `${id}-${safeFileName(name)}`;
}

/**
 * The right of access: one zip with summary.html (readable, printable),
 * client.json (everything held) and documents/ (their files).
 */
export async function buildClientExport(
  db: Db,
  blobs: Pick<DocumentStore, 'has' | 'read'>,
  clientId: number,
  now: Date,
  org: SummaryOrganization,
): Promise<{ fileName: string; bytes: Uint8Array; data: ClientData }> {
  const data = await gatherClientData(db, clientId, now);
  const files: Zippable = {
    'summary.html': strToU8(exportSummaryHtml(data, org)),
    'client.json': strToU8(JSON.stringify(data, null, 2)),
  };
  const documents: Zippable = {};
  for (const doc of data.documents) {
    if (!(await blobs.has(doc.sha256))) continue;
    // Already compressed formats (PDF, JPEG) gain nothing from deflate: stored as they are.
    documents[zipDocumentName(doc.id, doc.name)] = [await blobs.read(doc.sha256), { level: 0 }];
  }
  files.documents = documents;
  const day = now.toISOString().slice(0, 10);
  return {
    fileName: `${safeFileName(data.client.displayName)} - data export ${day}.zip`,
    bytes: zipSync(files),
    data,
  };
}
