import { existsSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertManualClient } from '../clients/client-fixtures';
import { createTestCore, type TestCore } from '../clients/test-core';
import { BACKUPS_FOLDER_NAME } from './data-safety';

let core: TestCore;
afterEach(async () => {
  await core.dispose();
});

function documentFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

describe('backups hold the documents', () => {
  it('restores a document whose file was lost, from the backup made while it existed', async () => {
    core = await createTestCore();
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    const doc = await core.call('documents.add', {
      clientId: client.id,
      name: 'Coggins.pdf',
      type: 'application/pdf',
      content: new TextEncoder().encode('%PDF coggins'),
    });
    const backup = await core.call('backups.create', {});
    const backupDocs = join(
      core.dataDir,
      BACKUPS_FOLDER_NAME,
      backup.name.replace(/\.sqlite$/, '.documents'),
    );
    expect(documentFiles(backupDocs)).toHaveLength(1);
    expect(statSync(backupDocs).mode & 0o777).toBe(0o700);

    // The document is erased (its file deleted) after the backup.
    core.clock.advance(60_000);
    await core.call('privacy.erase', { clientId: client.id, confirmName: 'Avery Barn' });
    expect(documentFiles(join(core.dataDir, 'documents'))).toEqual([]);

    await core.call('backups.restore', { name: backup.name });
    const restored = await core.documents.download(doc.id);
    expect(restored.bytes.toString()).toBe('%PDF coggins');
  });

  it('restores a backup made before documents existed, keeping the files already there', async () => {
    core = await createTestCore();
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    await core.call('documents.add', {
      clientId: client.id,
      name: 'Coggins.pdf',
      type: 'application/pdf',
      content: new TextEncoder().encode('%PDF coggins'),
    });
    const backup = await core.call('backups.create', {});
    // An old-format backup: the database file alone.
    rmSync(
      join(core.dataDir, BACKUPS_FOLDER_NAME, backup.name.replace(/\.sqlite$/, '.documents')),
      {
        recursive: true,
      },
    );
    await core.call('backups.restore', { name: backup.name });
    expect(await core.call('clients.list', {})).toMatchObject({ total: 1 });
    expect(documentFiles(join(core.dataDir, 'documents'))).toHaveLength(1);
  });

  it('removes unfinished uploads and unfinished backup copies a crash left behind, at start', async () => {
    core = await createTestCore();
    const dataDir = core.dataDir;
    await core.close();
    mkdirSync(join(dataDir, 'documents', 'incoming'), { recursive: true });
    writeFileSync(join(dataDir, 'documents', 'incoming', 'x.partial'), 'half');
    const orphan = join(
      dataDir,
      BACKUPS_FOLDER_NAME,
      'equineops-2026-03-02T140000Z-manual.documents',
    );
    mkdirSync(join(orphan, 'ab'), { recursive: true });
    core = await createTestCore({ dataDir });
    expect(existsSync(join(dataDir, 'documents', 'incoming', 'x.partial'))).toBe(false);
    // A backup's documents copied when the crash came before its database copy was done.
    expect(existsSync(orphan)).toBe(false);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
