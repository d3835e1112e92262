import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledLicenses, findAppRoot } from '../about/bundled-licenses';
import { createTestCore, type TestCore } from '../clients/test-core';
import { openFileLog } from '../logging/file-log';
import { writeSettings } from '../settings/settings-repository';
import { finishRun, insertRun } from '../sync/sync-log-repository';
import { BUNDLE_FILES } from './support-bundle';
import { newClientInput } from '../clients/client-fixtures';

// Shaped like Intuit's tokens and keys, so only the redaction (not luck) keeps them out.
const ACCESS_TOKEN = 'eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..kX9vQ2mT.abc.def';
const REFRESH_TOKEN = 'AB11700000000q9Zx7YkVtPw3LmNcRsTuVwXyZaBcDeFgHiJ';
const CLIENT_SECRET = 'Zk3Lq9Vx2Mw8Rt5Yp1Bn7Hc4Jd6Fg0Ss';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

async function bundleOf(
  testCore: TestCore,
): Promise<{ name: string; files: Record<string, string> }> {
  const bundle = await testCore.call('diagnostics.bundle', {});
  const entries = unzipSync(Buffer.from(bundle.zipBase64, 'base64'));
  return {
    name: bundle.fileName,
    files: Object.fromEntries(Object.entries(entries).map(([n, bytes]) => [n, strFromU8(bytes)])),
  };
}

describe('the support bundle', () => {
  it('holds the log, versions, settings, the last 20 sync runs and the database check', async () => {
    core = await createTestCore();
    await writeSettings(core.db, { organizationName: 'Sunny Acres Barn' });
    for (let i = 1; i <= 25; i += 1) {
      const run = await insertRun(core.db, 'manual', 'realm-1', core.clock.now());
      await finishRun(core.db, run, i === 25 ? 'failed' : 'success', core.clock.now(), null);
      core.clock.advance(60_000);
    }
    openFileLog(join(core.dataDir, 'logs')).write('info', 'Nightly sync planned for 02:00');

    const { name, files } = await bundleOf(core);
    expect(name).toMatch(/^equineops-diagnostics-\d{4}-\d{2}-\d{2}-\d{4}\.zip$/);
    expect(Object.keys(files).sort()).toEqual([...BUNDLE_FILES].sort());
    expect(files['log.txt']).toContain('[info] Nightly sync planned for 02:00');
    expect(JSON.parse(files['versions.json']!)).toMatchObject({
      app: '0.1.0',
      host: 'browser',
      electron: null,
      node: process.versions.node,
    });
    expect(JSON.parse(files['settings.json']!).organization.organizationName).toBe(
      'Sunny Acres Barn',
    );
    const runs = JSON.parse(files['sync-runs.json']!) as { id: number; result: string }[];
    expect(runs).toHaveLength(20);
    // Newest first: the failed 25th run leads, the first five are left out.
    expect(runs[0]).toMatchObject({ id: 25, result: 'failed' });
    expect(runs.at(-1)?.id).toBe(6);
    expect(files['database-check.txt']!.trim()).toBe('ok');
  });

  it('never carries a token or secret, wherever one was left', async () => {
    core = await createTestCore();
    await core.ports.secrets.set('realm-1', JSON.stringify({ ACCESS_TOKEN, REFRESH_TOKEN }));
    await writeSettings(core.db, {
      'quickbooks.clientSecret': CLIENT_SECRET,
      'support.note': `refresh_token=${REFRESH_TOKEN}`,
    });
    const run = await insertRun(core.db, 'manual', 'realm-1', core.clock.now());
    await core.db
      .updateTable('sync_runs')
      .set({
        result: 'failed',
        message: `Intuit refused Bearer ${ACCESS_TOKEN}`,
        detail: REFRESH_TOKEN,
      })
      .where('id', '=', run)
      .execute();
    // A line written around the logger (say, by an older version) with the tokens in clear.
    mkdirSync(join(core.dataDir, 'logs'), { recursive: true });
    appendFileSync(
      join(core.dataDir, 'logs', 'main.log'),
      `token refresh failed: {"access_token":"${ACCESS_TOKEN}","refresh_token":"${REFRESH_TOKEN}"} ${CLIENT_SECRET}\n`,
    );

    const { files } = await bundleOf(core);
    for (const [name, text] of Object.entries(files)) {
      for (const secret of [ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET, 'kX9vQ2mT']) {
        expect(text, `${name} carries a secret`).not.toContain(secret);
      }
    }
    expect(JSON.parse(files['settings.json']!).stored).not.toHaveProperty(
      'quickbooks.clientSecret',
    );
    expect(files['log.txt']).toContain('token refresh failed');
    expect(files['sync-runs.json']).toContain('Intuit refused Bearer [redacted]');
  });

  it('carries no client record, and masks an email address an error quoted', async () => {
    core = await createTestCore();
    await core.call(
      'clients.create',
      newClientInput({
        displayName: 'Harriet Holloway',
        givenName: 'Harriet',
        familyName: 'Holloway',
        email: 'harriet@holloway-farm.example',
        phone: '555-0142',
      }),
    );
    const run = await insertRun(core.db, 'manual', 'realm-1', core.clock.now());
    await finishRun(core.db, run, 'failed', core.clock.now(), null);
    await core.db
      .updateTable('sync_runs')
      .set({ detail: 'Duplicate email harriet@holloway-farm.example (Fault 6240)' })
      .where('id', '=', run)
      .execute();
    openFileLog(join(core.dataDir, 'logs')).write(
      'error',
      'push failed for harriet@holloway-farm.example',
    );

    const { files } = await bundleOf(core);
    const all = Object.values(files).join('\n');
    expect(all).not.toContain('harriet@holloway-farm.example');
    expect(all).not.toContain('555-0142');
    expect(all).not.toContain('Holloway');
    expect(files['sync-runs.json']).toContain('Duplicate email [email] (Fault 6240)');
    expect(files['log.txt']).toContain('push failed for [email]');
  });
});

