import { clientHistory } from '../activity/client-history';
import type { HandlerGroup } from '../api/handlers';
import type { CoreContext } from '../core-context';
import { AppError } from '../errors';
import { listClients } from './client-list-query';
import { findContactMatches } from './contact-matches';
import { editConflict } from './edit-conflict';
import { applyContactPatch, changedContactFields, describeChangedFields } from './client-rules';
import { runClientWrite } from './client-write';
import {
  getClient,
  insertManualClient,
  readClientLastSave,
  setArchivedAt,
  updateContactFields,
} from './clients-repository';
import { listClientHorses } from './horses-repository';
import { listNotes, listRestorableNotes } from './notes-repository';
import { readPortal } from './portal-repository';
import { readPreferences, readPreferencesVersion } from './preferences-repository';

const PROFILE_ACTIVITY_LIMIT = 50;

/** The client list, the profile, and the client record itself: create, edit, archive, restore. */
export function clientRecordHandlers(ctx: CoreContext): HandlerGroup {
  return {
    'clients.list': (input) => listClients(ctx.db, input),

    'clients.get': async ({ id }) => {
      const client = await getClient(ctx.db, id);
      return {
        client,
        horses: await listClientHorses(ctx.db, id),
        notes: await listNotes(ctx.db, id),
        deletedNotes: await listRestorableNotes(ctx.db, id, ctx.ports.clock.now()),
        portal: await readPortal(ctx.db, id, client.email),
        preferences: await readPreferences(ctx.db, id),
        preferencesVersion: await readPreferencesVersion(ctx.db, id),
        activity: await clientHistory(ctx.db, client, PROFILE_ACTIVITY_LIMIT),
      };
    },

    'clients.contactMatches': (query) => findContactMatches(ctx.db, query),

    'clients.create': (fields) =>
      runClientWrite(ctx, ['clients'], async (w) => {
        const id = await insertManualClient(w.trx, fields, w);
        await w.record({
          action: 'client.create',
          summary: `Created custom client ${fields.displayName}`,
          clientId: id,
        });
        return getClient(w.trx, id);
      }),

    'clients.update': ({ id, fields, version }) =>
      runClientWrite(ctx, ['clients'], async (w) => {
        const client = await getClient(w.trx, id);
        const refused = async () =>
          editConflict(w.trx, 'client', (await readClientLastSave(w.trx, id)) ?? null, w.now);
        // Checked before anything else: the form's values were typed over an older client.
        if (version !== undefined && client.version !== version) throw await refused();
        const changed = changedContactFields(client, fields);
        const next = applyContactPatch(client, fields);
        if (changed.length === 0) return client;
        if (next.email === null && (await readPortal(w.trx, id, client.email)).enabled) {
          // The email is the portal login: removing it would leave a portal nobody can sign in to.
          throw new AppError(
            'validation',
            'Turn off portal access before removing the email address: it is how the client signs in to the portal.',
            { fields: { 'fields.email': 'needed for portal access' } },
          );
        }
        if (!(await updateContactFields(w.trx, id, next, w, version))) throw await refused();
        await w.record({
          action: 'client.update',
          summary: `${describeChangedFields(changed)} of ${next.displayName}`,
          clientId: id,
          detail: { fields: changed },
        });
        return getClient(w.trx, id);
      }),

    'clients.archive': ({ id }) =>
      runClientWrite(ctx, ['clients'], async (w) => {
        const client = await getClient(w.trx, id);
        if (client.archivedAt !== null) return client;
        await setArchivedAt(w.trx, id, w.now, w);
        await w.record({
          action: 'client.archive',
          summary: `Archived ${client.displayName}`,
          clientId: id,
        });
        return getClient(w.trx, id);
      }),

    'clients.restore': ({ id }) =>
      runClientWrite(ctx, ['clients'], async (w) => {
        const client = await getClient(w.trx, id);
        if (client.archivedAt === null) return client;
        // Restoring alone would leave its horses on the other client: the merge must be undone.
        if (client.mergedIntoId !== null) {
          throw new AppError(
            'conflict',
            `${client.displayName} was merged into another client. Use "Undo merge" on this page to bring it back with its horses and notes.`,
          );
        }
        await setArchivedAt(w.trx, id, null, w);
        await w.record({
          action: 'client.restore',
          summary: `Restored ${client.displayName}`,
          clientId: id,
        });
        return getClient(w.trx, id);
      }),
  };
}
