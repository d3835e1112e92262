import { statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENT_UNDO_DAYS, MAX_DOCUMENT_BYTES } from '../../src-shared/contract';
import { insertManualClient, insertQuickBooksClient } from '../clients/client-fixtures';
import { createTestCore, TEST_STAFF_NAME, type TestCore } from '../clients/test-core';
import { isPostgres } from '../db/dialect';
import { storedDocuments } from './documents-test-support';
import { documentBlobHashes } from './shared-document-blobs';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n${text}\n%%EOF\n`);

async function addPdf(clientId: number, name = 'Coggins 2026.pdf', text = 'negative') {
  return core.call('documents.add', {
    clientId,
    name,
    type: 'application/pdf',
    content: pdf(text),
  });
}

describe('documents on a client', () => {
  it('lists a document with its name, type, size, date and who added it', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    await addPdf(client.id);
    const { documents, portalEnabled } = await core.call('documents.list', { clientId: client.id });
    expect(portalEnabled).toBe(false);
    expect(documents).toEqual([
      expect.objectContaining({
        name: 'Coggins 2026.pdf',
        type: 'application/pdf',
        sizeBytes: pdf('negative').byteLength,
        addedAt: core.clock.now().toISOString(),
        addedBy: TEST_STAFF_NAME,
        visibleInPortal: false,
      }),
    ]);
  });

  it('stores the same file once, privately, even on two clients', async () => {
    const a = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    const b = await insertQuickBooksClient(core.db, { displayName: 'Blake Stables' });
    await addPdf(a.id, 'Boarding contract.pdf', 'same bytes');
    await addPdf(a.id, 'Boarding contract (copy).pdf', 'same bytes');
    await addPdf(b.id, 'Contract.pdf', 'same bytes');
    await addPdf(b.id, 'Vet record.pdf', 'other bytes');

    const stored = await storedDocuments(core);
    expect(stored).toHaveLength(2);
    if (isPostgres(core.db)) {
      // In the shared database, where every computer can open them; nothing left on this disk.
      expect(stored).toEqual((await documentBlobHashes(core.db)).map((h) => `document_blobs:${h}`));
    } else {
      for (const file of stored) {
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(file).toMatch(/documents\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
      }
    }
    expect((await core.call('documents.list', { clientId: a.id })).documents).toHaveLength(2);
  });

  it('refuses a file over 50 MB with a clear message and keeps nothing of it', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    const result = await core.invoke('documents.add', {
      clientId: client.id,
      name: 'Huge scan.pdf',
      type: 'application/pdf',
      content: new Uint8Array(MAX_DOCUMENT_BYTES + 1),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/at most 50 MB/);
    expect(await storedDocuments(core)).toEqual([]);
    expect((await core.call('documents.list', { clientId: client.id })).documents).toEqual([]);
    // Exactly the limit is accepted.
    await core.call('documents.add', {
      clientId: client.id,
      name: 'Big scan.pdf',
      type: 'application/pdf',
      content: new Uint8Array(MAX_DOCUMENT_BYTES),
    });
    expect(await storedDocuments(core)).toHaveLength(1);
  });

  it('renames, removes with undo, and lets the file go only after the undo window', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    const doc = await addPdf(client.id, 'scan0001.pdf');
    const renamed = await core.call('documents.rename', { id: doc.id, name: 'Signed release.pdf' });
    expect(renamed.name).toBe('Signed release.pdf');

    await core.call('documents.remove', { id: doc.id });
    expect((await core.call('documents.list', { clientId: client.id })).documents).toEqual([]);
    expect(await storedDocuments(core)).toHaveLength(1);

    await core.call('documents.restore', { id: doc.id });
    expect((await core.call('documents.list', { clientId: client.id })).documents).toEqual([
      expect.objectContaining({ id: doc.id, name: 'Signed release.pdf' }),
    ]);

    await core.call('documents.remove', { id: doc.id });
    core.clock.advance((DOCUMENT_UNDO_DAYS + 1) * 86_400_000);
    await core.documents.purge();
    expect(await storedDocuments(core)).toEqual([]);
    const late = await core.invoke('documents.restore', { id: doc.id });
    expect(late.ok).toBe(false);
  });

  it('keeps a shared file when one of the documents using it is purged', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    const first = await addPdf(client.id, 'a.pdf', 'shared');
    await addPdf(client.id, 'b.pdf', 'shared');
    await core.call('documents.remove', { id: first.id });
    core.clock.advance((DOCUMENT_UNDO_DAYS + 1) * 86_400_000);
    await core.documents.purge();
    expect(await storedDocuments(core)).toHaveLength(1);
  });

  it('keeps the file of a document added while a purge lets go of the same content', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    const old = await addPdf(client.id, 'old.pdf', 'same scan');
    await core.call('documents.remove', { id: old.id });
    core.clock.advance((DOCUMENT_UNDO_DAYS + 1) * 86_400_000);
    const [, added] = await Promise.all([
      core.documents.purge(),
      addPdf(client.id, 'new.pdf', 'same scan'),
    ]);
    expect((await core.documents.download(added.id)).bytes.toString()).toContain('same scan');
    expect(await storedDocuments(core)).toHaveLength(1);
  });

  it('shows a document in the portal only when the client has portal access', async () => {
    const client = await insertManualClient(core.db, {
      displayName: 'Avery Barn',
      email: 'avery@barn.example',
    });
    const doc = await addPdf(client.id);
    const refused = await core.invoke('documents.setVisibleInPortal', {
      id: doc.id,
      visible: true,
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('conflict');
      expect(refused.error.message).toMatch(/Turn on portal access for Avery Barn first/);
    }
    await core.call('portal.update', { clientId: client.id, enabled: true });
    const shown = await core.call('documents.setVisibleInPortal', { id: doc.id, visible: true });
    expect(shown.visibleInPortal).toBe(true);
    // Hiding is always allowed.
    await core.call('portal.update', { clientId: client.id, enabled: false });
    const hidden = await core.call('documents.setVisibleInPortal', { id: doc.id, visible: false });
    expect(hidden.visibleInPortal).toBe(false);
  });

  it('finds a client by the name of one of its documents, and no longer once it is removed', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    await insertManualClient(core.db, { displayName: 'Blake Stables' });
    const doc = await addPdf(client.id, 'Coggins certificate Tornado.pdf');
    const found = await core.call('clients.list', { search: 'tornado' });
    expect(found.rows.map((r) => r.displayName)).toEqual(['Avery Barn']);
    await core.call('documents.remove', { id: doc.id });
    expect((await core.call('clients.list', { search: 'tornado' })).rows).toEqual([]);
  });

  it('moves documents to the kept client in a merge, and back with undo', async () => {
    const quickbooks = await insertQuickBooksClient(core.db, {
      displayName: 'Smith, John',
      email: 'john@smith.example',
    });
    const manual = await insertManualClient(core.db, {
      displayName: 'John Smith',
      email: 'john@smith.example',
    });
    const doc = await addPdf(manual.id, 'Vet record.pdf');
    const kept = await addPdf(quickbooks.id, 'Boarding contract.pdf');
    const preview = await core.call('duplicates.mergePreview', {
      quickbooksClientId: quickbooks.id,
      manualClientId: manual.id,
    });
    expect(preview.manual.counts.documents).toBe(1);
    expect(preview.quickbooks.counts.documents).toBe(1);
    expect(preview.keepQuickBooks.documentsToMove).toBe(1);
    expect(preview.keepManual.documentsToMove).toBe(1);
    const merge = await core.call('duplicates.merge', {
      keepClientId: quickbooks.id,
      archiveClientId: manual.id,
    });
    const onKept = await core.call('documents.list', { clientId: quickbooks.id });
    expect(onKept.documents.map((d) => d.id).sort()).toEqual([doc.id, kept.id].sort());
    expect((await core.call('documents.list', { clientId: manual.id })).documents).toEqual([]);
    const [mergeEntry] = await core.db
      .selectFrom('activity')
      .select('summary')
      .where('action', '=', 'client.merge')
      .execute();
    expect(mergeEntry!.summary).toContain('moved 1 document');

    await core.call('duplicates.undoMerge', { mergeId: merge.id });
    expect(
      (await core.call('documents.list', { clientId: manual.id })).documents.map((d) => d.id),
    ).toEqual([doc.id]);
    expect(
      (await core.call('documents.list', { clientId: quickbooks.id })).documents.map((d) => d.id),
    ).toEqual([kept.id]);
  });

  it('refuses a document for a client that does not exist, storing nothing', async () => {
    const result = await core.invoke('documents.add', {
      clientId: 9999,
      name: 'x.pdf',
      type: 'application/pdf',
      content: pdf('x'),
    });
    expect(result.ok).toBe(false);
    expect(await storedDocuments(core)).toEqual([]);
  });
});
