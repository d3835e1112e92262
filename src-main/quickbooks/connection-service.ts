import { randomBytes } from 'node:crypto';
import type { QuickBooksStatus } from '../../src-shared/contract';
import { recordActivity } from '../activity/activity-log';
import type { CoreContext } from '../core-context';
import { AppError } from '../errors';
import { log } from '../logging/core-log';
import {
  readSetting,
  readOrganizationSettings,
  writeSettings,
} from '../settings/settings-repository';
import { becomeSyncComputer, readSyncComputerId } from '../shared-database/computer-presence';
import {
  seatsGetter,
  type SeatsSource,
  type SyncCoordinator,
} from '../shared-database/sync-coordinator';
import { nextDailyRun } from '../sync/scheduler/daily-run-time';
import { QuickBooksClient } from './api/quickbooks-client';
import {
  readConnection,
  saveConnection,
  updateConnectionState,
  type ConnectionRecord,
} from './connection-repository';
import { createIntuitOAuth, type OAuthExchanges } from './oauth/intuit-oauth-client';
import { startLoopbackListener, type LoopbackListener } from './oauth/loopback-listener';
import type { QuickBooksConfig } from './quickbooks-config';
import { TokenManager } from './tokens/token-manager';
import { tokenSetFromResponse } from './tokens/token-set';
import { TokenVault } from './tokens/token-vault';

const RECONNECT_WARNING_MS = 14 * 24 * 60 * 60 * 1000;

export const PERMISSIONS = [
  'Read your customers’ contact details: names, emails, phone numbers and addresses.',
  'EquineOps never changes anything in QuickBooks, and never reads invoices, payments or balances.',
];

/**
 * The QuickBooks connection's whole life: connect through the system browser and
 * a loopback callback, keep tokens in the keychain, refresh safely, ask for a
 * reconnect when Intuit refuses the refresh token, disconnect.
 */
