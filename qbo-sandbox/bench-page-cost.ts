/**
 * What one page costs the sandbox in CPU, for each query shape the sync sends.
 *
 *   npx tsx qbo-sandbox/bench-page-cost.ts [--customers 100000] [--pages 10]
 *
 * The sandbox runs in a child process so the figures are its CPU alone
 * (process.cpuUsage read there), not the client's: each request goes through
 * the real HTTP handler, including auth, limits and JSON serialization.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { connectWithAutoApprove, startSandbox, type RunningSandbox } from './index.js';

const CHILD_FLAG = '--serve-for-page-cost';

type Command = { cmd: 'cpu' } | { cmd: 'change'; count: number; offset: number; advanceMs: number };
type ToChild = Command & { id: number };
type FromChild =
  | {
      ready: true;
      url: string;
      clientId: string;
      clientSecret: string;
      realmId: string;
      startMs: number;
      startCpuMs: number;
    }
  | { id: number; user: number; system: number }
  | { id: number; since: string };

/** The child: a sandbox plus two IPC commands (read CPU; make changes to page through). */
async function serveForBench(customers: number): Promise<void> {
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const sandbox: RunningSandbox = await startSandbox({
    port: 0,
    customers,
    seed: 1,
    autoApprove: true,
  });
  const startMs = performance.now() - started;
  const startCpu = process.cpuUsage(cpuAtStart);
  // The limit checks still run on every request; only the ceiling is out of a long run's way.
  sandbox.admin.setFaults({ perMinuteLimit: 1_000_000 });
  const send = (message: FromChild) => process.send?.(message);
  process.on('message', (message: ToChild) => {
    if (message.cmd === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ id: message.id, user, system });
      return;
    }
    const admin = sandbox.admin;
    // Seeded edits end a minute before start-up; the access token lives an hour.
    const since = admin.advanceClock(message.advanceMs);
    // Seeded Ids run 1..customers (listing would copy the whole company).
    const ids = Array.from({ length: customers }, (_, i) => String(i + 1));
    // A top-level survivor can't be a sub-customer of the one merged into it.
    const isTopLevel = (id: string | undefined) => {
      const c = id === undefined ? undefined : admin.getCustomer(id);
      return c !== undefined && !c.ParentRef;
    };
    const step = Math.max(1, Math.floor(ids.length / message.count));
    let made = 0;
    for (let i = message.offset; i < ids.length && made < message.count; i += step, made++) {
      const id = ids[i] as string;
      if (!admin.getCustomer(id)) continue;
      // A realistic mix: mostly edits, some deactivations, deletions and merges.
      if (made % 100 === 1) admin.deactivateCustomer(id);
      else if (made % 100 === 2) admin.deleteCustomer(id);
      else if (made % 100 === 3 && isTopLevel(ids[i + 1]))
        admin.mergeCustomers(id, ids[i + 1] as string);
      else admin.updateCustomer(id, { Notes: `changed for the page-cost bench ${made}` });
    }
    send({ id: message.id, since });
  });
  send({
    ready: true,
    url: sandbox.url,
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    realmId: sandbox.realmId,
    startMs,
    startCpuMs: (startCpu.user + startCpu.system) / 1000,
  });
}

function startChild(customers: number): Promise<{ child: ChildProcess; ready: FromChild }> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, String(customers)], {
    // Resolved from here, so a caller in any working directory starts the same child.
    execArgv: [
      '--import',
      import.meta.resolve('tsx'),
      ...(process.env.PAGE_COST_TRACE_GC ? ['--trace-gc'] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`sandbox child exited early (${code})`)));
    child.once('message', (ready: FromChild) => resolve({ child, ready }));
  });
}

export interface PageCostOptions {
  customers?: number;
  /** Measured pages per query shape (after one warm-up request). */
  pages?: number;
}

