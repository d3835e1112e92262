import { NOTE_UNDO_DAYS, type ClientPreferences } from '../../src-shared/contract';
import type { HandlerGroup } from '../api/handlers';
import type { CoreContext } from '../core-context';
import { AppError } from '../errors';
import { runClientWrite } from './client-write';
import { editConflict } from './edit-conflict';
import { getClient } from './clients-repository';
import {
  findRestorableNote,
  getNote,
  insertNote,
  markNoteDeleted,
  purgeDeletedNotes,
  unmarkNoteDeleted,
} from './notes-repository';
import { readPortal, savePortal } from './portal-repository';
import {
  readPreferences,
  readPreferencesLastSave,
  readPreferencesVersion,
  savePreferences,
} from './preferences-repository';

/**
 * Staff notes, portal access and preferences: EquineOps-only data, editable
 * for QuickBooks and manual clients alike (the read-only rule covers contact
 * details only).
 */
export function localDataHandlers(ctx: CoreContext): HandlerGroup {
  return {
    'notes.add': ({ clientId, body }) =>
      runClientWrite(ctx, ['notes'], async (w) => {
        const client = await getClient(w.trx, clientId);
        const note = await insertNote(w.trx, { clientId, author: w.actor, body }, w.now);
        await w.record({
          action: 'note.add',
          summary: `Added a note to ${client.displayName}`,
          clientId,
          detail: { noteId: note.id },
        });
        return note;
      }),

    'notes.delete': ({ id }) =>
      runClientWrite(ctx, ['notes'], async (w) => {
        const note = await getNote(w.trx, id);
        const client = await getClient(w.trx, note.clientId);
        const deleted = await markNoteDeleted(w.trx, id, w.actor, w.now);
        // Each delete also clears notes whose undo window has passed, so none outstay it.
        await purgeDeletedNotes(w.trx, w.now);
        await w.record({
          action: 'note.delete',
          summary: `${w.actor} deleted a note by ${note.author} from ${client.displayName}`,
          clientId: note.clientId,
          detail: { noteId: id, restorableUntil: deleted.restorableUntil },
        });
        return deleted;
      }),

    'notes.restore': ({ id }) =>
      runClientWrite(ctx, ['notes'], async (w) => {
        const deleted = await findRestorableNote(w.trx, id, w.now);
        if (!deleted) {
          // Undo clicked twice: the note is back already, nothing more to do.
          const live = await getNote(w.trx, id).catch(() => null);
          if (live) return live;
          throw new AppError(
            'not_found',
            `This note can no longer be brought back: deleted notes are kept for ${NOTE_UNDO_DAYS} days.`,
          );
        }
        const client = await getClient(w.trx, deleted.clientId);
        const note = await unmarkNoteDeleted(w.trx, id);
        await w.record({
          action: 'note.restore',
          summary: `${w.actor} restored a note by ${note.author} to ${client.displayName}`,
          clientId: note.clientId,
          detail: { noteId: id, deletedBy: deleted.deletedBy },
        });
        return note;
      }),

    'portal.update': ({ clientId, enabled, canViewHorses }) =>
      runClientWrite(ctx, ['portal'], async (w) => {
        const client = await getClient(w.trx, clientId);
        if (enabled && !client.email) {
          throw new AppError(
            'validation',
            'Add an email address before turning on portal access. QuickBooks clients get their email from QuickBooks.',
            { fields: { enabled: 'needs an email address' } },
          );
        }
        const before = await readPortal(w.trx, clientId, client.email);
        await savePortal(w.trx, clientId, { enabled, canViewHorses }, w.now);
        const changes = [
          before.enabled !== enabled
            ? enabled
              ? 'turned on portal access'
              : 'turned off portal access'
            : null,
          before.canViewHorses !== canViewHorses
            ? `horses ${canViewHorses ? 'shown' : 'hidden'}`
            : null,
        ].filter((c): c is string => c !== null);
        await w.record({
          action: 'portal.update',
          summary: `Portal for ${client.displayName}: ${changes.length > 0 ? changes.join(', ') : 'saved unchanged'}`,
          clientId,
          detail: { enabled, canViewHorses },
        });
        return readPortal(w.trx, clientId, client.email);
      }),

    'preferences.update': ({ clientId, preferences, version }) =>
      runClientWrite(ctx, ['preferences'], async (w) => {
        const client = await getClient(w.trx, clientId);
        const refused = async () =>
          editConflict(w.trx, 'preferences', await readPreferencesLastSave(w.trx, clientId), w.now);
        // Checked first: the form's values were chosen over preferences someone has since changed.
        if (version !== undefined && (await readPreferencesVersion(w.trx, clientId)) !== version)
          throw await refused();
        const before = await readPreferences(w.trx, clientId);
        const changed = (Object.keys(preferences) as (keyof ClientPreferences)[]).filter(
          (key) => before[key] !== preferences[key],
        );
        if (changed.length > 0) {
          if (!(await savePreferences(w.trx, clientId, preferences, w, version)))
            throw await refused();
          await w.record({
            action: 'preferences.update',
            summary: `Changed ${changed.map((k) => k.replace(/([A-Z])/g, ' $1').toLowerCase()).join(', ')} for ${client.displayName}`,
            clientId,
            detail: { fields: changed },
          });
        }
        return {
          ...(await readPreferences(w.trx, clientId)),
          version: await readPreferencesVersion(w.trx, clientId),
        };
      }),
  };
}
