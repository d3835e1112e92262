import { ACCOUNTING_SCOPE } from './routes.js';

export interface SandboxTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  x_refresh_token_expires_in: number;
  token_type: string;
  realmId: string;
  state: string;
}

/**
 * Walks the authorize → redirect → token exchange the way a browser and an
 * app would, for tests that just need a connected client. Auto-approve must be on.
 */
export async function connectWithAutoApprove(sandbox: {
  url: string;
  clientId: string;
  clientSecret: string;
  redirectUri?: string;
}): Promise<SandboxTokens> {
  const redirectUri = sandbox.redirectUri ?? 'http://127.0.0.1:53682/callback';
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const authorize = new URL('/connect/oauth2', sandbox.url);
  authorize.search = new URLSearchParams({
    client_id: sandbox.clientId,
    response_type: 'code',
    scope: ACCOUNTING_SCOPE,
    redirect_uri: redirectUri,
    state,
  }).toString();
  const consent = await fetch(authorize, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (consent.status !== 302 || !location)
    throw new Error(`authorize did not redirect (status ${consent.status}); is auto-approve on?`);
  const back = new URL(location);
  const code = back.searchParams.get('code');
  const realmId = back.searchParams.get('realmId');
  if (!code || !realmId) throw new Error(`authorize redirected without a code: ${location}`);
  const response = await fetch(new URL('/oauth2/v1/tokens/bearer', sandbox.url), {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
    }),
  });
  if (!response.ok) throw new Error(`token exchange failed with ${response.status}`);
  const tokens = (await response.json()) as Omit<SandboxTokens, 'realmId' | 'state'>;
  return { ...tokens, realmId, state: back.searchParams.get('state') ?? '' };
}
