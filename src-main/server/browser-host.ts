import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpPaths } from '../../src-shared/contract';
import { createCore, type Core } from '../core';
import type { EventBus } from '../events';
import type { QuickBooksConfig } from '../quickbooks/quickbooks-config';
import { createNodePorts, type NodePorts } from '../platform/node/node-ports';
import type { Ports } from '../platform/ports';
import { describeForLog } from '../secret-redaction';
import { CALL_PATH_PREFIX, DEFAULT_MAX_BODY_BYTES, handleCall } from './call-route';
import { EventStreams } from './event-stream';
import { createRequestGuard, type RequestGuard } from './request-guard';
import { sendText, serveStatic } from './static-files';

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
  /**
   * Adds `GET /api/test/outbox` (addresses opened, notifications shown) so e2e
   * tests in another process can check them. Never on outside tests.
   */
  testHooks?: boolean;
  version?: string;
  /** Intuit app keys; by default from the environment or quickbooks.json (see README). */
  quickbooks?: QuickBooksConfig | null;
}

export interface BrowserHost {
  url: string;
  port: number;
  core: Core;
  close(): Promise<void>;
}

export const TEST_OUTBOX_PATH = '/api/test/outbox';

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
  const core = await createCore({
    dataDir: options.dataDir,
    ports: hostPorts,
    host: 'browser',
    version: options.version,
    quickbooks: options.quickbooks,
  });
  late.events = core.events;
  const streams = new EventStreams(core.events, options.heartbeatMs ?? 15_000);
  const staticDir = resolve(options.staticDir ?? defaultStaticDir);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const server = createServer();

  async function route(
    guard: RequestGuard,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const refusal = guard.refusal(req);
    if (refusal) {
      req.resume();
      return sendText(res, 403, refusal);
    }
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
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
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(guard, req, res).catch((error: unknown) => {
      console.error('[browser host]', describeForLog(error));
      if (!res.headersSent) sendText(res, 500, 'Something went wrong. Please try again.');
      else res.destroy();
    });
  });
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
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
        await core.close();
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
