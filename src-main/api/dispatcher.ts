import { z } from 'zod';
import {
  contract,
  type CallResult,
  type Method,
  type MethodInput,
  type MethodOutput,
} from '../../src-shared/contract';
import type { DatabaseTarget } from '../db/database-target';
import { storageFailure } from '../db/storage-failures';
import { AppError } from '../errors';
import { log as coreLog } from '../logging/core-log';
import { describeUnexpected } from '../logging/unexpected-error';
import type { Handlers } from './handlers';

/** What a host needs: any name and payload in, a value or a readable error out. */
export interface RawDispatcher {
  invoke(method: string, input: unknown): Promise<CallResult<unknown>>;
}

/** The same, typed from the contract for callers inside the app and tests. */
export interface Dispatcher extends RawDispatcher {
  invoke<M extends Method>(method: M, input: MethodInput<M>): Promise<CallResult<MethodOutput<M>>>;
  invoke(method: string, input: unknown): Promise<CallResult<unknown>>;
}

export interface DispatcherOptions {
  /** Where failures nobody expected are written for support (default: the core log; never shown to staff). */
  log?: (message: string) => void;
  /** The data file, named in the message when SQLite fails (disk full, locked…). */
  dataFile?: string;
  /** The database in use when it is not the data file: the shared server named when it fails. */
  database?: DatabaseTarget;
}

export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatcher {
  const log = options.log ?? ((message: string) => coreLog.error('call', message));
  async function invoke(method: string, input: unknown): Promise<CallResult<unknown>> {
    if (!Object.hasOwn(contract, method)) {
      return fail(unknownMethod(method), method);
    }
    const spec = contract[method as Method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return fail(validationError(parsed.error), method);
    try {
      const handler = handlers[method as Method] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return fail(error, method);
      if (error instanceof z.ZodError) return fail(validationError(error), method);
      log(`${method} failed unexpectedly: ${describeUnexpected(error)}`);
      // The write's transaction was rolled back (or the database already ended it).
      const storage = storageFailure(error, options);
      if (storage) return fail(storage, method);
      return fail(
        new AppError('internal', 'Something went wrong. Nothing was changed; please try again.'),
        method,
      );
    }
  }
  return { invoke: invoke as Dispatcher['invoke'] };
}

/** A call the contract does not have: the window and the app are from different versions. */
export function unknownMethod(method: string): AppError {
  return new AppError(
    'unknown_method',
    'This window does not match this version of EquineOps. Close the app, open it again and try once more.',
    { detail: `unknown method "${method}"` },
  );
}

/** Codes whose detail is about QuickBooks, the keychain or the data file, never a client's words. */
const LOGGED_DETAIL = new Set<string>([
  'not_connected',
  'reconnect_required',
  'quickbooks',
  'keychain_unavailable',
  'internal',
]);

function fail(error: AppError, method?: string): CallResult<never> {
  // The message can quote a client's name (a refused erase, a duplicate), so only the code goes in the log.
  const detail =
    LOGGED_DETAIL.has(error.code) || error.code.startsWith('database_')
      ? error.options.detail
      : null;
  coreLog[error.code.startsWith('database_') ? 'error' : 'warn'](
    'call',
    `${method ?? 'a call'} refused: ${error.code}${detail ? ` (${detail})` : ''}`,
  );
  return { ok: false, error: error.toShape() };
}

export function validationError(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '(request)';
    fields[key] ??= issue.message;
  }
  const first = Object.entries(fields)[0];
  const message = first
    ? `Please check ${describeField(first[0])}: ${first[1]}`
    : 'The request was not valid.';
  return new AppError('validation', message, { fields, detail: JSON.stringify(error.issues) });
}

function describeField(path: string): string {
  const last = path.split('.').pop() ?? path;
  return last === '(request)' ? 'the request' : last.replace(/([A-Z])/g, ' $1').toLowerCase();
}
