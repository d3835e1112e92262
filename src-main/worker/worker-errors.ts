import SQLite from 'better-sqlite3';
import type { AppErrorShape } from '../../src-shared/contract';
import { postgresErrorCode, postgresErrorFrom } from '../db/postgres/pg-failures';
import { AppError } from '../errors';

/** An error as it crosses from the database worker to the main thread. */
export type WorkerErrorShape =
  | { kind: 'app'; shape: AppErrorShape }
  | { kind: 'sqlite'; message: string; code: string }
  /** The shared database's SQLSTATE, or the errno/TLS code of its connection. */
  | { kind: 'pg'; message: string; code: string }
  | { kind: 'other'; name: string; message: string; stack?: string };

export function toWorkerError(error: unknown): WorkerErrorShape {
  if (error instanceof AppError) return { kind: 'app', shape: error.toShape() };
  if (error instanceof SQLite.SqliteError)
    return { kind: 'sqlite', message: error.message, code: error.code };
  const pg = postgresErrorCode(error);
  if (pg) return { kind: 'pg', ...pg };
  if (error instanceof Error)
    return { kind: 'other', name: error.name, message: error.message, stack: error.stack };
  return { kind: 'other', name: 'Error', message: String(error) };
}

/** The same error on the main thread: readable errors stay AppErrors, database errors keep their code. */
export function fromWorkerError(shape: WorkerErrorShape): Error {
  switch (shape.kind) {
    case 'app':
      return new AppError(shape.shape.code, shape.shape.message, {
        detail: shape.shape.detail,
        fields: shape.shape.fields,
      });
    case 'sqlite':
      return new SQLite.SqliteError(shape.message, shape.code);
    case 'pg':
      return postgresErrorFrom(shape);
    default: {
      const error = new Error(shape.message);
      error.name = shape.name;
      if (shape.stack) error.stack = shape.stack;
      return error;
    }
  }
}
