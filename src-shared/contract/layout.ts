import { z } from 'zod';
import { call } from './define';

/** A table whose layout is remembered, e.g. "clients" or "sync-log". */
export const TableId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'A table id is lowercase letters, digits and dashes');

export const TableSort = z.object({
  column: z.string().min(1).max(64),
  direction: z.enum(['asc', 'desc']),
});
export type TableSort = z.infer<typeof TableSort>;

/** How staff left a table: column widths in pixels and the sort. Never any client data. */
export const TableLayout = z.object({
  columnWidths: z.record(z.string().min(1).max(64), z.number().int().min(40).max(4000)),
  sort: TableSort.nullable(),
});
export type TableLayout = z.infer<typeof TableLayout>;

export const layoutContract = {
  /** The saved layout, or no widths and no sort when none was saved. */
  'layout.get': call(z.object({ table: TableId }), TableLayout),
  /** Saves what is given (widths are merged by column); returns the whole layout. */
  'layout.save': call(
    z.object({
      table: TableId,
      columnWidths: TableLayout.shape.columnWidths.optional(),
      sort: TableSort.nullable().optional(),
    }),
    TableLayout,
  ),
} as const;
