import { z } from 'zod';

/** What the keychain holds for one QuickBooks company (account = realm id). */
export const TokenSet = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** ISO times, computed from expires_in / x_refresh_token_expires_in when received. */
  accessExpiresAt: z.string(),
  refreshExpiresAt: z.string(),
});
export type TokenSet = z.infer<typeof TokenSet>;

export interface IntuitTokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  x_refresh_token_expires_in: number;
}

export function tokenSetFromResponse(json: IntuitTokenResponse, receivedAt: Date): TokenSet {
  return {
    accessToken: json.access_token,
    refreshToken: json.refresh_token,
    accessExpiresAt: new Date(receivedAt.getTime() + json.expires_in * 1000).toISOString(),
    refreshExpiresAt: new Date(
      receivedAt.getTime() + json.x_refresh_token_expires_in * 1000,
    ).toISOString(),
  };
}
