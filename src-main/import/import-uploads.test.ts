import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  IMPORT_MAX_ROWS,
  IMPORT_UPLOAD_CHUNK_ROWS,
  type ImportField,
} from '../../src-shared/contract';
import { ImportUploads, UPLOAD_IDLE_MS } from './import-uploads';
import { insertQuickBooksClient } from '../clients/client-fixtures';
import { createTestCore, type TestCore } from '../clients/test-core';
import { newClientInput } from '../clients/client-fixtures';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

const fields: ImportField[] = ['name', 'email'];
const row = (i: number) => [`Upload Person ${i}`, `upload${i}@example.com`];

async function stage(rows: string[][]): Promise<string> {
  let uploadId: string | null = null;
  for (let start = 0; start < rows.length; start += IMPORT_UPLOAD_CHUNK_ROWS) {
    const reply: { uploadId: string } = await core.call('import.stageRows', {
      uploadId,
      fields,
      rows: rows.slice(start, start + IMPORT_UPLOAD_CHUNK_ROWS),
    });
    uploadId = reply.uploadId;
  }
  return uploadId as string;
}

it('imports a file sent ahead in chunks, as the wizard sends a big one', async () => {
  const rows = Array.from({ length: 2 * IMPORT_UPLOAD_CHUNK_ROWS + 5 }, (_, i) => row(i));
  const uploadId = await stage(rows);
  const preview = await core.call('import.preview', { fields, uploadId });
  expect(preview.counts.blue).toBe(rows.length);
  const summary = await core.call('import.commit', { fields, uploadId, fileName: 'big.csv' });
  expect(summary.created).toBe(rows.length);
  const found = await core.call('clients.list', { search: 'Upload Person 20004' });
  expect(found.rows.map((r) => r.displayName)).toContain('Upload Person 20004');
  // The upload is spent: importing it again is refused instead of adding everyone twice.
  const again = await core.invoke('import.commit', { fields, uploadId, fileName: 'big.csv' });
  expect(again.ok).toBe(false);
});

it('names the row of the whole file when a later chunk has a row of the wrong width', async () => {
  const first = await core.call('import.stageRows', {
    uploadId: null,
    fields,
    rows: Array.from({ length: 10 }, (_, i) => row(i)),
  });
  const refused = await core.invoke('import.stageRows', {
    uploadId: first.uploadId,
    fields,
    rows: [row(10), ['only a name']],
  });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.message).toMatch(/^Row 12 of the file has 1 columns/);
});

it('asks for the file again when its rows are no longer held', async () => {
  const refused = await core.invoke('import.preview', { fields, uploadId: 'gone' });
  expect(refused.ok).toBe(false);
  if (!refused.ok) {
    expect(refused.error.code).toBe('not_found');
    expect(refused.error.message).toMatch(/Choose the file again/);
  }
});

it('classifies again at commit when a client changed after the preview', async () => {
  const rows = Array.from({ length: IMPORT_UPLOAD_CHUNK_ROWS + 1 }, (_, i) => row(i));
  const uploadId = await stage(rows);
  const preview = await core.call('import.preview', { fields, uploadId });
  expect(preview.counts.green).toBe(0);
  // Meanwhile someone adds the first person by hand: the commit must see it and not add them twice.
  await core.call(
    'clients.create',
    newClientInput({ displayName: 'Upload Person 0', email: 'upload0@example.com' }),
  );
  const summary = await core.call('import.commit', { fields, uploadId, fileName: 'big.csv' });
  expect(summary.created).toBe(rows.length - 1);
  const found = await core.call('clients.list', { search: 'upload0@example.com' });
  expect(found.total).toBe(1);
});

it('imports what the bookkeeper chose for a shared email at the commit, not what the last preview showed', async () => {
  const stables = await insertQuickBooksClient(core.db, {
    displayName: 'Pemberton Stables',
    email: 'barn@pemberton.example',
  });
  const jane = await insertQuickBooksClient(core.db, {
    displayName: 'Jane Pemberton',
    email: 'barn@pemberton.example',
    parentId: stables.id,
  });
  const rows = [['Someone at Pemberton', 'barn@pemberton.example'], row(1)];
  const uploadId = await stage(rows);
  const chosen = await core.call('import.preview', {
    fields,
    uploadId,
    resolutions: [{ index: 0, clientId: jane.id }],
  });
  expect(chosen.rows[0]).toMatchObject({ color: 'green', matchClientId: jane.id });
  // The person changed their mind after that preview: the commit follows the new choice.
  const summary = await core.call('import.commit', {
    fields,
    uploadId,
    fileName: 'pemberton.csv',
    resolutions: [{ index: 0, clientId: null }],
  });
  expect(summary).toMatchObject({ linked: 0, created: 2 });
  expect((await core.call('clients.list', { search: 'someone pemberton' })).total).toBe(1);
});

it('refuses a choice that is not one of the customers sharing the email, importing nothing', async () => {
  await insertQuickBooksClient(core.db, { displayName: 'A Hollis', email: 'h@x.example' });
  await insertQuickBooksClient(core.db, { displayName: 'B Hollis', email: 'h@x.example' });
  const other = await insertQuickBooksClient(core.db, {
    displayName: 'Other',
    email: 'o@x.example',
  });
  const refused = await core.invoke('import.commit', {
    fields,
    rows: [['Hollis', 'h@x.example']],
    fileName: 'h.csv',
    resolutions: [{ index: 0, clientId: other.id }],
  });
  expect(refused.ok).toBe(false);
  if (!refused.ok) expect(refused.error.message).toMatch(/Nothing was imported/);
  expect(await core.call('import.history', {})).toEqual([]);
});

it('refuses a file past the row limit, and lets go of rows a closed wizard left', () => {
  const uploads = new ImportUploads();
  const chunk = Array.from({ length: IMPORT_UPLOAD_CHUNK_ROWS }, (_, i) => row(i));
  let { uploadId } = uploads.stage(null, fields, chunk);
  for (let sent = chunk.length; sent < IMPORT_MAX_ROWS; sent += chunk.length)
    ({ uploadId } = uploads.stage(uploadId, fields, chunk));
  expect(() => uploads.stage(uploadId, fields, [row(0)])).toThrow(/more than 200,000 rows/);

  uploads.dropIdle(Date.now() + UPLOAD_IDLE_MS + 1);
  expect(() => uploads.get(uploadId, fields)).toThrow(/Choose the file again/);
});
