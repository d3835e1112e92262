import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
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
 */
export interface AppSqliteOptions {
  /** Wait for a busy database on timers instead of blocking (the main thread). */
  asyncBusy: boolean;
  /** How long a statement may wait for the lock before the call fails. */
  busyWaitMs?: number;
}

const STATEMENT_CACHE_SIZE = 300;
const DEFAULT_BUSY_WAIT_MS = 60_000;

export function createAppSqliteDialect(
  sqlite: SQLite.Database,
  options: AppSqliteOptions,
): SqliteDialect {
  if (options.asyncBusy) sqlite.pragma('busy_timeout = 0');
  const connection = new CachedStatementConnection(sqlite, options);
  return new (class extends SqliteDialect {
    override createDriver(): Driver {
      return new (class extends SqliteDriver {
        override async acquireConnection(): Promise<DatabaseConnection> {
          return connection;
        }
        override async beginTransaction(conn: DatabaseConnection): Promise<void> {
          await conn.executeQuery(CompiledQuery.raw('begin immediate'));
        }
        override async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
          // SQLite ends the transaction itself on some failures (a full disk,
          // a failed COMMIT). A ROLLBACK then fails with "no transaction is
          // active" and would hide the real error from the caller.
          if (sqlite.inTransaction) await super.rollbackTransaction(conn);
        }
      })({ database: sqlite });
    }
  })({ database: sqlite });
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
