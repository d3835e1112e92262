import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpPaths } from '../../src-shared/contract';
import { createCore, type Core, type CoreOptions } from '../core';
import type { DatabaseTarget } from '../db/database-target';
import { acquireDataFolderLock } from '../data-folder/data-folder-lock';
import type { EventBus } from '../events';
import type { QuickBooksConfig } from '../quickbooks/quickbooks-config';
import { createNodePorts, type NodePorts } from '../platform/node/node-ports';
import type { Ports } from '../platform/ports';
import { log } from '../logging/core-log';
import { describeUnexpected } from '../logging/unexpected-error';
import { CALL_PATH_PREFIX, DEFAULT_MAX_BODY_BYTES, handleCall } from './call-route';
import { EventStreams } from './event-stream';
import { FILES_PATH_PREFIX, handleFileRoute } from './file-routes';
import { createLaunchKey, LAUNCH_KEY_PARAM, type LaunchKey } from './launch-key';
import { createRequestGuard, type RequestGuard } from './request-guard';
import { isPagePath, sendPage, sendText, serveStatic } from './static-files';

export interface BrowserHostOptions {
  /** Folder for the data file (the Electron host uses userData). */
  dataDir: string;
  /** 0 picks a free port; the chosen one is in `url`. */
  port: number;
  /** Loopback only: the host has no login, so it must not be reachable from the network. */
  host?: '127.0.0.1';
  /** The built renderer; defaults to out/renderer of this checkout. */
  staticDir?: string;
  /** Defaults to createNodePorts() (system browser, OS keychain). */
  ports?: Ports;
  /** Other origins allowed to call (e.g. a Vite dev server proxying to this host). */
  extraOrigins?: string[];
  maxBodyBytes?: number;
  heartbeatMs?: number;
  /** Event streams open at once; defaults to MAX_EVENT_STREAMS. */
  maxEventStreams?: number;
  /**
   * Adds `GET /api/test/outbox` (addresses opened, notifications shown) so e2e
   * tests in another process can check them. Never on outside tests.
   */
  testHooks?: boolean;
  version?: string;
  /** Intuit app keys; by default from the environment or quickbooks.json (see README). */
  quickbooks?: QuickBooksConfig | null;
  /** A shared PostgreSQL database instead of the data folder's file (e2e of several computers). */
  database?: DatabaseTarget;
  /** The nightly sync's timer (e2e passes a fake one) or false; by default node-schedule. */
  scheduler?: CoreOptions['scheduler'];
}

export interface BrowserHost {
  /** The address to open: it carries this launch's key (see launch-key.ts). */
  url: string;
  /** `http://127.0.0.1:<port>`, without the key. */
  origin: string;
  port: number;
  /** `name=value` of the key's cookie, for tools in this process that call the host directly. */
  authCookie: string;
  core: Core;
  close(): Promise<void>;
}

export const TEST_OUTBOX_PATH = '/api/test/outbox';

/** A tab keeps one stream open; more than this many at once is not the app's own tabs. */
export const MAX_EVENT_STREAMS = 8;

const NO_KEY_TEXT =
  'This address needs the key EquineOps printed when it started. Open the address it printed.';

const NO_KEY_PAGE = {
  title: 'Open EquineOps from the address it printed',
  body: 'For your clients’ privacy, EquineOps only answers the address it printed when it started (the one ending in “?key=…”). Open that address to continue. If EquineOps was restarted, use the address it printed this time.',
};

const STALE_KEY_PAGE = {
  title: 'This address is from an earlier start of EquineOps',
  body: 'EquineOps makes a new address each time it starts. Open the address it printed this time (the one ending in “?key=…”).',
};

