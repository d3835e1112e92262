import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireDataFolderLock,
  DataFolderInUseError,
  LOCK_FILE_NAME,
  unwritableFolder,
} from './data-folder-lock';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'eq-lockfile-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const lockFile = () => join(dataDir, LOCK_FILE_NAME);
const holderOnDisk = () => JSON.parse(readFileSync(lockFile(), 'utf8')) as Record<string, unknown>;

describe('the data folder lock', () => {
  it('names its holder in a private file and refuses a second taker while held', async () => {
    const lock = await acquireDataFolderLock(
      dataDir,
      'electron',
      () => new Date('2026-03-02T07:58:00Z'),
    );
    try {
      expect(holderOnDisk()).toMatchObject({
        pid: process.pid,
        host: 'electron',
        computer: hostname(),
        startedAt: '2026-03-02T07:58:00.000Z',
      });
      if (process.platform !== 'win32') expect(statSync(lockFile()).mode & 0o777).toBe(0o600);

      const refused = await acquireDataFolderLock(dataDir, 'browser').catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DataFolderInUseError);
      expect((refused as Error).message).toContain(
        `the EquineOps app (process ${process.pid}), running since 2026-03-02 07:58 UTC`,
      );
    } finally {
      lock.release();
    }
  });

  it('takes over a lock naming this very pid that an earlier process left (a restarted container reuses pids)', async () => {
    writeFileSync(
      lockFile(),
      JSON.stringify({
        pid: process.pid,
        host: 'browser',
        computer: hostname(),
        startedAt: '2026-03-01T02:00:00.000Z',
        token: 'before-the-restart',
      }),
    );

    const lock = await acquireDataFolderLock(dataDir, 'browser');

    expect(holderOnDisk().token).toBe(lock.holder.token);
    lock.release();
  });

  it('on release leaves alone a lock that is no longer its own', async () => {
    const lock = await acquireDataFolderLock(dataDir, 'browser');
    // Someone deleted the lock by hand and another copy took the folder since.
    const other = {
      pid: 4242,
      host: 'electron',
      computer: 'front-desk-pc',
      startedAt: '2026-03-02T08:00:00.000Z',
      token: 'the-other-copy',
    };
    writeFileSync(lockFile(), JSON.stringify(other));

    lock.release();

    expect(holderOnDisk()).toEqual(other);
  });

  // Injected at the boundary: these tests run as root, where no folder refuses a write.
  it('says plainly that a read-only data folder stops the start, naming the folder', () => {
    for (const code of ['EACCES', 'EPERM', 'EROFS']) {
      const refusal = Object.assign(new Error(`${code}: mkdir '/srv/barn'`), { code });
      expect(unwritableFolder(refusal, '/srv/barn')?.message).toBe(
        'EquineOps Client Sync cannot write to its data folder, so it did not start: the folder is read-only for your account. ' +
          'Give your account permission to change it (or choose another data folder), then start again. Folder: /srv/barn',
      );
    }
    expect(
      unwritableFolder(Object.assign(new Error('x'), { code: 'ENOSPC' }), '/srv/barn'),
    ).toBeNull();
  });
});
