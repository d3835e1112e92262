import type { EventEmitter } from 'node:events';
import { format } from 'node:util';
import { describeForLog, redactSecrets } from '../secret-redaction';
import type { FileLog, LogLevel } from './file-log';

const LEVELS: Record<'log' | 'info' | 'warn' | 'error', LogLevel> = {
  log: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
};

/** The part of `process` whose crash reports are copied into the log (tests pass an emitter). */
export type ErrorSource = Pick<EventEmitter, 'on' | 'off'>;

/**
 * Sends what the process prints to the log file too, and redacts the console
 * copy as well. The core's modules report through the core log (core-log.ts),
 * which writes through the console, so capturing the console at
 * the host is what puts every one of them in the file without each module
 * knowing about it. An uncaught exception or unhandled rejection, which the
 * runtime prints itself, is written too: it is what support most needs to see.
 * Only a host's entry point calls this; returns the undo.
 */
export function captureConsole(
  log: FileLog,
  target: Console = console,
  errors: ErrorSource = process,
): () => void {
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
  // A monitor only watches: Electron still shows its error box, Node still exits.
  const onUncaught = (error: unknown) =>
    log.write('error', `Uncaught exception: ${describeForLog(error)}`);
  // With this listener a rejection nobody awaited is reported instead of ending the app.
  const onRejection = (reason: unknown) =>
    target.error(`Unhandled promise rejection: ${describeForLog(reason)}`);
  errors.on('uncaughtExceptionMonitor', onUncaught);
  errors.on('unhandledRejection', onRejection);
  return () => {
    for (const [method, original] of originals) target[method] = original;
    errors.off('uncaughtExceptionMonitor', onUncaught);
    errors.off('unhandledRejection', onRejection);
  };
}
