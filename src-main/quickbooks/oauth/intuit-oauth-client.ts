import OAuthClient from 'intuit-oauth';
import { AppError } from '../../errors';
import { redactSecrets } from '../../secret-redaction';
import type { QuickBooksConfig } from '../quickbooks-config';
import type { IntuitTokenResponse } from '../tokens/token-set';

export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

/** The three OAuth exchanges the app makes, through Intuit's own client library. */
export interface OAuthExchanges {
  authorizeUrl(redirectUri: string, state: string): string;
  exchangeCode(redirectUri: string, code: string, realmId: string): Promise<IntuitTokenResponse>;
  refresh(refreshToken: string): Promise<IntuitTokenResponse>;
  revoke(token: string): Promise<void>;
}

export function createIntuitOAuth(config: QuickBooksConfig): OAuthExchanges {
  // intuit-oauth keeps its endpoints as static properties; point them at the configured service.
  const statics = OAuthClient as unknown as Record<string, string>;
  statics.authorizeEndpoint = config.endpoints.authorize;
  statics.tokenEndpoint = config.endpoints.token;
  statics.revokeEndpoint = config.endpoints.revoke;

  // Never pass `logging: true`: the library would write the Basic auth header to disk.
  const client = (redirectUri: string) =>
    new OAuthClient({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      environment: config.environment,
      redirectUri,
    });

  return {
    authorizeUrl: (redirectUri, state) =>
      client(redirectUri).authorizeUri({ scope: [ACCOUNTING_SCOPE], state }),
    exchangeCode: async (redirectUri, code, realmId) => {
      const response = await guard(() =>
        client(redirectUri).createToken(
          `${redirectUri}?code=${encodeURIComponent(code)}&realmId=${encodeURIComponent(realmId)}`,
        ),
      );
      return response.json as IntuitTokenResponse;
    },
    refresh: async (refreshToken) => {
      const response = await guard(() =>
        client('http://127.0.0.1/callback').refreshUsingToken(refreshToken),
      );
      return response.json as IntuitTokenResponse;
    },
    revoke: async (token) => {
      await guard(() => client('http://127.0.0.1/callback').revoke({ refresh_token: token }));
    },
  };
}

/** intuit-oauth errors carry the request (with the Basic header): keep only what is safe. */
async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const e = error as {
      message?: string;
      error?: string;
      code?: string;
      intuitTid?: string;
      intuit_tid?: string;
      authResponse?: { json?: { error?: string } };
    };
    // The library fills `error` with '' or, when the answer was not JSON, the whole body: cap and mask it.
    const code = redactSecrets(
      e.authResponse?.json?.error || e.error || e.message || 'unknown_error',
    ).slice(0, 200);
    const intuitTid = e.intuitTid || e.intuit_tid;
    const tid = intuitTid ? ` intuit_tid=${intuitTid}` : '';
    if (code === 'invalid_grant') {
      throw new AppError(
        'reconnect_required',
        'QuickBooks no longer accepts this connection. Reconnect QuickBooks to continue.',
        { detail: `invalid_grant${tid}` },
      );
    }
    if (code === 'invalid_client') {
      throw new AppError(
        'quickbooks',
        'Intuit did not accept the QuickBooks app keys set up on this computer (the client ID or client secret is wrong). Check them in quickbooks.json or the QBO_CLIENT_ID and QBO_CLIENT_SECRET settings (see “Connecting QuickBooks” in the README).',
        { detail: `invalid_client${tid}` },
      );
    }
    throw new AppError(
      'quickbooks',
      'QuickBooks sign-in did not work. Please try again in a moment.',
      {
        detail: `${code}${e.code ? ` (${e.code})` : ''}${tid}`,
      },
    );
  }
}
