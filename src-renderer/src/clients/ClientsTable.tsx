import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type Ref,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Badge, Skeleton, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ClientPage, ClientRow, ClientSortField } from '../../../src-shared/contract';
import { CLIENT_PAGE_SIZE, useClientPages } from '../api/clients';
import type { ClientListFilters } from '../api/query-keys';
import { useOrganizationTimeZone } from '../api/settings';
import { formatDateTime, formatRelative } from '../format/time';
import { navigate } from '../routing/hash-route';
import { ClientSourceBadge } from './ClientSourceBadge';
import classes from './ClientsTable.module.css';
import { useRememberedColumnWidths, type ColumnWidths } from './remembered-column-widths';

const ROW_HEIGHT = 56;
const LAYOUT_TABLE = 'clients';
/** No column is dragged wider than this; the window's width may hold it narrower. */
const MAX_COLUMN_WIDTH = 600;
/** One ←/→ press on a resize handle; with Shift, four. */
const KEYBOARD_STEP = 16;

interface Column {
  label: string;
  sort?: ClientSortField;
  /** Hidden when the table is narrow, its content shown in another cell. */
  className?: string | undefined;
  /** The header's words once a narrow table folds another column into this one. */
  narrowLabel?: string;
  /** Staff can drag its width (id: its key in layout.save's columnWidths), down to `min` px. */
  resize?: { id: string; min: number };
}

// Source and Last synced keep their fixed widths: "From QuickBooks" and "Synced 15 minutes ago" always fit.
const columns: Column[] = [
  { label: 'Name', sort: 'name', resize: { id: 'name', min: 120 } },
  { label: 'Company', className: classes.companyColumn, resize: { id: 'company', min: 90 } },
  {
    label: 'Email',
    sort: 'email',
    narrowLabel: 'Email · Phone',
    resize: { id: 'email', min: 140 },
  },
  {
    label: 'Phone',
    sort: 'phone',
    className: classes.phoneColumn,
    resize: { id: 'phone', min: 120 },
  },
  { label: 'Source', sort: 'source' },
  { label: 'Last synced', sort: 'lastSynced' },
];

function clampWidth(width: number, min: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(min, width)));
}

/**
 * A dragged width becomes its column's grid track (the CSS reads --<id>-track).
 * The track may give way down to the column's minimum, so a width saved in a
 * wider window never pushes the table into a sideways scroll.
 */
function trackStyle(widths: ColumnWidths): CSSProperties {
  const style: Record<string, string> = {};
  for (const column of columns) {
    const saved = column.resize && widths[column.resize.id];
    if (column.resize && saved) {
      const width = clampWidth(saved, column.resize.min);
      style[`--${column.resize.id}-track`] = `minmax(${column.resize.min}px, ${width}px)`;
    }
  }
  return style as CSSProperties;
}

function cellClass(column: Column): string {
  return `${classes.cell} ${column.className ?? ''}`;
}

function ColumnLabel({ column }: { column: Column }) {
  if (!column.narrowLabel) return <>{column.label}</>;
  return (
    <>
      <span className={classes.wideLabel}>{column.label}</span>
      <span className={classes.narrowLabel}>{column.narrowLabel}</span>
    </>
  );
}

/** Lets the search box hand the keyboard to the list (↓) and take it back (↑ on the first row). */
export interface ClientsTableHandle {
  focusRow(index: number): void;
}

interface ClientsTableProps {
  filters: ClientListFilters;
  /** The first page, kept on screen while a new search loads. */
  firstPage: ClientPage;
  onSort: (sort: ClientSortField) => void;
  ref?: Ref<ClientsTableHandle>;
  /** ↑ on the first row. */
  onLeaveTop?: () => void;
}

/**
 * Only the rows in view (plus a few) are in the DOM; their pages of 100 are
 * fetched by offset as the list scrolls, so 50,000 clients scroll like 50.
 */
