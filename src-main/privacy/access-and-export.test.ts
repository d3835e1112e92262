import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { insertManualClient } from '../clients/client-fixtures';
import { createTestCore, TEST_STAFF_NAME, type TestCore } from '../clients/test-core';
import { removeOldOpenedCopies } from '../documents/client-documents';
import { exportClient } from './privacy-handlers';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.dispose();
});

const bytes = (text: string) => new TextEncoder().encode(text);

function addPdf(clientId: number, name: string, text: string) {
  return core.call('documents.add', {
    clientId,
    name,
    type: 'application/pdf',
    content: bytes(text),
  });
}

describe('the access log', () => {
  it('records who opened a profile, downloaded a document and exported the client, newest first', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    const doc = await addPdf(client.id, 'Coggins.pdf', '%PDF coggins');
    await core.call('access.profileOpened', { clientId: client.id });
    core.clock.advance(1000);
    // The browser host has no "open with the system's app": it answers a download address.
    expect(await core.call('documents.open', { id: doc.id })).toEqual({
      kind: 'download',
      url: `/api/files/documents/${doc.id}`,
    });
    await core.documents.download(doc.id);
    core.clock.advance(1000);
    const zip = await exportClient(core.context, core.documents, client.id);
    await zip.recordExport();

    const entries = await core.call('access.list', { clientId: client.id });
    expect(entries.map((e) => [e.action, e.actor, e.summary])).toEqual([
      ['client.export', TEST_STAFF_NAME, 'Exported the data of Avery Barn'],
      ['document.download', TEST_STAFF_NAME, 'Downloaded the document Coggins.pdf'],
      ['profile.open', TEST_STAFF_NAME, 'Opened the profile of Avery Barn'],
    ]);
  });

  it('opens a document with the system app where the host can, and records it', async () => {
    const opened: string[] = [];
    core.context.ports.files = {
      openWithDefaultApp: async (path) => {
        opened.push(path);
      },
      saveAs: async () => null,
    };
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    const doc = await addPdf(client.id, 'Vet record.pdf', '%PDF vet');
    expect(await core.call('documents.open', { id: doc.id })).toEqual({ kind: 'opened' });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/Vet record\.pdf$/);
    expect(readFileSync(opened[0]!, 'utf8')).toBe('%PDF vet');
    expect(statSync(opened[0]!).mode & 0o777).toBe(0o600);
    // The copy outside the data folder goes a day later.
    const copyFolder = dirname(opened[0]!);
    expect(await removeOldOpenedCopies(new Date(), dirname(copyFolder))).toBe(0);
    expect(existsSync(copyFolder)).toBe(true);
    expect(
      await removeOldOpenedCopies(new Date(Date.now() + 25 * 3_600_000), dirname(copyFolder)),
    ).toBeGreaterThanOrEqual(1);
    expect(existsSync(copyFolder)).toBe(false);
    const [entry] = await core.call('access.list', { clientId: client.id });
    expect(entry).toMatchObject({
      action: 'document.open',
      summary: 'Opened the document Vet record.pdf',
    });
    // A cancelled save dialog exports nothing and records nothing.
    expect(await core.call('privacy.export', { clientId: client.id })).toEqual({
      kind: 'cancelled',
    });
    expect(await core.call('access.list', { clientId: client.id })).toHaveLength(1);
  });

  it("says why a document could not be opened or an export saved, without the file's path (which names the client) in the answer or the log", async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failing = (path: string) =>
      Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    core.context.ports.files = {
      openWithDefaultApp: async (path) => {
        throw failing(path);
      },
      saveAs: async (name) => {
        throw failing(`/home/dana/Documents/${name}`);
      },
    };
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    const doc = await addPdf(client.id, 'Avery Barn coggins.pdf', '%PDF coggins');
    const opened = await core.invoke('documents.open', { id: doc.id });
    const exported = await core.invoke('privacy.export', { clientId: client.id });
    try {
      expect(opened.ok || opened.error.message).toBe(
        'The document could not be opened (EACCES). Nothing was changed; check there is free space on this computer and try again.',
      );
      expect(exported.ok || exported.error.message).toMatch(
        /^The data export could not be saved there \(EACCES\)\. Nothing was changed; choose another folder/,
      );
      expect(JSON.stringify([opened, exported, logged.mock.calls])).not.toContain('Avery');
      // Nothing reached staff, so nothing is recorded as looked at or exported.
      expect(await core.call('access.list', { clientId: client.id })).toEqual([]);
    } finally {
      logged.mockRestore();
    }
  });

  it('keeps entries for the retention setting (a year by default), then prunes them', async () => {
    const client = await insertManualClient(core.db, { displayName: 'Avery Barn' });
    expect((await core.call('privacy.settings', {})).accessRetentionDays).toBe(365);
    await core.call('access.profileOpened', { clientId: client.id });
    core.clock.advance(100 * 86_400_000);
    await core.call('access.profileOpened', { clientId: client.id });
    await core.call('privacy.updateSettings', { accessRetentionDays: 90 });
    const refused = await core.invoke('privacy.updateSettings', { accessRetentionDays: 5 });
    expect(refused.ok).toBe(false);
    // Pruned at start and daily; the daily run is the same function.
    const { pruneAccessLog } = await import('./access-log');
    expect(await pruneAccessLog(core.db, core.clock.now())).toBe(1);
    expect(await core.call('access.list', { clientId: client.id })).toHaveLength(1);
  });
});

