import { randomBytes } from 'node:crypto';
import type { SandboxClock } from '../clock.js';

/** Lifetimes Intuit uses: 1 h access, ~101 days refresh, 10 min codes. */
export const ACCESS_TOKEN_SECONDS = 3600;
export const REFRESH_TOKEN_SECONDS = 8_726_400;
export const CODE_SECONDS = 600;

export interface TokenResponse {
  token_type: 'bearer';
  access_token: string;
  refresh_token: string;
  expires_in: number;
  x_refresh_token_expires_in: number;
  id_token?: string;
}

/** One connection of one app to one company; revoking any of its tokens ends it. */
interface Grant {
  id: number;
  clientId: string;
  realmId: string;
  scope: string;
  revoked: boolean;
}

interface IssuedCode {
  grant: Omit<Grant, 'id' | 'revoked'>;
  redirectUri: string;
  expiresMs: number;
  used: boolean;
}

interface AccessToken {
  grant: Grant;
  expiresMs: number;
}

interface RefreshToken {
  grant: Grant;
  expiresMs: number;
  /** Set once the token has been exchanged; rotation makes it useless after that. */
  rotated: boolean;
}

export type AccessCheck =
  { ok: true; realmId: string; clientId: string } | { ok: false; reason: string };

export type GrantResult =
  { ok: true; tokens: TokenResponse } | { ok: false; error: 'invalid_grant'; description: string };

const secret = (bytes: number) => randomBytes(bytes).toString('base64url');

export function createTokenStore(clock: SandboxClock) {
  const codes = new Map<string, IssuedCode>();
  const access = new Map<string, AccessToken>();
  const refresh = new Map<string, RefreshToken>();
  let nextGrant = 1;

  const issue = (grant: Grant): TokenResponse => {
    const now = clock.now();
    // Shaped like Intuit's: a long opaque access token, "AB11…" refresh tokens.
    const accessToken = `eyJlbmMiOiJBMTI4Q0JDLUhTMjU2In0.sandbox.${secret(48)}`;
    const refreshToken = `AB11${Math.floor(now / 1000) + REFRESH_TOKEN_SECONDS}${secret(24)}`;
    access.set(accessToken, { grant, expiresMs: now + ACCESS_TOKEN_SECONDS * 1000 });
    refresh.set(refreshToken, {
      grant,
      expiresMs: now + REFRESH_TOKEN_SECONDS * 1000,
      rotated: false,
    });
    return {
      token_type: 'bearer',
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: ACCESS_TOKEN_SECONDS,
      x_refresh_token_expires_in: REFRESH_TOKEN_SECONDS,
    };
  };

  return {
    issueCode(clientId: string, realmId: string, scope: string, redirectUri: string): string {
      const code = `AB1${secret(32)}`;
      codes.set(code, {
        grant: { clientId, realmId, scope },
        redirectUri,
        expiresMs: clock.now() + CODE_SECONDS * 1000,
        used: false,
      });
      return code;
    },

    exchangeCode(code: string, clientId: string, redirectUri: string | undefined): GrantResult {
      const issued = codes.get(code);
      const fail = (description: string): GrantResult => ({
        ok: false,
        error: 'invalid_grant',
        description,
      });
      if (!issued) return fail('unknown authorization code');
      if (issued.used) return fail('authorization code already used');
      if (issued.expiresMs <= clock.now()) return fail('authorization code expired');
      if (issued.grant.clientId !== clientId)
        return fail('authorization code issued to another client');
      if (redirectUri !== issued.redirectUri)
        return fail('redirect_uri does not match the authorization request');
      issued.used = true;
      const grant: Grant = { id: nextGrant++, ...issued.grant, revoked: false };
      return { ok: true, tokens: issue(grant) };
    },

    refresh(refreshToken: string, clientId: string): GrantResult {
      const held = refresh.get(refreshToken);
      const fail = (description: string): GrantResult => ({
        ok: false,
        error: 'invalid_grant',
        description,
      });
      if (!held) return fail('unknown refresh token');
      if (held.grant.clientId !== clientId) return fail('refresh token issued to another client');
      if (held.grant.revoked) return fail('refresh token revoked');
      if (held.rotated) return fail('refresh token already used; use the newest one');
      if (held.expiresMs <= clock.now()) return fail('refresh token expired');
      held.rotated = true;
      return { ok: true, tokens: issue(held.grant) };
    },

    /** Revokes the grant behind an access or refresh token. False if unknown. */
    revoke(token: string, clientId: string): boolean {
      const grant = access.get(token)?.grant ?? refresh.get(token)?.grant;
      if (!grant || grant.clientId !== clientId) return false;
      grant.revoked = true;
      return true;
    },

    checkAccess(token: string): AccessCheck {
      const held = access.get(token);
      if (!held) return { ok: false, reason: 'Token is invalid or unknown' };
      if (held.grant.revoked) return { ok: false, reason: 'Token revoked' };
      if (held.expiresMs <= clock.now())
        return { ok: false, reason: `Token expired: ${token.slice(0, 12)}…` };
      return { ok: true, realmId: held.grant.realmId, clientId: held.grant.clientId };
    },

    expireAllAccessTokens(): number {
      const now = clock.now();
      for (const held of access.values()) held.expiresMs = Math.min(held.expiresMs, now);
      return access.size;
    },

    expireAllRefreshTokens(): number {
      const now = clock.now();
      for (const held of refresh.values()) held.expiresMs = Math.min(held.expiresMs, now);
      return refresh.size;
    },

    revokeAll(): void {
      for (const held of access.values()) held.grant.revoked = true;
      for (const held of refresh.values()) held.grant.revoked = true;
    },

    clear(): void {
      codes.clear();
      access.clear();
      refresh.clear();
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
