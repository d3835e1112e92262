import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { accountingPath, createAccountingRoutes, sendFault } from './accounting/routes.js';
import { createAdminApi, type SandboxAdmin } from './admin/api.js';
import { ADMIN_PREFIX, createAdminRoutes } from './admin/routes.js';
import { authenticationFault, faultJson, throttleXml } from './http/fault-body.js';
import { newIntuitTid, sendJson, sendText } from './http/io.js';
import { createOAuthRoutes } from './oauth/routes.js';
import type { RequestLogEntry } from './request-log.js';
import type { SandboxState } from './state.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sendThrottle(res: ServerResponse): void {
  sendText(res, 429, 'application/xml', throttleXml());
}

/**
 * One node:http server for every surface. Accounting requests pass a gateway
 * first (limits, latency, injected faults) the way Intuit's edge sits in
 * front of the API, so clients meet faults before auth, as in production.
 */
export function createSandboxServer(state: SandboxState): { server: Server; admin: SandboxAdmin } {
  const admin = createAdminApi(state);
  const adminRoutes = createAdminRoutes(admin, state);
  const oauth = createOAuthRoutes({
    clients: state.clients,
    tokens: state.tokens,
    realmId: () => state.company.realmId,
    companyName: () => state.company.companyName,
    autoApprove: () => state.autoApprove,
  });
  const accounting = createAccountingRoutes({
    clock: state.clock,
    company: () => state.company,
    tokens: state.tokens,
    companyCreatedMs: state.startedMs - 3 * 365 * 24 * 60 * 60 * 1000,
  });

  const track = (entry: RequestLogEntry, res: ServerResponse, onClose?: () => void) => {
    res.on('close', () => {
      onClose?.();
      if (res.writableFinished) entry.status = res.statusCode;
      else entry.dropped = true;
    });
  };

  const handleAccounting = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    realmId: string,
    rest: string[],
  ) => {
    const { inFlight } = state.traffic.enter(realmId);
    const entry = state.log.start(
      {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        kind: 'accounting',
        realmId,
        inFlight,
      },
      state.clock.now(),
    );
    track(entry, res, () => state.traffic.leave(realmId));
    const knobs = state.faults.get();
    if (knobs.enforceLimits) {
      if (inFlight > knobs.maxInFlight) {
        entry.fault = 'limit:in-flight';
        return sendThrottle(res);
      }
      if (state.traffic.servedLastMinute(realmId) >= knobs.perMinuteLimit) {
        entry.fault = 'limit:per-minute';
        return sendThrottle(res);
      }
    }
    state.traffic.markServed(realmId);
    entry.delayMs = state.faults.latencyMs();
    if (entry.delayMs > 0) await sleep(entry.delayMs);
    const injected = state.faults.take();
    entry.fault = injected?.kind ?? null;
    switch (injected?.kind) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'throttle':
        return sendThrottle(res);
      case 'server-error': {
        const headers: Record<string, string> = {};
        if (injected.retryAfterSeconds !== null)
          headers['Retry-After'] = String(injected.retryAfterSeconds);
        const body = faultJson(state.clock.now(), 'SERVICE', [
          {
            Message: 'An unexpected error occurred. Try again later.',
            Detail: `Injected ${injected.status} by qbo-sandbox`,
            code: '10000',
          },
        ]);
        return sendJson(res, injected.status, body, headers);
      }
      case 'auth-fault-in-200': {
        const token = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
        return sendJson(
          res,
          200,
          authenticationFault(state.clock.now(), `Token expired: ${token}`),
        );
      }
      default:
        accounting.handle(req, res, url, realmId, rest, injected?.kind === 'fault-in-200');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('intuit_tid', newIntuitTid());
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
      return adminRoutes(req, res, url);
    }
    const v3 = accountingPath(url.pathname);
    if (v3) return handleAccounting(req, res, url, v3.realmId, v3.rest);

    const isOAuth =
      url.pathname.startsWith('/connect/') ||
      url.pathname.startsWith('/oauth2/') ||
      url.pathname.startsWith('/v2/oauth2/');
    const entry = state.log.start(
      {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        kind: isOAuth ? 'oauth' : 'other',
        realmId: null,
        inFlight: 0,
      },
      state.clock.now(),
    );
    track(entry, res);
    if (isOAuth) {
      entry.delayMs = state.faults.latencyMs();
      if (entry.delayMs > 0) await sleep(entry.delayMs);
      if (await oauth(req, res, url)) return;
    }
    sendJson(
      res,
      404,
      faultJson(state.clock.now(), 'ValidationFault', [
        {
          Message: 'Resource not found',
          Detail: `${url.pathname} is not served by qbo-sandbox`,
          code: '4001',
        },
      ]),
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendFault(res, state.clock.now(), error);
      else res.destroy();
    });
  });
  return { server, admin };
}
