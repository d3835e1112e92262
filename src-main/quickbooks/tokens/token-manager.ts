import { AppError } from '../../errors';
import { log } from '../../logging/core-log';
import type { Clock } from '../../platform/ports';
import { supportDetail } from '../api/retry-policy';
import type { OAuthExchanges } from '../oauth/intuit-oauth-client';
import { tokenSetFromResponse, type TokenSet } from './token-set';
import type { TokenVault } from './token-vault';

/** Refresh this long before the access token's end so a call never starts with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface TokenManagerEvents {
  /** The refresh token was refused or is gone: the user must reconnect. */
  onReconnectRequired(realmId: string, detail: string): Promise<void>;
  onRefreshed?(realmId: string, tokens: TokenSet): void;
}

/**
 * Hands out access tokens for one realm. Refreshes before expiry and on demand
 * after a 401, never twice at once (single flight), and writes the rotated
 * refresh token to the keychain before anything uses it: Intuit refuses the old
 * one as soon as it has issued the new one.
 */
export class TokenManager {
  private inFlight: Promise<TokenSet> | null = null;

  constructor(
    private readonly realmId: string,
    private readonly vault: TokenVault,
    private readonly oauth: OAuthExchanges,
    private readonly clock: Clock,
    private readonly events: TokenManagerEvents,
  ) {}

  async accessToken(): Promise<string> {
    const tokens = await this.current();
    if (
      new Date(tokens.accessExpiresAt).getTime() - this.clock.now().getTime() >
      REFRESH_MARGIN_MS
    ) {
      return tokens.accessToken;
    }
    return (await this.refresh(tokens.accessToken)).accessToken;
  }

  /**
   * Refreshes unless another caller already did since `staleAccessToken` was
   * handed out; concurrent callers share one refresh.
   */
  async refresh(staleAccessToken?: string): Promise<TokenSet> {
    if (this.inFlight) return this.inFlight;
    const tokens = await this.current();
    if (staleAccessToken && tokens.accessToken !== staleAccessToken) return tokens;
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.rotate(tokens).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * QuickBooks refused a freshly refreshed token too (401 or a 3200 fault): the
   * connection itself is no longer accepted, so it is marked for a reconnect.
   */
  async refusedAfterRefresh(detail: string): Promise<void> {
    await this.events.onReconnectRequired(this.realmId, detail);
  }

  private async rotate(tokens: TokenSet): Promise<TokenSet> {
    try {
      const response = await this.oauth.refresh(tokens.refreshToken);
      const next = tokenSetFromResponse(response, this.clock.now());
      await this.vault.write(this.realmId, next);
      log.info('tokens', `token refreshed for company ${this.realmId}`);
      this.events.onRefreshed?.(this.realmId, next);
      return next;
    } catch (error) {
      log.error(
        'tokens',
        `token refresh failed for company ${this.realmId}: ${supportDetail(error)}`,
      );
      if (error instanceof AppError && error.code === 'reconnect_required') {
        await this.events.onReconnectRequired(
          this.realmId,
          error.options.detail ?? 'invalid_grant',
        );
      }
      throw error;
    }
  }

  private async current(): Promise<TokenSet> {
    const tokens = await this.vault.read(this.realmId);
    if (!tokens) {
      log.error('tokens', `no tokens in the keychain for company ${this.realmId}`);
      await this.events.onReconnectRequired(this.realmId, 'no tokens in the keychain');
      throw new AppError(
        'reconnect_required',
        'QuickBooks is not connected on this computer. Reconnect QuickBooks to continue.',
      );
    }
    return tokens;
  }
}