describe('saving the bundle with a save dialog', () => {
  it('is refused in the browser host, which downloads it instead', async () => {
    core = await createTestCore();
    const answer = await core.invoke('diagnostics.save', {});
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.message).toMatch(/download the file instead/);
  });
});

describe('About', () => {
  it('shows the version, the data and log folders, and the licenses of the shipped libraries', async () => {
    core = await createTestCore();
    const about = await core.call('app.about', {});
    expect(about).toMatchObject({
      host: 'browser',
      version: '0.1.0',
      dataFolder: core.dataDir,
      logFolder: join(core.dataDir, 'logs'),
      versions: { node: process.versions.node, electron: null },
    });
    const license = (name: string) => about.licenses.find((l) => l.name === name)?.license;
    expect(license('react')).toBe('MIT');
    expect(license('better-sqlite3')).toBe('MIT');
    expect(license('fflate')).toBe('MIT');
    // A library react-dom brings along is listed too; build tools are not shipped.
    expect(license('scheduler')).toBe('MIT');
    expect(license('vitest')).toBeUndefined();
    expect(license('electron-builder')).toBeUndefined();
  });

  it('lists exactly the installed production packages npm records, each with a license', async () => {
    core = await createTestCore();
    const root = findAppRoot(import.meta.dirname)!;
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; dev?: boolean }>;
    };
    // What electron-builder packs into the asar: every non-dev package installed.
    const shipped = Object.entries(lock.packages)
      .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev)
      .filter(([path]) => existsSync(join(root, path, 'package.json')))
      .map(([path, entry]) => `${path.split('node_modules/').pop()}@${entry.version}`);
    const about = await core.call('app.about', {});
    expect(about.licenses.map((l) => `${l.name}@${l.version}`).sort()).toEqual(
      [...new Set(shipped)].sort(),
    );
    expect(about.licenses.filter((l) => l.license === 'Unknown')).toEqual([]);
  });

  it('adds Electron itself in the desktop app', () => {
    const withElectron = bundledLicenses(findAppRoot(import.meta.dirname), '41.0.0');
    expect(withElectron).toContainEqual({ name: 'electron', version: '41.0.0', license: 'MIT' });
    expect(bundledLicenses(findAppRoot(import.meta.dirname))).not.toContainEqual(
      expect.objectContaining({ name: 'electron' }),
    );
  });
});
