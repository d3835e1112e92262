import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseFormOrJson, readBody, redirect, sendJson, sendText } from '../http/io.js';
import { authorizeErrorPage, consentPage } from './authorize-page.js';
import type { ClientRegistry, OAuthApp } from './clients.js';
import type { TokenStore } from './tokens.js';

export const AUTHORIZE_PATH = '/connect/oauth2';
export const CONSENT_PATH = '/connect/oauth2/consent';
export const TOKEN_PATH = '/oauth2/v1/tokens/bearer';
export const REVOKE_PATH = '/v2/oauth2/tokens/revoke';

export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

export interface OAuthDeps {
  clients: ClientRegistry;
  tokens: TokenStore;
  realmId: () => string;
  companyName: () => string;
  autoApprove: () => boolean;
}

interface PendingConsent {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | null;
}

function withParams(uri: string, params: Record<string, string | null>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return url.toString();
}

/** Reads HTTP Basic client credentials, the only client auth Intuit accepts. */
function basicCredentials(req: IncomingMessage): { id: string; secret: string } | undefined {
  const header = req.headers.authorization ?? '';
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

export function createOAuthRoutes(deps: OAuthDeps) {
  const pending = new Map<string, PendingConsent>();

  const approve = (res: ServerResponse, consent: PendingConsent) => {
    const realmId = deps.realmId();
    const code = deps.tokens.issueCode(
      consent.clientId,
      realmId,
      consent.scope,
      consent.redirectUri,
    );
    redirect(res, withParams(consent.redirectUri, { code, state: consent.state, realmId }));
  };

  const authorize = (res: ServerResponse, url: URL) => {
    const q = url.searchParams;
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    const app = deps.clients.get(clientId);
    // Bad client or redirect: never bounce the browser to an unvetted URI.
    if (!app)
      return sendText(
        res,
        400,
        'text/html; charset=utf-8',
        authorizeErrorPage('invalid_client: unknown client_id'),
      );
    if (!deps.clients.redirectAllowed(app, redirectUri)) {
      return sendText(
        res,
        400,
        'text/html; charset=utf-8',
        authorizeErrorPage('redirect_uri is not registered for this app (invalid_request)'),
      );
    }
    const state = q.get('state');
    if (q.get('response_type') !== 'code') {
      return redirect(res, withParams(redirectUri, { error: 'unsupported_response_type', state }));
    }
    const scope = q.get('scope') ?? '';
    if (!scope.split(/\s+/).includes(ACCOUNTING_SCOPE) && !scope.includes('openid')) {
      return redirect(res, withParams(redirectUri, { error: 'invalid_scope', state }));
    }
    const consent: PendingConsent = { clientId, redirectUri, scope, state };
    if (deps.autoApprove()) return approve(res, consent);
    const consentId = randomBytes(16).toString('hex');
    pending.set(consentId, consent);
    sendText(
      res,
      200,
      'text/html; charset=utf-8',
      consentPage({ consentId, companyName: deps.companyName(), clientId, scope }),
    );
  };

  const decide = async (req: IncomingMessage, res: ServerResponse) => {
    const form = parseFormOrJson(req, await readBody(req));
    const consent = pending.get(form.consent ?? '');
    if (!consent) {
      return sendText(
        res,
        400,
        'text/html; charset=utf-8',
        authorizeErrorPage('This sign-in request has expired.'),
      );
    }
    pending.delete(form.consent ?? '');
    if (form.decision === 'approve') return approve(res, consent);
    redirect(
      res,
      withParams(consent.redirectUri, { error: 'access_denied', state: consent.state }),
    );
  };

  const authenticateClient = (req: IncomingMessage, res: ServerResponse): OAuthApp | undefined => {
    const creds = basicCredentials(req);
    const app = creds ? deps.clients.authenticate(creds.id, creds.secret) : undefined;
    if (!app) sendJson(res, 401, { error: 'invalid_client' }, NO_STORE);
    return app;
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    const body = parseFormOrJson(req, await readBody(req));
    const app = authenticateClient(req, res);
    if (!app) return;
    let result;
    if (body.grant_type === 'authorization_code') {
      if (!body.code) return sendJson(res, 400, { error: 'invalid_request' }, NO_STORE);
      result = deps.tokens.exchangeCode(body.code, app.clientId, body.redirect_uri);
    } else if (body.grant_type === 'refresh_token') {
      if (!body.refresh_token) return sendJson(res, 400, { error: 'invalid_request' }, NO_STORE);
      result = deps.tokens.refresh(body.refresh_token, app.clientId);
    } else {
      return sendJson(res, 400, { error: 'unsupported_grant_type' }, NO_STORE);
    }
    if (!result.ok) return sendJson(res, 400, { error: result.error }, NO_STORE);
    sendJson(res, 200, result.tokens, NO_STORE);
  };

  const revoke = async (req: IncomingMessage, res: ServerResponse) => {
    const body = parseFormOrJson(req, await readBody(req));
    const app = authenticateClient(req, res);
    if (!app) return;
    if (!body.token) return sendJson(res, 400, { error: 'invalid_request' });
    // RFC 7009: an unknown token is not an error, the caller's goal is met.
    deps.tokens.revoke(body.token, app.clientId);
    res.writeHead(200, { 'Content-Length': 0 });
    res.end();
  };

  /** Returns false when the path is not an OAuth path. */
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const method = req.method ?? 'GET';
    const route = `${method} ${url.pathname}`;
    if (route === `GET ${AUTHORIZE_PATH}`) authorize(res, url);
    else if (route === `POST ${CONSENT_PATH}`) await decide(req, res);
    else if (route === `POST ${TOKEN_PATH}`) await token(req, res);
    else if (route === `POST ${REVOKE_PATH}`) await revoke(req, res);
    else if ([AUTHORIZE_PATH, CONSENT_PATH, TOKEN_PATH, REVOKE_PATH].includes(url.pathname)) {
      sendJson(res, 405, { error: 'invalid_request', error_description: `${method} not allowed` });
    } else return false;
    return true;
  };
}
