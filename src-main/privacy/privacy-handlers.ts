import { filePaths, type PrivacySettings } from '../../src-shared/contract';
import type { HandlerGroup } from '../api/handlers';
import type { BackupFileName } from '../backup/backup-names';
import { emitTablesChanged } from '../clients/client-write';
import { getClient } from '../clients/clients-repository';
import type { CoreContext } from '../core-context';
import { withoutPaths, type ClientDocuments } from '../documents/client-documents';
import { readOrganizationSettings } from '../settings/settings-repository';
import {
  listAccess,
  readAccessRetentionDays,
  recordAccess,
  saveAccessRetentionDays,
} from './access-log';
import { eraseClient } from './client-erasure';
import { buildClientExport } from './client-export';
import { erasureNotices } from './erasure-notices';

export interface PrivacyDeps {
  documents: ClientDocuments;
  /** The backups in the folder now, for "which backups still hold an erased client". */
  backupFiles(): BackupFileName[];
}

/**
 * The access log, a client's data export (right of access) and erasure (right
 * to erasure), and their settings.
 */
export function privacyHandlers(ctx: CoreContext, deps: PrivacyDeps): HandlerGroup {
  const settings = async (): Promise<PrivacySettings> => ({
    accessRetentionDays: await readAccessRetentionDays(ctx.db),
    erasures: await erasureNotices(ctx.db, deps.backupFiles()),
  });
  return {
    'access.list': async ({ clientId }) => {
      await getClient(ctx.db, clientId);
      return listAccess(ctx.db, clientId);
    },
    'access.profileOpened': async ({ clientId }) => {
      const client = await getClient(ctx.db, clientId);
      await recordAccess(ctx.db, ctx.ports.clock.now(), {
        actor: await ctx.actor(),
        action: 'profile.open',
        clientId,
        summary: `Opened the profile of ${client.displayName}`,
      });
      emitTablesChanged(ctx, []);
      return { ok: true };
    },
    'privacy.export': async ({ clientId }) => {
      await getClient(ctx.db, clientId);
      const files = ctx.ports.files;
      if (!files) return { kind: 'download', url: filePaths.clientExport(clientId) };
      const zip = await exportClient(ctx, deps.documents, clientId);
      const path = await withoutPaths(
        'The data export could not be saved there',
        'choose another folder (one you can write to, with free space) and try again.',
        () => files.saveAs(zip.fileName, zip.bytes),
      );
      if (path === null) return { kind: 'cancelled' };
      await zip.recordExport();
      return { kind: 'saved', path };
    },
    'privacy.erase': ({ clientId, confirmName }) =>
      eraseClient(ctx, deps.documents, clientId, confirmName),
    'privacy.settings': () => settings(),
    'privacy.updateSettings': async ({ accessRetentionDays }) => {
      await saveAccessRetentionDays(ctx.db, accessRetentionDays);
      emitTablesChanged(ctx, ['settings']);
      return settings();
    },
  };
}

/** Builds the zip; `recordExport` writes the access entry once it reached staff. */
export async function exportClient(ctx: CoreContext, documents: ClientDocuments, clientId: number) {
  const now = ctx.ports.clock.now();
  const { organizationName, timeZone } = await readOrganizationSettings(ctx.db);
  const zip = await buildClientExport(ctx.db, documents.blobs, clientId, now, {
    organizationName,
    timeZone,
  });
  return {
    ...zip,
    recordExport: async () => {
      await recordAccess(ctx.db, ctx.ports.clock.now(), {
        actor: await ctx.actor(),
        action: 'client.export',
        clientId,
        summary: `Exported the data of ${zip.data.client.displayName}`,
      });
      emitTablesChanged(ctx, []);
    },
  };
}
