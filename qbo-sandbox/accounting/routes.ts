import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxClock } from '../clock.js';
import type { CompanyStore } from '../company/store.js';
import { SandboxError } from '../errors.js';
import { authenticationFault, faultJson } from '../http/fault-body.js';
import { sendJson, sendJsonText } from '../http/io.js';
import type { TokenStore } from '../oauth/tokens.js';
import { parseQuery } from '../query/parse-query.js';
import { createQueryRunner } from '../query/query-runner.js';
import { formatResponseTime, parseQboTime } from '../time-format.js';
import { CDC_LOOKBACK_MS, changedCustomers } from './cdc.js';
import { companyInfo } from './company-info.js';
import { cdcResponseJson, queryResponseJson } from './response-json.js';

/** Intuit refuses minor versions below 75 since August 2025. */
export const MIN_MINOR_VERSION = 75;

export interface AccountingDeps {
  clock: SandboxClock;
  company: () => CompanyStore;
  tokens: TokenStore;
  companyCreatedMs: number;
}

/** `/v3/company/{realm}/{rest}` → its parts, or null for other paths. */
export function accountingPath(pathname: string): { realmId: string; rest: string[] } | null {
  const m = /^\/v3\/company\/([^/]+)\/?(.*)$/.exec(pathname);
  if (!m?.[1]) return null;
  return { realmId: decodeURIComponent(m[1]), rest: (m[2] ?? '').split('/').filter(Boolean) };
}

/** A body already written as JSON (pages and CDC, from cached customer JSON). */
class SerializedJson {
  constructor(readonly bytes: Buffer) {}
}