export class QuickBooksConnection {
  private pending: LoopbackListener | null = null;
  private connecting = false;
  private lastFailure: string | null = null;
  private readonly vault: TokenVault;
  private readonly seats: () => SyncCoordinator | null;
  private readonly oauth: OAuthExchanges | null;
  private managers = new Map<string, TokenManager>();
  private lastEndingSoonWarning: string | null = null;
  /** Told when a company is connected or reconnected (core.ts starts the initial sync from it). */
  onConnected: ((realmId: string) => void) | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly config: QuickBooksConfig | null,
    oauth?: OAuthExchanges,
    /** Several computers on a shared database (null on this computer's own file); a getter, as the database can switch. */
    seats?: SeatsSource,
  ) {
    this.vault = new TokenVault(ctx.ports.secrets);
    this.oauth = oauth ?? (config ? createIntuitOAuth(config) : null);
    this.seats = seatsGetter(seats);
  }

  async status(): Promise<QuickBooksStatus> {
    const connection = await readConnection(this.ctx.db);
    const settings = await readOrganizationSettings(this.ctx.db);
    const now = this.ctx.ports.clock.now().getTime();
    const live = connection && connection.state !== 'disconnected' ? connection : null;
    const customerSyncEnabled = (await readSetting(this.ctx.db, 'customerSyncEnabled')) !== 'false';
    const state: QuickBooksStatus['state'] = this.connecting
      ? 'connecting'
      : live?.state === 'connected' || live?.state === 'reconnect_required'
        ? live.state
        : 'not_connected';
    return {
      configured: this.config !== null,
      state,
      realmId: live?.realmId ?? null,
      companyName: live?.companyName ?? null,
      environment: live?.environment ?? null,
      connectedAt: live?.connectedAt ?? null,
      detail: live?.state === 'reconnect_required' ? live.stateDetail : this.lastFailure,
      refreshExpiresSoon:
        live?.state === 'connected' && live.refreshExpiresAt !== null
          ? new Date(live.refreshExpiresAt).getTime() - now < RECONNECT_WARNING_MS
          : false,
      customerSyncEnabled,
      schedule: { time: '02:00', label: 'Daily at 2:00 AM', timeZone: settings.timeZone },
      // The same rule the nightly scheduler plans with (sync/scheduler/nightly-scheduler.ts).
      nextRunAt:
        customerSyncEnabled && (state === 'connected' || state === 'reconnect_required')
          ? nextDailyRun(new Date(now), '02:00', settings.timeZone).toISOString()
          : null,
      permissions: PERMISSIONS,
      tokensKept: this.ctx.ports.secrets.kept ?? 'keychain',
      syncComputer: live ? ((await this.seats()?.syncComputer()) ?? null) : null,
    };
  }

  /** Where the sign-in page lives (Intuit's app center, or the local sandbox): the Electron link policy allows it. */
  signInBase(): string | null {
    return this.config ? this.config.endpoints.authorize : null;
  }

  /** Opens Intuit's consent page; the connection completes when the browser comes back. */
  async connect(): Promise<{ authorizeUrl: string }> {
    const config = this.config;
    const oauth = this.oauth;
    if (!config || !oauth) {
      throw new AppError(
        'not_connected',
        'QuickBooks app keys are not set up on this computer. See "Connecting QuickBooks" in the README.',
      );
    }
    // Find out now, not after the user has approved in the browser, that there is nowhere safe to keep tokens.
    await this.ctx.ports.secrets.get('availability-check');
    const previous = this.pending;
    previous?.close();
    // A fixed relay port must be free before it is taken again.
    await previous?.closed;
    const state = randomBytes(32).toString('base64url');
    let redirectUri = config.redirectUri ?? '';
    const listener = await startLoopbackListener({
      expectedState: state,
      port: config.redirectUri ? config.loopbackPort : 0,
      // The sign-in tab waits for this, so it can say whether the connection really worked.
      finish: ({ code, realmId }) => this.complete(oauth, config, redirectUri, code, realmId),
    });
    this.pending = listener;
    redirectUri ||= listener.redirectUri;
    const authorizeUrl = oauth.authorizeUrl(redirectUri, state);
    this.connecting = true;
    this.lastFailure = null;
    await this.publish();

    void listener.result
      .catch(async (error: unknown) => {
        if (this.pending !== listener) return;
        this.lastFailure =
          error instanceof AppError ? error.message : 'QuickBooks could not be connected.';
        await this.audit(
          'quickbooks.connect_failed',
          `Connecting QuickBooks failed: ${this.lastFailure}`,
          {
            detail: error instanceof AppError ? error.options.detail : undefined,
          },
        );
      })
      .finally(async () => {
        if (this.pending === listener) {
          this.pending = null;
          this.connecting = false;
          await this.publish();
        }
      })
      // Nobody awaits this chain: a database closed under it (app quitting) must not become an unhandled rejection.
      .catch(() => undefined);

    await this.ctx.ports.openExternal.open(authorizeUrl);
    return { authorizeUrl };
  }

  private async complete(
    oauth: OAuthExchanges,
    config: QuickBooksConfig,
    redirectUri: string,
    code: string,
    realmId: string,
  ): Promise<void> {
    const now = this.ctx.ports.clock.now();
    const tokens = tokenSetFromResponse(await oauth.exchangeCode(redirectUri, code, realmId), now);
    await this.vault.write(realmId, tokens);
    this.managers.delete(realmId);
    const companyName = await this.api(realmId).companyName();
    const previous = await readConnection(this.ctx.db);
    const record: ConnectionRecord = {
      realmId,
      companyName,
      environment: config.environment,
      connectedAt: now.toISOString(),
      state: 'connected',
      stateDetail: null,
      refreshExpiresAt: tokens.refreshExpiresAt,
    };
    await saveConnection(this.ctx.db, record, now);
    // The tokens are in this computer's keychain: on a shared database it now runs every sync (a takeover, if another did).
    await becomeSyncComputer(this.ctx.db, realmId, this.ctx.computer);
    const again = previous?.realmId === realmId && previous.state !== 'disconnected';
    await this.audit(
      again ? 'quickbooks.reconnect' : 'quickbooks.connect',
      `${again ? 'Reconnected' : 'Connected'} to QuickBooks company ${companyName ?? realmId}`,
      { realmId, environment: config.environment },
    );
    this.ctx.ports.window.focus();
    // The initial sync starts right after connecting (DESIGN rule 2); its result is logged, not awaited here.
    this.onConnected?.(realmId);
  }

  async disconnect(): Promise<QuickBooksStatus> {
    const connection = await readConnection(this.ctx.db);
    if (!connection || connection.state === 'disconnected') return this.status();
    const tokens = await this.vault.read(connection.realmId);
    let revoked = true;
    if (tokens && this.oauth) {
      try {
        await this.oauth.revoke(tokens.refreshToken);
      } catch {
        // Still forget the tokens here; the user can also remove the app in QuickBooks.
        revoked = false;
      }
    }
    await this.vault.remove(connection.realmId);
    this.managers.delete(connection.realmId);
    await updateConnectionState(
      this.ctx.db,
      connection.realmId,
      { state: 'disconnected', stateDetail: null },
      this.ctx.ports.clock.now(),
    );
    await this.audit(
      'quickbooks.disconnect',
      `Disconnected QuickBooks company ${connection.companyName ?? connection.realmId}; synced clients were kept${revoked ? '' : ' (Intuit could not be reached to revoke the token)'}`,
      { realmId: connection.realmId, revoked },
    );
    return this.publish();
  }

  async setCustomerSync(enabled: boolean): Promise<QuickBooksStatus> {
    await writeSettings(this.ctx.db, { customerSyncEnabled: String(enabled) });
    await this.audit(
      'quickbooks.customer_sync',
      `Customer Sync turned ${enabled ? 'on' : 'off'}`,
      {},
    );
    return this.publish();
  }

  /** The Accounting API for the connected company; refuses when there is none. */
  async connectedApi(): Promise<QuickBooksClient> {
    const connection = await readConnection(this.ctx.db);
    if (!connection || connection.state === 'disconnected') {
      throw new AppError(
        'not_connected',
        'QuickBooks is not connected. Connect it in Settings → Integrations.',
      );
    }
    if (connection.state === 'reconnect_required') {
      throw new AppError(
        'reconnect_required',
        'The QuickBooks connection has expired. Reconnect QuickBooks to continue.',
      );
    }
    if (this.seats()) {
      const holder = await readSyncComputerId(this.ctx.db);
      if (holder?.id && holder.id !== this.ctx.computer.id)
        throw new AppError(
          'not_connected',
          `Syncs run on ${holder.name ?? 'another computer'}: QuickBooks' keys are kept there. Connect QuickBooks here to make this the sync computer.`,
        );
    }
    return this.api(connection.realmId);
  }

  /**
   * On a shared database, a connection no computer holds the role for (made
   * before roles existed) goes to the one whose keychain has its tokens.
   */
  async adoptUnclaimedSyncRole(): Promise<void> {
    if (!this.seats()) return;
    const holder = await readSyncComputerId(this.ctx.db);
    if (!holder || holder.id || !(await this.vault.read(holder.realmId))) return;
    if (
      await becomeSyncComputer(this.ctx.db, holder.realmId, this.ctx.computer, {
        onlyIfUnclaimed: true,
      })
    )
      await this.publish();
  }

  /**
   * On a shared database, once another computer connected QuickBooks (a
   * takeover), this one forgets its own token entry. No revoke: that could end
   * the new computer's grant, which Intuit may tie to the same app.
   */
  async dropTokensIfReplaced(): Promise<void> {
    if (!this.seats()) return;
    const holder = await readSyncComputerId(this.ctx.db);
    if (!holder?.id || holder.id === this.ctx.computer.id) return;
    if (!(await this.vault.read(holder.realmId))) return;
    await this.vault.remove(holder.realmId);
    this.managers.delete(holder.realmId);
    log.info(
      'quickbooks',
      `QuickBooks was connected on ${holder.name ?? 'another computer'}, now the sync computer; this computer's tokens were removed`,
    );
    await this.publish();
  }

  close(): void {
    this.pending?.close();
  }

  private api(realmId: string): QuickBooksClient {
    if (!this.config || !this.oauth)
      throw new AppError('not_connected', 'QuickBooks app keys are not set up.');
    return new QuickBooksClient(
      this.config.endpoints.api,
      realmId,
      this.tokenManager(realmId, this.oauth),
    );
  }

  private tokenManager(realmId: string, oauth: OAuthExchanges): TokenManager {
    let manager = this.managers.get(realmId);
    if (!manager) {
      manager = new TokenManager(realmId, this.vault, oauth, this.ctx.ports.clock, {
        onReconnectRequired: (realm, detail) => this.requireReconnect(realm, detail),
        onRefreshed: (realm, tokens) => {
          // Only the "reconnect soon" warning reads this; the tokens are already safe in the keychain.
          updateConnectionState(
            this.ctx.db,
            realm,
            { refreshExpiresAt: tokens.refreshExpiresAt },
            this.ctx.ports.clock.now(),
          ).catch(() => undefined);
          this.warnIfEndingSoon(tokens.refreshExpiresAt);
        },
      });
      this.managers.set(realmId, manager);
    }
    return manager;
  }

  /**
   * Intuit's refresh tokens end (about 100 days, and a hard limit beyond that):
   * say so ahead of time, at most once a day, so nightly syncs never stop by surprise.
   */
  private warnIfEndingSoon(refreshExpiresAt: string): void {
    const now = this.ctx.ports.clock.now();
    const left = new Date(refreshExpiresAt).getTime() - now.getTime();
    const today = now.toISOString().slice(0, 10);
    if (left >= RECONNECT_WARNING_MS || this.lastEndingSoonWarning === today) return;
    this.lastEndingSoonWarning = today;
    const days = Math.max(1, Math.ceil(left / (24 * 60 * 60 * 1000)));
    this.ctx.ports.notifier.notify({
      title: 'Reconnect QuickBooks soon',
      body: `The QuickBooks connection ends in ${days} day${days === 1 ? '' : 's'}. Open Settings → Integrations and click "Reconnect QuickBooks" to keep nightly syncs running.`,
      action: 'reconnect',
    });
  }

  private async requireReconnect(realmId: string, detail: string): Promise<void> {
    const connection = await readConnection(this.ctx.db);
    if (!connection || connection.realmId !== realmId || connection.state !== 'connected') return;
    await updateConnectionState(
      this.ctx.db,
      realmId,
      {
        state: 'reconnect_required',
        stateDetail:
          'QuickBooks no longer accepts this connection. Reconnect QuickBooks to continue syncing; your clients and history are kept.',
      },
      this.ctx.ports.clock.now(),
    );
    await this.audit(
      'quickbooks.refresh_failed',
      'QuickBooks refused to renew the connection; a reconnect is needed',
      { realmId, detail },
    );
    this.ctx.ports.notifier.notify({
      title: 'Reconnect QuickBooks',
      body: 'QuickBooks no longer accepts the connection. Open Settings → Integrations and click "Reconnect QuickBooks".',
      action: 'reconnect',
    });
    await this.publish();
  }

  private async audit(
    action: string,
    summary: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    // Every connection outcome is audited here, so this one line puts them all in the log file too.
    const failed = action.endsWith('_failed');
    log[failed ? 'warn' : 'info'](
      'quickbooks',
      `${action}: ${summary}${detail.detail ? ` (${String(detail.detail)})` : ''}`,
    );
    await recordActivity(this.ctx.db, this.ctx.ports.clock.now(), {
      actor: await this.ctx.actor(),
      action,
      summary,
      detail,
    });
  }

  private async publish(): Promise<QuickBooksStatus> {
    const status = await this.status();
    this.ctx.events.emit('quickbooks.changed', status);
    this.ctx.events.emit('data.changed', { tables: ['connection', 'activity'] });
    return status;
  }
}
