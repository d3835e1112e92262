import type { WorkerErrorShape } from './worker-errors';

/** One message to the database worker: a job by name, or a connection command. */
export interface WorkerRequest {
  id: number;
  job: string;
  input: unknown;
}

export type WorkerReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WorkerErrorShape };
