import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';

/** Column id → width in pixels, as staff last dragged it. */
export type ColumnWidths = Record<string, number>;

/** Per table, read once per launch: later changes are this window's own. */
const loads = new Map<string, Promise<ColumnWidths>>();

function loadWidths(table: string): Promise<ColumnWidths> {
  let load = loads.get(table);
  if (!load) {
    load = api['layout.get']({ table })
      .then((layout) => layout.columnWidths)
      // Without a saved layout (or a readable one) the table keeps its default widths.
      .catch(() => ({}));
    loads.set(table, load);
  }
  return load;
}

/**
 * The widths staff gave a table's columns, remembered across launches
 * (layout.get / layout.save: the desktop app's settings file, the browser
 * host's data folder). `preview` moves a column while it is dragged; `commit`
 * also saves it.
 */
export function useRememberedColumnWidths(table: string): {
  widths: ColumnWidths;
  preview(column: string, width: number): void;
  commit(column: string, width: number): void;
} {
  const [widths, setWidths] = useState<ColumnWidths>({});
  useEffect(() => {
    let current = true;
    void loadWidths(table).then((saved) => {
      // A width dragged before the saved ones arrived wins.
      if (current) setWidths((now) => ({ ...saved, ...now }));
    });
    return () => {
      current = false;
    };
  }, [table]);

  const preview = useCallback((column: string, width: number) => {
    setWidths((now) => (now[column] === width ? now : { ...now, [column]: width }));
  }, []);
  const commit = useCallback(
    (column: string, width: number) => {
      preview(column, width);
      // The table comes back with it after a visit to a profile.
      const before = loadWidths(table);
      loads.set(
        table,
        before.then((saved) => ({ ...saved, [column]: width })),
      );
      // Not saved (the host went away): the width still holds until the page reloads.
      void api['layout.save']({ table, columnWidths: { [column]: width } }).catch(() => undefined);
    },
    [preview, table],
  );
  return { widths, preview, commit };
}
