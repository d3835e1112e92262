import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Serves the built renderer (`out/renderer`). Paths without an extension fall
 * back to index.html so the app's routes survive a reload; nothing outside
 * `root` is ever served, whatever the encoding of `..` in the address.
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, 405, 'Method not allowed.');
  }
  const file = fileInside(root, pathname);
  if (!file) return sendText(res, 404, 'Not found.');
  const found = (await isFile(file))
    ? file
    : extname(file) === ''
      ? resolve(root, 'index.html')
      : null;
  if (!found || !(await isFile(found))) {
    return found === null
      ? sendText(res, 404, 'Not found.')
      : sendText(res, 503, 'The app has not been built yet: run `npm run build`, then reload.');
  }
  const isPage = extname(found) === '.html';
  res.writeHead(200, {
    'Content-Type': contentTypeFor(found),
    'Cache-Control': isPage ? 'no-cache' : 'public, max-age=3600',
    ...PAGE_SECURITY_HEADERS,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * The renderer's own policy (index.html's meta tag) repeated as a header, where
 * frame-ancestors also works; a page opened from the app (a QuickBooks tab)
 * gets no handle back to it (Cross-Origin-Opener-Policy).
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

export const PAGE_SECURITY_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
} as const;

/** Whether a request path is answered with the app's page (index.html or its route fallback). */
export function isPagePath(pathname: string): boolean {
  const ext = extname(pathname).toLowerCase();
  return ext === '' || ext === '.html';
}

/** A short page of plain words, for a tab that cannot be served the app. */
export function sendPage(
  res: ServerResponse,
  status: number,
  page: { title: string; body: string },
): void {
  const html =
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>${page.title}</title>` +
    `<body style="font-family:sans-serif;max-width:36rem;margin:4rem auto;line-height:1.5">` +
    `<h1>${page.title}</h1><p>${page.body}</p></body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    ...PAGE_SECURITY_HEADERS,
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(html);
}

/** The file a request path names inside `root`, or null when it would leave it. */
export function fileInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  if (file !== base && !file.startsWith(base + sep)) return null;
  return file === base ? resolve(base, 'index.html') : file;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}