describe("exporting a client's data (the right of access)", () => {
  it('makes one zip with a readable summary, everything held as JSON, and the documents', async () => {
    const client = await insertManualClient(core.db, {
      displayName: 'Avery <Barn>',
      email: 'avery@barn.example',
    });
    await core.call('notes.add', { clientId: client.id, body: 'Prefers morning calls' });
    const horse = await core.call('horses.create', { name: 'Tornado' });
    await core.call('horses.link', { clientId: client.id, horseId: horse.id, role: 'Owner' });
    await core.call('portal.update', { clientId: client.id, enabled: true });
    await addPdf(client.id, 'Coggins.pdf', '%PDF coggins bytes');
    await core.call('access.profileOpened', { clientId: client.id });

    await core.call('settings.update', { timeZone: 'America/New_York' });
    await core.call('preferences.update', {
      clientId: client.id,
      preferences: { contactMethod: 'text', newsletter: false, remindersEnabled: true, notes: '' },
    });

    const zip = await exportClient(core.context, core.documents, client.id);
    const files = unzipSync(zip.bytes);
    expect(
      Object.keys(files)
        .filter((f) => !f.endsWith('/'))
        .sort(),
    ).toEqual([
      'client.json',
      expect.stringMatching(/^documents\/\d+-Coggins\.pdf$/),
      'summary.html',
    ]);
    const json = JSON.parse(strFromU8(files['client.json']!));
    expect(json.client.email).toBe('avery@barn.example');
    expect(json.horses.map((h: { name: string }) => h.name)).toEqual(['Tornado']);
    expect(json.notes.map((n: { body: string }) => n.body)).toEqual(['Prefers morning calls']);
    expect(json.portal.enabled).toBe(true);
    expect(json.preferences).toHaveProperty('contactMethod');
    expect(json.activity.length).toBeGreaterThan(0);
    expect(json.accessLog.map((a: { action: string }) => a.action)).toEqual(['profile.open']);
    const docFile = Object.keys(files).find((f) => /^documents\/.+/.test(f))!;
    expect(strFromU8(files[docFile]!)).toBe('%PDF coggins bytes');
    const html = strFromU8(files['summary.html']!);
    expect(html).toContain('Avery &lt;Barn&gt;');
    expect(html).not.toContain('<Barn>');
    expect(html).toContain('Prefers morning calls');
    // An 18-byte file reads as bytes, not rounded up to "1 KB".
    expect(html).toContain('<td>18 bytes</td>');
    // Times on the barn's clock, as a person reads them; the contact method in words.
    const opened = json.accessLog[0].at as string;
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/New_York',
      dateStyle: 'short',
      timeStyle: 'short',
      hourCycle: 'h23',
    })
      .format(new Date(opened))
      .replace(',', '');
    expect(html).toContain(`<td>${local}</td><td>${TEST_STAFF_NAME}</td><td>Opened the profile`);
    expect(html).not.toContain(opened);
    expect(html).toContain('<td>Contact method</td><td>Text message</td>');
  });
});
