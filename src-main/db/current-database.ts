import type SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { AppError } from '../errors';
import type { Db, OpenedDatabase } from './open-database';

/** Told around a swap of the data file: a second connection (the database worker) closes and reopens. */
export interface DatabaseReplaceHooks {
  /** Before the file is moved: close every other connection to it. */
  beforeReplace?(): Promise<void> | void;
  /** The new file is open: open again. */
  afterReplace?(): Promise<void> | void;
}

/**
 * The connection the whole core uses, which a restore (or the recovery screen)
 * can replace while the app runs. Handlers and services keep `db`, a stand-in
 * that forwards every use to whichever connection is current, so none of them
 * holds on to a closed one. Before a file opens (start-up recovery), any use
 * fails with a message saying why.
 */
export class CurrentDatabase {
  readonly db: Db;
  private opened: OpenedDatabase | null = null;
  private unavailable = 'The client database is not open yet.';
  private readonly hooks = new Set<DatabaseReplaceHooks>();

  constructor() {
    const current = () => this.kysely();
    // The target only lends its prototype (instanceof Kysely); every read goes to the current connection.
    this.db = new Proxy(Object.create(Kysely.prototype) as Db, {
      get(_target, property) {
        const db = current();
        const value: unknown = Reflect.get(db, property, db);
        // Kysely keeps its state in #private fields: methods must run on the real object.
        return typeof value === 'function'
          ? (value as (...a: unknown[]) => unknown).bind(db)
          : value;
      },
      has: (_target, property) => Reflect.has(current(), property),
    });
  }

  get isOpen(): boolean {
    return this.opened !== null;
  }

  /** The raw handle of the current connection (backups use SQLite's online backup). */
  sqlite(): SQLite.Database {
    return this.current().sqlite;
  }

  /** Uses this connection from now on (the first open, or after a recovery choice). */
  use(opened: OpenedDatabase): void {
    this.opened = opened;
  }

  /** Marks the database as not open, with the reason every use will give. */
  markUnavailable(reason: string): void {
    this.opened = null;
    this.unavailable = reason;
  }

  /** Registers hooks run around every replacement; returns how to stop. */
  onReplace(hooks: DatabaseReplaceHooks): () => void {
    this.hooks.add(hooks);
    return () => this.hooks.delete(hooks);
  }

  /**
   * Closes the current connection (after the hooks closed theirs), lets `swap`
   * move files and open the new one, then tells the hooks. A `swap` that fails
   * may first `use()` the file it put back; the hooks hear afterReplace either way.
   */
  async replace(swap: () => Promise<OpenedDatabase>): Promise<void> {
    for (const hook of this.hooks) await hook.beforeReplace?.();
    try {
      const old = this.opened;
      this.markUnavailable('The client database is being replaced; try again in a moment.');
      await old?.close();
      this.opened = await swap();
    } finally {
      for (const hook of this.hooks) await hook.afterReplace?.();
    }
  }

  async close(): Promise<void> {
    const old = this.opened;
    this.markUnavailable('EquineOps is closing.');
    await old?.close();
  }

  private current(): OpenedDatabase {
    if (!this.opened) throw new AppError('internal', this.unavailable);
    return this.opened;
  }

  private kysely(): Db {
    return this.current().db;
  }
}
