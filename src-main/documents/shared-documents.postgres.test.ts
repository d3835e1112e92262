import { afterEach, describe, expect, it } from 'vitest';
import { DOCUMENT_UNDO_DAYS } from '../../src-shared/contract';
import { insertManualClient } from '../clients/client-fixtures';
import { createOffice, type Office } from '../shared-database/two-computers-test-support';
import { storedDocumentFiles } from './documents-test-support';
import { documentBlobHashes } from './shared-document-blobs';

/*
 * Two office computers on one shared PostgreSQL database: a document added at
 * the front desk opens in the barn manager's office, because its bytes are in
 * the database, not in the front desk's data folder.
 */

let office: Office | undefined;
afterEach(async () => {
  await office?.dispose();
  office = undefined;
});

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n${text}\n%%EOF\n`);

describe('documents on a shared database', () => {
  it('opens on another computer a document added on this one', async () => {
    office = await createOffice(['FRONT-DESK', 'BARN']);
    const [front, barn] = office.computers as [
      Office['computers'][number],
      Office['computers'][number],
    ];
    const client = await insertManualClient(front.core.db, { displayName: 'Avery Barn' });
    const added = await front.core.dispatcher.invoke('documents.add', {
      clientId: client.id,
      name: 'Coggins 2026.pdf',
      type: 'application/pdf',
      content: pdf('negative'),
    });
    expect(added.ok).toBe(true);

    const listed = await barn.core.dispatcher.invoke('documents.list', { clientId: client.id });
    expect(listed.ok && listed.value.documents.map((d) => d.name)).toEqual(['Coggins 2026.pdf']);
    const opened = await barn.core.documents.download(added.ok ? added.value.id : -1);
    expect(opened.bytes.toString()).toContain('negative');
    // Nothing of it on either computer's disk: only in the shared database.
    expect(storedDocumentFiles(front.dataDir)).toEqual([]);
    expect(storedDocumentFiles(barn.dataDir)).toEqual([]);
    expect(await documentBlobHashes(barn.core.db)).toHaveLength(1);
  });

  it('keeps the bytes of a document one computer adds while another lets go of the same content', async () => {
    office = await createOffice(['FRONT-DESK', 'BARN']);
    const [front, barn] = office.computers as [
      Office['computers'][number],
      Office['computers'][number],
    ];
    const client = await insertManualClient(front.core.db, { displayName: 'Avery Barn' });
    const old = await front.core.dispatcher.invoke('documents.add', {
      clientId: client.id,
      name: 'old.pdf',
      type: 'application/pdf',
      content: pdf('same scan'),
    });
    if (!old.ok) throw new Error(old.error.message);
    await front.core.dispatcher.invoke('documents.remove', { id: old.value.id });
    await front.timer.advance((DOCUMENT_UNDO_DAYS + 1) * 86_400_000);

    const [, added] = await Promise.all([
      front.core.documents.purge(),
      barn.core.dispatcher.invoke('documents.add', {
        clientId: client.id,
        name: 'new.pdf',
        type: 'application/pdf',
        content: pdf('same scan'),
      }),
    ]);
    if (!added.ok) throw new Error(added.error.message);

    expect((await front.core.documents.download(added.value.id)).bytes.toString()).toContain(
      'same scan',
    );
    expect(await documentBlobHashes(front.core.db)).toHaveLength(1);
  });
});
