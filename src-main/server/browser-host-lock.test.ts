import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../data-folder/data-folder-lock';
import { createMemorySecretStoreForTests } from '../platform/node/memory-secret-store';
import { createNodePorts } from '../platform/node/node-ports';
import { startBrowserHost, type BrowserHost } from './browser-host';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

let dataDir: string;
const hosts: BrowserHost[] = [];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'eq-lock-'));
});
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<BrowserHost> {
  const host = await startBrowserHost({
    dataDir,
    port: 0,
    ports: createNodePorts({ launchBrowser: false, secrets: createMemorySecretStoreForTests() }),
    quickbooks: null,
  });
  hosts.push(host);
  return host;
}

/** `npm run host` on the same folder, as a second person would start it. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('one browser host per data folder', () => {
  it('refuses a second host on the same folder, saying which process has it and since when', async () => {
    const first = await start();

    const second = await start().catch((error: unknown) => error as Error);

    expect(second).toBeInstanceOf(Error);
    expect((second as Error).message).toMatch(
      new RegExp(
        `already using this data folder: the browser host \\(process ${process.pid}\\), running since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\.`,
      ),
    );
    expect((second as Error).message).toContain(dataDir);
    // The first copy goes on answering.
    expect((await first.core.dispatcher.invoke('clients.list', {})).ok).toBe(true);
  });

  it('makes `npm run host` on a folder in use print who has it and exit with an error', async () => {
    await start();

    const result = await runCli(['--data-dir', dataDir, '--port', '0', '--memory-secrets']);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`the browser host (process ${process.pid})`);
    expect(result.stdout).not.toMatch(/open http/);
  }, 30_000);

  it('frees the folder when the host closes', async () => {
    const first = await start();
    await first.close();
    hosts.splice(hosts.indexOf(first), 1);
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);

    const again = await start();
    expect((await again.core.dispatcher.invoke('clients.list', {})).ok).toBe(true);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    // A real pid that has ended: the lock a killed host leaves behind.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(ended.stdout.toString());
    writeFileSync(
      join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({
        pid: deadPid,
        host: 'browser',
        computer: hostname(),
        startedAt: '2026-03-01T02:00:00.000Z',
        token: 'left-by-a-killed-host',
      }),
    );

    const host = await start();

    expect((await host.core.dispatcher.invoke('clients.list', {})).ok).toBe(true);
    const holder = JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8'));
    expect(holder).toMatchObject({ pid: process.pid, host: 'browser' });
  });

  it('believes a lock taken on another computer (a shared network folder) and names that computer', async () => {
    writeFileSync(
      join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({
        pid: 4242,
        host: 'electron',
        computer: 'front-desk-pc',
        startedAt: '2026-03-02T08:00:00.000Z',
        token: 'front-desk',
      }),
    );

    const refused = await start().catch((error: unknown) => error as Error);

    expect((refused as Error).message).toContain(
      'the EquineOps app (process 4242 on the computer "front-desk-pc"), running since 2026-03-02 08:00 UTC',
    );
  });
});
