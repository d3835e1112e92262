import { Worker } from 'node:worker_threads';
import type { DatabaseTarget } from '../db/database-target';
import { databaseWorkerUrl } from './worker-entry';
import { fromWorkerError } from './worker-errors';
import type { WorkerJobInput, WorkerJobName, WorkerJobOutput } from './worker-jobs';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

/**
 * The main thread's handle on the database worker (db-worker.ts). Started on
 * the first job; a worker that dies fails the jobs it held with a readable
 * error and is started again by the next job.
 */
export class DatabaseWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: unknown) => void }
  >();
  private nextId = 1;
  private closed = false;
  private starting: Promise<Worker> | null = null;
  private paused: Promise<void> | null = null;
  private resumePaused: (() => void) | null = null;

  /** A shared database's target carries its password: it goes to the thread in memory only. */
  constructor(private target: DatabaseTarget) {}

  run<J extends WorkerJobName>(job: J, input: WorkerJobInput<J>): Promise<WorkerJobOutput<J>> {
    return this.send(job, input) as Promise<WorkerJobOutput<J>>;
  }

  /** Starts the thread now, so the first sync or import does not wait for it to load. */
  warmUp(): void {
    if (!this.worker && !this.closed) this.start().catch(() => undefined);
  }

  /** Whether a job is queued or running (a restore must wait for none). */
  busy(): boolean {
    return this.pending.size > 0;
  }

  /** Closes the worker's connection, after the jobs before it; the next job opens the file again. */
  async disconnect(): Promise<void> {
    if (this.worker) await this.send('$disconnect', null);
  }

  /**
   * For a restore: closes the connection and keeps every later job waiting
   * until `resume()`, so no job (a scheduled sync's next page, say) opens the
   * file while it is being moved aside and replaced.
   */
  async pause(): Promise<void> {
    await this.disconnect();
    this.paused ??= new Promise<void>((resolve) => (this.resumePaused = resolve));
  }

  resume(): void {
    this.paused = null;
    this.resumePaused?.();
    this.resumePaused = null;
  }

  /**
   * Settings → Data switched the database (moved, joined, back to the file):
   * called while paused, so no job runs; the next one starts a thread on the new one.
   */
  async retarget(target: DatabaseTarget): Promise<void> {
    this.target = target;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** Lets queued jobs finish, then stops the thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.resume();
    await this.disconnect().catch(() => undefined);
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private async send(job: string, input: unknown): Promise<unknown> {
    if (this.paused && job !== '$disconnect') await this.paused;
    if (this.closed) throw new Error('The database worker was closed.');
    const worker = this.worker ?? (await this.start());
    const id = this.nextId++;
    const reply = new Promise<unknown>((resolve, reject) =>
      this.pending.set(id, { resolve, reject }),
    );
    if (this.pending.size === 1) worker.ref();
    worker.postMessage({ id, job, input } satisfies WorkerRequest);
    return reply;
  }

  private async start(): Promise<Worker> {
    this.starting ??= databaseWorkerUrl().then((url) => {
      // No inherited --import hooks (tsx): the worker's code is plain JavaScript.
      const worker = new Worker(url, {
        workerData: { target: this.target },
        execArgv: [],
      });
      if (this.closed) void worker.terminate();
      this.watch(worker);
      this.worker = worker;
      return worker;
    });
    try {
      return await this.starting;
    } finally {
      this.starting = null;
    }
  }

  private watch(worker: Worker): void {
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(fromWorkerError(reply.error));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => {
      if (this.pending.size > 0)
        fail(new Error(`The database worker stopped (exit code ${code}).`));
      if (this.worker === worker) this.worker = null;
    });
  }
}
