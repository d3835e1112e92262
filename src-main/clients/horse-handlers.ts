import type { HandlerGroup } from '../api/handlers';
import type { CoreContext } from '../core-context';
import { runClientWrite } from './client-write';
import { getClient } from './clients-repository';
import {
  deleteHorseLink,
  findHorseLink,
  getHorse,
  insertHorse,
  listClientHorses,
  listHorses,
  saveHorseLink,
} from './horses-repository';

/** Horses and their links to clients: local data, editable on every client (QuickBooks, manual, archived). */
export function horseHandlers(ctx: CoreContext): HandlerGroup {
  return {
    'horses.list': ({ search }) => listHorses(ctx.db, search),

    'horses.create': (input) =>
      runClientWrite(ctx, ['horses'], async (w) => {
        const horse = await insertHorse(w.trx, input, w.now);
        await w.record({
          action: 'horse.create',
          summary: `Added horse ${horse.name}`,
          detail: { horseId: horse.id },
        });
        return horse;
      }),

    'horses.link': ({ clientId, horseId, role }) =>
      runClientWrite(ctx, ['horses', 'clients'], async (w) => {
        const client = await getClient(w.trx, clientId);
        const horse = await getHorse(w.trx, horseId);
        const existing = await findHorseLink(w.trx, clientId, horseId);
        // Linking again is harmless: no second link, no second audit entry.
        if (existing?.role !== role) {
          await saveHorseLink(w.trx, clientId, horseId, role, w.now);
          await w.record({
            action: 'horse.link',
            summary: existing
              ? `Changed ${horse.name}'s role with ${client.displayName} to ${role}`
              : `Linked ${horse.name} to ${client.displayName} as ${role}`,
            clientId,
            detail: { horseId, role },
          });
        }
        return listClientHorses(w.trx, clientId);
      }),

    'horses.unlink': ({ clientId, horseId }) =>
      runClientWrite(ctx, ['horses', 'clients'], async (w) => {
        const client = await getClient(w.trx, clientId);
        const horse = await getHorse(w.trx, horseId);
        if (await findHorseLink(w.trx, clientId, horseId)) {
          await deleteHorseLink(w.trx, clientId, horseId);
          await w.record({
            action: 'horse.unlink',
            summary: `Unlinked ${horse.name} from ${client.displayName}`,
            clientId,
            detail: { horseId },
          });
        }
        return listClientHorses(w.trx, clientId);
      }),
  };
}
