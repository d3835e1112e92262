import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { redactSecrets } from '../secret-redaction';

export type LogLevel = 'info' | 'warn' | 'error';

export interface FileLog {
  /** The folder the log files are in (shown on the About page). */
  readonly dir: string;
  /** The file being written now; older ones are `main.1.log` … `main.<keep>.log`. */
  readonly file: string;
  write(level: LogLevel, message: string): void;
  /** Every kept file, oldest first, as one text (for the support bundle). */
  readAll(): string;
}

export interface FileLogOptions {
  /** Rotate once the current file passes this size. */
  maxBytes?: number;
  /** How many rotated files are kept besides the current one. */
  keep?: number;
  now?: () => Date;
}

export const LOG_FILE_NAME = 'main.log';
const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_KEEP = 3;
/**
 * One write's most (its lines with their stamps): a file rotates only between
 * writes, so without it one huge message (a dumped response) could grow the
 * folder past its cap.
 */
export const MAX_ENTRY_CHARS = 16 * 1024;

/**
 * The app's log file, shared by both hosts: the Electron host writes it in the
 * OS logs folder, the browser host in `<data-dir>/logs`. Every line passes
 * through the secret redaction before it reaches the disk, and the files are
 * rotated by size so a barn's disk never fills with logs: the folder stays under
 * (keep + 1) × (maxBytes + one entry of at most MAX_ENTRY_CHARS). Written synchronously:
 * a line logged just before a crash must still be there for support.
 */
export function openFileLog(dir: string, options: FileLogOptions = {}): FileLog {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = options.keep ?? DEFAULT_KEEP;
  const now = options.now ?? (() => new Date());
  const file = join(dir, LOG_FILE_NAME);
  const rotated = (n: number) => join(dir, `main.${n}.log`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });

  const rotateIfFull = () => {
    if (!existsSync(file) || statSync(file).size < maxBytes) return;
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n -= 1) {
      if (existsSync(rotated(n))) renameSync(rotated(n), rotated(n + 1));
    }
    renameSync(file, rotated(1));
  };

  return {
    dir,
    file,
    write(level, message) {
      const stamp = `${now().toISOString()} [${level}] `;
      const lines = cutToSize(
        redactSecrets(message)
          .split(/\r?\n/)
          .map((line) => `${stamp}${line}\n`)
          .join(''),
        stamp,
      );
      try {
        rotateIfFull();
        appendFileSync(file, lines, { mode: 0o600 });
      } catch {
        // A full or read-only disk must not take the app down with it; the console still has the line.
      }
    },
    readAll() {
      const parts: string[] = [];
      for (let n = keep; n >= 1; n -= 1) {
        if (existsSync(rotated(n))) parts.push(readFileSync(rotated(n), 'utf8'));
      }
      if (existsSync(file)) parts.push(readFileSync(file, 'utf8'));
      return parts.join('');
    },
  };
}

/** Cut after redacting (a secret cut in half would no longer look like one), by whole entry with its stamps. */
function cutToSize(entry: string, stamp: string): string {
  if (entry.length <= MAX_ENTRY_CHARS) return entry;
  const left = entry.length - MAX_ENTRY_CHARS;
  return `${entry.slice(0, MAX_ENTRY_CHARS)}\n${stamp}… ${left} more characters not logged\n`;
}

/** Reads the log files in `dir` without writing (the support bundle of a host that gave no log). */
export function readLogFolder(dir: string, keep = DEFAULT_KEEP): string {
  if (!existsSync(dir)) return '';
  return openFileLog(dir, { keep }).readAll();
}
