/**
 * An error the sandbox turns into an Intuit-shaped Fault. Admin misuse and
 * client mistakes both travel as this, so one place renders them.
 */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly detail: string = message,
    readonly type: string = 'ValidationFault',
    readonly element?: string,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}
