import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filePaths, MAX_DOCUMENT_BYTES } from '../../src-shared/contract';
import { insertManualClient } from '../clients/client-fixtures';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createNodePorts } from '../platform/node/node-ports';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { rawRequest } from './http-test-client';
import { storedDocumentFiles } from '../documents/documents-test-support';

let workDir: string;
let host: BrowserHost;
beforeEach(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'equineops-files-'));
  host = await startBrowserHost({
    dataDir: join(workDir, 'data'),
    port: 0,
    staticDir: join(workDir, 'no-renderer'),
    ports: createNodePorts({ launchBrowser: false, secrets: createMemorySecretStoreForTests() }),
  });
});
afterEach(async () => {
  await host.close();
  rmSync(workDir, { recursive: true, force: true });
});

function upload(
  clientId: number,
  name: string,
  body: Buffer,
  headers: Record<string, string> = {},
) {
  const query = new URLSearchParams({ clientId: String(clientId), name, type: 'application/pdf' });
  return rawRequest(host.port, {
    method: 'POST',
    path: `${filePaths.documentUpload}?${query}`,
    headers: { cookie: host.authCookie, 'content-type': 'application/octet-stream', ...headers },
    body,
  });
}

describe('document files over the browser host', () => {
  it('takes an upload as bytes and gives it back as a download, recorded in the access log', async () => {
    const client = await insertManualClient(host.core.db, { displayName: 'Avery Barn' });
    const res = await upload(client.id, 'Coggins 2026 – Tornado.pdf', Buffer.from('%PDF coggins'));
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.body).value;
    expect(doc).toMatchObject({ name: 'Coggins 2026 – Tornado.pdf', sizeBytes: 12 });

    const download = await rawRequest(host.port, {
      path: filePaths.documentDownload(doc.id),
      headers: { cookie: host.authCookie },
    });
    expect(download.status).toBe(200);
    expect(download.body).toBe('%PDF coggins');
    expect(download.headers['content-disposition']).toContain(
      "filename*=UTF-8''Coggins%202026%20%E2%80%93%20Tornado.pdf",
    );
    expect(download.headers['content-type']).toBe('application/octet-stream');
    const access = await host.core.dispatcher.invoke('access.list', { clientId: client.id });
    expect(access.ok && access.value.map((a) => a.action)).toEqual(['document.download']);
  });

  it('refuses a file declared over 50 MB before reading it, storing nothing', async () => {
    const client = await insertManualClient(host.core.db, { displayName: 'Avery Barn' });
    const res = await upload(client.id, 'huge.pdf', Buffer.from('x'), {
      'content-length': String(MAX_DOCUMENT_BYTES + 1),
    }).catch((error: unknown) => ({ status: 0, body: String(error) }));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toMatch(/at most 50 MB/);
    expect(storedDocumentFiles(join(workDir, 'data'))).toEqual([]);
  });

  it('refuses an upload without the key, or sent as a form', async () => {
    const client = await insertManualClient(host.core.db, { displayName: 'Avery Barn' });
    const noKey = await rawRequest(host.port, {
      method: 'POST',
      path: `${filePaths.documentUpload}?clientId=${client.id}&name=a.pdf`,
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from('x'),
    });
    expect(noKey.status).toBe(401);
    const asForm = await upload(client.id, 'a.pdf', Buffer.from('x'), {
      'content-type': 'multipart/form-data; boundary=x',
    });
    expect(asForm.status).toBe(400);
    expect(storedDocumentFiles(join(workDir, 'data'))).toEqual([]);
  });

  it("downloads a client's data export as a zip and records it", async () => {
    const client = await insertManualClient(host.core.db, { displayName: 'Avery Barn' });
    const res = await rawRequest(host.port, {
      path: filePaths.clientExport(client.id),
      headers: { cookie: host.authCookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain('Avery Barn - data export');
    const access = await host.core.dispatcher.invoke('access.list', { clientId: client.id });
    expect(access.ok && access.value.map((a) => a.action)).toEqual(['client.export']);
  });

  it('an upload or download arriving during a restore waits for it, then runs on the restored file', async () => {
    const client = await insertManualClient(host.core.db, { displayName: 'Avery Barn' });
    const kept = JSON.parse(
      (await upload(client.id, 'contract.pdf', Buffer.from('%PDF contract'))).body,
    ).value as { id: number };
    const backup = await host.core.dispatcher.invoke('backups.create', {});
    if (!backup.ok) throw new Error(backup.error.message);

    // An upload still sending its body is a call in progress: the restore waits for it.
    const slow = startUpload(client.id, 'slow.pdf');
    const gate = host.core.backups.gate;
    while (!gate.isRunning(['files.documentUpload'])) await new Promise((r) => setTimeout(r, 5));
    const restore = host.core.dispatcher.invoke('backups.restore', { name: backup.value.name });
    while (!gate.swapping) await new Promise((r) => setTimeout(r, 5));
    // These arrive while the restore holds the gate.
    const late = upload(client.id, 'coggins.pdf', Buffer.from('%PDF coggins'));
    const download = rawRequest(host.port, {
      path: filePaths.documentDownload(kept.id),
      headers: { cookie: host.authCookie },
    });
    let lateAnswered = false;
    void late.then(() => (lateAnswered = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(lateAnswered).toBe(false);

    expect((await slow.finish(Buffer.from(' done'))).status).toBe(200);
    const restored = await restore;
    expect(restored.ok).toBe(true);
    const lateRes = await late;
    expect(lateRes.status).toBe(200);
    expect((await download).body).toBe('%PDF contract');
    // The restored file (from before the slow upload) has the late one, added after it.
    const listed = await host.core.dispatcher.invoke('documents.list', { clientId: client.id });
    expect(listed.ok && listed.value.documents.map((d) => d.name).sort()).toEqual([
      'coggins.pdf',
      'contract.pdf',
    ]);
  });
});

/** An upload whose body is sent in two parts: the request stays in progress until `finish`. */
function startUpload(clientId: number, name: string) {
  const query = new URLSearchParams({ clientId: String(clientId), name, type: 'application/pdf' });
  const first = Buffer.from('%PDF slow');
  let finish!: (rest: Buffer) => Promise<{ status: number }>;
  const answered = new Promise<{ status: number }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path: `${filePaths.documentUpload}?${query}`,
        headers: {
          host: `127.0.0.1:${host.port}`,
          cookie: host.authCookie,
          'content-type': 'application/octet-stream',
          'content-length': String(first.length + 5),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', reject);
    req.write(first);
    finish = (rest) => {
      req.end(rest);
      return answered;
    };
  });
  return { finish: (rest: Buffer) => finish(rest) };
}
