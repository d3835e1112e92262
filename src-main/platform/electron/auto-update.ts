import { readUpdateFeedUrl } from './update-feed';

/** The part of electron-updater's AppUpdater used here. */
export interface Updater {
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
  logger: unknown;
  autoDownload: boolean;
}

const SIX_HOURS = 6 * 60 * 60 * 1000;

/**
 * Checks the configured feed at start and every six hours, downloads in the
 * background and installs on the next quit (electron-updater's notify flow).
 * No feed configured: electron-updater is not even loaded. Returns the stop.
 */
export async function startAutoUpdate(options: {
  env: NodeJS.ProcessEnv;
  configFile: string;
  loadUpdater: () => Promise<Updater>;
  log: (message: string) => void;
}): Promise<() => void> {
  let url: string | null;
  try {
    url = readUpdateFeedUrl(options.env, options.configFile);
  } catch (error) {
    options.log(error instanceof Error ? error.message : String(error));
    return () => undefined;
  }
  if (!url) return () => undefined;
  const updater = await options.loadUpdater();
  updater.setFeedURL({ provider: 'generic', url });
  // Its own lines (found, downloading, ready) go through the console into the redacted log file.
  updater.logger = console;
  updater.autoDownload = true;
  const check = () =>
    void updater
      .checkForUpdatesAndNotify()
      .catch((error: unknown) =>
        options.log(
          `Update check failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  check();
  const timer = setInterval(check, SIX_HOURS);
  timer.unref();
  return () => clearInterval(timer);
}

/** electron-updater, loaded only when a feed is configured (it is external to the bundle). */
export async function loadElectronUpdater(): Promise<Updater> {
  const module = (await import('electron-updater')) as unknown as {
    autoUpdater?: Updater;
    default?: { autoUpdater: Updater };
  };
  const updater = module.autoUpdater ?? module.default?.autoUpdater;
  if (!updater) throw new Error('electron-updater did not load');
  return updater;
}