/** CPU the sandbox spends per page, by query shape, e.g. `{ "page by STARTPOSITION": "1.9 ms (1000 rows)" }`. */
export async function measurePageCost(
  options: PageCostOptions = {},
): Promise<Record<string, string>> {
  const customers = options.customers ?? 100_000;
  const pages = options.pages ?? 10;
  const { child, ready } = await startChild(customers);
  if (!('ready' in ready)) throw new Error('sandbox child sent no ready message');
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let nextId = 0;
  const ask = <T extends FromChild>(message: Command): Promise<T> => {
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`sandbox child exited (${code}) before answering ${message.cmd}`));
      const onMessage = (reply: FromChild) => {
        if ('id' in reply && reply.id === id) {
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(reply as T);
        }
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ ...message, id } satisfies ToChild);
    });
  };
  const change = (count: number, offset: number, advanceMs: number) =>
    ask<{ id: number; since: string }>({ cmd: 'change', count, offset, advanceMs });
  const cpu = () => ask<{ id: number; user: number; system: number }>({ cmd: 'cpu' });

  try {
    const tokens = await connectWithAutoApprove(ready);
    const base = `${ready.url}/v3/company/${ready.realmId}`;
    // Raw node:http keeps the client cheap; the body is counted, never parsed, for rows.
    const get = (path: string) =>
      new Promise<string>((resolve, reject) => {
        const req = request(
          `${base}/${path}`,
          {
            agent,
            headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: 'application/json' },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const body = Buffer.concat(chunks).toString('utf8');
              if (res.statusCode !== 200)
                reject(new Error(`${res.statusCode} for ${path}: ${body.slice(0, 200)}`));
              else resolve(body);
            });
          },
        );
        req.on('error', reject);
        req.end();
      });
    const rowsIn = (body: string) => (body.match(/"domain":"QBO"/g) ?? []).length;

    const results: Record<string, string> = {};
    const figure = (user: number, system: number, rows: number, requests: number) => {
      const ms = (micros: number) => (micros / requests / 1000).toFixed(2);
      return `${ms(user + system)} ms (user ${ms(user)} + system ${ms(system)}), ${Math.round(rows / requests)} rows`;
    };
    /** CPU of the requests `paths(from..to)`, per request. */
    const cost = async (paths: (k: number) => string, from: number, to: number) => {
      let rows = 0;
      const before = await cpu();
      for (let k = from; k <= to; k++) rows += rowsIn(await get(paths(k)));
      const after = await cpu();
      return figure(after.user - before.user, after.system - before.system, rows, to - from + 1);
    };
    // Three requests for page 0 warm the JIT and are not counted; pages 1..pages are, each a different page.
    const measure = async (name: string, paths: (k: number) => string) => {
      for (let i = 0; i < 3; i++) await get(paths(0));
      results[name] = await cost(paths, 1, pages);
    };
    const ALL = 'Active IN (true, false)';
    const spread = (k: number) => 1 + Math.floor((k * customers) / (pages + 1) / 1000) * 1000;
    const half = String(Math.floor(customers / 2));
    const q = (sql: string) => `query?query=${encodeURIComponent(sql)}&minorversion=75`;

    await measure('page by STARTPOSITION, ORDERBY Id', (k) =>
      q(
        `SELECT * FROM Customer WHERE ${ALL} ORDERBY Id STARTPOSITION ${spread(k)} MAXRESULTS 1000`,
      ),
    );
    await measure('page by STARTPOSITION, default order', (k) =>
      q(`SELECT * FROM Customer WHERE ${ALL} STARTPOSITION ${spread(k)} MAXRESULTS 1000`),
    );
    await measure(`page after Id > '${half}', ORDERBY Id`, (k) =>
      q(
        `SELECT * FROM Customer WHERE ${ALL} AND Id > '${half}' ORDERBY Id STARTPOSITION ${1 + ((k * 1000) % Math.max(1000, customers / 2 - 1000))} MAXRESULTS 1000`,
      ),
    );
    await measure('COUNT(*)', () => q(`SELECT COUNT(*) FROM Customer WHERE ${ALL}`));
    await measure(`COUNT(*) after Id > '${half}'`, () =>
      q(`SELECT COUNT(*) FROM Customer WHERE ${ALL} AND Id > '${half}'`),
    );
    await measure('100 by Id IN (…)', (k) => {
      const ids = Array.from(
        { length: 100 },
        (_, i) => `'${1 + ((k * 997 + i * 991) % customers)}'`,
      );
      return q(`SELECT * FROM Customer WHERE ${ALL} AND Id IN (${ids.join(', ')}) MAXRESULTS 1000`);
    });

    const { since } = await change(1000, 0, 5 * 60 * 1000);
    const changedSince = () =>
      q(
        `SELECT * FROM Customer WHERE ${ALL} AND Metadata.LastUpdatedTime > '${since}' ORDERBY Metadata.LastUpdatedTime MAXRESULTS 1000`,
      );
    // The first answer after the changes also serializes the changed customers.
    results['first LastUpdatedTime > T after 1,000 changes'] = await cost(changedSince, 1, 1);
    await measure('LastUpdatedTime > T, 1,000 changes', changedSince);
    await measure(
      'CDC, 1,000 changes',
      () => `cdc?entities=Customer&changedSince=${encodeURIComponent(since)}&minorversion=75`,
    );
    await measure('page by STARTPOSITION after the changes', (k) =>
      q(
        `SELECT * FROM Customer WHERE ${ALL} ORDERBY Id STARTPOSITION ${spread(k)} MAXRESULTS 1000`,
      ),
    );
    // A change drops the lists cached per company version: the next page rebuilds one (a pass).
    let user = 0;
    let system = 0;
    let rows = 0;
    for (let k = 1; k <= pages; k++) {
      await change(1, k * 7919, 0);
      const before = await cpu();
      rows += rowsIn(
        await get(
          q(
            `SELECT * FROM Customer WHERE ${ALL} ORDERBY Id STARTPOSITION ${spread(k)} MAXRESULTS 1000`,
          ),
        ),
      );
      const after = await cpu();
      user += after.user - before.user;
      system += after.system - before.system;
    }
    results['first page after a change'] = figure(user, system, rows, pages);
    results['sandbox start-up (seed + listen)'] =
      `${Math.round(ready.startMs)} ms (CPU ${Math.round(ready.startCpuMs)} ms) for ${customers} customers`;
    return results;
  } finally {
    agent.destroy();
    child.kill();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  if (args[0] === CHILD_FLAG) return serveForBench(Number(args[1]));
  const results = await measurePageCost({ customers: flag('--customers'), pages: flag('--pages') });
  console.log('qbo-sandbox CPU per page (sandbox process only)');
  for (const [name, figure] of Object.entries(results))
    console.log(`  ${name.padEnd(44)} ${figure}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) void main();
