import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '../../..');

/** `node --import tsx <file>`: a TypeScript entry in a process of its own. */
export function spawnTypeScript(file: string, args: string[]): ChildProcess {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return spawn(process.execPath, ['--import', tsx, resolve(ROOT, file), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

export interface SandboxProcess {
  url: string;
  realmId: string;
  clientId: string;
  clientSecret: string;
  adminBase: string;
  endpoints: { authorize: string; token: string; revoke: string; accountingBase: string };
  /** The sandbox's admin API (qbo-sandbox/README.md), over HTTP like any other client. */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** qbo-sandbox in its own process, as the benchmark's QuickBooks company. */
export async function startSandboxProcess(options: {
  customers: number;
  seed: number;
  latencyMs: number;
}): Promise<SandboxProcess> {
  const child = spawnTypeScript('qbo-sandbox/cli.ts', [
    '--port',
    '0',
    '--customers',
    String(options.customers),
    '--seed',
    String(options.seed),
    '--latency',
    String(options.latencyMs),
    '--auto-approve',
  ]);
  const banner = await new Promise<string>((resolveBanner, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/admin\s+\S+/.test(out)) resolveBanner(out);
    });
    child.once('exit', (code) => reject(new Error(`qbo-sandbox exited early (${code}): ${out}`)));
  });
  const field = (label: string) => {
    const match = new RegExp(`${label}\\s+(\\S+)`).exec(banner);
    if (!match?.[1]) throw new Error(`qbo-sandbox did not print its ${label}`);
    return match[1];
  };
  const url = /listening on (\S+)/.exec(banner)?.[1];
  if (!url) throw new Error('qbo-sandbox did not print its address');
  const adminBase = field('admin');
  return {
    url,
    realmId: field('realm id'),
    clientId: field('client id'),
    clientSecret: field('client secret'),
    adminBase,
    endpoints: {
      authorize: field('authorize'),
      token: field('token'),
      revoke: field('revoke'),
      accountingBase: field('accounting'),
    },
    async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${adminBase}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`admin ${method} ${path}: HTTP ${response.status}`);
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a bench child to its end and returns the JSON it printed on its `BENCH_RESULT` line. */
export async function runChild<T>(file: string, input: unknown): Promise<T> {
  const child = spawnTypeScript(file, [JSON.stringify(input)]);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (code !== 0 || !line) throw new Error(`${file} failed (exit ${code}):\n${out}`);
  return JSON.parse(line.slice('BENCH_RESULT '.length)) as T;
}

export function printResult(result: unknown): void {
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}
