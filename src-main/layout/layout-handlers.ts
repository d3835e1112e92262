import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { TableLayout } from '../../src-shared/contract';
import type { HandlerGroup } from '../api/handlers';
import type { CoreContext } from '../core-context';
import type { LayoutStore } from '../platform/ports';

const EMPTY: TableLayout = { columnWidths: {}, sort: null };

/**
 * Table column widths and sort, per table, on this computer. The Electron host
 * keeps them in electron-store beside the window's place (ports.layout); the
 * browser host in a small JSON file in the data folder.
 */
export function layoutHandlers(ctx: CoreContext, fallbackFile: string): HandlerGroup {
  const store = ctx.ports.layout ?? jsonFileLayoutStore(fallbackFile);
  const read = (table: string): TableLayout => {
    const parsed = TableLayout.safeParse(store.read(table));
    // A file edited by hand or from an older version: the table starts from its defaults.
    return parsed.success ? parsed.data : EMPTY;
  };
  return {
    'layout.get': ({ table }) => read(table),
    'layout.save': ({ table, columnWidths, sort }) => {
      const before = read(table);
      const next: TableLayout = {
        columnWidths: { ...before.columnWidths, ...columnWidths },
        sort: sort === undefined ? before.sort : sort,
      };
      store.write(table, next);
      return next;
    },
  };
}

/** The browser host's layout store: `table-layout.json` in the data folder. */
export function jsonFileLayoutStore(file: string): LayoutStore {
  const readAll = (): Record<string, unknown> => {
    if (!existsSync(file)) return {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  return {
    read: (table) => readAll()[table] ?? null,
    write: (table, layout) => {
      writeFileSync(file, `${JSON.stringify({ ...readAll(), [table]: layout }, null, 2)}\n`, {
        mode: 0o600,
      });
    },
  };
}
