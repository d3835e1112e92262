import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN,
  ALL_SECRETS,
  AUTH_CODE,
  CLIENT_SECRET,
  INTUIT_TID,
  REFRESH_TOKEN,
  invalidClientJson,
  invalidGrantJson,
  jsonParseSnippet,
  quotedRevokeBody,
  quotedTokenRequest,
  quotedTokenResponse,
  secretFragments,
  tokenExpiredJson,
  tokenExpiredXml,
} from '../tests/support/intuit-bodies';
import { describeForLog, redactDeep, redactSecrets } from './secret-redaction';

function expectNoSecret(text: string): void {
  for (const fragment of secretFragments()) expect(text).not.toContain(fragment);
}

describe('secrets in logs and support detail are masked by their shape', () => {
  it('masks the token Intuit quotes in a 3200 fault, JSON or XML, and keeps the rest for support', () => {
    for (const body of [tokenExpiredJson, tokenExpiredXml]) {
      const safe = redactSecrets(body);
      expectNoSecret(safe);
      expect(safe).toContain('Token expired: [redacted]');
      expect(safe).toContain('3200');
      expect(safe).toContain('AuthenticationFailed');
    }
  });

  it('masks an authorization code, Basic header, tokens in any spelling and the revoke body', () => {
    for (const text of [
      quotedTokenRequest,
      quotedTokenResponse,
      quotedRevokeBody,
      `x_refresh_token=${REFRESH_TOKEN}`,
      `{"refreshToken":"${REFRESH_TOKEN}","AccessToken":"${ACCESS_TOKEN}"}`,
      `refresh-token: ${REFRESH_TOKEN}`,
      `Refresh Token = ${REFRESH_TOKEN}`,
      `http://127.0.0.1:53682/callback?code=${AUTH_CODE}&state=s3cr3tStateValue&realmId=9130`,
      `clientSecret: '${CLIENT_SECRET}'`,
      `the app key ${CLIENT_SECRET} was refused`,
    ]) {
      const safe = redactSecrets(text);
      expectNoSecret(safe);
      expect(safe).toContain('[redacted]');
    }
    expect(redactSecrets(`?code=${AUTH_CODE}&state=s3cr3tStateValue&realmId=9130`)).toBe(
      '?code=[redacted]&state=[redacted]&realmId=9130',
    );
  });

  it('masks the text a JSON parse error quotes', () => {
    const safe = redactSecrets(jsonParseSnippet);
    expect(safe).not.toContain(CLIENT_SECRET.slice(0, 20));
    expect(safe).toContain('is not valid JSON');
  });

  it('leaves OAuth error codes, fault codes, intuit_tid, paths and ordinary text as they were', () => {
    for (const text of [
      invalidGrantJson,
      invalidClientJson,
      'QuickBooks could not be reached: TypeError: fetch failed: ECONNRESET',
      `HTTP 401; code 3200; intuit_tid ${INTUIT_TID}`,
      '{"code":"3200","element":""}',
      'at QuickBooksClient.get (/home/office/equineops/src-main/quickbooks/api/quickbooks-client.ts:42:7)',
      'QuickBooks customer 123 has no name',
    ]) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  it('masks every string of an audit detail, and fields named for a secret', () => {
    const detail = redactDeep({
      support: `HTTP 200; code 3200; Token expired: ${ACCESS_TOKEN}`,
      nested: [{ refresh_token: 'short' }],
      runId: 4,
    });
    expectNoSecret(JSON.stringify(detail));
    expect(detail.nested[0]?.refresh_token).toBe('[redacted]');
    expect(detail.runId).toBe(4);
  });

  it('describes a thrown error with its stack, masked', () => {
    const error = new Error('refused with Bearer abcdefghijklmnop');
    const line = describeForLog(error);
    expect(line).toContain('Error: refused with Bearer [redacted]');
    expect(line).not.toContain('abcdefghijklmnop');
    expect(describeForLog('plain')).toBe('plain');
  });

  it('all the sample secrets are long enough to be caught by shape alone', () => {
    for (const secret of ALL_SECRETS) expect(redactSecrets(`x ${secret} y`)).toBe('x [redacted] y');
  });
});
