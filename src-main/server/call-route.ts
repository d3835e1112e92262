import type { IncomingMessage, ServerResponse } from 'node:http';
import { contract, type CallResult, type ErrorCode } from '../../src-shared/contract';
import { unknownMethod, type RawDispatcher } from '../api/dispatcher';

/**
 * `POST /api/call/<method>` with a JSON body: the same contract call the
 * Electron host carries over IPC, answered with a JSON CallResult. The body is
 * what the renderer reads; the status is for people reading logs and tools:
 *
 *   200 ok · 400 any error the app explains (validation, read-only, not found,
 *   not connected, …) · 404 unknown method · 405 not POST · 413 body too large ·
 *   415 not application/json · 500 unexpected failure.
 *
 * Requiring application/json also keeps plain HTML forms on other sites from
 * posting here without a CORS preflight (which this host never grants).
 */
export const CALL_PATH_PREFIX = '/api/call/';

/** Big enough for a CSV import of ~100,000 rows sent as JSON; IPC has no such cap. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

export async function handleCall(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  dispatcher: RawDispatcher,
  maxBodyBytes: number,
): Promise<void> {
  if (!Object.hasOwn(contract, method)) {
    req.resume();
    return sendResult(res, { ok: false, error: unknownMethod(method).toShape() });
  }
  if (req.method !== 'POST') {
    req.resume();
    res.setHeader('Allow', 'POST');
    return sendResult(res, failure('validation', 'Calls must be sent with POST.'), 405);
  }
  if (!isJson(req.headers['content-type'])) {
    req.resume();
    return sendResult(
      res,
      failure('validation', 'Calls must be sent as JSON (Content-Type: application/json).'),
      415,
    );
  }
  const body = await readBody(req, maxBodyBytes);
  if (body === 'too_large') {
    res.setHeader('Connection', 'close');
    const limit = `${Math.round(maxBodyBytes / (1024 * 1024))} MB`;
    return sendResult(
      res,
      failure('validation', `The request is larger than ${limit}; send it in smaller parts.`),
      413,
    );
  }
  let input: unknown;
  try {
    input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
  } catch {
    return sendResult(res, failure('validation', 'The request was not valid JSON.'));
  }
  sendResult(res, await dispatcher.invoke(method, input));
}

export function httpStatusFor(result: CallResult<unknown>): number {
  if (result.ok) return 200;
  if (result.error.code === 'unknown_method') return 404;
  if (result.error.code === 'internal') return 500;
  return 400;
}

function sendResult(
  res: ServerResponse,
  result: CallResult<unknown>,
  status = httpStatusFor(result),
): void {
  const json = JSON.stringify(result);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(json);
}

function failure(code: ErrorCode, message: string): CallResult<never> {
  return { ok: false, error: { code, message } };
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    req.resume();
    return Promise.resolve('too_large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!tooLarge) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
