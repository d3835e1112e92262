import type { OrganizationSettings } from '../../src-shared/contract';
import { recordActivity } from '../activity/activity-log';
import type { HandlerGroup } from '../api/handlers';
import type { CoreContext } from '../core-context';
import {
  isSetUp,
  readOrganizationSettings,
  readSetting,
  writeSettings,
} from './settings-repository';

export function settingsHandlers(ctx: CoreContext): HandlerGroup {
  return {
    'settings.get': () => readOrganizationSettings(ctx.db),
    'settings.setup.status': async () => ({
      needed: !(await isSetUp(ctx.db)),
      storedStaffName: (await readSetting(ctx.db, 'staffName')) ?? null,
      storedTimeZone: (await readSetting(ctx.db, 'timeZone')) ?? null,
    }),
    'settings.setup.complete': async (settings) => {
      const values = { ...settings };
      await ctx.db.transaction().execute(async (trx) => {
        await writeSettings(trx, values);
        // Signed with the name just given: it is the first thing this person did here.
        await recordActivity(trx, ctx.ports.clock.now(), {
          actor: values.staffName,
          action: 'settings.setup',
          summary: `Set up ${values.organizationName}`,
          detail: { timeZone: values.timeZone },
        });
      });
      ctx.events.emit('data.changed', { tables: ['settings', 'activity'] });
      return readOrganizationSettings(ctx.db);
    },
    'settings.update': async (patch) => {
      const before = await readOrganizationSettings(ctx.db);
      const changed = Object.fromEntries(
        Object.entries(patch).filter(
          ([k, v]) => v !== undefined && before[k as keyof OrganizationSettings] !== v,
        ),
      ) as Record<string, string>;
      if (Object.keys(changed).length > 0) {
        // Read before the transaction: the one SQLite connection is busy inside it.
        const actor = await ctx.actor();
        await ctx.db.transaction().execute(async (trx) => {
          await writeSettings(trx, changed);
          await recordActivity(trx, ctx.ports.clock.now(), {
            actor,
            action: 'settings.update',
            summary: `Changed ${Object.keys(changed).join(', ')}`,
            detail: changed,
          });
        });
        ctx.events.emit('data.changed', { tables: ['settings', 'activity'] });
      }
      return readOrganizationSettings(ctx.db);
    },
    'app.info': () => ({
      host: ctx.host,
      version: ctx.version,
      dataFile: ctx.dataFile,
    }),
    'app.openExternal': async ({ url }) => {
      await ctx.openExternalUrl(url);
      return { ok: true as const };
    },
  };
}
