import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Badge, Checkbox, Select } from '@mantine/core';
import type { ClassifiedRow } from '../../../src-shared/contract';
import { importColors } from './import-colors';
import classes from './PreviewTable.module.css';

const ROW_HEIGHT = 40;

interface PreviewTableProps {
  rows: readonly ClassifiedRow[];
  /** Indexes into `rows` to show (the color filter). */
  visible: readonly number[];
  emails: readonly string[];
  excluded: ReadonlySet<number>;
  onToggle: (index: number) => void;
  /** The bookkeeper's answer for a shared email: a QuickBooks client, or null for a new client. */
  onResolve: (index: number, clientId: number | null) => void;
}

const AS_NEW = 'new';

/** Only the rows in view are in the DOM, so 50,000 rows scroll like 50. */
export function PreviewTable({
  rows,
  visible,
  emails,
  excluded,
  onToggle,
  onResolve,
}: PreviewTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // No React Compiler runs in this build, so the virtualizer's unmemoizable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  return (
    <div
      className={classes.table}
      role="table"
      aria-label="Import preview"
      aria-rowcount={visible.length + 1}
    >
      <div ref={scrollRef} className={classes.scroller} data-testid="preview-scroller">
        <div className={classes.header} role="row">
          <span role="columnheader">Import</span>
          <span role="columnheader">Row</span>
          <span role="columnheader">Color</span>
          <span role="columnheader">Name</span>
          <span role="columnheader">Email</span>
          <span role="columnheader">Result</span>
        </div>
        <div
          role="rowgroup"
          className={classes.body}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[visible[item.index]!]!;
            const isRed = row.color === 'red';
            const isExcluded = excluded.has(row.index);
            return (
              <div
                key={row.index}
                role="row"
                className={classes.row}
                data-testid="preview-row"
                data-color={row.color}
                data-excluded={isExcluded}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <span role="cell">
                  <Checkbox
                    aria-label={`Import row ${row.index + 1}`}
                    checked={!isRed && !isExcluded}
                    disabled={isRed}
                    onChange={() => onToggle(row.index)}
                  />
                </span>
                <span role="cell" className={classes.cell}>
                  {row.index + 1}
                </span>
                <span role="cell">
                  <Badge color={importColors[row.color].color} variant="light">
                    {importColors[row.color].label}
                  </Badge>
                </span>
                <span role="cell" className={classes.cell} title={row.displayName}>
                  {row.displayName || '—'}
                </span>
                <span role="cell" className={classes.cell} title={emails[row.index]}>
                  {emails[row.index] || '—'}
                </span>
                {row.choices.length > 0 ? (
                  <span role="cell" className={classes.choice} title={resultText(row)}>
                    <Select
                      size="xs"
                      aria-label={`Link row ${row.index + 1} to`}
                      placeholder="Choose a QuickBooks customer…"
                      data={[
                        ...row.choices.map((choice) => ({
                          value: String(choice.clientId),
                          label: `Link to ${choice.name}${choice.note ? ` (${choice.note})` : ''}`,
                        })),
                        { value: AS_NEW, label: 'Import as a new client' },
                      ]}
                      value={choiceValue(row)}
                      onChange={(value) => {
                        if (value !== null)
                          onResolve(row.index, value === AS_NEW ? null : Number(value));
                      }}
                      allowDeselect={false}
                      comboboxProps={{ withinPortal: true }}
                      error={row.color === 'amber'}
                    />
                    <span className={classes.cell}>{resultText(row)}</span>
                  </span>
                ) : (
                  <span role="cell" className={classes.cell} title={resultText(row)}>
                    {resultText(row)}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** What the row's picker shows: nothing yet, the customer chosen, or "new". */
function choiceValue(row: ClassifiedRow): string | null {
  if (row.color === 'amber') return null;
  if (row.color === 'green' && row.matchClientId !== null) return String(row.matchClientId);
  return row.color === 'blue' ? AS_NEW : null;
}

function resultText(row: ClassifiedRow): string {
  if (row.color === 'red') return row.reason ?? 'Skipped';
  if (row.color === 'amber') return row.reason ?? 'Choose a QuickBooks customer';
  if (row.color === 'green')
    return `Links to QuickBooks client ${row.matchName}${row.reason ? ` · ${row.reason}` : ''}`;
  return `New manual client${row.reason ? ` · ${row.reason}` : ''}`;
}
