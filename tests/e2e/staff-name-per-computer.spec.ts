import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { insertManualClient } from '../../src-main/clients/client-fixtures';
import { freshPostgresTarget } from '../../src-main/db/testing/test-database';
import { createMemorySecretStoreForTests } from '../../src-main/platform/node/memory-secret-store';
import { createNodePorts } from '../../src-main/platform/node/node-ports';
import { startBrowserHost, type BrowserHost } from '../../src-main/server/browser-host';
import { saveStaffName, writeSettings } from '../../src-main/settings/settings-repository';
import { expect, test } from './fixtures';

/*
 * Two computers on one shared database, each a browser host with its own
 * data folder (so its own computer id). The office computer joins a barn
 * already set up: it is asked only who works at it, and its notes are signed
 * with that name while the front desk's keep theirs.
 * Needs scripts/with-postgres.sh (the throwaway cluster).
 */
test('a computer joining a set-up shared database asks only “Your name (this computer)”, and each computer signs its own notes', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const database = await freshPostgresTarget();
  const hosts: BrowserHost[] = [];
  const folders: string[] = [];
  async function computer(): Promise<BrowserHost> {
    const dataDir = mkdtempSync(join(tmpdir(), 'equineops-e2e-computer-'));
    folders.push(dataDir);
    const host = await startBrowserHost({
      dataDir,
      port: 0,
      staticDir: resolve('out/renderer'),
      ports: createNodePorts({
        secrets: createMemorySecretStoreForTests(),
        databaseSecrets: createMemorySecretStoreForTests(),
        launchBrowser: false,
      }),
      quickbooks: null,
      database,
      scheduler: false,
    });
    hosts.push(host);
    return host;
  }
  try {
    const frontDesk = await computer();
    await writeSettings(frontDesk.core.db, { organizationName: 'Sunny Acres Barn' });
    await saveStaffName(frontDesk.core.db, frontDesk.core.context.computer.id, 'Dana');
    const client = await insertManualClient(frontDesk.core.db, { displayName: 'Tom Baker' });
    const office = await computer();

    await page.goto(office.url);
    const setup = page.getByTestId('first-run-form');
    await expect(setup).toContainText('This computer shares the barn’s client list');
    await expect(setup.getByLabel('Organization name')).toHaveCount(0);
    await setup.getByRole('button', { name: 'Start using EquineOps' }).click();
    await expect(setup.getByText('Your name is required')).toBeVisible();
    await setup.getByLabel('Your name (this computer)').fill('Pat');
    await setup.getByRole('button', { name: 'Start using EquineOps' }).click();
    await expect(page.getByText('Sunny Acres Barn').first()).toBeVisible();

    await page.goto(`${office.origin}/#/clients/${client.id}`);
    await page.getByLabel('New staff note').fill('Farrier on Friday');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page.getByTestId('notes-section')).toContainText('Pat');

    const desk = await page.context().newPage();
    await desk.goto(frontDesk.url);
    await desk.goto(`${frontDesk.origin}/#/clients/${client.id}`);
    await desk.getByLabel('New staff note').fill('Paid for March');
    await desk.getByRole('button', { name: 'Add note' }).click();
    await expect(desk.getByTestId('notes-section')).toContainText('Paid for March');
    const notes = await frontDesk.core.dispatcher.invoke('clients.get', { id: client.id });
    expect(notes.ok && notes.value.notes.map((n) => [n.body, n.author])).toEqual(
      expect.arrayContaining([
        ['Farrier on Friday', 'Pat'],
        ['Paid for March', 'Dana'],
      ]),
    );
    await desk.goto(`${frontDesk.origin}/#/settings`);
    await expect(desk.getByLabel('Your name (this computer)')).toHaveValue('Dana');
    await page.goto(`${office.origin}/#/settings`);
    await expect(page.getByLabel('Your name (this computer)')).toHaveValue('Pat');
  } finally {
    for (const host of hosts.reverse()) await host.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
});
