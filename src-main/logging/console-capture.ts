import { format } from 'node:util';
import { redactSecrets } from '../secret-redaction';
import type { FileLog, LogLevel } from './file-log';

const LEVELS: Record<'log' | 'info' | 'warn' | 'error', LogLevel> = {
  log: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
};

/**
 * Sends what the process prints to the log file too, and redacts the console
 * copy as well. The core's modules report through console.error (the
 * dispatcher, backups, the sync's duplicate check), so capturing the console at
 * the host is what puts every one of them in the file without each module
 * knowing about it. Only a host's entry point calls this; returns the undo.
 */
export function captureConsole(log: FileLog, target: Console = console): () => void {
  const originals = new Map<keyof typeof LEVELS, (...args: unknown[]) => void>();
  for (const method of Object.keys(LEVELS) as (keyof typeof LEVELS)[]) {
    const original = target[method].bind(target) as (...args: unknown[]) => void;
    originals.set(method, original);
    target[method] = (...args: unknown[]) => {
      const line = redactSecrets(format(...args));
      log.write(LEVELS[method], line);
      original(line);
    };
  }
  return () => {
    for (const [method, original] of originals) target[method] = original;
  };
}
