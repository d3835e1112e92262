import type { AppErrorShape, ErrorCode } from '../../../src-shared/contract';

/** A failed call, as the host answered it: `message` is written for office staff. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly fields: Record<string, string>;

  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.detail = shape.detail;
    this.fields = shape.fields ?? {};
  }
}

/** The sentence to show a person for any thrown value. */
export function readableMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Something went wrong. Please try again.';
}
