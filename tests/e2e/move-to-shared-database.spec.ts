import { insertManyClients, insertQuickBooksClient } from '../../src-main/clients/client-fixtures';
import { emptySharedDatabase } from '../../src-main/shared-database/shared-database-test-support';
import { saveStaffName } from '../../src-main/settings/settings-repository';
import { startTcpCutProxy } from '../support/tcp-cut-proxy';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createMemorySecretStoreForTests } from '../../src-main/platform/node/memory-secret-store';
import { createNodePorts } from '../../src-main/platform/node/node-ports';
import { startBrowserHost } from '../../src-main/server/browser-host';
import { expect, markSetUp, test, TEST_ORGANIZATION } from './fixtures';
import type { Locator, Page } from '@playwright/test';
import type { PostgresTarget } from '../../src-main/db/database-target';
import type { SecretStore } from '../../src-main/platform/ports';
import type { BrowserHost } from '../../src-main/server/browser-host';

/** A browser host on a data folder of its own (the fixtures' host is already on a set-up file). */
function startHostIn(
  dataDir: string,
  secrets: SecretStore,
  options: { database?: PostgresTarget; databaseSecrets?: SecretStore } = {},
): Promise<BrowserHost> {
  return startBrowserHost({
    dataDir,
    port: 0,
    staticDir: resolve('out/renderer'),
    ports: createNodePorts({
      secrets,
      databaseSecrets: options.databaseSecrets ?? createMemorySecretStoreForTests(),
      launchBrowser: false,
    }),
    ...(options.database ? { database: options.database } : {}),
  });
}

/** The address the host printed, with its key (the cookie lets the page in), then the app. */
async function openHost(page: Page, host: BrowserHost): Promise<void> {
  await page.context().request.get(host.url, { maxRedirects: 0 });
  await page.goto(host.origin);
}

/** “Use a shared database”'s details, with certificate checking against the test cluster's CA. */
async function fillSharedDatabase(form: Locator, target: PostgresTarget, port = target.port) {
  await form.getByRole('textbox', { name: /^Server/ }).fill(target.host);
  await form.getByRole('textbox', { name: /^Port/ }).fill(String(port));
  await form.getByRole('textbox', { name: /^Database/ }).fill(target.database);
  await form.getByRole('textbox', { name: /^User/ }).fill(target.user);
  await form.getByLabel('Password', { exact: true }).fill(target.password!);
  await form.getByLabel(/check the server’s certificate/).check();
  await form.getByLabel('CA file', { exact: true }).fill(target.caFile!);
}

/*
 * Settings → Data → "Use a shared database" in a real browser: the form, Test
 * connection, Move my data there with the counts shown, the same list read
 * from the server; then the server cut off while a note is being typed: the
 * banner says so, the note stays in the box, and it saves once the server is back.
 * Needs scripts/with-postgres.sh (the throwaway cluster).
 */
