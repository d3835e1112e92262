import type { HandlerGroup } from '../api/handlers';
import { getClient } from '../clients/clients-repository';
import { readPortal } from '../clients/portal-repository';
import type { CoreContext } from '../core-context';
import type { ClientDocuments } from './client-documents';
import { listDocuments } from './documents-repository';

export function documentsHandlers(ctx: CoreContext, documents: ClientDocuments): HandlerGroup {
  return {
    'documents.list': async ({ clientId }) => {
      await getClient(ctx.db, clientId);
      return {
        documents: await listDocuments(ctx.db, clientId),
        portalEnabled: (await readPortal(ctx.db, clientId, null)).enabled,
      };
    },
    'documents.add': ({ clientId, name, type, content }) =>
      documents.add({ clientId, name, type, content }),
    'documents.rename': ({ id, name }) => documents.rename(id, name),
    'documents.remove': ({ id }) => documents.remove(id),
    'documents.restore': ({ id }) => documents.restore(id),
    'documents.setVisibleInPortal': ({ id, visible }) => documents.setVisibleInPortal(id, visible),
    'documents.open': ({ id }) => documents.open(id),
  };
}
