import type { IncomingMessage, ServerResponse } from 'node:http';
import { filePaths, type CallResult } from '../../src-shared/contract';
import type { Core } from '../core';
import { tooLargeError } from '../documents/document-blobs';
import { AppError } from '../errors';
import { log } from '../logging/core-log';
import { describeUnexpected } from '../logging/unexpected-error';
import { exportClient } from '../privacy/privacy-handlers';
import { httpStatusFor } from './call-route';

/**
 * Files over HTTP, as bytes rather than JSON: a document's upload (its body is
 * the file, refused above the limit from its Content-Length before a byte is
 * read, and again while streaming) and the downloads of a document and of a
 * client's data export. Downloads are recorded in the access log by the core.
 *
 *   POST /api/files/documents?clientId=&name=&type=   (application/octet-stream)
 *   GET  /api/files/documents/<id>
 *   GET  /api/files/export/<clientId>
 *
 * The upload requires application/octet-stream, which a form on another site
 * cannot send without a CORS preflight (never granted), like the JSON calls.
 */
export const FILES_PATH_PREFIX = '/api/files/';

export async function handleFileRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  core: Core,
): Promise<void> {
  const path = url.pathname;
  try {
    // Like every call, these pass the restore gate: one arriving during a
    // restore waits for it and then reads the restored file.
    const gate = core.backups.gate;
    if (path === filePaths.documentUpload)
      return await gate.run('files.documentUpload', () => upload(req, res, url, core));
    const download = /^\/api\/files\/documents\/(\d+)$/.exec(path);
    if (download && req.method === 'GET') {
      req.resume();
      const file = await gate.run('files.documentDownload', () =>
        core.documents.download(Number(download[1])),
      );
      return sendFile(res, file.name, file.bytes);
    }
    const exported = /^\/api\/files\/export\/(\d+)$/.exec(path);
    if (exported && req.method === 'GET') {
      req.resume();
      const zip = await gate.run('files.clientExport', async () => {
        const made = await exportClient(core.context, core.documents, Number(exported[1]));
        await made.recordExport();
        return made;
      });
      return sendFile(res, zip.fileName, Buffer.from(zip.bytes), 'application/zip');
    }
    req.resume();
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found.');
  } catch (error) {
    req.resume();
    sendResult(res, failure(error, fileRouteName(req.method, path)));
  }
}

async function upload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  core: Core,
): Promise<void> {
  if (req.method !== 'POST') throw new AppError('validation', 'Upload a document with POST.');
  if (req.headers['content-type']?.split(';')[0]?.trim() !== 'application/octet-stream')
    throw new AppError('validation', 'Send the file as application/octet-stream.');
  const clientId = Number(url.searchParams.get('clientId'));
  const name = (url.searchParams.get('name') ?? '').trim();
  if (!Number.isInteger(clientId) || clientId <= 0)
    throw new AppError('validation', 'Choose the client to add the document to.');
  if (name === '' || name.length > 255 || /[/\\\0]/.test(name))
    throw new AppError(
      'validation',
      'The document needs a name of at most 255 characters, without / or \\.',
    );
  const declared = req.headers['content-length'];
  const declaredSize = declared === undefined ? undefined : Number(declared);
  if (declaredSize !== undefined && declaredSize > Number.MAX_SAFE_INTEGER) throw tooLargeError();
  const doc = await core.documents.add({
    clientId,
    name,
    type: (url.searchParams.get('type') ?? '').slice(0, 255),
    content: req,
    declaredSize,
  });
  sendResult(res, { ok: true, value: doc });
}

/** The route as the log names it: the document's name is in the query and the ids say enough. */
function fileRouteName(method: string | undefined, path: string): string {
  return `${method ?? 'GET'} ${path}`;
}

function failure(error: unknown, route: string): CallResult<never> {
  if (error instanceof AppError) {
    return { ok: false, error: error.toShape() };
  }
  log.error('call', `${route} failed unexpectedly: ${describeUnexpected(error)}`);
  return {
    ok: false,
    error: {
      code: 'internal',
      message: 'Something went wrong. Nothing was changed; please try again.',
    },
  };
}

function sendResult(res: ServerResponse, result: CallResult<unknown>): void {
  const json = JSON.stringify(result);
  const status =
    !result.ok && /at most \d+ MB/.test(result.error.message) ? 413 : httpStatusFor(result);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // A refused upload is not read to its end: the connection closes instead.
    ...(result.ok ? {} : { Connection: 'close' }),
  });
  res.end(json);
}

/** Always an attachment and never sniffed: a stored HTML file must not run as this host's page. */
function sendFile(
  res: ServerResponse,
  name: string,
  bytes: Buffer,
  type = 'application/octet-stream',
): void {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': bytes.length,
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  res.end(bytes);
}