test('moves this computer’s list to an empty shared database, and a lost connection never loses the note being typed', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  // As the first-run setup does: this computer's staff name, which signs its notes here and on the server.
  await saveStaffName(host.core.db, host.core.context.computer.id, 'Dana at the front desk');
  await insertManyClients(host.core.db, 40, 3);
  const client = await insertQuickBooksClient(host.core.db, {
    displayName: 'Sunny Acres Riding Club',
    email: 'office@sunnyacres.example',
  });
  const target = await emptySharedDatabase();
  // The app reaches the server through a relay the test can cut, like a pulled cable.
  const proxy = await startTcpCutProxy({ host: target.host, port: target.port });
  try {
    await page.goto('/#/clients');
    await expect(page.getByTestId('client-count')).toHaveText(/\d+ active/);
    const countBefore = await page.getByTestId('client-count').textContent();

    await page.goto('/#/settings/data');
    const panel = page.getByRole('region', { name: 'Use a shared database' });
    await fillSharedDatabase(panel, target, proxy.port);
    await panel.getByRole('button', { name: 'Test connection' }).click();

    const checks = panel.getByRole('list', { name: 'Connection test' });
    await expect(checks).toContainText(
      'Encrypted (TLS), and the server’s certificate was verified.',
    );
    await expect(checks).toContainText(
      'The database is empty: this computer’s data can be moved there.',
    );
    await panel.getByRole('button', { name: 'Move my data there' }).click();
    const dialog = page.getByRole('dialog', {
      name: 'Move this computer’s data to the shared database?',
    });
    await dialog.getByRole('button', { name: 'Move my data there' }).click();

    const done = page.getByTestId('move-done');
    await expect(done).toContainText(`Moved to the shared database ${target.database}`);
    await expect(
      done.getByTestId('move-counts').getByRole('row', { name: /^Clients/ }),
    ).toContainText('41');
    const shared = page.getByRole('region', { name: 'Shared database' });
    await expect(shared).toContainText('Backups of a shared database are the server’s job');
    await expect(shared.getByTestId('shared-database-version')).toHaveText(/^PostgreSQL \d+\.\d+/);
    await expect(page.getByRole('heading', { name: 'Backups' })).toHaveCount(0);

    // The same list, now read from the server.
    await page.goto('/#/clients');
    await expect(page.getByTestId('client-count')).toHaveText(countBefore!);

    // 1024 px: the profile is one long column.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`/#/clients/${client.id}`);
    const noteBox = page.getByLabel('New staff note');
    await noteBox.fill('Farrier Tuesday 9 AM: gate code 4411');
    proxy.cut();
    // Nothing is clicked: the idle screen hears it from the live-update connection.
    const banner = page.getByTestId('database-banner');
    await expect(banner).toContainText('The shared database cannot be reached (since');
    await expect(banner).toContainText(`EquineOps keeps trying to reach ${target.database} on`);
    await page.getByRole('button', { name: 'Add note' }).click();
    const toast = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await expect(toast).toBeVisible();
    // Scrolled to the end of the profile, the banner stays under the header, and the toast leaves it readable.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(banner).toBeInViewport();
    const bannerBox = (await banner.boundingBox())!;
    const toastBox = (await toast.boundingBox())!;
    expect(bannerBox.y).toBeGreaterThanOrEqual(56);
    const overlaps =
      bannerBox.x < toastBox.x + toastBox.width &&
      toastBox.x < bannerBox.x + bannerBox.width &&
      bannerBox.y < toastBox.y + toastBox.height &&
      toastBox.y < bannerBox.y + bannerBox.height;
    expect(overlaps).toBe(false);
    await expect(noteBox).toHaveValue('Farrier Tuesday 9 AM: gate code 4411');
    await expect(page.getByTestId('staff-note')).toHaveCount(0);

    proxy.restore();
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
    await expect(noteBox).toHaveValue('Farrier Tuesday 9 AM: gate code 4411');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(
      page.getByTestId('staff-note').filter({ hasText: 'Farrier Tuesday 9 AM: gate code 4411' }),
    ).toBeVisible();
    await expect(noteBox).toHaveValue('');
  } finally {
    await proxy.close();
  }
});

