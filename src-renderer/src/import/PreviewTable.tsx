import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Badge, Button, Checkbox, Select } from '@mantine/core';
import type { ClassifiedRow } from '../../../src-shared/contract';
import { importColors } from './import-colors';
import classes from './PreviewTable.module.css';
import type { RowAnswer } from './suggestions';

const ROW_HEIGHT = 44;
/** A picker row: the picker and Confirm on one line, the reason (up to two lines) under them. */
const CHOICE_ROW_HEIGHT = 66;

interface PreviewTableProps {
  rows: readonly ClassifiedRow[];
  /** Indexes into `rows` to show (the color filter). */
  visible: readonly number[];
  emails: readonly string[];
  /** Each row's number in the file, as Excel shows it. */
  rowNumbers: readonly number[];
  excluded: ReadonlySet<number>;
  onToggle: (index: number) => void;
  /** The bookkeeper's answers for shared emails: a QuickBooks client, or null for a new client. */
  onResolve: (answers: readonly RowAnswer[]) => void;
}

const AS_NEW = 'new';

/** Only the rows in view are in the DOM, so 50,000 rows scroll like 50. */
export function PreviewTable({
  rows,
  visible,
  emails,
  rowNumbers,
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
    estimateSize: (index) =>
      rows[visible[index]!]!.choices.length > 0 ? CHOICE_ROW_HEIGHT : ROW_HEIGHT,
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
          <span role="columnheader">
            Name<span className={classes.under}>Email</span>
          </span>
          <span role="columnheader" className={classes.wide}>
            Email
          </span>
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
            const number = rowNumbers[row.index] ?? row.index + 1;
            const suggestion =
              row.color === 'amber'
                ? row.choices.find((c) => c.clientId === row.suggestedClientId)
                : undefined;
            return (
              <div
                key={row.index}
                role="row"
                className={classes.row}
                data-testid="preview-row"
                data-color={row.color}
                data-excluded={isExcluded}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              >
                <span role="cell">
                  <Checkbox
                    aria-label={`Import row ${number}`}
                    checked={!isRed && !isExcluded}
                    disabled={isRed}
                    onChange={() => onToggle(row.index)}
                  />
                </span>
                <span role="cell" className={classes.cell}>
                  {number}
                </span>
                <span role="cell">
                  <Badge color={importColors[row.color].color} variant="light">
                    {importColors[row.color].label}
                  </Badge>
                </span>
                <span role="cell" className={`${classes.cell} ${classes.name}`}>
                  <span title={row.displayName}>{row.displayName || '—'}</span>
                  <span className={`${classes.cell} ${classes.under}`} title={emails[row.index]}>
                    {emails[row.index] || '—'}
                  </span>
                </span>
                <span
                  role="cell"
                  className={`${classes.cell} ${classes.wide}`}
                  title={emails[row.index]}
                >
                  {emails[row.index] || '—'}
                </span>
                {row.choices.length > 0 ? (
                  <span role="cell" className={classes.choice} title={resultText(row)}>
                    <Select
                      size="xs"
                      aria-label={`Link row ${number} to`}
                      placeholder="Choose a QuickBooks customer…"
                      data={[
                        ...row.choices.map((choice) => ({
                          value: String(choice.clientId),
                          label: `Link to ${choice.name}${choice.note ? ` · ${choice.note}` : ''}`,
                        })),
                        { value: AS_NEW, label: 'Import as a new client' },
                      ]}
                      value={choiceValue(row)}
                      // On submit, not on change: picking the suggested customer shown already confirms it.
                      onOptionSubmit={(value) =>
                        onResolve([[row.index, value === AS_NEW ? null : Number(value)]])
                      }
                      allowDeselect={false}
                      // The list as wide as its longest customer, even where the box is narrower.
                      comboboxProps={{
                        withinPortal: true,
                        width: 'max-content',
                        position: 'bottom-start',
                      }}
                      error={row.color === 'amber'}
                    />
                    {suggestion ? (
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="orange"
                        aria-label={`Confirm row ${number}: link to ${suggestion.name}`}
                        onClick={() => onResolve([[row.index, suggestion.clientId]])}
                      >
                        Confirm
                      </Button>
                    ) : (
                      <span />
                    )}
                    <span className={classes.reason}>{resultText(row)}</span>
                  </span>
                ) : (
                  <span role="cell" className={classes.reason} title={resultText(row)}>
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
  // The suggested customer shows in the picker, but the row waits for Confirm (or another pick).
  if (row.color === 'amber')
    return row.suggestedClientId === null ? null : String(row.suggestedClientId);
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