export function createAccountingRoutes(deps: AccountingDeps) {
  let runner = createQueryRunner(deps.company());
  let runnerFor = deps.company();
  const runQuery = (text: string) => {
    // The store is swapped on reset; the cached runner must follow it.
    if (runnerFor !== deps.company()) {
      runnerFor = deps.company();
      runner = createQueryRunner(runnerFor);
    }
    return runner(parseQuery(text));
  };

  const time = () => formatResponseTime(deps.clock.now());

  const authorize = (req: IncomingMessage, realmId: string) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m?.[1])
      throw new SandboxError(
        401,
        '3200',
        'AuthenticationFailed',
        'Authorization header missing',
        'AuthenticationFault',
      );
    const check = deps.tokens.checkAccess(m[1]);
    if (!check.ok)
      throw new SandboxError(
        401,
        '3200',
        'AuthenticationFailed',
        check.reason,
        'AuthenticationFault',
      );
    if (check.realmId !== realmId || realmId !== deps.company().realmId) {
      throw new SandboxError(
        403,
        '3100',
        'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
        `The token is not authorized for company ${realmId}`,
        'AuthorizationFault',
      );
    }
  };

  const checkMinorVersion = (url: URL) => {
    const raw = url.searchParams.get('minorversion');
    if (raw === null) return;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < MIN_MINOR_VERSION) {
      throw new SandboxError(
        400,
        '4001',
        'Invalid minorversion',
        `Minor version ${raw} is not supported. Use minorversion=${MIN_MINOR_VERSION} or later.`,
        'ValidationFault',
        'minorversion',
      );
    }
  };

  const query = (url: URL) => {
    const text = url.searchParams.get('query');
    if (!text)
      throw new SandboxError(
        400,
        '4000',
        'Error parsing query',
        'QueryParserError: query parameter is missing',
      );
    const result = runQuery(text);
    if (result.kind === 'count')
      return { QueryResponse: { totalCount: result.totalCount }, time: time() };
    return new SerializedJson(queryResponseJson(result.rows, result.startPosition, time()));
  };

  const cdc = (url: URL) => {
    const entities = (url.searchParams.get('entities') ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const since = url.searchParams.get('changedSince');
    if (entities.length === 0)
      throw new SandboxError(
        400,
        '4001',
        'Invalid entities',
        'entities parameter is required',
        'ValidationFault',
        'entities',
      );
    const sinceMs = since ? parseQboTime(since) : NaN;
    if (Number.isNaN(sinceMs)) {
      throw new SandboxError(
        400,
        '4001',
        'Invalid changedSince',
        'changedSince must be an ISO 8601 date-time',
        'ValidationFault',
        'changedSince',
      );
    }
    if (sinceMs < deps.clock.now() - CDC_LOOKBACK_MS) {
      throw new SandboxError(
        400,
        '4001',
        'Invalid changedSince',
        'changedSince cannot be more than 30 days in the past',
        'ValidationFault',
        'changedSince',
      );
    }
    const perEntity = entities.map((entity) =>
      entity.toLowerCase() === 'customer' ? changedCustomers(deps.company(), sinceMs) : [],
    );
    return new SerializedJson(cdcResponseJson(perEntity, time()));
  };

  const route = (req: IncomingMessage, url: URL, rest: string[]): unknown => {
    const [resource, id, ...extra] = rest.map((p) => p.toLowerCase());
    if (resource === 'query' && !id) return query(url);
    if (resource === 'cdc' && !id) return cdc(url);
    if (resource === 'companyinfo' && id && extra.length === 0) {
      if (id !== deps.company().realmId)
        throw new SandboxError(400, '610', 'Object Not Found', `CompanyInfo ${id} not found`);
      return { CompanyInfo: companyInfo(deps.company(), deps.companyCreatedMs), time: time() };
    }
    if (resource === 'customer' && id && extra.length === 0) {
      const row = deps.company().get(rest[1] ?? '');
      if (!row)
        throw new SandboxError(
          400,
          '610',
          'Object Not Found',
          `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.`,
        );
      return { Customer: row.data, time: time() };
    }
    throw new SandboxError(
      400,
      '4001',
      'Unsupported Operation',
      `Operation ${req.method} ${url.pathname} is not supported by qbo-sandbox`,
    );
  };

  return {
    /** Everything past the gateway: method, auth, version, then the resource. */
    handle(
      req: IncomingMessage,
      res: ServerResponse,
      url: URL,
      realmId: string,
      rest: string[],
      faultIn200: boolean,
    ) {
      try {
        // The app must never write to QuickBooks; the sandbox makes any write visible.
        if (req.method !== 'GET') {
          throw new SandboxError(
            405,
            '4001',
            'Unsupported Operation',
            `qbo-sandbox is read-only: ${req.method} is not accepted`,
          );
        }
        authorize(req, realmId);
        checkMinorVersion(url);
        if (faultIn200) {
          return sendJson(
            res,
            200,
            faultJson(deps.clock.now(), 'SystemFault', [
              {
                Message: 'An application error has occurred while processing your request',
                Detail: 'System Failure Error: injected by qbo-sandbox',
                code: '10000',
              },
            ]),
          );
        }
        const body = route(req, url, rest);
        if (body instanceof SerializedJson) sendJsonText(res, 200, body.bytes);
        else sendJson(res, 200, body);
      } catch (error) {
        sendFault(res, deps.clock.now(), error);
      }
    },
  };
}

export function sendFault(res: ServerResponse, nowMs: number, error: unknown): void {
  if (error instanceof SandboxError) {
    const body =
      error.code === '3200'
        ? authenticationFault(nowMs, error.detail)
        : faultJson(nowMs, error.type, [
            {
              Message: error.message,
              Detail: error.detail,
              code: error.code,
              element: error.element,
            },
          ]);
    const headers: Record<string, string> = error.status === 405 ? { Allow: 'GET' } : {};
    if (error.status === 401)
      headers['WWW-Authenticate'] = 'Bearer realm="Intuit", error="invalid_token"';
    sendJson(res, error.status, body, headers);
    return;
  }
  sendJson(
    res,
    500,
    faultJson(nowMs, 'SystemFault', [
      { Message: 'An application error has occurred', Detail: String(error), code: '10000' },
    ]),
  );
}
