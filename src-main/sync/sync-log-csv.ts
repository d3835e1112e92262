import { syncItemActionLabels, type SyncItem, type SyncRun } from '../../src-shared/contract';
import { redactSecrets } from '../secret-redaction';

const HEADER = ['Time', 'QuickBooks ID', 'Client', 'What happened', 'Message', 'Support detail'];

/**
 * One CSV cell: quoted when it holds a separator, quote or line break, and
 * prefixed with ' when a spreadsheet would take it for a formula.
 */
export function csvCell(value: string | null): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function syncLogCsv(items: readonly SyncItem[]): string {
  const lines = [
    HEADER,
    ...items.map((i) => [
      i.at,
      i.qbId,
      i.clientName,
      syncItemActionLabels[i.action],
      i.message,
      // A file leaves the app: detail written before redaction by shape existed is masked on the way out.
      i.detail === null ? null : redactSecrets(i.detail),
    ]),
  ];
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function syncLogFileName(run: SyncRun, errorsOnly: boolean): string {
  const day = run.startedAt.slice(0, 10);
  return `equineops-sync-${run.id}-${day}${errorsOnly ? '-errors' : ''}.csv`;
}
