import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-client-search';
import * as m0003 from './0003-sync-runs';
import * as m0004 from './0004-import-batches';
import * as m0005 from './0005-duplicates';
import * as m0006 from './0006-note-undo';
import * as m0007 from './0007-deferred-indexes';
import * as m0008 from './0008-client-other-emails';
import * as m0010 from './0010-client-history';
import * as m0011 from './0011-client-documents';
import * as m0012 from './0012-row-versions-and-computers';
import * as m0013 from './0013-sync-computer';
import * as m0014 from './0014-postgres-search-extras';
import * as m0015 from './0015-document-blobs';
import * as m0016 from './0016-postgres-list-indexes';

/**
 * Migrations are imported, not read from disk, so they ship inside the bundle.
 * Names sort in the order they run.
 */
export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-client-search': m0002,
  '0003-sync-runs': m0003,
  '0004-import-batches': m0004,
  '0005-duplicates': m0005,
  '0006-note-undo': m0006,
  '0007-deferred-indexes': m0007,
  '0008-client-other-emails': m0008,
  '0010-client-history': m0010,
  '0011-client-documents': m0011,
  '0012-row-versions-and-computers': m0012,
  '0013-sync-computer': m0013,
  '0014-postgres-search-extras': m0014,
  '0015-document-blobs': m0015,
  '0016-postgres-list-indexes': m0016,
};
