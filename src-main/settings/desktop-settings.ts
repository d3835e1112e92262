import type { DesktopSettings } from '../../src-shared/contract';
import { recordActivity } from '../activity/activity-log';
import type { HandlerGroup } from '../api/handlers';
import type { CoreContext } from '../core-context';
import type { Db } from '../db/open-database';
import { readSetting, writeSettings } from './settings-repository';

/*
 * The Electron host's own behaviour on this computer: stay in the tray when
 * the window closes (on by default, so the nightly sync keeps running) and
 * start at login (off by default). Stored beside the other settings; the
 * Electron host reads them (src-main/index.ts), the browser host ignores them.
 */

const KEYS = {
  keepRunningInTray: 'desktop.keepRunningInTray',
  launchAtLogin: 'desktop.launchAtLogin',
} as const;
const TRAY_EXPLAINED = 'desktop.trayExplained';

export async function readDesktopSettings(db: Db): Promise<DesktopSettings> {
  return {
    keepRunningInTray: (await readSetting(db, KEYS.keepRunningInTray)) !== 'false',
    launchAtLogin: (await readSetting(db, KEYS.launchAtLogin)) === 'true',
  };
}

/** True the first time only: the tray is explained once, when the window first closes into it. */
export async function claimTrayExplanation(db: Db): Promise<boolean> {
  if ((await readSetting(db, TRAY_EXPLAINED)) === 'true') return false;
  await writeSettings(db, { [TRAY_EXPLAINED]: 'true' });
  return true;
}

export function desktopSettingsHandlers(ctx: CoreContext): HandlerGroup {
  return {
    'settings.desktop.get': () => readDesktopSettings(ctx.db),
    'settings.desktop.update': async (patch) => {
      const before = await readDesktopSettings(ctx.db);
      const changed = Object.fromEntries(
        (Object.keys(KEYS) as (keyof DesktopSettings)[])
          .filter((key) => patch[key] !== undefined && patch[key] !== before[key])
          .map((key) => [KEYS[key], String(patch[key])]),
      );
      if (Object.keys(changed).length > 0) {
        const actor = await ctx.actor();
        await writeSettings(ctx.db, changed);
        await recordActivity(ctx.db, ctx.ports.clock.now(), {
          actor,
          action: 'settings.update',
          summary: `Changed ${Object.keys(changed).join(', ')}`,
          detail: changed,
        });
        ctx.events.emit('data.changed', { tables: ['settings', 'activity'] });
      }
      return readDesktopSettings(ctx.db);
    },
  };
}