test('a computer starting while its shared database is down waits on a screen that says why, and Retry opens the list', async ({
  browser,
  secrets,
}) => {
  // Its own folder and page: the fixtures' page comes with a host already on the file.
  const dataDir = mkdtempSync(join(tmpdir(), 'equineops-e2e-waiting-'));
  const context = await browser.newContext();
  const page = await context.newPage();
  const target = await emptySharedDatabase();
  const proxy = await startTcpCutProxy({ host: target.host, port: target.port });
  const start = () => startHostIn(dataDir, secrets, { database: { ...target, port: proxy.port } });
  let host = await start();
  try {
    await markSetUp(host);
    await saveStaffName(host.core.db, host.core.context.computer.id, 'Dana at the front desk');
    await host.close();

    proxy.cut();
    host = await start();
    const visit = await page.context().request.get(host.url, { maxRedirects: 0 });
    expect(visit.status()).toBe(303);
    await page.goto(host.origin);
    const waiting = page.getByRole('region', { name: 'Waiting for the shared database' });
    await expect(waiting).toContainText(
      `EquineOps uses the shared database ${target.database} on 127.0.0.1:${proxy.port}, and cannot open it yet`,
    );
    await expect(waiting.getByTestId('database-waiting-reason')).toContainText(
      'EquineOps cannot reach the shared database',
    );
    await expect(
      waiting.getByRole('button', { name: 'Use this computer’s own file instead' }),
    ).toBeVisible();

    proxy.restore();
    await waiting.getByRole('button', { name: 'Retry' }).click();
    await expect(waiting).toHaveCount(0);
    await expect(page.getByTestId('org-name')).toHaveText(TEST_ORGANIZATION);
  } finally {
    await context.close();
    await host.close();
    await proxy.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a computer whose keychain lost the password is asked for it on the waiting screen, keeps it, and going back to its file starts the form with the details it left', async ({
  browser,
  secrets,
}) => {
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'equineops-e2e-no-password-'));
  const context = await browser.newContext();
  const page = await context.newPage();
  const target = await emptySharedDatabase();
  const databaseSecrets = createMemorySecretStoreForTests();
  const start = (database: 'file' | { password: string | undefined }) =>
    startHostIn(dataDir, secrets, {
      databaseSecrets,
      ...(database === 'file'
        ? {}
        : { database: { ...target, source: 'settings' as const, password: database.password } }),
    });
  // This computer's own file was set up before it used the shared database.
  let host = await start('file');
  try {
    await markSetUp(host);
    await host.close();
    host = await start({ password: target.password });
    await markSetUp(host);
    await host.close();

    // A new user account on this computer: the database is chosen, its password is not in this keychain.
    host = await start({ password: undefined });
    await openHost(page, host);
    const waiting = page.getByRole('region', { name: 'Waiting for the shared database' });
    const reason = waiting.getByTestId('database-waiting-reason');
    await expect(reason).toContainText(
      `asks for the password of the user ${target.user}, and none is saved on this computer. Enter it below`,
    );
    await expect(reason).not.toContainText('nothing was changed');

    const password = waiting.getByLabel('Password of the database user');
    await password.fill('not-the-password-42');
    await waiting.getByRole('button', { name: 'Open with this password' }).click();
    await expect(reason).toContainText(
      `refused the password of the user ${target.user}. Enter the right one below`,
    );
    await password.fill(target.password!);
    await waiting.getByRole('button', { name: 'Open with this password' }).click();
    await expect(waiting).toHaveCount(0);
    await expect(page.getByTestId('org-name')).toHaveText(TEST_ORGANIZATION);
    expect(databaseSecrets.accounts()).toHaveLength(1);

    // Back to this computer's own file: the form offers the shared database it left, without the password.
    await page.goto(`${host.origin}/#/settings/data`);
    const shared = page.getByRole('region', { name: 'Shared database' });
    await shared.getByRole('button', { name: 'Use this computer’s own file' }).click();
    await page
      .getByRole('dialog', { name: 'Use this computer’s own file?' })
      .getByRole('button', { name: 'Use this computer’s file' })
      .click();
    const form = page.getByRole('region', { name: 'Use a shared database' });
    await expect(form.getByRole('textbox', { name: /^Server/ })).toHaveValue(target.host);
    await expect(form.getByRole('textbox', { name: /^Database/ })).toHaveValue(target.database);
    await expect(form.getByRole('textbox', { name: /^User/ })).toHaveValue(target.user);
    await expect(form.getByLabel('Password', { exact: true })).toHaveValue('');
  } finally {
    await context.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a new computer joins the office’s shared database from the welcome screen and is asked only its own name', async ({
  browser,
  secrets,
}) => {
  test.setTimeout(90_000);
  const target = await emptySharedDatabase();
  const firstDir = mkdtempSync(join(tmpdir(), 'equineops-e2e-first-'));
  const newDir = mkdtempSync(join(tmpdir(), 'equineops-e2e-new-computer-'));
  const context = await browser.newContext();
  const page = await context.newPage();
  // The office's first computer set the shared database up (organization, its own name).
  const first = await startHostIn(firstDir, secrets, { database: target });
  await markSetUp(first);
  await first.close();
  const host = await startHostIn(newDir, secrets);
  try {
    await openHost(page, host);
    await expect(page.getByRole('heading', { name: 'Welcome to EquineOps' })).toBeVisible();
    await page.getByRole('button', { name: 'This office already uses a shared database' }).click();
    const join = page.getByRole('main', { name: 'Join the office’s shared database' });
    await fillSharedDatabase(join, target);
    await join.getByRole('button', { name: 'Test connection' }).click();
    await expect(join.getByRole('button', { name: 'Move my data there' })).toHaveCount(0);
    await join.getByRole('button', { name: 'Use this shared list' }).click();

    // Only this computer's name: the organization and time zone are the office's.
    await expect(page.getByText('This computer shares the barn’s client list.')).toBeVisible();
    await expect(page.getByLabel(/^Organization/)).toHaveCount(0);
    await page.getByLabel(/^Your name \(this computer\)/).fill('Sam in the barn office');
    await page.getByRole('button', { name: 'Start using EquineOps' }).click();
    await expect(page.getByTestId('org-name')).toHaveText(TEST_ORGANIZATION);
  } finally {
    await context.close();
    await host.close();
    rmSync(firstDir, { recursive: true, force: true });
    rmSync(newDir, { recursive: true, force: true });
  }
});
