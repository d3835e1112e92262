import type { AppErrorShape, ErrorCode } from '../src-shared/contract';
import { redactSecrets } from './secret-redaction';

export interface AppErrorOptions {
  detail?: string;
  fields?: Record<string, string>;
  /** For edit_conflict: who saved the row last, and when (ISO). */
  conflict?: EditConflict;
  cause?: unknown;
}

export type EditConflict = NonNullable<AppErrorShape['conflict']>;

/**
 * An error a person can read: `message` is for office staff, `detail` for
 * support (QuickBooks code, intuit_tid, the offending field). Never put a token here.
 */
export class AppError extends Error {
  readonly options: AppErrorOptions;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    // Detail often quotes QuickBooks or a library (a refused token, a request): masked here, once, for every path.
    super(redactSecrets(message), { cause: options.cause });
    this.name = 'AppError';
    this.options =
      options.detail === undefined
        ? options
        : { ...options, detail: redactSecrets(options.detail) };
  }

  toShape(): AppErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.options.detail ? { detail: this.options.detail } : {}),
      ...(this.options.fields ? { fields: this.options.fields } : {}),
      ...(this.options.conflict ? { conflict: this.options.conflict } : {}),
    };
  }
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found. It may have been removed.`);
}
