import type { OrganizationSettings } from '../../src-shared/contract';
import { recordActivity } from '../activity/activity-log';
import type { HandlerGroup } from '../api/handlers';
import type { CoreContext } from '../core-context';
import { storageKind } from '../db/dialect';
import {
  isSetUp,
  readOrganizationSettings,
  readSetting,
  saveStaffName,
  storedStaffName,
  writeSettings,
} from './settings-repository';

export function settingsHandlers(ctx: CoreContext): HandlerGroup {
  const computerId = ctx.computer.id;
  const read = () => readOrganizationSettings(ctx.db, computerId);
  return {
    'settings.get': read,
    'settings.setup.status': async () => {
      const setUp = await isSetUp(ctx.db);
      const staffName = await storedStaffName(ctx.db, computerId);
      // A computer joining a shared database finds the barn set up and only says who works at it.
      // On SQLite a file set up before names were asked kept signing with the OS account: it still does.
      const nameOnly = setUp && staffName === null && storageKind(ctx.db) === 'postgres';
      return {
        needed: !setUp || nameOnly,
        nameOnly,
        storedStaffName: staffName,
        storedTimeZone: (await readSetting(ctx.db, 'timeZone')) ?? null,
      };
    },
    'settings.setup.complete': async (settings) => {
      const { staffName, ...organization } = settings;
      await ctx.db.transaction().execute(async (trx) => {
        await writeSettings(trx, organization);
        await saveStaffName(trx, computerId, staffName);
        // Signed with the name just given: it is the first thing this person did here.
        await recordActivity(trx, ctx.ports.clock.now(), {
          actor: staffName,
          action: 'settings.setup',
          summary: `Set up ${organization.organizationName}`,
          detail: { timeZone: organization.timeZone },
        });
      });
      ctx.events.emit('data.changed', { tables: ['settings', 'activity'] });
      return read();
    },
    'settings.update': async (patch) => {
      // Compared with the name stored for this computer, not the OS account shown until one is:
      // naming a new computer after its account still saves the name (and ends the name-only setup).
      const storedName = await storedStaffName(ctx.db, computerId);
      const before = { ...(await read()), staffName: storedName };
      const changed = Object.fromEntries(
        Object.entries(patch).filter(
          ([k, v]) => v !== undefined && before[k as keyof OrganizationSettings] !== v,
        ),
      ) as Partial<OrganizationSettings>;
      if (Object.keys(changed).length > 0) {
        const { staffName, ...shared } = changed;
        // Read before the transaction: the one SQLite connection is busy inside it.
        // A computer named for the first time signs that with the name just given, as setup does.
        const actor = storedName === null && staffName ? staffName : await ctx.actor();
        await ctx.db.transaction().execute(async (trx) => {
          await writeSettings(trx, shared as Record<string, string>);
          // The name is this computer's: the people at other computers keep theirs.
          if (staffName !== undefined) await saveStaffName(trx, computerId, staffName);
          await recordActivity(trx, ctx.ports.clock.now(), {
            actor,
            action: 'settings.update',
            summary: `Changed ${Object.keys(changed).join(', ')}`,
            detail: changed,
          });
        });
        ctx.events.emit('data.changed', { tables: ['settings', 'activity'] });
      }
      return read();
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