export function ClientsTable({ filters, firstPage, onSort, ref, onLeaveTop }: ClientsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const timeZone = useOrganizationTimeZone();
  const columnWidths = useRememberedColumnWidths(LAYOUT_TABLE);
  const total = firstPage.total;
  // No React Compiler runs in this build, so the virtualizer's unmemoizable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();

  const offsets = useMemo(() => {
    const needed = new Set<number>();
    for (const item of items) {
      const offset = Math.floor(item.index / CLIENT_PAGE_SIZE) * CLIENT_PAGE_SIZE;
      if (offset > 0) needed.add(offset);
    }
    return [...needed].sort((a, b) => a - b);
  }, [items]);
  const pages = useClientPages(filters, offsets);

  function rowAt(index: number): ClientRow | undefined {
    if (index < firstPage.rows.length) return firstPage.rows[index];
    const offset = Math.floor(index / CLIENT_PAGE_SIZE) * CLIENT_PAGE_SIZE;
    const page = pages[offsets.indexOf(offset)]?.data;
    return page?.rows[index - offset];
  }

  // A new search or sort starts at the top.
  const filtersKey = JSON.stringify(filters);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [filtersKey]);

  const [focusIndex, setFocusIndex] = useState(0);
  const tabbableIndex = Math.min(focusIndex, total - 1);
  const focusRow = useCallback(
    (index: number) => {
      setFocusIndex(index);
      virtualizer.scrollToIndex(index);
      // Focus at once when the row is on screen, so a quick ↓ ↓ Enter opens the row the
      // keys point at; wait a frame or a few only for a row the scroll has yet to render.
      let tries = 0;
      const attempt = () => {
        const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
        if (row) row.focus();
        else if (tries++ < 10) requestAnimationFrame(attempt);
      };
      attempt();
    },
    [virtualizer],
  );
  useImperativeHandle(ref, () => ({ focusRow }), [focusRow]);

  function onRowKeyDown(event: KeyboardEvent<HTMLDivElement>, index: number, row?: ClientRow) {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + 10,
      PageUp: index - 10,
      Home: 0,
      End: total - 1,
    };
    const target = moves[event.key];
    if (event.key === 'ArrowUp' && index === 0 && onLeaveTop) {
      event.preventDefault();
      onLeaveTop();
    } else if (target !== undefined) {
      event.preventDefault();
      focusRow(Math.max(0, Math.min(total - 1, target)));
    } else if ((event.key === 'Enter' || event.key === ' ') && row) {
      event.preventDefault();
      navigate({ page: 'client', id: row.id });
    }
  }

  return (
    <div
      className={classes.table}
      role="table"
      aria-label="Clients"
      aria-rowcount={total + 1}
      data-testid="clients-table"
      style={trackStyle(columnWidths.widths)}
    >
      <div ref={scrollRef} className={classes.scroller}>
        <div role="rowgroup" className={classes.headerGroup}>
          <div className={classes.header} role="row" aria-rowindex={1}>
            {columns.map((column) => (
              <HeaderCell
                key={column.label}
                column={column}
                filters={filters}
                onSort={onSort}
                onResize={columnWidths}
              />
            ))}
          </div>
        </div>
        <div
          role="rowgroup"
          className={classes.body}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const row = rowAt(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-busy={row ? undefined : true}
                data-index={item.index}
                data-testid={row ? 'client-row' : 'client-row-loading'}
                data-client-id={row?.id}
                tabIndex={item.index === tabbableIndex ? 0 : -1}
                className={classes.row}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={row ? () => navigate({ page: 'client', id: row.id }) : undefined}
                onFocus={() => setFocusIndex(item.index)}
                onKeyDown={(event) => onRowKeyDown(event, item.index, row)}
              >
                {row ? <ClientCells row={row} timeZone={timeZone} /> : <LoadingCells />}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface ResizeCallbacks {
  preview(column: string, width: number): void;
  commit(column: string, width: number): void;
}

function HeaderCell({
  column,
  filters,
  onSort,
  onResize,
}: {
  column: Column;
  filters: ClientListFilters;
  onSort: (sort: ClientSortField) => void;
  onResize: ResizeCallbacks;
}) {
  const handle = column.resize && (
    <ResizeHandle label={column.label} {...column.resize} onResize={onResize} />
  );
  const className = column.resize ? `${cellClass(column)} ${classes.resizable}` : cellClass(column);
  if (!column.sort) {
    return (
      <div role="columnheader" className={className}>
        <ColumnLabel column={column} />
        {handle}
      </div>
    );
  }
  const sorted = filters.sort === column.sort;
  const ariaSort = sorted ? (filters.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  const Icon = !sorted
    ? IconSelector
    : filters.direction === 'asc'
      ? IconChevronUp
      : IconChevronDown;
  const sort = column.sort;
  return (
    <div role="columnheader" aria-sort={ariaSort} className={className}>
      <UnstyledButton
        className={classes.sortButton}
        onClick={() => onSort(sort)}
        aria-label={`Sort by ${column.label.toLowerCase()}`}
      >
        <ColumnLabel column={column} />
        <Icon size={14} aria-hidden />
      </UnstyledButton>
      {handle}
    </div>
  );
}

/**
 * The header's right edge: drag it, or focus it and press ←/→ (Shift for
 * bigger steps). A drag is saved when the button is let go, a key at once.
 */
function ResizeHandle({
  id,
  min,
  label,
  onResize,
}: {
  id: string;
  min: number;
  label: string;
  onResize: ResizeCallbacks;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // The width on screen (the window may hold a saved width narrower), for ←/→ and screen readers.
  const [shown, setShown] = useState<number | null>(null);
  useEffect(() => {
    const cell = ref.current?.parentElement;
    if (!cell) return;
    const observer = new ResizeObserver(() =>
      setShown(Math.round(cell.getBoundingClientRect().width)),
    );
    observer.observe(cell);
    return () => observer.disconnect();
  }, []);
  const cellWidth = () => ref.current?.parentElement?.getBoundingClientRect().width ?? min;

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const start = cellWidth();
    let width = clampWidth(start, min);
    const move = (moveEvent: globalThis.PointerEvent) => {
      width = clampWidth(start + moveEvent.clientX - startX, min);
      onResize.preview(id, width);
    };
    const end = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', end);
      target.removeEventListener('pointercancel', end);
      onResize.commit(id, width);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', end);
    target.addEventListener('pointercancel', end);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const direction = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!direction) return;
    event.preventDefault();
    const step = event.shiftKey ? KEYBOARD_STEP * 4 : KEYBOARD_STEP;
    onResize.commit(id, clampWidth(cellWidth() + direction * step, min));
  }

  return (
    <div
      ref={ref}
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize the ${label} column`}
      aria-valuemin={min}
      aria-valuemax={MAX_COLUMN_WIDTH}
      aria-valuenow={shown ?? min}
      tabIndex={0}
      className={classes.resizeHandle}
      data-testid={`resize-${id}`}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onClick={(event) => event.stopPropagation()}
    />
  );
}

/** Rows come from cached pages, so a row already on screen skips re-rendering while the list scrolls. */
const ClientCells = memo(function ClientCells({
  row,
  timeZone,
}: {
  row: ClientRow;
  timeZone: string;
}) {
  const inactive = !row.active || row.archivedAt !== null;
  const phone = row.phone ?? row.mobile ?? '';
  return (
    <>
      <div role="cell" className={classes.cell}>
        {/* Plain elements inside rows: dozens render per frame during a fast scroll. */}
        <div className={classes.nameLine}>
          <span
            className={inactive ? `${classes.name} ${classes.dimmed}` : classes.name}
            title={row.displayName}
          >
            {row.displayName}
          </span>
          {row.archivedAt ? (
            <Badge size="xs" color="gray" variant="outline">
              Archived
            </Badge>
          ) : (
            !row.active && (
              <Badge size="xs" color="orange" variant="outline">
                Inactive
              </Badge>
            )
          )}
        </div>
        {row.parentName && (
          <div className={`${classes.subLine} ${classes.dimmed}`}>
            Sub-customer of {row.parentName}
          </div>
        )}
        {row.companyName && !row.parentName && (
          <div className={`${classes.companyLine} ${classes.dimmed}`}>{row.companyName}</div>
        )}
      </div>
      <div role="cell" className={`${classes.cell} ${classes.companyColumn}`}>
        {row.companyName ?? ''}
      </div>
      <div role="cell" className={classes.cell} title={row.email ?? undefined}>
        {row.email ?? ''}
        {phone && <div className={`${classes.phoneLine} ${classes.dimmed}`}>{phone}</div>}
      </div>
      <div role="cell" className={`${classes.cell} ${classes.phoneColumn}`} title={phone}>
        {phone}
      </div>
      <div role="cell" className={`${classes.cell} ${classes.sourceCell}`}>
        <ClientSourceBadge source={row.source} />
      </div>
      <div role="cell" className={classes.cell}>
        {row.source === 'quickbooks' && row.lastSyncedAt ? (
          <span className={classes.dimmed} title={formatDateTime(row.lastSyncedAt, timeZone)}>
            Synced {formatRelative(row.lastSyncedAt)}
          </span>
        ) : (
          <span className={classes.dimmed}>
            {row.source === 'quickbooks' ? 'Not synced yet' : '—'}
          </span>
        )}
      </div>
    </>
  );
});

const LoadingCells = memo(function LoadingCells() {
  return (
    <>
      {columns.map((column) => (
        <div key={column.label} role="cell" className={cellClass(column)}>
          <Skeleton height={10} width="70%" radius="sm" />
        </div>
      ))}
    </>
  );
});
