import { app, type BrowserWindow } from 'electron';
import type { Core } from '../../core';
import { claimTrayExplanation, readDesktopSettings } from '../../settings/desktop-settings';
import { readSetting, writeSettings } from '../../settings/settings-repository';

/** The argument a login-item launch starts with: open in the tray, without a window. */
export const IN_TRAY_ARG = '--in-tray';

/** True when this launch should stay in the tray: started at login. */
export function startedInTray(): boolean {
  return process.argv.includes(IN_TRAY_ARG) || app.getLoginItemSettings().wasOpenedAtLogin;
}

/**
 * Closing the window hides it while "Keep running in the tray" is on (the
 * default) so the nightly sync still runs; the first time, a notification says
 * where the app went. Quit from the tray (or the app menu) really quits.
 */
export function keepRunningInTrayOnClose(
  window: BrowserWindow,
  core: Core,
  isQuitting: () => boolean,
): { closeCancelled(): void } {
  let allowClose = false;
  window.on('close', (event) => {
    if (allowClose || isQuitting()) return;
    event.preventDefault();
    void readDesktopSettings(core.db)
      .then(async (settings) => {
        if (window.isDestroyed()) return;
        if (!settings.keepRunningInTray) {
          allowClose = true;
          window.close();
          return;
        }
        window.hide();
        if (await claimTrayExplanation(core.db)) {
          core.context.ports.notifier.notify({
            title: 'EquineOps is still running',
            body: 'It stays in the tray so the nightly QuickBooks sync runs at 2:00 AM. Choose Quit from the tray icon to close it, or turn this off in Settings.',
          });
        }
      })
      // Settings unreadable (the database is closing): the next close click tries again.
      .catch(() => undefined);
  });
  return {
    // "Discard changes?" → Stay held the window: the next close asks the setting again.
    closeCancelled: () => (allowClose = false),
  };
}

/**
 * The Windows installer's finish page can register the login item before the
 * app has ever run (resources/installer.nsh). The first start takes that as
 * the setting, instead of undoing it with the default "off".
 */
async function adoptInstallerChoice(core: Core): Promise<void> {
  if ((await readSetting(core.db, LAUNCH_AT_LOGIN_KEY)) !== undefined) return;
  if (!app.getLoginItemSettings({ args: [IN_TRAY_ARG] }).openAtLogin) return;
  await writeSettings(core.db, { [LAUNCH_AT_LOGIN_KEY]: 'true' });
}

/** settings/desktop-settings.ts's key for "Launch at login". */
const LAUNCH_AT_LOGIN_KEY = 'desktop.launchAtLogin';

/** Applies "Launch at login" now and whenever the setting changes. */
export function followLaunchAtLogin(core: Core): () => void {
  const apply = async () => {
    // Only packaged builds register: a dev build would add Electron itself to the login items.
    if (!app.isPackaged) return;
    await adoptInstallerChoice(core);
    const { launchAtLogin } = await readDesktopSettings(core.db);
    app.setLoginItemSettings({ openAtLogin: launchAtLogin, args: [IN_TRAY_ARG] });
  };
  void apply().catch(() => undefined);
  return core.events.subscribe((event, payload) => {
    if (event === 'data.changed' && (payload as { tables: string[] }).tables.includes('settings')) {
      void apply().catch(() => undefined);
    }
  });
}
