import type { AppErrorShape, ErrorCode } from '../src-shared/contract';

/**
 * An error a person can read: `message` is for office staff, `detail` for
 * support (QuickBooks code, intuit_tid, the offending field). Never put a token here.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { detail?: string; fields?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.options.detail ? { detail: this.options.detail } : {}),
      ...(this.options.fields ? { fields: this.options.fields } : {}),
    };
  }
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found. It may have been removed.`);
}