/** A call without the key: the CallResult the renderer reads, so the tab says what to do. */
function sendCallRefusal(res: ServerResponse): void {
  const json = JSON.stringify({
    ok: false,
    error: {
      code: 'internal',
      message:
        'This tab is no longer connected to EquineOps (it was restarted, or the tab was opened without its key). Open the address EquineOps printed when it started.',
    },
  });
  res.writeHead(401, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(json);
}

const defaultStaticDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../out/renderer');

/**
 * The same core as the Electron app, served over HTTP to a browser: contract
 * calls at `POST /api/call/<method>`, events at `GET /api/events` (SSE), and
 * the built renderer for everything else. See README.md beside this file.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const ports = options.ports ?? createNodePorts({ launchBrowser: false });
  // For a page served by this host the "system browser" is the page's own browser:
  // links and the QuickBooks sign-in open in a new tab, notifications become toasts.
  const late: { events?: EventBus } = {};
  const hostPorts: Ports = {
    ...ports,
    openExternal: {
      open: async (url) => {
        await ports.openExternal.open(url);
        late.events?.emit('app.openUrl', { url });
      },
    },
    notifier: {
      notify: (notification) => {
        ports.notifier.notify(notification);
        late.events?.emit('app.notification', notification);
      },
    },
  };
  // One running copy per data folder (data-folder-lock.ts): refused here, before the file opens.
  const lock = await acquireDataFolderLock(options.dataDir, 'browser');
  const core = await createCore({
    dataDir: options.dataDir,
    ports: hostPorts,
    host: 'browser',
    version: options.version,
    quickbooks: options.quickbooks,
    warmWorker: true,
    database: options.database,
    scheduler: options.scheduler,
  }).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  late.events = core.events;
  const streams = new EventStreams(
    core.events,
    options.heartbeatMs ?? 15_000,
    options.maxEventStreams ?? MAX_EVENT_STREAMS,
  );
  const staticDir = resolve(options.staticDir ?? defaultStaticDir);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const server = createServer();

  async function route(
    guard: RequestGuard,
    key: LaunchKey,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const refusal = guard.refusal(req);
    if (refusal) {
      req.resume();
      return sendText(res, 403, refusal);
    }
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (pathname === '/' && searchParams.has(LAUNCH_KEY_PARAM)) {
      req.resume();
      if (!key.matches(searchParams.get(LAUNCH_KEY_PARAM)))
        return sendPage(res, 401, STALE_KEY_PAGE);
      // The key moves into the cookie and out of the address bar; the browser keeps any #/route.
      res.writeHead(303, {
        Location: '/',
        'Set-Cookie': key.setCookieHeader(),
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      });
      res.end();
      return;
    }
    const isApi = pathname.startsWith('/api/');
    if ((isApi || isPagePath(pathname)) && !key.carries(req)) {
      req.resume();
      if (pathname.startsWith(CALL_PATH_PREFIX)) return sendCallRefusal(res);
      return isApi ? sendText(res, 401, NO_KEY_TEXT) : sendPage(res, 401, NO_KEY_PAGE);
    }
    if (pathname.startsWith(CALL_PATH_PREFIX)) {
      return handleCall(
        req,
        res,
        decodeMethod(pathname.slice(CALL_PATH_PREFIX.length)),
        core.dispatcher,
        maxBodyBytes,
      );
    }
    if (pathname === httpPaths.events && req.method === 'GET') return streams.accept(req, res);
    if (pathname.startsWith(FILES_PATH_PREFIX))
      return handleFileRoute(req, res, new URL(req.url ?? '/', 'http://127.0.0.1'), core);
    if (options.testHooks && pathname === TEST_OUTBOX_PATH)
      return sendOutbox(res, ports as Partial<NodePorts>);
    if (pathname.startsWith('/api/')) {
      req.resume();
      return sendText(res, 404, 'Not found.');
    }
    return serveStatic(req, res, staticDir, pathname);
  }

  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (error) {
    await core.close();
    lock.release();
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EADDRINUSE'
        ? `Port ${options.port} is already in use; choose another with --port.`
        : `The browser host could not start: ${(error as Error).message}`,
      { cause: error },
    );
  }

  const port = (server.address() as AddressInfo).port;
  // The Host/Origin rules need the real port, known only once listening (port 0).
  const guard = createRequestGuard(port, options.extraOrigins);
  const key = createLaunchKey(port);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(guard, key, req, res).catch((error: unknown) => {
      log.error('call', `a request failed unexpectedly: ${describeUnexpected(error)}`);
      if (!res.headersSent) sendText(res, 500, 'Something went wrong. Please try again.');
      else res.destroy();
    });
  });
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}/?${LAUNCH_KEY_PARAM}=${key.value}`,
    origin: `http://127.0.0.1:${port}`,
    port,
    authCookie: key.cookie,
    core,
    close() {
      closing ??= (async () => {
        await new Promise<void>((done) => {
          server.close(() => done());
          streams.closeAll();
          server.closeIdleConnections();
          // A call still running gets a moment to answer; then every socket is cut so the database can close.
          setTimeout(() => server.closeAllConnections(), 2_000).unref();
        });
        try {
          await core.close();
        } finally {
          lock.release();
        }
      })();
      return closing;
    },
  };
}

function decodeMethod(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function sendOutbox(res: ServerResponse, ports: Partial<NodePorts>): void {
  const body = JSON.stringify({
    openedUrls: [...(ports.openExternal?.opened ?? [])],
    notifications: [...(ports.notifier?.sent ?? [])],
  });
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
