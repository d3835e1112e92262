/**
 * What Intuit really sends back when something goes wrong, with made-up but
 * real-shaped secrets in it, for tests that prove no secret is stored or shown.
 * The access token is a JWE (five dot-separated parts, as Intuit issues them);
 * refresh tokens and authorization codes are `AB11…` runs; client secrets are
 * 40 characters.
 */
export const ACCESS_TOKEN =
  'eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..q3F0sNp1lH1xK3vCjb9PgA.2aIhRbYQzT8m0Xn4vS7dLk1WcE9uJpG3fB6yHq5rNtOaZx.Kd8sW2mQ4pV7nB1cX9zR0g';
export const REFRESH_TOKEN = 'AB11791234567Qx9LzPq8v7bXn4mKt2RwYs6JdHc3FgVe';
export const AUTH_CODE = 'AB11790000000aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456';
export const CLIENT_SECRET = 'k7Qm2Xv9Lp4Rt8Wz1Nb6Yc3Hd5Jf0Gs2Ae7Uo4Ti';

export const ALL_SECRETS = [ACCESS_TOKEN, REFRESH_TOKEN, AUTH_CODE, CLIENT_SECRET];

/** Pieces long enough to matter if a secret were cut rather than masked. */
export function secretFragments(): string[] {
  return ALL_SECRETS.flatMap((secret) =>
    secret
      .split('.')
      .filter((part) => part.length >= 12)
      .map((part) => part.slice(0, 12)),
  );
}

export const INTUIT_TID = '1-66f1c4e5-4c1b9b4e6d0c7e2f1a3b5c7d';

/** A 3200 from the Accounting API, JSON, quoting the whole token. */
export const tokenExpiredJson = JSON.stringify({
  Fault: {
    Error: [
      {
        Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
        Detail: `Token expired: ${ACCESS_TOKEN}`,
        code: '3200',
      },
    ],
    type: 'AuthenticationFault',
  },
  time: '2026-11-20T02:00:04.123-08:00',
});

/** The same fault as the XML Intuit's gateway sends. */
export const tokenExpiredXml =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2026-11-20T02:00:04.123-08:00">' +
  '<Fault type="AUTHENTICATION"><Error code="3200">' +
  '<Message>message=AuthenticationFailed; errorCode=003200; statusCode=401</Message>' +
  `<Detail>Token expired: ${ACCESS_TOKEN}</Detail>` +
  '</Error></Fault></IntuitResponse>';

/** The token endpoint refusing a refresh token. */
export const invalidGrantJson = '{"error":"invalid_grant"}';
export const invalidClientJson = '{"error":"invalid_client"}';

/** What a library quotes when it fails: the request it sent, secrets and all. */
export const quotedTokenRequest =
  `POST /oauth2/v1/tokens/bearer grant_type=authorization_code&code=${AUTH_CODE}&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682%2Fcallback ` +
  `Authorization: Basic ${Buffer.from(`ABclientid:${CLIENT_SECRET}`).toString('base64')}`;
export const quotedTokenResponse = JSON.stringify({
  token_type: 'bearer',
  access_token: ACCESS_TOKEN,
  refresh_token: REFRESH_TOKEN,
  x_refresh_token_expires_in: 8726400,
  expires_in: 3600,
});
export const quotedRevokeBody = JSON.stringify({ token: REFRESH_TOKEN });
/** A JSON.parse failure quoting the text it choked on. */
export const jsonParseSnippet = `Unexpected token 'a', ..."Secret": ${CLIENT_SECRET.slice(0, 20)}"... is not valid JSON`;
