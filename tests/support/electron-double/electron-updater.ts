/*
 * TEST DOUBLE of `electron-updater` for tests/electron-wiring: records the feed
 * the host sets and each check, and never goes to the network.
 */
export const autoUpdater = {
  feed: null as { provider: string; url: string } | null,
  checks: 0,
  autoDownload: false,
  logger: null as unknown,
  setFeedURL(options: { provider: string; url: string }): void {
    autoUpdater.feed = options;
  },
  async checkForUpdatesAndNotify(): Promise<null> {
    autoUpdater.checks += 1;
    return null;
  },
};

export default { autoUpdater };
