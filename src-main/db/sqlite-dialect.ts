import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryResult,
} from 'kysely';

/**
 * kysely's SQLite dialect with two changes the app needs at 50,000 clients:
 *
 * - Statements are prepared once and reused (kysely prepares every query
 *   anew, which was a fifth of a sync's CPU time).
 * - On the thread that answers the UI, a write lock held by the database
 *   worker is waited for asynchronously. better-sqlite3's busy_timeout waits
 *   by blocking the thread, which would freeze every call for as long as an
 *   import commits; here the connection has busy_timeout 0 and a busy
 *   statement is retried on a timer. Write transactions begin IMMEDIATE so
 *   the lock is taken (or waited for) at BEGIN, never half-way through.
 * - There, reads that are not part of a write run on a second connection
 *   (`reader`). kysely lets one query at a time use a single connection, so a
 *   write waiting for the worker's lock would otherwise hold up every list and
 *   search behind it; now only other writes wait for it (in order), and reads
 *   see the last committed state, as WAL readers do.
 */
export interface AppSqliteOptions {
  /** Wait for a busy database on timers instead of blocking (the main thread). */
  asyncBusy: boolean;
  /** How long a statement may wait for the lock before the call fails. */
  busyWaitMs?: number;
  /** A second connection to the same file for reads outside a write (the main thread's). */
  reader?: SQLite.Database;
}

const STATEMENT_CACHE_SIZE = 300;
const DEFAULT_BUSY_WAIT_MS = 60_000;

export function createAppSqliteDialect(
  sqlite: SQLite.Database,
  options: AppSqliteOptions,
): SqliteDialect {
  if (options.asyncBusy) sqlite.pragma('busy_timeout = 0');
  options.reader?.pragma('busy_timeout = 0');
  const writer = new CachedStatementConnection(sqlite, options);
  const reader = options.reader ? new CachedStatementConnection(options.reader, options) : null;
  const writes = new WriteQueue();
  const session = (conn: DatabaseConnection) => (conn instanceof Session ? conn : null);
  return new (class extends SqliteDialect {
    override createAdapter(): DialectAdapter {
      // With a reader, the sessions below keep writes in order themselves.
      if (!reader) return super.createAdapter();
      return new (class extends SqliteAdapter {
        override get supportsMultipleConnections(): boolean {
          return true;
        }
      })();
    }
    override createDriver(): Driver {
      return new (class extends SqliteDriver {
        override async acquireConnection(): Promise<DatabaseConnection> {
          return reader ? new Session(writer, reader, writes) : writer;
        }
        override async beginTransaction(conn: DatabaseConnection): Promise<void> {
          await session(conn)?.startWrite();
          try {
            await writer.executeQuery(CompiledQuery.raw('begin immediate'));
          } catch (error) {
            session(conn)?.endWrite();
            throw error;
          }
        }
        override async commitTransaction(conn: DatabaseConnection): Promise<void> {
          try {
            await writer.executeQuery(CompiledQuery.raw('commit'));
          } finally {
            // A failed COMMIT leaves the transaction to the rollback that follows.
            if (!sqlite.inTransaction) session(conn)?.endWrite();
          }
        }
        override async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
          try {
            // SQLite ends the transaction itself on some failures (a full disk,
            // a failed COMMIT). A ROLLBACK then fails with "no transaction is
            // active" and would hide the real error from the caller.
            if (sqlite.inTransaction) await writer.executeQuery(CompiledQuery.raw('rollback'));
          } finally {
            session(conn)?.endWrite();
          }
        }
        override async destroy(): Promise<void> {
          await super.destroy();
          options.reader?.close();
        }
      })({ database: sqlite });
    }
  })({ database: sqlite });
}

/** Writes on the main thread's connection, one at a time, in the order asked. */
class WriteQueue {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when it is this write's turn, with the function that ends the turn. */
  turn(): Promise<() => void> {
    let done!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (done = resolve));
    return previous.then(() => done);
  }
}

/**
 * One use of the main thread's database by kysely (a query, or a whole
 * transaction). In a transaction everything runs on the writing connection;
 * otherwise a read runs on the reader, and a write waits for its turn.
 */
class Session implements DatabaseConnection {
  private endTurn: (() => void) | null = null;

  constructor(
    private readonly writer: CachedStatementConnection,
    private readonly reader: CachedStatementConnection,
    private readonly writes: WriteQueue,
  ) {}

  async startWrite(): Promise<void> {
    this.endTurn = await this.writes.turn();
  }

  endWrite(): void {
    this.endTurn?.();
    this.endTurn = null;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.endTurn) return this.writer.executeQuery<R>(compiled);
    // A PRAGMA sets or reads the connection it runs on: that is the writing one.
    const pragma = /^\s*pragma\b/i.test(compiled.sql);
    if (!pragma && this.reader.isReadOnly(compiled.sql))
      return this.reader.executeQuery<R>(compiled);
    await this.startWrite();
    try {
      return await this.writer.executeQuery<R>(compiled);
    } finally {
      this.endWrite();
    }
  }

  streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    return (this.endTurn ? this.writer : this.reader).streamQuery<R>(compiled);
  }
}

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED');
}

class CachedStatementConnection implements DatabaseConnection {
  private readonly statements = new Map<string, SQLite.Statement>();

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly options: AppSqliteOptions,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.options.asyncBusy) return this.run<R>(compiled);
    const deadline = Date.now() + (this.options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS);
    for (let attempt = 0; ; attempt++) {
      try {
        return this.run<R>(compiled);
      } catch (error) {
        // Inside a transaction the lock is already held (BEGIN IMMEDIATE); a busy
        // statement there cannot be retried on its own, so the transaction fails.
        const retryable = isBusyError(error) && !this.sqlite.inTransaction;
        if (!retryable || Date.now() >= deadline) throw error;
        await sleep(Math.min(2 + attempt * 3, 25));
      }
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const stmt = this.sqlite.prepare(compiled.sql);
    for (const row of stmt.iterate(compiled.parameters as unknown[])) yield { rows: [row as R] };
  }

  /** Whether a statement only reads (prepared here once, so the answer is cached with it). */
  isReadOnly(sql: string): boolean {
    return this.statement(sql).readonly;
  }

  private run<R>(compiled: CompiledQuery): QueryResult<R> {
    const stmt = this.statement(compiled.sql);
    const parameters = compiled.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return {
      insertId: lastInsertRowid != null ? BigInt(lastInsertRowid) : undefined,
      numAffectedRows: changes != null ? BigInt(changes) : undefined,
      rows: [],
    };
  }

  private statement(sql: string): SQLite.Statement {
    let stmt = this.statements.get(sql);
    if (stmt) {
      // Map order is insertion order: move to the back so the oldest unused goes first.
      this.statements.delete(sql);
    } else {
      stmt = this.sqlite.prepare(sql);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.statements.keys().next().value as string;
        this.statements.delete(oldest);
      }
    }
    this.statements.set(sql, stmt);
    return stmt;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
