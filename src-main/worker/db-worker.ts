// The database worker's entry: a worker_threads thread with its own
// connection to the data file. The main thread answers the UI; this thread
// does the writes that take seconds (sync pages, imports, merges, undo) and
// the scans that read everything. With WAL, the main thread's reads never
// wait for it. Jobs run one at a time, in the order they were sent.
import { parentPort, workerData } from 'node:worker_threads';
import { openConnection, type OpenedDatabase } from '../db/open-database';
import type { DatabaseTarget } from '../db/database-target';
import { openPostgres } from '../db/postgres/open-postgres';
import { customerBatchApplier } from '../sync/customer-apply';
import { sqliteCustomerPageWrites } from '../db/sqlite-customer-page-writes';
import { postgresCustomerPageWrites } from '../db/postgres/customer-page-writes';
import { ImportUploads } from '../import/import-uploads';
import { StagedPages } from '../sync/staged-pages';
import { toWorkerError } from './worker-errors';
import { workerJobs, type WorkerConnection, type WorkerJobName } from './worker-jobs';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('db-worker runs only as a worker thread');
const { target } = workerData as { target: DatabaseTarget };

// Held across a reconnect (a restore), unlike the connection's prepared statements.
const uploads = new ImportUploads();
setInterval(() => uploads.dropIdle(), 5 * 60 * 1000).unref();
let opened: OpenedDatabase | null = null;
let generation = 0;
let connection: WorkerConnection | null = null;

async function open(): Promise<OpenedDatabase> {
  if (target.kind === 'sqlite') return openConnection(target.file);
  // The main thread's pool ran the migrations; two connections: the job's and a spare for its reads.
  return openPostgres(target, { max: 2, applicationName: 'EquineOps worker', migrate: false });
}

async function connect(): Promise<WorkerConnection> {
  if (connection) return connection;
  const current = await open();
  let customers: ReturnType<typeof customerBatchApplier> | null = null;
  opened = current;
  connection = {
    db: current.db,
    kind: current.kind,
    // Read only by SQLite-only jobs: on PostgreSQL the handle throws when touched.
    get sqlite() {
      return current.sqlite;
    },
    customers: () =>
      (customers ??= customerBatchApplier(
        current.kind === 'postgres'
          ? postgresCustomerPageWrites(current.db)
          : sqliteCustomerPageWrites(current.sqlite),
      )),
    pages: new StagedPages(),
    uploads,
    generation: ++generation,
  };
  return connection;
}

async function disconnect(): Promise<void> {
  const closing = opened;
  opened = null;
  connection = null;
  await closing?.close();
}

async function handle(request: WorkerRequest): Promise<unknown> {
  // A restore swaps the file: close, and the next job opens the new one.
  if (request.job === '$disconnect') return disconnect();
  const job = workerJobs[request.job as WorkerJobName] as (
    c: WorkerConnection,
    input: unknown,
  ) => Promise<unknown>;
  return job(await connect(), request.input);
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = { id: request.id, ok: true, value: await handle(request) };
    } catch (error) {
      reply = { id: request.id, ok: false, error: toWorkerError(error) };
    }
    port.postMessage(reply);
  });
});
