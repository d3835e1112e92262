import { redactSecrets } from '../secret-redaction';

/** What a line is about, so support can follow one part of the app through the file. */
export type LogArea = 'sync' | 'quickbooks' | 'tokens' | 'backup' | 'privacy' | 'storage' | 'call';

/**
 * The core's one logger: `log.info('sync', 'run 12 finished: 3 updated')`.
 * It writes through the console, which each host's captureConsole copies into
 * the rotated log file, so the core stays free of host paths and a unit test
 * sees the same lines. Callers pass counts, ids, codes and intuit_tid, never a
 * client's name, email or notes; secrets are masked here as well as in the file.
 */
export const log = {
  info: (area: LogArea, message: string) => console.info(line(area, message)),
  warn: (area: LogArea, message: string) => console.warn(line(area, message)),
  error: (area: LogArea, message: string) => console.error(line(area, message)),
};

function line(area: LogArea, message: string): string {
  return `[${area}] ${redactSecrets(message)}`;
}
